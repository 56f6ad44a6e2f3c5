"""Every device's sync health as the hub last published it, for the manager's screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from local_db.models import DeviceHealth


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceHealthSnapshot:
    """One device's figures as it reported them."""

    device_id: str
    device_name: str
    pending_count: int
    oldest_pending_at: datetime | None
    last_pull_at: datetime | None
    last_push_at: datetime | None
    rejected_count: int
    quarantined_count: int
    reported_at: datetime


def replace_health(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or overwrite devices' health rows whose version is newer than the stored one."""
    if not rows:
        return
    statement = insert(DeviceHealth)
    columns = [c.name for c in DeviceHealth.__table__.columns if c.name != "device_id"]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["device_id"],
            set_={name: statement.excluded[name] for name in columns},
            where=DeviceHealth.__table__.c.version < statement.excluded.version,
        ),
        list(rows),
    )


def list_health(session: Session) -> list[DeviceHealthSnapshot]:
    """Every device that reported, by name."""
    rows = session.scalars(select(DeviceHealth).order_by(DeviceHealth.device_name))
    return [
        DeviceHealthSnapshot(
            device_id=row.device_id,
            device_name=row.device_name,
            pending_count=row.pending_count,
            oldest_pending_at=row.oldest_pending_at,
            last_pull_at=row.last_pull_at,
            last_push_at=row.last_push_at,
            rejected_count=row.rejected_count,
            quarantined_count=row.quarantined_count,
            reported_at=row.reported_at,
        )
        for row in rows
    ]
