"""Device preferences: small JSON values a person set on this device, with who set them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from local_db.models import DevicePreference


def read(session: Session, key: str) -> Any | None:
    """The value kept under `key`, or None when nobody set it."""
    stored = session.scalar(select(DevicePreference.value).where(DevicePreference.key == key))
    return None if stored is None else stored.get("v")


def read_prefix(session: Session, prefix: str) -> dict[str, Any]:
    """Every value whose key starts with `prefix`, by key."""
    rows = session.execute(
        select(DevicePreference.key, DevicePreference.value).where(
            DevicePreference.key.startswith(prefix, autoescape=True)
        )
    )
    return {key: value.get("v") for key, value in rows}


def write(session: Session, key: str, value: Any, *, now: datetime, staff_id: str = "") -> None:
    """Keep `value` (JSON-ready) under `key`, in the caller's transaction."""
    statement = insert(DevicePreference).values(
        key=key, value={"v": value}, updated_at=now, updated_by=staff_id
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[DevicePreference.key],
            set_={
                "value": statement.excluded.value,
                "updated_at": statement.excluded.updated_at,
                "updated_by": statement.excluded.updated_by,
            },
        )
    )
