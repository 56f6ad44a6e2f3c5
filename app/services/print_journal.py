"""The print journal's use cases: queue what is due, print on request, reprint with a reason.

Each request is one local transaction; a ticket is queued by inserting its journal row,
keyed by (order, revision, station, kind, copy), so clicks, retries and feed deliveries
never queue the same ticket twice. The print runner prints what is queued. A reprint is a
matrix action: checked first, and recorded in the audit trail with the copy it queued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.vocabulary import OrderStatus
from app.printing.print_setup import COUNTER_STATION, PrintSetup
from app.printing.tickets import Ticket, TicketKind
from app.read_models import SignedInStaff
from app.services import input_checks, permission_gate
from app.services.input_checks import InputField
from app.services.print_settings import PrintSettings
from app.services.print_tickets import content_digest, kitchen_ticket, receipt, route, void_of
from local_db import order_repository
from local_db import print_journal_repository as journal
from local_db.database import Database
from local_db.order_repository import OrderSnapshot
from local_db.print_journal_repository import JournalRow, TicketKey

KITCHEN_DUE = frozenset(
    {
        OrderStatus.ACCEPTED,
        OrderStatus.PREPARING,
        OrderStatus.READY,
        OrderStatus.SHORTAGE_PENDING,
        OrderStatus.CANCEL_REQUESTED,
        OrderStatus.REFUND_REQUESTED,
    }
)
"""Statuses of an accepted order whose food is (still) to be made."""

VOID_WINDOW = timedelta(hours=24)
"""Cancellations are matched against kitchen tickets queued this recently."""


class PrintRefused(Exception):
    """A print request that cannot be done; `code` is stable (the screens say it in words).

    Codes: not_printing (no printer set up here), unknown_order, not_accepted (no kitchen
    ticket before acceptance), no_printer (no printer for that ticket), reason_required,
    unknown_ticket, not_permitted (the person may not reprint; nothing was queued), and a
    reprint reason the trail would not take (input_checks: reason_too_long,
    reason_control_character, reason_broken_character, reason_wrong_type).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketView:
    """One journal entry as the screens show it."""

    ticket_id: int
    order_id: str
    daily_serial: int
    channel: str
    channel_order_no: str
    kind: TicketKind
    station_name: str
    revision: int
    copy: int
    reason: str
    state: str
    attempts: int
    target_printer: str
    printed_by: str
    created_at: datetime
    printed_at: datetime | None
    last_error: str

    @property
    def is_reprint(self) -> bool:
        """A reprint (copy 1, 2...) rather than the original ticket."""
        return self.copy > 0


@dataclass(frozen=True, slots=True)
class PrintRequest:
    """What a print request did: tickets newly queued, and those already in the journal."""

    queued: tuple[TicketView, ...]
    existing: tuple[TicketView, ...]


