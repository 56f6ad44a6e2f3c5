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


def get_value(session: Session, key: str) -> str | None:
    """The stored value, or None."""
    return session.scalar(select(SyncState.value).where(SyncState.key == key))


def set_value(session: Session, key: str, value: str) -> None:
    """Store `value` under `key`, replacing any earlier one."""
    statement = insert(SyncState).values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def clear_value(session: Session, key: str) -> None:
    """Forget `key`."""
    session.execute(delete(SyncState).where(SyncState.key == key))
