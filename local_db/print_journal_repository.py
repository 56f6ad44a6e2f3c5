"""The print journal: tickets keyed by (order, revision, station, kind, copy), and revisions.

Inserting a ticket is the idempotency key: `insert_ticket` adds nothing when the key exists,
so any number of clicks, retries or feed deliveries make one ticket. Callers own the session.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from local_db.models import Order, PrintRevision, PrintTicket

QUEUED = "queued"
PRINTING = "printing"
PRINTED = "printed"
FAILED_WAITING = "failed_waiting"
WITHDRAWN = "withdrawn"
"""Never printed and no longer wanted (the order was cancelled or changed first)."""

WAITING_STATES = (QUEUED, FAILED_WAITING)


@dataclass(frozen=True, slots=True)
class TicketKey:
    """The idempotency key of one ticket."""

    order_id: str
    revision: int
    station: str
    kind: str
    copy: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalRow:
    """One ticket of the journal as stored."""

    id: int
    key: TicketKey
    reason: str
    requested_by: str
    state: str
    attempts: int
    target_printer: str
    printed_by: str
    document: dict[str, Any]
    created_at: datetime
    next_attempt_at: datetime | None
    printed_at: datetime | None
    last_error: str
    interrupted: bool


def insert_ticket(
    session: Session,
    key: TicketKey,
    *,
    document: dict[str, Any],
    target_printer: str,
    now: datetime,
    reason: str = "",
    requested_by: str = "",
) -> int | None:
    """Queue the ticket `key`; its id, or None when that key is already in the journal."""
    statement = (
        insert(PrintTicket)
        .values(
            order_id=key.order_id,
            revision=key.revision,
            station=key.station,
            kind=key.kind,
            copy=key.copy,
            reason=reason,
            requested_by=requested_by,
            state=QUEUED,
            attempts=0,
            target_printer=target_printer,
            printed_by="",
            document=document,
            created_at=now,
            next_attempt_at=None,
            printed_at=None,
            last_error="",
            interrupted=False,
        )
        .on_conflict_do_nothing()
        .returning(PrintTicket.id)
    )
    return session.scalar(statement)


def find(session: Session, key: TicketKey) -> JournalRow | None:
    """The ticket with that key, if any."""
    row = session.scalar(
        select(PrintTicket).where(
            PrintTicket.order_id == key.order_id,
            PrintTicket.revision == key.revision,
            PrintTicket.station == key.station,
            PrintTicket.kind == key.kind,
            PrintTicket.copy == key.copy,
        )
    )
    return None if row is None else _row(row)


def get(session: Session, ticket_id: int) -> JournalRow | None:
    """The ticket with that id, if any."""
    row = session.get(PrintTicket, ticket_id)
    return None if row is None else _row(row)


def copies_of(session: Session, key: TicketKey) -> list[JournalRow]:
    """The original of `key` (copy ignored) and all its reprints, oldest first."""
    rows = session.scalars(
        select(PrintTicket)
        .where(
            PrintTicket.order_id == key.order_id,
            PrintTicket.revision == key.revision,
            PrintTicket.station == key.station,
            PrintTicket.kind == key.kind,
        )
        .order_by(PrintTicket.copy)
    )
    return [_row(row) for row in rows]


def tickets_of_order(session: Session, order_id: str) -> list[JournalRow]:
    """Every ticket of one order, oldest first."""
    rows = session.scalars(
        select(PrintTicket).where(PrintTicket.order_id == order_id).order_by(PrintTicket.id)
    )
    return [_row(row) for row in rows]


def list_tickets(
    session: Session,
    *,
    created_from: datetime | None = None,
    created_before: datetime | None = None,
    order_ids: Collection[str] | None = None,
    states: Collection[str] = (),
    limit: int = 500,
) -> list[JournalRow]:
    """Tickets newest first, filtered by creation time, orders and states."""
    query = select(PrintTicket)
    if created_from is not None:
        query = query.where(PrintTicket.created_at >= created_from)
    if created_before is not None:
        query = query.where(PrintTicket.created_at < created_before)
    if order_ids is not None:
        query = query.where(PrintTicket.order_id.in_(order_ids))
    if states:
        query = query.where(PrintTicket.state.in_(states))
    rows = session.scalars(query.order_by(PrintTicket.id.desc()).limit(limit))
    return [_row(row) for row in rows]


def due_tickets(session: Session, now: datetime, limit: int = 50) -> list[JournalRow]:
    """Waiting tickets whose next attempt is due, in the order they were queued."""
    rows = session.scalars(
        select(PrintTicket)
        .where(
            PrintTicket.state.in_(WAITING_STATES),
            or_(PrintTicket.next_attempt_at.is_(None), PrintTicket.next_attempt_at <= now),
        )
        .order_by(PrintTicket.id)
        .limit(limit)
    )
    return [_row(row) for row in rows]


def waiting_count(session: Session) -> int:
    """Tickets not printed yet and still wanted."""
    return int(
        session.scalar(
            select(func.count()).where(PrintTicket.state.in_((*WAITING_STATES, PRINTING)))
        )
        or 0
    )


def claim(session: Session, ticket_id: int) -> bool:
    """Mark a waiting ticket as printing (one more attempt); False when it is not waiting."""
    result = session.execute(
        update(PrintTicket)
        .where(PrintTicket.id == ticket_id, PrintTicket.state.in_(WAITING_STATES))
        .values(state=PRINTING, attempts=PrintTicket.attempts + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def mark_printed(session: Session, ticket_id: int, printer_id: str, now: datetime) -> None:
    """The printer `printer_id` took the whole ticket."""
    session.execute(
        update(PrintTicket)
        .where(PrintTicket.id == ticket_id)
        .values(state=PRINTED, printed_by=printer_id, printed_at=now, last_error="")
    )


def mark_waiting(
    session: Session,
    ticket_id: int,
    *,
    error: str,
    next_attempt_at: datetime,
    interrupted: bool,
) -> None:
    """No printer took the ticket: it waits until `next_attempt_at`."""
    values: dict[str, Any] = {
        "state": FAILED_WAITING,
        "last_error": error,
        "next_attempt_at": next_attempt_at,
    }
    if interrupted:
        values["interrupted"] = True
    session.execute(
        update(PrintTicket)
        .where(PrintTicket.id == ticket_id, PrintTicket.state == PRINTING)
        .values(**values)
    )


def requeue_interrupted(session: Session) -> int:
    """Tickets left printing by a stopped program wait again, marked as maybe printed."""
    result = session.execute(
        update(PrintTicket)
        .where(PrintTicket.state == PRINTING)
        .values(
            state=FAILED_WAITING,
            interrupted=True,
            next_attempt_at=None,
            last_error="the program stopped while printing",
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def withdraw_waiting(
    session: Session, order_id: str, kind: str, *, below_revision: int | None = None
) -> int:
    """Withdraw unprinted tickets of `kind` of an order (older revisions only, if given)."""
    condition = and_(
        PrintTicket.order_id == order_id,
        PrintTicket.kind == kind,
        PrintTicket.state.in_(WAITING_STATES),
    )
    if below_revision is not None:
        condition = and_(condition, PrintTicket.revision < below_revision)
    result = session.execute(update(PrintTicket).where(condition).values(state=WITHDRAWN))
    return int(result.rowcount)  # type: ignore[attr-defined]


def latest_revision(session: Session, order_id: str) -> tuple[int, str] | None:
    """(revision, digest) of the newest content revision recorded for the order."""
    row = session.execute(
        select(PrintRevision.revision, PrintRevision.digest)
        .where(PrintRevision.order_id == order_id)
        .order_by(PrintRevision.revision.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row[0]), str(row[1]))


def record_revision(
    session: Session, order_id: str, digest: str, *, order_version: int, now: datetime
) -> int:
    """The revision number of the order's content `digest`, recording it when new."""
    known = session.scalar(
        select(PrintRevision.revision).where(
            PrintRevision.order_id == order_id, PrintRevision.digest == digest
        )
    )
    if known is not None:
        session.execute(
            update(PrintRevision)
            .where(PrintRevision.order_id == order_id, PrintRevision.revision == known)
            .values(seen_version=func.max(PrintRevision.seen_version, order_version))
        )
        return int(known)
    latest = latest_revision(session, order_id)
    revision = 1 if latest is None else latest[0] + 1
    session.add(
        PrintRevision(
            order_id=order_id,
            revision=revision,
            digest=digest,
            seen_version=order_version,
            created_at=now,
        )
    )
    session.flush()
    return revision


