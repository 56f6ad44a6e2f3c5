"""Alembic migrations: a fresh file reaches head, upgrading again is a no-op, schema = models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from local_db import sync_state_repository
from local_db.database import Database
from local_db.engine import open_engine
from local_db.migration import current_revision, head_revision, upgrade_to_head
from local_db.models import Base


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty file, not migrated yet."""
    opened = open_engine(tmp_path / "fresh.db")
    yield opened
    opened.dispose()


def _schema(engine: Engine) -> list[tuple[str, str, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        )
        return [(row.type, row.name, row.sql) for row in rows]


def test_head_revision_is_shipped():
    assert head_revision()


def test_empty_file_has_no_revision_until_upgraded(engine: Engine):
    assert current_revision(engine) is None
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()


def test_fresh_file_gets_every_table_of_the_models(engine: Engine):
    upgrade_to_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_database_opens_migrated_to_head(db: Database):
    assert current_revision(db.engine) == head_revision()


def test_second_upgrade_changes_nothing_and_keeps_the_data(db: Database):
    with db.write() as session:
        sync_state_repository.set_value(session, sync_state_repository.CURSOR, "c-42")
    before = _schema(db.engine)
    upgrade_to_head(db.engine)
    assert _schema(db.engine) == before
    assert current_revision(db.engine) == head_revision()
    with db.read() as session:
        assert sync_state_repository.get_value(session, sync_state_repository.CURSOR) == "c-42"


def test_reopening_a_current_file_changes_nothing(db: Database):
    before = _schema(db.engine)
    db.close()
    reopened = Database(db.path)
    try:
        assert _schema(reopened.engine) == before
    finally:
        reopened.close()


def test_schema_made_by_migrations_matches_the_models(db: Database):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
