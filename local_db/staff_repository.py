"""Staff and store settings as last received from the hub."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from local_db.models import Staff, StoreSettings


@dataclass(frozen=True, slots=True)
class StaffSnapshot:
    """A staff member with the PIN verifier for offline sign-in."""

    staff_id: str
    name: str
    roles: tuple[str, ...]
    pin_algorithm: str
    pin_salt_hex: str
    pin_hash_hex: str
    active: bool
    clocked_in: bool


def replace_staff(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or overwrite staff rows whose version is newer than the stored one."""
    _upsert_newer(session, Staff, "staff_id", rows)


def list_staff(session: Session, *, active_only: bool = True) -> list[StaffSnapshot]:
    """Staff known to this device, by name."""
    query = select(Staff).order_by(Staff.name)
    if active_only:
        query = query.where(Staff.active.is_(True))
    return [_staff(row) for row in session.scalars(query)]


def get_staff(session: Session, staff_id: str) -> StaffSnapshot | None:
    """One staff member, or None."""
    row = session.get(Staff, staff_id)
    return None if row is None else _staff(row)


def replace_store_settings(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or overwrite the store's settings when newer."""
    _upsert_newer(session, StoreSettings, "store_id", rows)


def get_store_settings(session: Session) -> dict[str, Any] | None:
    """The store's settings document, or None before the first pull."""
    return session.scalar(select(StoreSettings.data).limit(1))


def set_store_settings_data(session: Session, data: dict[str, Any]) -> None:
    """Change the settings document locally (a person's pending change); its version stays."""
    session.execute(update(StoreSettings).values(data=data))


def _upsert_newer(
    session: Session,
    model: type[Staff] | type[StoreSettings],
    key: str,
    rows: Sequence[dict[str, Any]],
) -> None:
    if not rows:
        return
    statement = insert(model)
    columns = [c.name for c in model.__table__.columns if c.name != key]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[key],
            set_={name: statement.excluded[name] for name in columns},
            where=model.__table__.c.version < statement.excluded.version,
        ),
        list(rows),
    )


def _staff(row: Staff) -> StaffSnapshot:
    return StaffSnapshot(
        staff_id=row.staff_id,
        name=row.name,
        roles=tuple(str(role) for role in row.roles),
        pin_algorithm=row.pin_algorithm,
        pin_salt_hex=row.pin_salt_hex,
        pin_hash_hex=row.pin_hash_hex,
        active=row.active,
        clocked_in=row.clocked_in,
    )
