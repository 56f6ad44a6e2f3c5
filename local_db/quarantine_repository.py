"""Quarantine: what the hub sent that could not be applied, kept raw with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from local_db.models import QuarantinedRecord


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    """A quarantined record for the sync-health screen."""

    id: int
    source: str
    kind: str
    entity_id: str
    raw: str
    reason: str
    received_at: datetime


def quarantine(
    session: Session,
    *,
    source: str,
    kind: str,
    entity_id: str,
    raw: str,
    reason: str,
    received_at: datetime,
) -> bool:
    """Set a record aside; the caller's transaction commits it with whatever else it applied.

    The same bytes delivered again (a replayed page, a re-sync from zero) are set aside once:
    the manager sees one bad record, not one per delivery. Returns whether a row was added.
    """
    kind, entity_id = kind[:24], entity_id[:64]
    already = session.scalar(
        select(QuarantinedRecord.id)
        .where(
            QuarantinedRecord.source == source,
            QuarantinedRecord.kind == kind,
            QuarantinedRecord.entity_id == entity_id,
            QuarantinedRecord.raw == raw,
        )
        .limit(1)
    )
    if already is not None:
        return False
    session.add(
        QuarantinedRecord(
            source=source,
            kind=kind,
            entity_id=entity_id,
            raw=raw,
            reason=reason,
            received_at=received_at,
        )
    )
    return True


def list_quarantined(session: Session) -> list[QuarantineItem]:
    """Records still set aside, newest first."""
    rows = session.scalars(
        select(QuarantinedRecord)
        .where(QuarantinedRecord.dismissed.is_(False))
        .order_by(QuarantinedRecord.id.desc())
    )
    return [
        QuarantineItem(
            id=row.id,
            source=row.source,
            kind=row.kind,
            entity_id=row.entity_id,
            raw=row.raw,
            reason=row.reason,
            received_at=row.received_at,
        )
        for row in rows
    ]


_COUNT_QUARANTINED: Final = select(func.count(QuarantinedRecord.id)).where(
    QuarantinedRecord.dismissed.is_(False)
)
"""Built once: the sync status recounts after every feed page and push."""


def count_quarantined(session: Session) -> int:
    """How many records are set aside and not dismissed."""
    return int(session.scalar(_COUNT_QUARANTINED) or 0)


def get_item(session: Session, item_id: int) -> QuarantineItem | None:
    """One quarantined record (dismissed or not), or None."""
    row = session.get(QuarantinedRecord, item_id)
    if row is None:
        return None
    return QuarantineItem(
        id=row.id,
        source=row.source,
        kind=row.kind,
        entity_id=row.entity_id,
        raw=row.raw,
        reason=row.reason,
        received_at=row.received_at,
    )


def is_dismissed(session: Session, item_id: int) -> bool:
    """Whether the record was dismissed or applied on a retry (an unknown id counts as gone)."""
    row = session.get(QuarantinedRecord, item_id)
    return row is None or row.dismissed


def set_reason(session: Session, item_id: int, reason: str) -> None:
    """Keep the newest reason a retried record still fails with."""
    session.execute(
        update(QuarantinedRecord).where(QuarantinedRecord.id == item_id).values(reason=reason)
    )


def dismiss(session: Session, item_id: int) -> None:
    """Take the record off the list (dismissed, or applied on a retry); the row stays, so the
    same bytes delivered again are not set aside a second time. Who and when: the audit trail."""
    session.execute(
        update(QuarantinedRecord).where(QuarantinedRecord.id == item_id).values(dismissed=True)
    )
