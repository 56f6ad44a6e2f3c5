"""Picking state on this device: tasks with their lines, held hub state, and task notices.

Feed writes of whole tasks live in `fulfilment_repository`; this module serves the picking
service (read a task, change a line, hold the hub's newer state) and the feed's notices.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from local_db.models import Order, OutboxEntry, Shortage, Staff, Task, TaskLine, TaskNotice
from local_db.outbox_repository import PENDING


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskLineSnapshot:
    """One cached task line, as plain values."""

    line_id: str
    sku: str
    name: str
    barcode: str
    quantity: int
    picked_quantity: int
    status: str
    location_zone: str | None
    location_aisle: int | None
    location_shelf: int | None
    location_position: int | None
    weighed: bool
    ordered_weight_g: int | None
    price_per_kg_cents: int | None
    actual_weight_g: int | None
    price_difference_cents: int
    paid_cents: int
    short_quantity: int
    short_reason: str | None
    shortage_decision: str | None
    substitute_name: str
    refund_cents: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskSnapshot:
    """One cached task with its lines (in shelf-route order), as plain values."""

    task_id: str
    order_id: str
    kind: str
    status: str
    assignee_staff_id: str | None
    due_at: datetime | None
    bag_count: int | None
    channel: str | None
    daily_serial: int | None
    out_of_stock_preference: str
    paused: bool
    handed_to: str | None
    status_reason: str
    status_code: str = ""
    """Why cancelled, given away or queued again, as the hub's code ("": no reason given)."""
    status_detail: dict[str, Any] = field(default_factory=dict)
    """The data beside the code (wire StatusDetail as JSON)."""
    version: int
    has_pending: bool
    lines: tuple[TaskLineSnapshot, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeSnapshot:
    """A task notice for one picker."""

    notice_id: int
    task_id: str
    kind: str
    message: str
    created_at: datetime
    status_code: str = ""
    status_detail: dict[str, Any] = field(default_factory=dict)


def get_task(session: Session, task_id: str) -> TaskSnapshot | None:
    """The cached task, or None."""
    task = session.scalar(
        select(Task).where(Task.task_id == task_id).options(selectinload(Task.lines))
    )
    if task is None:
        return None
    return _snapshot(session, task, pending=_pending_ids(session, [task_id]))


def tasks_of(session: Session, staff_id: str, statuses: Collection[str]) -> list[TaskSnapshot]:
    """The tasks assigned to `staff_id` in `statuses`, earliest due first."""
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.assignee_staff_id == staff_id, Task.status.in_(list(statuses)))
            .options(selectinload(Task.lines))
        )
    )
    pending = _pending_ids(session, [task.task_id for task in tasks])
    snapshots = [_snapshot(session, task, pending=pending) for task in tasks]
    return sorted(snapshots, key=_due_order)


def update_task(session: Session, task_id: str, **values: Any) -> None:
    """Change columns of a cached task."""
    session.execute(update(Task).where(Task.task_id == task_id).values(**values))


def update_line(session: Session, task_id: str, line_id: str, **values: Any) -> None:
    """Change columns of one cached task line."""
    session.execute(
        update(TaskLine)
        .where(TaskLine.task_id == task_id, TaskLine.line_id == line_id)
        .values(**values)
    )


