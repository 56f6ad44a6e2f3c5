"""The start-up shortcut past Alembic: only a file exactly at the shipped head skips it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from local_db.database import Database
from local_db.engine import open_engine
from local_db.migration import (
    HEAD_REVISION,
    current_revision,
    head_revision,
    stored_revision,
    upgrade_to_head,
)
from tests.migrations import downgrade


def test_the_shortcut_names_alembics_head() -> None:
    assert head_revision() == HEAD_REVISION


def test_an_empty_file_has_no_stored_revision_and_is_migrated(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "empty.db")
    try:
        assert stored_revision(engine) is None
        upgrade_to_head(engine)
        assert stored_revision(engine) == current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()


def test_a_file_one_revision_behind_is_still_upgraded(tmp_path: Path) -> None:
    Database(tmp_path / "device.db").close()
    engine = open_engine(tmp_path / "device.db")
    try:
        downgrade(engine, "0006")
        assert stored_revision(engine) == "0006"
        upgrade_to_head(engine)
        with engine.connect() as connection:
            tables = {
                row[0]
                for row in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'table'")
                )
            }
        assert "task_notices" in tables
        assert stored_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()
