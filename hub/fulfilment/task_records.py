"""Fulfilment tasks as the hub stores them: ids, wire form, versions, reads and writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind, TaskKind, TaskStatus
from hub.publishing import feed
from hub.storage.tables import TaskRow
from sync.protocol import TaskData

_FINISHED: Final = frozenset({TaskStatus.DONE, TaskStatus.CANCELLED})
OPEN: Final = frozenset({TaskStatus.QUEUED, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS})
"""Task statuses that still need a picker."""


def task_id_of(order_id: str, kind: TaskKind) -> str:
    """The id of an order's pick or pack task (one of each per order)."""
    return f"{order_id}-{kind.value}"


def task_of(row: TaskRow) -> TaskData:
    """The wire form of a stored task."""
    return TaskData.model_validate(row.body)


def next_task_version(
    current: TaskData, *, now: datetime | None = None, **changes: Any
) -> TaskData:
    """The task's next version with `changes` applied, validated.

    The first move to in progress stamps `started_at`, the move to done or cancelled `done_at`
    (at `now`, else the wall clock), so the manager's pick-time figures need no event log.
    """
    status = changes.get("status", current.status)
    moment = now or datetime.now(UTC)
    if status == TaskStatus.IN_PROGRESS and current.started_at is None:
        changes.setdefault("started_at", moment)
    if status in _FINISHED and current.done_at is None:
        changes.setdefault("done_at", moment)
    # A copy, not a re-validation of the whole task: `changes` come from the hub's own code
    # (statuses, ids, times of the right types), and a task has many lines.
    unknown = set(changes) - set(TaskData.model_fields)
    if unknown:
        raise TypeError(f"not fields of a task: {sorted(unknown)}")
    return current.model_copy(update={**changes, "version": current.version + 1})


def save_task(session: Session, row: TaskRow, task: TaskData) -> TaskData:
    """Store `task` (already at its next version) in `row` and bump its feed row."""
    row.body = task.model_dump(mode="json")
    row.status = task.status.value
    row.assignee_staff_id = task.assignee_staff_id
    row.version = task.version
    feed.publish(
        session, row.store_id, RecordKind.TASK, row.task_id, version=row.version, data=row.body
    )
    return task


def update_task(
    session: Session, row: TaskRow, *, now: datetime | None = None, **changes: Any
) -> TaskData:
    """Apply `changes` as the task's next version and publish it (`now`: see next_task_version)."""
    return save_task(session, row, next_task_version(task_of(row), now=now, **changes))


def insert_task(session: Session, store_id: str, task: TaskData, now: datetime) -> TaskRow:
    """Store a new task and put it in the store's feed."""
    row = TaskRow(
        task_id=task.task_id,
        store_id=store_id,
        order_id=task.order_id,
        kind=task.kind.value,
        status=task.status.value,
        assignee_staff_id=task.assignee_staff_id,
        created_at=now,
        version=task.version,
        body=task.model_dump(mode="json"),
    )
    session.add(row)
    feed.publish(session, store_id, RecordKind.TASK, task.task_id, version=1, data=row.body)
    return row


def tasks_of_order(session: Session, order_id: str) -> list[TaskRow]:
    """The order's tasks, pick before pack."""
    return list(
        session.scalars(
            select(TaskRow).where(TaskRow.order_id == order_id).order_by(TaskRow.kind.desc())
        )
    )


def tasks_of_orders(session: Session, order_ids: Sequence[str]) -> dict[str, list[TaskRow]]:
    """The tasks of these orders by order, pick before pack, in one read."""
    found: dict[str, list[TaskRow]] = {}
    rows = session.scalars(
        select(TaskRow)
        .where(TaskRow.order_id.in_(order_ids))
        .order_by(TaskRow.order_id, TaskRow.kind.desc())
    )
    for row in rows:
        found.setdefault(row.order_id, []).append(row)
    return found


def open_task_rows(session: Session, store_id: str, staff_id: str) -> Sequence[TaskRow]:
    """A picker's open tasks."""
    return list(
        session.scalars(
            select(TaskRow).where(
                TaskRow.store_id == store_id,
                TaskRow.assignee_staff_id == staff_id,
                TaskRow.status.in_([status.value for status in OPEN]),
            )
        )
    )
