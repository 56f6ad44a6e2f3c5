"""The print journal's use cases: queue what is due, print on request, reprint with a reason.

Each request is one local transaction; a ticket is queued by inserting its journal row,
keyed by (order, revision, station, kind, copy), so clicks, retries and feed deliveries
never queue the same ticket twice. The print runner prints what is queued. A reprint is a
matrix action: checked first, and recorded in the audit trail with the copy it queued.
"""

from __future__ import annotations

import threading
import time as monotonic_time
from collections.abc import Callable, Collection
from datetime import date, datetime, time, timedelta, tzinfo

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.vocabulary import OrderStatus
from app.printing.print_setup import COUNTER_STATION, PrintSetup
from app.printing.tickets import Ticket, TicketKind
from app.read_models import SignedInStaff
from app.services import input_checks, permission_gate
from app.services.input_checks import InputField
from app.services.print_checks import PrintRefused, current_printer, order_to_print, printing_setup
from app.services.print_settings import PrintSettings
from app.services.print_tickets import content_digest, receipt, route
from app.services.ticket_queue import queue_kitchen, queue_voids, with_reprint_reason
from app.services.ticket_views import PrintRequest, TicketView, print_request, ticket_view
from local_db import order_repository
from local_db import print_journal_repository as journal
from local_db.database import Database
from local_db.print_journal_repository import TicketKey

__all__ = [
    "KITCHEN_DUE",
    "VOID_WINDOW",
    "PrintJournal",
    "PrintRefused",
    "PrintRequest",
    "TicketView",
]

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
FULL_CHECK_EVERY_S = 60.0
_CHECK_LIMIT = 200
"""`reconcile` looks at every order at least this often, whatever was said to have changed."""


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
        self._lock = threading.Lock()
        self._to_check: set[str] | None = None
        """Orders changed since the last reconcile; None: any may have (look at all)."""
        self._last_full: tuple[float, object] | None = None

    @property
    def settings(self) -> PrintSettings:
        """Where the printing setup is kept."""
        return self._settings

    def orders_changed(self, order_ids: Collection[str] | None) -> None:
        """These orders changed in the cache (None: any may have, a person's action among
        them): the next `reconcile` looks at them. Any thread."""
        with self._lock:
            if order_ids is None:
                self._to_check = None
            elif self._to_check is not None:
                self._to_check.update(order_ids)

    def reconcile(self) -> int:
        """Queue every ticket due by itself: kitchen tickets of accepted orders (and of their
        changed contents), VOIDs of cancelled ones. Returns how many were queued.

        Idempotent: run it after each feed page, each local action, or on a timer. Only the
        orders said to have changed (`orders_changed`) are looked at, and every order after
        a change of the setup and at least every `FULL_CHECK_EVERY_S` (decision 040).
        """
        setup = self._settings.setup()
        since = self._settings.enabled_since()
        if not setup.is_printing or since is None:
            return 0
        among = self._take_changed((setup, since))
        if among is not None and not among:
            return 0
        try:
            queued = self._queue_due(setup, since, among)
        except BaseException:
            self.orders_changed(None)  # the next one looks at every order again
            raise
        if queued:
            self._on_queued()
        return queued

    def _take_changed(self, setup: object) -> set[str] | None:
        """The orders to look at now (None: all), forgetting them."""
        now = monotonic_time.monotonic()
        with self._lock:
            among, self._to_check = self._to_check, set()
        last = self._last_full
        if among is None or last is None or last[1] != setup or now - last[0] >= FULL_CHECK_EVERY_S:
            self._last_full = (now, setup)
            return None
        return among

    def _queue_due(self, setup: PrintSetup, since: datetime, among: set[str] | None) -> int:
        queued = 0
        with self._db.write() as session:
            now = self._clock()
            if setup.auto_kitchen:
                statuses = [status.value for status in KITCHEN_DUE]
                due = journal.orders_to_check(session, statuses, since, _CHECK_LIMIT, among)
                if among is None and len(due) >= _CHECK_LIMIT:
                    self.orders_changed(None)  # more wait: the next look takes all again
                for order_id in due:
                    order = order_repository.get_order(session, order_id)
                    if order is not None:
                        queued += len(queue_kitchen(session, order, setup, now, ""))
            for order_id in journal.cancelled_with_kitchen_tickets(
                session,
                kitchen_kind=TicketKind.KITCHEN,
                void_kind=TicketKind.VOID,
                cancelled=OrderStatus.CANCELLED,
                since=now - VOID_WINDOW,
                among=among,
            ):
                queued += queue_voids(session, order_id, now)
        return queued

    def print_kitchen(self, staff_id: str, order_id: str) -> PrintRequest:
        """Queue the kitchen tickets of the order's current content, unless already queued."""
        setup = printing_setup(self._settings)
        with self._db.write() as session:
            order = order_to_print(session, order_id)
            if OrderStatus(order.status) not in KITCHEN_DUE:
                raise PrintRefused("not_accepted")
            if not route(order, setup):
                raise PrintRefused("no_printer")
            ids = queue_kitchen(session, order, setup, self._clock(), staff_id)
            revision = journal.latest_revision(session, order_id)
            result = print_request(
                session, ids, order_id, TicketKind.KITCHEN, revision[0] if revision else 1
            )
        if result.queued:
            self._on_queued()
        return result

    def print_receipt(self, staff_id: str, order_id: str) -> PrintRequest:
        """Queue the customer's receipt of the order's current content, unless already queued."""
        setup = printing_setup(self._settings)
        if not setup.counter_printer_id:
            raise PrintRefused("no_printer")
        with self._db.write() as session:
            order = order_to_print(session, order_id)
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
            result = print_request(
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
        setup = printing_setup(self._settings)
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
                return PrintRequest((), tuple(ticket_view(row) for row in waiting))
            document = Ticket.from_json(copies[0].document)
            document = with_reprint_reason(document, reason)
            target = current_printer(setup, original)
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
        return PrintRequest(() if row is None else (ticket_view(row),), ())

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
        views = [ticket_view(row) for row in rows]
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
        return [ticket_view(row) for row in rows]

    def waiting_count(self) -> int:
        """Tickets not printed yet (queued, printing or waiting for a printer)."""
        with self._db.read() as session:
            return journal.waiting_count(session)
