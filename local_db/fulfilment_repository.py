"""Fulfilment tasks, their lines, and shortages as received from the hub."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db.models import Shortage, Task, TaskLine


def task_versions(session: Session, task_ids: Sequence[str]) -> dict[str, int]:
    """Stored versions of those of `task_ids` already cached."""
    if not task_ids:
        return {}
    rows = session.execute(select(Task.task_id, Task.version).where(Task.task_id.in_(task_ids)))
    return {task_id: version for task_id, version in rows}  # noqa: C416 (rows are Row objects)


def replace_tasks(
    session: Session, tasks: Sequence[dict[str, Any]], lines: Sequence[dict[str, Any]]
) -> None:
    """Insert or overwrite whole tasks and replace all their lines."""
    if not tasks:
        return
    statement = sqlite_insert(Task)
    columns = [c.name for c in Task.__table__.columns if c.name != "task_id"]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["task_id"], set_={name: statement.excluded[name] for name in columns}
        ),
        [{**row, "held_hub_data": None} for row in tasks],
    )
    session.execute(delete(TaskLine).where(TaskLine.task_id.in_([t["task_id"] for t in tasks])))
    if lines:
        session.execute(insert(TaskLine), list(lines))


def replace_shortages(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or overwrite shortages whose version is newer than the stored one."""
    if not rows:
        return
    statement = sqlite_insert(Shortage)
    columns = [c.name for c in Shortage.__table__.columns if c.name != "shortage_id"]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["shortage_id"],
            set_={name: statement.excluded[name] for name in columns},
            where=Shortage.__table__.c.version < statement.excluded.version,
        ),
        list(rows),
    )