def held_of(session: Session, task_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The hub states held back for those of `task_ids` that have one."""
    if not task_ids:
        return {}
    rows = session.execute(
        select(Task.task_id, Task.held_hub_data).where(
            Task.task_id.in_(task_ids), Task.held_hub_data.is_not(None)
        )
    )
    return {task_id: data for task_id, data in rows}  # noqa: C416 (rows are Row objects)


def hold(session: Session, task_id: str, data: dict[str, Any]) -> None:
    """Keep the hub's newer state of a task beside the shown one (picks still pending)."""
    session.execute(update(Task).where(Task.task_id == task_id).values(held_hub_data=data))


def task_heads(session: Session, task_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """(status, assignee) of those of `task_ids` already cached."""
    if not task_ids:
        return {}
    rows = session.execute(
        select(Task.task_id, Task.status, Task.assignee_staff_id).where(Task.task_id.in_(task_ids))
    )
    return {task_id: (status, assignee) for task_id, status, assignee in rows}


def add_notice(
    session: Session,
    *,
    staff_id: str,
    task_id: str,
    kind: str,
    message: str,
    at: datetime,
    status_code: str = "",
    status_detail: dict[str, Any] | None = None,
) -> None:
    """Tell `staff_id` that their task was cancelled or given to someone else: `message` is
    the hub's English words, `status_code` and `status_detail` the task's code and detail."""
    session.add(
        TaskNotice(
            staff_id=staff_id,
            task_id=task_id,
            kind=kind,
            message=message,
            status_code=status_code,
            status_detail=dict(status_detail or {}),
            created_at=at,
        )
    )


def unseen_notices(session: Session, staff_id: str) -> list[NoticeSnapshot]:
    """The picker's notices not yet shown, oldest first."""
    rows = session.scalars(
        select(TaskNotice)
        .where(TaskNotice.staff_id == staff_id, TaskNotice.seen.is_(False))
        .order_by(TaskNotice.id)
    )
    return [
        NoticeSnapshot(
            notice_id=row.id,
            task_id=row.task_id,
            kind=row.kind,
            message=row.message,
            created_at=row.created_at,
            status_code=row.status_code,
            status_detail=dict(row.status_detail or {}),
        )
        for row in rows
    ]


def mark_notices_seen(session: Session, notice_ids: Sequence[int]) -> None:
    """The picker saw these notices."""
    if notice_ids:
        session.execute(
            update(TaskNotice).where(TaskNotice.id.in_(list(notice_ids))).values(seen=True)
        )


def _pending_ids(session: Session, task_ids: Sequence[str]) -> set[str]:
    if not task_ids:
        return set()
    return set(
        session.scalars(
            select(OutboxEntry.entity_id).where(
                OutboxEntry.state == PENDING,
                OutboxEntry.entity_kind == "task",
                OutboxEntry.entity_id.in_(task_ids),
            )
        )
    )


def has_pending(session: Session, task_id: str) -> bool:
    """Whether the task has commands of this device still pending."""
    query = exists().where(
        OutboxEntry.state == PENDING,
        OutboxEntry.entity_kind == "task",
        OutboxEntry.entity_id == task_id,
    )
    return bool(session.scalar(select(query)))


def _refunds(session: Session, task_id: str) -> dict[str, int]:
    rows = session.execute(
        select(Shortage.line_id, func.sum(Shortage.refund_cents))
        .where(Shortage.task_id == task_id, Shortage.refund_cents.is_not(None))
        .group_by(Shortage.line_id)
    )
    return {line_id: int(total or 0) for line_id, total in rows}


def _snapshot(session: Session, task: Task, *, pending: set[str]) -> TaskSnapshot:
    refunds = _refunds(session, task.task_id)
    lines = sorted(task.lines, key=_route_order)
    return TaskSnapshot(
        task_id=task.task_id,
        order_id=task.order_id,
        kind=task.kind,
        status=task.status,
        assignee_staff_id=task.assignee_staff_id,
        due_at=task.due_at,
        bag_count=task.bag_count,
        channel=task.channel,
        daily_serial=task.daily_serial,
        out_of_stock_preference=task.out_of_stock_preference,
        paused=task.paused,
        handed_to=task.handed_to,
        status_reason=task.status_reason,
        status_code=task.status_code,
        status_detail=dict(task.status_detail or {}),
        version=task.version,
        has_pending=task.task_id in pending,
        lines=tuple(_line(line, refunds.get(line.line_id)) for line in lines),
    )


def _route_order(line: TaskLine) -> tuple[int, str, int, int, int, str]:
    """Shelf-route order: zone, aisle, shelf, position; lines without a place come last."""
    return (
        1 if line.location_zone is None else 0,
        line.location_zone or "",
        line.location_aisle or 0,
        line.location_shelf or 0,
        line.location_position or 0,
        line.line_id,
    )


def _due_order(task: TaskSnapshot) -> tuple[int, float, str]:
    due = task.due_at
    return (0 if due is not None else 1, 0.0 if due is None else due.timestamp(), task.task_id)


def _line(line: TaskLine, refund_cents: int | None) -> TaskLineSnapshot:
    return TaskLineSnapshot(
        line_id=line.line_id,
        sku=line.sku,
        name=line.name,
        barcode=line.barcode,
        quantity=line.quantity,
        picked_quantity=line.picked_quantity,
        status=line.status,
        location_zone=line.location_zone,
        location_aisle=line.location_aisle,
        location_shelf=line.location_shelf,
        location_position=line.location_position,
        weighed=line.weighed,
        ordered_weight_g=line.ordered_weight_g,
        price_per_kg_cents=line.price_per_kg_cents,
        actual_weight_g=line.actual_weight_g,
        price_difference_cents=line.price_difference_cents,
        paid_cents=line.paid_cents,
        short_quantity=line.short_quantity,
        short_reason=line.short_reason,
        shortage_decision=line.shortage_decision,
        substitute_name=line.substitute_name,
        refund_cents=refund_cents,
    )


def set_clocked_in(session: Session, staff_id: str, *, on_duty: bool) -> None:
    """Show a picker on or off duty on this device (the hub confirms through the feed)."""
    session.execute(update(Staff).where(Staff.staff_id == staff_id).values(clocked_in=on_duty))


def insert_task(session: Session, task: dict[str, Any], lines: Sequence[dict[str, Any]]) -> None:
    """Add a task made on this device (the pack task that follows picking, before the hub's
    own arrives); the hub's version of it replaces it through the feed."""
    session.add(Task(**task, lines=[TaskLine(**line) for line in lines]))


def open_tasks(session: Session, statuses: Collection[str]) -> list[TaskSnapshot]:
    """Every cached task in `statuses` (the manager's floor view), earliest due first."""
    tasks = list(
        session.scalars(
            select(Task).where(Task.status.in_(list(statuses))).options(selectinload(Task.lines))
        )
    )
    pending = _pending_ids(session, [task.task_id for task in tasks])
    return sorted((_snapshot(session, task, pending=pending) for task in tasks), key=_due_order)


def waiting_since(session: Session, order_ids: Sequence[str]) -> dict[str, datetime]:
    """When each order's tasks began to wait: its acceptance, else its placing (the device
    keeps no creation time of a task; the hub makes the pick task when the order is accepted)."""
    if not order_ids:
        return {}
    rows = session.execute(
        select(Order.order_id, Order.accepted_at, Order.placed_at).where(
            Order.order_id.in_(list(order_ids))
        )
    )
    return {order_id: accepted or placed for order_id, accepted, placed in rows}
