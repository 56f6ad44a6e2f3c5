"""Named values the sync engine keeps between runs: the feed cursor, the device identity."""

from __future__ import annotations

from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from local_db.models import SyncState

CURSOR: Final = "feed_cursor"
DEVICE_ID: Final = "device_id"
STORE_ID: Final = "store_id"
STORE_NAME: Final = "store_name"
HUB_URL: Final = "hub_url"
LAST_PULL_AT: Final = "last_pull_at"
LAST_PUSH_AT: Final = "last_push_at"
REPAIRED_COUNT: Final = "anti_entropy_repaired"
"""How many differences the anti-entropy check has repaired, in all."""
LAST_CHECK_AT: Final = "anti_entropy_checked_at"
PROTOCOL_ERRORS: Final = "protocol_error_count"
"""How many hub replies could not be read as the contract (not JSON, not a page, too big)."""
LAST_PROTOCOL_ERROR_AT: Final = "protocol_error_at"
LAST_PROTOCOL_ERROR: Final = "protocol_error"
"""What the last unreadable reply was, in the engine's words (for support, not shown)."""
UNEXPECTED_ERRORS: Final = "unexpected_sync_error_count"
"""How many sync steps failed for a reason nobody foresaw (logged with their traceback)."""
LAST_UNEXPECTED_ERROR_AT: Final = "unexpected_sync_error_at"
CHANNEL_INTAKE_VERSION: Final = "channel_intake_version"
"""The hub's figures of channel payloads that are not an order (its channel_intake record)."""
CHANNEL_INTAKE_REJECTED: Final = "channel_intake_rejected_count"
CHANNEL_INTAKE_LAST_AT: Final = "channel_intake_last_rejected_at"
CHANNEL_INTAKE_LAST_CHANNEL: Final = "channel_intake_last_channel"
CHANNEL_INTAKE_LAST_REASON: Final = "channel_intake_last_reason"


def get_value(session: Session, key: str) -> str | None:
    """The stored value, or None."""
    return session.scalar(select(SyncState.value).where(SyncState.key == key))


def set_value(session: Session, key: str, value: str) -> None:
    """Store `value` under `key`, replacing any earlier one."""
    statement = insert(SyncState).values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def set_values(session: Session, values: dict[str, str]) -> None:
    """`set_value` of each of `values` in one statement (what every feed page stores)."""
    if values:
        session.connection().exec_driver_sql(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )


def get_values(session: Session, keys: list[str]) -> dict[str, str]:
    """The stored values of `keys` (absent keys left out), in one query."""
    rows = session.execute(select(SyncState.key, SyncState.value).where(SyncState.key.in_(keys)))
    return {row.key: row.value for row in rows}


def increment(session: Session, key: str) -> int:
    """Add one to the count stored under `key` (absent or unreadable: 0); returns the new count."""
    stored = get_value(session, key)
    count = (int(stored) if stored is not None and stored.isdigit() else 0) + 1
    set_value(session, key, str(count))
    return count


def clear_value(session: Session, key: str) -> None:
    """Forget `key`."""
    session.execute(delete(SyncState).where(SyncState.key == key))
