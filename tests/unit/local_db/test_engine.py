"""The device database connection: pragmas, BEGIN IMMEDIATE for writes, plain reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from local_db import sync_state_repository
from local_db.database import Database
from local_db.engine import open_engine, read_only_engine
from local_db.models import OrderLine, QuarantinedRecord, SyncState


@pytest.fixture
def other_connection(db: Database) -> Iterator[sqlite3.Connection]:
    """A second, independent connection to the same file that gives up on a lock quickly."""
    with closing(sqlite3.connect(db.path, timeout=0.05, isolation_level=None)) as connection:
        connection.execute("PRAGMA busy_timeout=50")
        yield connection


def _pragmas(connection: sqlite3.Connection) -> dict[str, object]:
    return {
        name: connection.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }


def _write_lock_refusal(connection: sqlite3.Connection) -> str:
    """Why `connection` could not take the write lock now; empty when it could."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        return str(error)
    connection.execute("ROLLBACK")
    return ""


def _add_and_commit(db: Database, row: object) -> None:
    with db.write() as session:
        session.add(row)


def _sync_value(db: Database, key: str) -> str | None:
    with db.read() as session:
        return sync_state_repository.get_value(session, key)


@pytest.mark.parametrize("session_kind", ["write", "read"])
def test_every_connection_gets_the_house_pragmas(db: Database, session_kind: str):
    with getattr(db, session_kind)() as session:
        raw = session.connection().connection.dbapi_connection
        pragmas = _pragmas(raw)
    assert str(pragmas["journal_mode"]).lower() == "wal"
    assert pragmas["synchronous"] == 2  # FULL
    assert pragmas["foreign_keys"] == 1
    assert int(str(pragmas["busy_timeout"])) >= 5000


def test_wal_mode_is_recorded_in_the_file_itself(db: Database):
    with closing(sqlite3.connect(db.path)) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"


def test_open_engine_creates_missing_folders(tmp_path: Path):
    path = tmp_path / "deep" / "er" / "device.db"
    engine = open_engine(path)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()
    assert path.exists()


def test_foreign_keys_are_enforced(db: Database):
    orphan = OrderLine(
        order_id="no-such-order",
        line_id="l1",
        position=0,
        sku="SKU1",
        name="x",
        barcode="1",
        quantity=1,
        unit_price_cents=1,
        paid_cents=1,
    )
    with pytest.raises(IntegrityError):
        _add_and_commit(db, orphan)


def test_write_block_holds_the_write_lock_from_its_first_statement(
    db: Database, other_connection: sqlite3.Connection
):
    with db.write() as session:
        # Only a read so far: with a deferred BEGIN no write lock would be held yet.
        session.scalar(select(func.count()).select_from(SyncState))
        assert "database is locked" in _write_lock_refusal(other_connection)
    assert _write_lock_refusal(other_connection) == ""


def test_reads_go_on_while_a_write_is_open_and_see_only_committed_data(
    db: Database, other_connection: sqlite3.Connection
):
    with db.write() as session:
        sync_state_repository.set_value(session, "k", "before")
    with db.write() as session:
        sync_state_repository.set_value(session, "k", "uncommitted")
        assert "database is locked" in _write_lock_refusal(other_connection)
        assert _sync_value(db, "k") == "before"
    assert _sync_value(db, "k") == "uncommitted"


def test_read_session_takes_no_write_lock(db: Database, other_connection: sqlite3.Connection):
    with db.read() as session:
        session.scalar(select(func.count()).select_from(SyncState))
        assert _write_lock_refusal(other_connection) == ""


def test_read_only_engine_begins_deferred(db: Database, other_connection: sqlite3.Connection):
    with read_only_engine(db.engine).connect() as connection:
        connection.execute(text("SELECT 1"))
        assert connection.in_transaction()
        assert _write_lock_refusal(other_connection) == ""


def test_write_commits_everything_or_nothing(db: Database):
    def fail_half_way() -> None:
        with db.write() as session:
            sync_state_repository.set_value(session, "a", "1")
            sync_state_repository.set_value(session, "b", "2")
            raise RuntimeError("the person's action failed half way")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert _sync_value(db, "a") is None
    assert _sync_value(db, "b") is None
    with db.write() as session:
        sync_state_repository.set_value(session, "a", "1")
        sync_state_repository.set_value(session, "b", "2")
    assert (_sync_value(db, "a"), _sync_value(db, "b")) == ("1", "2")


def test_anything_written_in_a_read_session_is_rolled_back(db: Database):
    with db.read() as session:
        sync_state_repository.set_value(session, "scratch", "x")
        session.flush()
    assert _sync_value(db, "scratch") is None


def test_committed_write_survives_reopening_the_file(db: Database):
    with db.write() as session:
        sync_state_repository.set_value(session, "cursor", "abc")
    db.close()
    reopened = Database(db.path)
    try:
        assert _sync_value(reopened, "cursor") == "abc"
    finally:
        reopened.close()


def test_naive_datetime_is_refused_and_aware_one_is_stored_as_utc(db: Database):
    def record(at: datetime) -> QuarantinedRecord:
        return QuarantinedRecord(
            source="feed", kind="order", entity_id="o", raw="{}", reason="r", received_at=at
        )

    naive = record(datetime(2026, 11, 22, 11, 30))  # noqa: DTZ001 (the point)
    with pytest.raises(StatementError, match="naive datetime"):
        _add_and_commit(db, naive)
    shanghai = datetime.fromisoformat("2026-11-22T11:30:00+08:00")
    _add_and_commit(db, record(shanghai))
    with db.read() as session:
        stored = session.scalars(select(QuarantinedRecord.received_at)).one()
    assert stored == shanghai
    assert stored.utcoffset() == UTC.utcoffset(None)


def test_a_refetchable_write_is_not_synced_at_commit_and_leaves_the_next_write_synced(
    db: Database,
) -> None:
    # The feed's page and cursor: lost to a power cut, the hub sends them again.
    with db.write(refetchable=True) as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        sync_state_repository.set_value(session, sync_state_repository.CURSOR, "epoch-1:7")
        feed_connection = session.connection().connection.dbapi_connection

    # A person's action on the same pooled connection is synced to disk again at commit.
    with db.write() as session:
        assert session.connection().connection.dbapi_connection is feed_connection
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        sync_state_repository.set_value(session, "last_action", "accept")
    assert _sync_value(db, sync_state_repository.CURSOR) == "epoch-1:7"
    assert _sync_value(db, "last_action") == "accept"


def test_a_refetchable_write_that_fails_leaves_the_connection_synced_again(db: Database) -> None:
    def apply_a_bad_page() -> None:
        with db.write(refetchable=True) as session:
            sync_state_repository.set_value(session, sync_state_repository.CURSOR, "epoch-1:8")
            raise RuntimeError("the page could not be applied")

    with pytest.raises(RuntimeError):
        apply_a_bad_page()

    with db.write() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2
    assert _sync_value(db, sync_state_repository.CURSOR) is None
