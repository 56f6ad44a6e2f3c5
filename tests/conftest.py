"""Fixtures shared by every suite: a migrated device database, a frozen clock, a listener."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from local_db.database import Database
from tests.fakes import FrozenClock, RecordingListener


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh device database file, migrated by Alembic."""
    database = Database(tmp_path / "device.db")
    yield database
    database.close()


@pytest.fixture
def clock() -> FrozenClock:
    """A clock that moves only when the test says so."""
    return FrozenClock()


@pytest.fixture
def listener() -> RecordingListener:
    """Records the sync engine's events."""
    return RecordingListener()
