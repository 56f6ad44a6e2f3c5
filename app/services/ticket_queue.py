"""Putting tickets in the print journal: kitchen tickets per revision, voids, reprinted copies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.printing.print_setup import PrintSetup
from app.printing.tickets import Ticket, TicketKind
from app.services.print_tickets import content_digest, kitchen_ticket, route, void_of
from local_db import print_journal_repository as journal
from local_db.order_repository import OrderSnapshot
from local_db.print_journal_repository import JournalRow, TicketKey


def queue_kitchen(
    session: Session, order: OrderSnapshot, setup: PrintSetup, now: datetime, staff: str
) -> list[int]:
    """Queue the order's kitchen tickets of its current content; returns the new ticket ids."""
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


def queue_voids(session: Session, order_id: str, now: datetime) -> int:
    """Queue a VOID for each station's latest printed kitchen ticket; returns how many."""
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


def with_reprint_reason(ticket: Ticket, reason: str) -> Ticket:
    """A copy of `ticket` marked as reprinted for `reason`."""
    data = ticket.to_json()
    data["reprint_reason"] = reason
    data["resent"] = False
    return Ticket.from_json(data)
