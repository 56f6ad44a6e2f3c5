"""The outbox: people's actions in local commit order, until the hub has answered each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Final

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from local_db.models import Base, OutboxEntry

PENDING: Final = "pending"
DONE: Final = "done"
REJECTED: Final = "rejected"
FAILED: Final = "failed"
"""Set aside because the hub refused the request itself (not the action): needs a person."""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """An outbox row as the pusher and the screens see it."""

    seq: int
    command_id: str
    command_type: str
    entity_kind: str
    entity_id: str
    staff_id: str
    payload: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str
    created_at: datetime
    outcome_reason: str
    outcome_message: str
    notice_seen: bool


_OUTBOX = Base.metadata.tables["outbox"]
_ITEM_COLUMNS = tuple(_OUTBOX.c[item_field.name] for item_field in fields(OutboxItem))


def add_command(
    session: Session,
    *,
    command_id: str,
    command_type: str,
    entity_kind: str,
    entity_id: str,
    staff_id: str,
    payload: dict[str, Any],
    created_at: datetime,
) -> int:
    """Queue one command; returns its local sequence number. The caller's transaction commits it."""
    entry = OutboxEntry(
        command_id=command_id,
        command_type=command_type,
        entity_kind=entity_kind,
        entity_id=entity_id,
        staff_id=staff_id,
        payload=payload,
        state=PENDING,
        attempts=0,
        created_at=created_at,
    )
    session.add(entry)
    session.flush()
    return entry.seq


def pending_batch(session: Session, limit: int) -> list[OutboxItem]:
    """The oldest pending commands, in local commit order."""
    # Plain rows rather than ORM objects: this is read before every push. The columns are
    # selected in the order of OutboxItem's fields, so each row is its arguments as it is.
    rows = session.execute(
        select(*_ITEM_COLUMNS)
        .where(_OUTBOX.c.state == PENDING)
        .order_by(_OUTBOX.c.seq)
        .limit(limit)
    )
    return [OutboxItem(*row) for row in rows]


def record_attempt_failed(
    session: Session, seqs: Sequence[int], error: str, next_attempt_at: datetime
) -> None:
    """Count a failed try for each row and say when to try again."""
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.seq.in_(seqs))
        .values(
            attempts=OutboxEntry.attempts + 1, last_error=error, next_attempt_at=next_attempt_at
        )
    )


@dataclass(frozen=True, slots=True)
class Completion:
    """How one row closes: with the hub's answer (done, rejected) or set aside (failed)."""

    seq: int
    state: str
    reason: str = ""
    message: str = ""


_CLOSE = (
    update(_OUTBOX)
    .where(_OUTBOX.c.seq == bindparam("close_seq"))
    .values(
        state=bindparam("close_state"),
        completed_at=bindparam("close_at"),
        attempts=_OUTBOX.c.attempts + 1,
        outcome_reason=bindparam("close_reason"),
        outcome_message=bindparam("close_message"),
        next_attempt_at=None,
    )
)


def complete(
    session: Session,
    seq: int,
    *,
    state: str,
    at: datetime,
    reason: str = "",
    message: str = "",
) -> None:
    """Close a row with the hub's answer (done, rejected) or set it aside (failed)."""
    complete_many(session, [Completion(seq, state, reason, message)], at=at)


def complete_many(session: Session, completions: Sequence[Completion], *, at: datetime) -> None:
    """Close many rows at once (one prepared UPDATE run for each), as `complete` closes one."""
    if not completions:
        return
    session.execute(
        _CLOSE,
        [
            {
                "close_seq": completion.seq,
                "close_state": completion.state,
                "close_at": at,
                "close_reason": completion.reason,
                "close_message": completion.message,
            }
            for completion in completions
        ],
    )


_PENDING_AMONG: Final = (
    "SELECT entity_id FROM outbox WHERE state = ? AND entity_kind = ? AND entity_id IN ({})"
)


def pending_entity_ids(session: Session, entity_kind: str, ids: Sequence[str]) -> set[str]:
    """Which of `ids` still have a pending command."""
    if not ids:
        return set()
    # Plain SQL: this runs for every feed page, most of them of one order.
    rows = session.connection().exec_driver_sql(
        _PENDING_AMONG.format(", ".join("?" * len(ids))), (PENDING, entity_kind, *ids)
    )
    return {entity_id for (entity_id,) in rows}


def pending_payloads_of(session: Session, entity_kind: str) -> list[dict[str, Any]]:
    """The payloads of the pending commands on entities of `entity_kind`, oldest first."""
    return list(
        session.scalars(
            select(OutboxEntry.payload)
            .where(OutboxEntry.state == PENDING)
            .where(OutboxEntry.entity_kind == entity_kind)
            .order_by(OutboxEntry.seq)
        )
    )


_COUNT_PENDING: Final = select(func.count(OutboxEntry.seq), func.min(OutboxEntry.created_at)).where(
    OutboxEntry.state == PENDING
)
"""Built once: the sync status recounts after every feed page and push."""


def count_pending(session: Session) -> tuple[int, datetime | None]:
    """How many commands wait, and since when the oldest does."""
    count, oldest = session.execute(_COUNT_PENDING).one()
    return int(count), oldest


def next_attempt_due(session: Session) -> datetime | None:
    """When the oldest pending command may be tried again (None: now)."""
    row = session.scalars(
        select(OutboxEntry).where(OutboxEntry.state == PENDING).order_by(OutboxEntry.seq).limit(1)
    ).first()
    return None if row is None else row.next_attempt_at


def unseen_rejections(session: Session) -> list[OutboxItem]:
    """Commands the hub refused that nobody has acknowledged yet, oldest first."""
    rows = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.state.in_((REJECTED, FAILED)))
        .where(OutboxEntry.notice_seen.is_(False))
        .order_by(OutboxEntry.seq)
    )
    return [_item(row) for row in rows]


def refused(session: Session, limit: int) -> list[OutboxItem]:
    """The newest commands the hub refused or that were set aside, seen or not, newest first."""
    rows = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.state.in_((REJECTED, FAILED)))
        .order_by(OutboxEntry.seq.desc())
        .limit(limit)
    )
    return [_item(row) for row in rows]


def count_by_state(session: Session) -> dict[str, int]:
    """How many commands are in each state."""
    rows = session.execute(
        select(OutboxEntry.state, func.count(OutboxEntry.seq)).group_by(OutboxEntry.state)
    )
    return {state: int(count) for state, count in rows}


def mark_notice_seen(session: Session, seq: int) -> None:
    """A person has read the notice about this refused command."""
    session.execute(update(OutboxEntry).where(OutboxEntry.seq == seq).values(notice_seen=True))


def get_item(session: Session, seq: int) -> OutboxItem | None:
    """One row by its sequence number."""
    row = session.get(OutboxEntry, seq)
    return None if row is None else _item(row)


def _item(row: OutboxEntry) -> OutboxItem:
    return OutboxItem(
        seq=row.seq,
        command_id=row.command_id,
        command_type=row.command_type,
        entity_kind=row.entity_kind,
        entity_id=row.entity_id,
        staff_id=row.staff_id,
        payload=row.payload,
        state=row.state,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        created_at=row.created_at,
        outcome_reason=row.outcome_reason,
        outcome_message=row.outcome_message,
        notice_seen=row.notice_seen,
    )
