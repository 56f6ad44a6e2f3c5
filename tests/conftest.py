"""Fixtures shared by every suite: a device database, the reference hub, a clock, a listener."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hub.embedded import EmbeddedHub
from local_db.database import Database
from tests.fakes import FrozenClock, RecordingListener
from ui.languages import Language, install_language

# Headless unless told otherwise: the suite runs on machines with no screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """Qt objects must die on the thread that made them; see ui/garbage_collection.py.

    What is alive after a collection is frozen, so that each collection scans only what
    the last test made.
    """
    gc.collect()
    gc.freeze()
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True, scope="session")
def _english_as_the_app_speaks_it(qapp: QApplication) -> None:
    """The English catalogue the app installs at start: it holds the plural forms."""
    install_language(qapp, Language.ENGLISH)


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()
    gc.freeze()  # survivors are not scanned again: each collection costs one test's garbage


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh device database file, migrated by Alembic."""
    database = Database(tmp_path / "device.db")
    yield database
    database.close()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    """The reference hub serving on a free 127.0.0.1 port, its simulator thread off."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11)
    embedded.start()
    yield embedded
    embedded.stop()


@pytest.fixture
def clock() -> FrozenClock:
    """A clock that moves only when the test says so."""
    return FrozenClock()


@pytest.fixture
def listener() -> RecordingListener:
    """Records the sync engine's events."""
    return RecordingListener()
