"""Staff and store settings as last received from the hub."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select, text, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from local_db.models import Staff, StoreSettings

_TIMEZONE_NAME: Final = text("SELECT json_extract(data, '$.timezone') FROM store_settings LIMIT 1")


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
    """Insert or overwrite staff rows whose version is newer than the stored one.

    At the same version a differently sealed PIN also overwrites: the details came earlier
    without the PIN (`refresh_staff_details`), or the device's pepper changed.
    """
    if not rows:
        return
    statement = insert(Staff)
    columns = [c.name for c in Staff.__table__.columns if c.name != "staff_id"]
    stored = Staff.__table__.c
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["staff_id"],
            set_={name: statement.excluded[name] for name in columns},
            where=(stored.version < statement.excluded.version)
            | (
                (stored.version == statement.excluded.version)
                & (stored.pin_hash_hex != statement.excluded.pin_hash_hex)
            ),
        ),
        list(rows),
    )


def refresh_staff_details(session: Session, rows: Sequence[tuple[dict[str, Any], int]]) -> None:
    """Update who each person is (not their PIN) when `version` is newer than the stored one.

    The stored PIN stays until `replace_staff` brings the same version sealed; a person not
    yet known is added with a PIN that matches nothing.
    """
    for details, version in rows:
        row = session.get(Staff, details["staff_id"])
        if row is None:
            session.add(
                Staff(
                    **details, pin_algorithm="", pin_salt_hex="", pin_hash_hex="", version=version
                )
            )
        elif row.version < version:
            for name, value in details.items():
                setattr(row, name, value)
            row.version = version
    session.flush()


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


def store_timezone_name(session: Session) -> str | None:
    """The time zone the store's settings name, or None (no settings yet, or no name there).

    One key read by json_extract in plain SQL: every day view asks for it, and building an ORM
    select and decoding the whole document cost more than the day's own query."""
    name = session.scalar(_TIMEZONE_NAME)
    return name if isinstance(name, str) else None


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
