"""Quarantine: what the hub sent that could not be applied, kept raw with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
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


def count_quarantined(session: Session) -> int:
    """How many records are set aside and not dismissed."""
    return int(
        session.scalar(
            select(func.count(QuarantinedRecord.id)).where(QuarantinedRecord.dismissed.is_(False))
        )
        or 0
    )
