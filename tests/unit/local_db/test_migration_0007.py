"""Migration 0007 (picking): tasks cached by the release before keep working after it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from local_db import task_repository
from local_db.database import Database
from local_db.engine import open_engine
from local_db.migration import alembic_config, upgrade_to_head


def test_a_task_cached_at_0006_reads_with_defaults_after_0007(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    engine = open_engine(path)
    try:
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0006")
            connection.commit()
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO tasks (task_id, order_id, kind, status, assignee_staff_id,"
                    " version) VALUES ('t-1', 'o-1', 'pick', 'in_progress', 's-1', 4)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO task_lines (task_id, line_id, sku, name, barcode, quantity,"
                    " picked_quantity, status) VALUES ('t-1', 'l-1', 'sku', 'Milk',"
                    " '6901234567892', 3, 2, 'open')"
                )
            )
        upgrade_to_head(engine)
    finally:
        engine.dispose()

    db = Database(path)
    try:
        with db.read() as session:
            task = task_repository.get_task(session, "t-1")
    finally:
        db.close()
    assert task is not None
    assert task.paused is False
    assert task.out_of_stock_preference == "contact_me"
    assert task.status_reason == ""
    [line] = task.lines
    assert line.picked_quantity == 2
    assert line.weighed is False
    assert line.price_difference_cents == 0
    assert line.short_quantity == 0
