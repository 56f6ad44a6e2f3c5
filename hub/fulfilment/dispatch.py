"""Dispatch, not grab: which picker on duty gets a task (least loaded, zones respected)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.vocabulary import Role, TaskStatus
from hub.fulfilment.task_records import OPEN, next_task_version, task_of, update_task
from hub.storage.tables import StaffRow, TaskRow
from sync.protocol import TaskData


@dataclass(frozen=True, slots=True)
class PickerOnDuty:
    """A clocked-in picker as dispatch sees them."""

    staff_id: str
    zones: frozenset[str]
    """Zones they work in; empty: any zone."""
    open_tasks: int
    """Tasks assigned to them and not done yet."""


def choose_picker(task_zones: Iterable[str], pickers: Sequence[PickerOnDuty]) -> str | None:
    """The picker who should get a task whose lines lie in `task_zones`, or None (it waits).

    A picker with zones only gets tasks touching one of them; a picker without zones gets any.
    The least loaded eligible picker wins; between equally loaded ones, a picker of the task's
    zone comes before a generalist, then the lowest staff id (a stable, repeatable choice).
    """
    zones = frozenset(task_zones)
    eligible = [p for p in pickers if not p.zones or p.zones & zones]
    if not eligible:
        return None
    best = min(eligible, key=lambda p: (p.open_tasks, 0 if p.zones else 1, p.staff_id))
    return best.staff_id


def assign_new(
    session: Session, store_id: str, new: Sequence[TaskData]
) -> list[tuple[TaskRow | None, TaskData]]:
    """`dispatch_waiting` of the store's queued tasks plus `new` ones not stored yet, in memory: the
    assigned next version of each task given a picker, in dispatch order, with its stored row
    (None for a new task). The chosen picker's load goes up by one, as re-reading it would."""
    if not new:
        return []
    pickers = pickers_on_duty(session, store_id)
    if not pickers:
        return []  # nobody on duty: every queued task waits, the queue is not read
    queued = session.scalars(
        select(TaskRow).where(
            TaskRow.store_id == store_id, TaskRow.status == TaskStatus.QUEUED.value
        )
    )
    waiting: list[tuple[TaskRow | None, TaskData]] = [(row, task_of(row)) for row in queued]
    waiting.extend((None, task) for task in new)
    waiting.sort(key=lambda pair: _task_due_key(pair[1]))
    assigned: list[tuple[TaskRow | None, TaskData]] = []
    for row, task in waiting:
        staff_id = choose_picker(_zones(task), pickers)
        if staff_id is None:
            continue
        assigned.append(
            (row, next_task_version(task, status=TaskStatus.ASSIGNED, assignee_staff_id=staff_id))
        )
        pickers = [
            replace(p, open_tasks=p.open_tasks + 1) if p.staff_id == staff_id else p
            for p in pickers
        ]
    return assigned


def pickers_on_duty(session: Session, store_id: str) -> list[PickerOnDuty]:
    """Clocked-in, active pickers of the store with how many open tasks each holds."""
    staff = session.scalars(
        select(StaffRow).where(StaffRow.store_id == store_id, StaffRow.active, StaffRow.clocked_in)
    )
    pickers = [row for row in staff if Role.PICKER.value in row.roles]
    if not pickers:
        return []  # the loads are not counted: a queue of hundreds waits for nobody
    rows = session.execute(
        select(TaskRow.assignee_staff_id, func.count())
        .where(
            TaskRow.store_id == store_id,
            TaskRow.status.in_([status.value for status in OPEN]),
            TaskRow.assignee_staff_id.is_not(None),
        )
        .group_by(TaskRow.assignee_staff_id)
    )
    loads = {staff_id: count for staff_id, count in rows}  # noqa: C416 (rows are Row objects)
    return [
        PickerOnDuty(row.staff_id, frozenset(row.zones or ()), loads.get(row.staff_id, 0))
        for row in pickers
    ]


def dispatch_waiting(session: Session, store_id: str) -> list[TaskData]:
    """Give every queued task of the store to a picker on duty, earliest due first."""
    session.flush()
    pickers = pickers_on_duty(session, store_id)
    if not pickers:
        # Nobody on duty: every queued task waits. Not reading the queue here keeps a store
        # whose pickers are all off (a reconnect draining hundreds of accepts) linear.
        return []
    queued = session.scalars(
        select(TaskRow)
        .where(TaskRow.store_id == store_id, TaskRow.status == TaskStatus.QUEUED.value)
        .order_by(TaskRow.created_at, TaskRow.task_id)
    )
    rows = sorted(queued, key=_due_key)
    dispatched: list[TaskData] = []
    for row in rows:
        staff_id = choose_picker(_zones(task_of(row)), pickers)
        if staff_id is None:
            continue
        dispatched.append(
            update_task(session, row, status=TaskStatus.ASSIGNED, assignee_staff_id=staff_id)
        )
        session.flush()
        pickers = pickers_on_duty(session, store_id)  # the loads changed
    return dispatched


def release_tasks_of(
    session: Session, store_id: str, staff_id: str, reason: Mapping[str, Any]
) -> None:
    """Put the open tasks of a picker going off duty back in the queue, picks kept; `reason`
    is why (task_reasons.py: the words, code and detail)."""
    rows = session.scalars(
        select(TaskRow).where(
            TaskRow.store_id == store_id,
            TaskRow.assignee_staff_id == staff_id,
            TaskRow.status.in_([status.value for status in OPEN]),
        )
    )
    for row in list(rows):
        update_task(
            session,
            row,
            status=TaskStatus.QUEUED,
            assignee_staff_id=None,
            paused=False,
            **reason,
        )


def _zones(task: TaskData) -> set[str]:
    return {line.location.zone for line in task.lines if line.location is not None}


def _due_key(row: TaskRow) -> tuple[int, float, str]:
    return _task_due_key(task_of(row))


def _task_due_key(task: TaskData) -> tuple[int, float, str]:
    due = task.due_at
    return (0 if due is not None else 1, 0.0 if due is None else due.timestamp(), task.task_id)
