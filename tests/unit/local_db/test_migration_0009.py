"""Migration 0009 (exception orders): orders cached by the release before keep working."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from local_db import order_repository
from local_db.database import Database
from local_db.engine import open_engine
from local_db.migration import HEAD_REVISION, stored_revision
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, order_record
from tests.migrations import downgrade


def test_an_order_cached_at_0008_reads_without_an_exception_after_0009(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    db = Database(path)
    with db.write() as session:
        apply_raw_records(session, [order_record(1, "o-1", status="accepted")], BASE_TIME)
    db.close()
    engine = open_engine(path)
    try:
        downgrade(engine, "0008")
        with engine.connect() as connection:
            columns = {row[1] for row in connection.execute(text("PRAGMA table_info(orders)"))}
            kept = connection.execute(text("SELECT status FROM orders")).scalars().all()
            lines = connection.execute(text("SELECT count(*) FROM order_lines")).scalar()
        assert "exception" not in columns
        assert (kept, lines) == (["accepted"], 2)
    finally:
        engine.dispose()

    db = Database(path)  # a file at 0008 is upgraded at start, not skipped
    try:
        with db.read() as session:
            order = order_repository.get_order(session, "o-1")
    finally:
        db.close()
    engine = open_engine(path)
    try:
        assert stored_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()
    assert order is not None
    assert (order.status, order.exception, len(order.lines)) == ("accepted", None, 2)