class PrintJournal:
    """Queues tickets and reads the journal; never talks to a printer."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: PrintSettings,
        *,
        on_queued: Callable[[], None] = lambda: None,
        local_zone: tzinfo | None = None,
    ) -> None:
        """`on_queued` runs after tickets were queued (the runner is woken by it)."""
        self._db = db
        self._clock = clock
        self._settings = settings
        self._on_queued = on_queued
        self._local_zone = local_zone

    @property
    def settings(self) -> PrintSettings:
        """Where the printing setup is kept."""
        return self._settings

    def reconcile(self) -> int:
        """Queue every ticket due by itself: kitchen tickets of accepted orders (and of their
        changed contents), VOIDs of cancelled ones. Returns how many were queued.

        Idempotent: run it after each feed page, each local action, or on a timer.
        """
        setup = self._settings.setup()
        since = self._settings.enabled_since()
        if not setup.is_printing or since is None:
            return 0
        queued = 0
        with self._db.write() as session:
            now = self._clock()
            if setup.auto_kitchen:
                statuses = [status.value for status in KITCHEN_DUE]
                for order_id in journal.orders_to_check(session, statuses, since):
                    order = order_repository.get_order(session, order_id)
                    if order is not None:
                        queued += len(self._queue_kitchen(session, order, setup, now, ""))
            for order_id in journal.cancelled_with_kitchen_tickets(
                session,
                kitchen_kind=TicketKind.KITCHEN,
                void_kind=TicketKind.VOID,
                cancelled=OrderStatus.CANCELLED,
                since=now - VOID_WINDOW,
            ):
                queued += self._queue_voids(session, order_id, now)
        if queued:
            self._on_queued()
        return queued

    def print_kitchen(self, staff_id: str, order_id: str) -> PrintRequest:
        """Queue the kitchen tickets of the order's current content, unless already queued."""
        setup = self._printing_setup()
        with self._db.write() as session:
            order = self._order(session, order_id)
            if OrderStatus(order.status) not in KITCHEN_DUE:
                raise PrintRefused("not_accepted")
            if not route(order, setup):
                raise PrintRefused("no_printer")
            ids = self._queue_kitchen(session, order, setup, self._clock(), staff_id)
            revision = journal.latest_revision(session, order_id)
            result = self._request(
                session, ids, order_id, TicketKind.KITCHEN, revision[0] if revision else 1
            )
        if result.queued:
            self._on_queued()
        return result

    def print_receipt(self, staff_id: str, order_id: str) -> PrintRequest:
        """Queue the customer's receipt of the order's current content, unless already queued."""
        setup = self._printing_setup()
        if not setup.counter_printer_id:
            raise PrintRefused("no_printer")
        with self._db.write() as session:
            order = self._order(session, order_id)
            now = self._clock()
            revision = journal.record_revision(
                session, order_id, content_digest(order), order_version=order.version, now=now
            )
            ticket_id = journal.insert_ticket(
                session,
                TicketKey(order_id, revision, COUNTER_STATION, TicketKind.RECEIPT),
                document=receipt(order, revision).to_json(),
                target_printer=setup.counter_printer_id,
                now=now,
                requested_by=staff_id,
            )
            result = self._request(
                session, [] if ticket_id is None else [ticket_id], order_id, "receipt", revision
            )
        if result.queued:
            self._on_queued()
        return result

    def reprint(self, actor: SignedInStaff, ticket_id: int, reason: str) -> PrintRequest:
        """Queue a copy of a ticket marked REPRINT with `reason` (required), audited.

        While an earlier reprint of the same ticket still waits, that one is the answer:
        a second click does not print a third copy (and records nothing).
        """
        with input_checks.refusing(PrintRefused):
            reason = input_checks.text(reason, InputField.REASON)
        if not reason:
            raise PrintRefused("reason_required")
        if type(ticket_id) is not int:
            raise PrintRefused("unknown_ticket")
        if not permission_gate.allows(actor, Permission.REPRINT):
            permission_gate.refuse(
                self._db,
                self._clock,
                actor,
                Permission.REPRINT,
                subject=str(ticket_id),
                detail={"reason": reason},
            )
            raise PrintRefused("not_permitted")
        staff_id = actor.staff_id
        setup = self._printing_setup()
        with self._db.write() as session:
            original = journal.get(session, ticket_id)
            if original is None:
                raise PrintRefused("unknown_ticket")
            copies = journal.copies_of(session, original.key)
            waiting = [
                c
                for c in copies
                if c.key.copy > 0 and c.state in (*journal.WAITING_STATES, "printing")
            ]
            if waiting:
                return PrintRequest((), tuple(self._view(row) for row in waiting))
            document = Ticket.from_json(copies[0].document)
            document = _with_reprint_reason(document, reason)
            target = self._current_printer(setup, original)
            key = TicketKey(
                original.key.order_id,
                original.key.revision,
                original.key.station,
                original.key.kind,
                max(c.key.copy for c in copies) + 1,
            )
            new_id = journal.insert_ticket(
                session,
                key,
                document=document.to_json(),
                target_printer=target,
                now=self._clock(),
                reason=reason,
                requested_by=staff_id,
            )
            row = journal.get(session, new_id) if new_id is not None else None
            permission_gate.record_done(
                session,
                self._clock,
                actor,
                Permission.REPRINT,
                subject=original.key.order_id,
                detail={"ticket_id": ticket_id, "kind": str(original.key.kind), "reason": reason},
            )
        self._on_queued()
        return PrintRequest(() if row is None else (self._view(row),), ())

    def entries(
        self,
        *,
        day: date | None = None,
        order_text: str = "",
        states: tuple[str, ...] = (),
        limit: int = 500,
    ) -> list[TicketView]:
        """Journal entries newest first: of one local day, matching an order, in some states.

        `order_text` matches the daily serial ("23" or "#23"), the channel order number or
        the order id.
        """
        start = end = None
        if day is not None:
            zone = self._local_zone or datetime.now().astimezone().tzinfo
            start = datetime.combine(day, time(0), zone)
            end = start + timedelta(days=1)
        with self._db.read() as session:
            rows = journal.list_tickets(
                session, created_from=start, created_before=end, states=states, limit=limit
            )
        views = [self._view(row) for row in rows]
        wanted = order_text.strip().lstrip("#").lower()
        if not wanted:
            return views
        return [
            view
            for view in views
            if wanted in (str(view.daily_serial), view.order_id.lower())
            or wanted in view.channel_order_no.lower()
        ]

    def order_tickets(self, order_id: str) -> list[TicketView]:
        """Every ticket of one order, oldest first."""
        with self._db.read() as session:
            rows = journal.tickets_of_order(session, order_id)
        return [self._view(row) for row in rows]

    def waiting_count(self) -> int:
        """Tickets not printed yet (queued, printing or waiting for a printer)."""
        with self._db.read() as session:
            return journal.waiting_count(session)

    def _printing_setup(self) -> PrintSetup:
        setup = self._settings.setup()
        if not setup.printers:
            raise PrintRefused("not_printing")
        return setup

    def _order(self, session: Session, order_id: str) -> OrderSnapshot:
        if input_checks.identifier(order_id) is None:
            raise PrintRefused("unknown_order")
        order = order_repository.get_order(session, order_id)
        if order is None:
            raise PrintRefused("unknown_order")
        return order

    def _queue_kitchen(
        self, session: Session, order: OrderSnapshot, setup: PrintSetup, now: datetime, staff: str
    ) -> list[int]:
        revision = journal.record_revision(
            session, order.order_id, content_digest(order), order_version=order.version, now=now
        )
        if revision > 1:
            # Not printed yet and already out of date: the new revision replaces them.
            journal.withdraw_waiting(
                session, order.order_id, TicketKind.KITCHEN, below_revision=revision
            )
        ids: list[int] = []
        for routed in route(order, setup):
            ticket_id = journal.insert_ticket(
                session,
                TicketKey(order.order_id, revision, routed.station_id, TicketKind.KITCHEN),
                document=kitchen_ticket(order, routed, revision).to_json(),
                target_printer=routed.printer_id,
                now=now,
                requested_by=staff,
            )
            if ticket_id is not None:
                ids.append(ticket_id)
        return ids

    def _queue_voids(self, session: Session, order_id: str, now: datetime) -> int:
        # Unprinted tickets are simply withdrawn: the kitchen never saw them.
        journal.withdraw_waiting(session, order_id, TicketKind.KITCHEN)
        printed: dict[str, JournalRow] = {}
        for row in journal.tickets_of_order(session, order_id):
            if row.key.kind == TicketKind.KITCHEN and row.state in ("printed", "printing"):
                latest = printed.get(row.key.station)
                if latest is None or row.key.revision >= latest.key.revision:
                    printed[row.key.station] = row
        queued = 0
        for station, row in printed.items():
            void = void_of(Ticket.from_json(row.document))
            ticket_id = journal.insert_ticket(
                session,
                TicketKey(order_id, row.key.revision, station, TicketKind.VOID),
                document=void.to_json(),
                target_printer=row.target_printer,
                now=now,
            )
            queued += ticket_id is not None
        return queued

    def _request(
        self, session: Session, ids: list[int], order_id: str, kind: str, revision: int
    ) -> PrintRequest:
        rows = [
            row
            for row in journal.tickets_of_order(session, order_id)
            if row.key.kind == kind and row.key.revision == revision and row.key.copy == 0
        ]
        queued = tuple(self._view(row) for row in rows if row.id in ids)
        existing = tuple(self._view(row) for row in rows if row.id not in ids)
        return PrintRequest(queued, existing)

    def _current_printer(self, setup: PrintSetup, original: JournalRow) -> str:
        if original.key.station == COUNTER_STATION:
            printer = setup.counter_printer_id
        else:
            station = setup.station(original.key.station)
            printer = station.printer_id if station is not None else ""
        if printer and setup.printer(printer) is not None:
            return printer
        if setup.printer(original.target_printer) is not None:
            return original.target_printer
        raise PrintRefused("no_printer")

    def _view(self, row: JournalRow) -> TicketView:
        document = row.document
        return TicketView(
            ticket_id=row.id,
            order_id=row.key.order_id,
            daily_serial=int(document.get("daily_serial", 0)),
            channel=str(document.get("channel", "")),
            channel_order_no=str(document.get("channel_order_no", "")),
            kind=TicketKind(row.key.kind),
            station_name=str(document.get("station_name", row.key.station)),
            revision=row.key.revision,
            copy=row.key.copy,
            reason=row.reason,
            state=row.state,
            attempts=row.attempts,
            target_printer=row.target_printer,
            printed_by=row.printed_by,
            created_at=row.created_at,
            printed_at=row.printed_at,
            last_error=row.last_error,
        )


def _with_reprint_reason(ticket: Ticket, reason: str) -> Ticket:
    data = ticket.to_json()
    data["reprint_reason"] = reason
    data["retry_note"] = ""
    return Ticket.from_json(data)
