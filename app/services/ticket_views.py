"""The print journal as the screens see it: one ticket's entry, what a print request did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.printing.print_setup import COUNTER_STATION
from app.printing.tickets import TicketKind
from local_db import print_journal_repository as journal
from local_db.print_journal_repository import JournalRow


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
    """The name a person gave the station ("" at the counter and on bag labels)."""
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
    at_counter: bool = False
    """A ticket of the counter (receipts, kitchen lines no station claims)."""
    bag_number: int = 0
    """A bag label: which bag (1-based); 0 on other kinds."""
    bag_count: int = 0
    """A bag label: of how many bags."""

    @property
    def is_reprint(self) -> bool:
        """A reprint (copy 1, 2...) rather than the original ticket."""
        return self.copy > 0


@dataclass(frozen=True, slots=True)
class PrintRequest:
    """What a print request did: tickets newly queued, and those already in the journal."""

    queued: tuple[TicketView, ...]
    existing: tuple[TicketView, ...]


def ticket_view(row: JournalRow) -> TicketView:
    """The journal row `row` as the screens show it."""
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
        at_counter=row.key.station == COUNTER_STATION,
        bag_number=int(document.get("bag_number", 0)),
        bag_count=int(document.get("bag_count", 0)),
    )


def print_request(
    session: Session, ids: list[int], order_id: str, kind: str, revision: int
) -> PrintRequest:
    """The first copies of `kind` at `revision` of the order: queued (`ids`) or already there."""
    rows = [
        row
        for row in journal.tickets_of_order(session, order_id)
        if row.key.kind == kind and row.key.revision == revision and row.key.copy == 0
    ]
    queued = tuple(ticket_view(row) for row in rows if row.id in ids)
    existing = tuple(ticket_view(row) for row in rows if row.id not in ids)
    return PrintRequest(queued, existing)
