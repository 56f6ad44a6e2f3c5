"""Read models of the picker's tasks, made from the cache's task snapshots."""

from __future__ import annotations

from app.domain.vocabulary import (
    Channel,
    HandoverParty,
    OutOfStockPreference,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from app.read_models import StatusReason, TaskDetail, TaskLineView, TaskSummary
from local_db.task_repository import TaskLineSnapshot, TaskSnapshot


def task_detail(task: TaskSnapshot) -> TaskDetail:
    """The pick screen's view of a task (lines already in shelf-route order)."""
    return TaskDetail(
        task_id=task.task_id,
        order_id=task.order_id,
        kind=TaskKind(task.kind),
        status=TaskStatus(task.status),
        assignee_staff_id=task.assignee_staff_id,
        channel=None if task.channel is None else Channel(task.channel),
        daily_serial=task.daily_serial,
        due_at=task.due_at,
        out_of_stock_preference=OutOfStockPreference(task.out_of_stock_preference),
        paused=task.paused,
        bag_count=task.bag_count,
        handed_to=None if task.handed_to is None else HandoverParty(task.handed_to),
        status_reason=task.status_reason,
        why=StatusReason.stored(task.status_code, task.status_detail, task.status_reason),
        lines=tuple(task_line_view(line) for line in task.lines),
        has_pending=task.has_pending,
        version=task.version,
    )


def task_summary(task: TaskSnapshot) -> TaskSummary:
    """One row of "my tasks"."""
    return TaskSummary(
        task_id=task.task_id,
        order_id=task.order_id,
        kind=TaskKind(task.kind),
        status=TaskStatus(task.status),
        channel=None if task.channel is None else Channel(task.channel),
        daily_serial=task.daily_serial,
        due_at=task.due_at,
        line_count=len(task.lines),
        unit_count=sum(line.quantity for line in task.lines),
        picked_count=sum(line.picked_quantity for line in task.lines),
        paused=task.paused,
        has_pending=task.has_pending,
    )


def task_line_view(line: TaskLineSnapshot) -> TaskLineView:
    """One line of a task."""
    return TaskLineView(
        line_id=line.line_id,
        sku=line.sku,
        name=line.name,
        barcode=line.barcode,
        quantity=line.quantity,
        picked_quantity=line.picked_quantity,
        status=TaskLineStatus(line.status),
        zone=line.location_zone,
        aisle=line.location_aisle,
        shelf=line.location_shelf,
        position=line.location_position,
        weighed=line.weighed,
        ordered_weight_g=line.ordered_weight_g,
        price_per_kg_cents=line.price_per_kg_cents,
        actual_weight_g=line.actual_weight_g,
        price_difference_cents=line.price_difference_cents,
        short_quantity=line.short_quantity,
        short_reason=None if line.short_reason is None else ShortageReason(line.short_reason),
        shortage_decision=line.shortage_decision,
        refund_cents=line.refund_cents,
        substitute_name=line.substitute_name,
    )