def orders_to_check(
    session: Session,
    statuses: Collection[str],
    accepted_since: datetime,
    limit: int = 200,
    among: Collection[str] | None = None,
) -> list[str]:
    """Accepted orders in `statuses` whose current version has not been checked for tickets;
    only those of `among` when given (the orders that changed since the last look)."""
    checked = exists().where(
        PrintRevision.order_id == Order.order_id, PrintRevision.seen_version >= Order.version
    )
    query = select(Order.order_id).where(
        Order.status.in_(statuses),
        Order.accepted_at.is_not(None),
        Order.accepted_at >= accepted_since,
        ~checked,
    )
    if among is not None:
        query = query.where(Order.order_id.in_(among))
    return list(session.scalars(query.order_by(Order.accepted_at).limit(limit)))


def cancelled_with_kitchen_tickets(
    session: Session,
    *,
    kitchen_kind: str,
    void_kind: str,
    cancelled: str,
    since: datetime,
    among: Collection[str] | None = None,
) -> list[str]:
    """Cancelled orders with kitchen tickets queued since `since` that no VOID answers yet;
    only those of `among` when given."""
    voided = exists().where(PrintTicket.order_id == Order.order_id, PrintTicket.kind == void_kind)
    withdrawable = exists().where(
        PrintTicket.order_id == Order.order_id,
        PrintTicket.kind == kitchen_kind,
        PrintTicket.state.in_(WAITING_STATES),
    )
    printed = exists().where(
        PrintTicket.order_id == Order.order_id,
        PrintTicket.kind == kitchen_kind,
        PrintTicket.state.in_((PRINTED, PRINTING)),
    )
    recent = (
        select(PrintTicket.order_id)
        .where(PrintTicket.kind == kitchen_kind, PrintTicket.created_at >= since)
        .distinct()
        .scalar_subquery()
    )
    query = select(Order.order_id).where(
        Order.order_id.in_(recent),
        Order.status == cancelled,
        or_(withdrawable, and_(printed, ~voided)),
    )
    if among is not None:
        query = query.where(Order.order_id.in_(among))
    return list(session.scalars(query))


def _row(row: PrintTicket) -> JournalRow:
    return JournalRow(
        id=row.id,
        key=TicketKey(row.order_id, row.revision, row.station, row.kind, row.copy),
        reason=row.reason,
        requested_by=row.requested_by,
        state=row.state,
        attempts=row.attempts,
        target_printer=row.target_printer,
        printed_by=row.printed_by,
        document=row.document,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        printed_at=row.printed_at,
        last_error=row.last_error,
        interrupted=row.interrupted,
    )


def make_waiting_due(session: Session) -> int:
    """Tickets waiting for a printer are due now (a printer came back)."""
    result = session.execute(
        update(PrintTicket).where(PrintTicket.state == FAILED_WAITING).values(next_attempt_at=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
