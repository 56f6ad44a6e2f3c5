"""The picker's own commands on a task: start, pause, pick a line, report a shortage, pick, pack."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.order_lifecycle import OrderAction
from app.domain.vocabulary import (
    RecordKind,
    Role,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from hub.catalogue import CATALOGUE
from hub.fulfilment import picking_refusals, task_reasons, task_records
from hub.orders.order_moves import move_order
from hub.publishing import feed
from hub.storage.tables import ShortageRow, StaffRow, TaskRow
from sync.protocol import (
    CompletePack,
    Handover,
    PickLine,
    ReportShortage,
    ShortageData,
    TaskData,
    TaskLine,
)

_DONE_LINE: Final = frozenset({TaskLineStatus.PICKED, TaskLineStatus.SHORT_RESOLVED})


def start_task(session: Session, row: TaskRow, task: TaskData, now: datetime) -> str:
    """Start an assigned task; its order is being prepared."""
    if task.status is not TaskStatus.ASSIGNED:
        raise picking_refusals.task_wrong_status(task.status.value)
    task_records.update_task(
        session,
        row,
        now=now,
        status=TaskStatus.IN_PROGRESS,
        paused=False,
        **task_reasons.cleared(),
    )
    move_order(session, task.order_id, OrderAction.START_PREPARING, now)
    return "Task started."


def pause_task(session: Session, row: TaskRow, task: TaskData, *, paused: bool) -> str:
    """Pause (or resume) a task in progress."""
    if task.status is not TaskStatus.IN_PROGRESS:
        raise picking_refusals.task_wrong_status(task.status.value)
    if task.paused != paused:
        task_records.update_task(session, row, paused=paused)
    return "Task paused." if paused else "Task resumed."


def _line(task: TaskData, line_id: str) -> tuple[int, TaskLine]:
    for index, line in enumerate(task.lines):
        if line.line_id == line_id:
            return index, line
    raise picking_refusals.unknown_line()


def _with_line(task: TaskData, index: int, line: TaskLine) -> list[TaskLine]:
    return [line if i == index else other for i, other in enumerate(task.lines)]


def pick_line(session: Session, row: TaskRow, task: TaskData, command: PickLine) -> str:
    """Count picked units of a line (and what a weighed item weighed)."""
    index, line = _line(task, command.line_id)
    if line.status is not TaskLineStatus.OPEN:
        raise picking_refusals.line_done(line.name)
    picked = line.picked_quantity + command.quantity
    if picked > line.quantity:
        raise picking_refusals.too_many(line.name, line.quantity)
    weight = line.actual_weight_g
    if command.actual_weight_g is not None:
        weight = (weight or 0) + command.actual_weight_g
    updated = line.model_copy(
        update={
            "picked_quantity": picked,
            "status": TaskLineStatus.PICKED if picked == line.quantity else TaskLineStatus.OPEN,
            "actual_weight_g": weight,
            "price_difference_cents": line.price_difference_cents + command.price_difference_cents,
        }
    )
    task_records.update_task(session, row, lines=_with_line(task, index, updated))
    return f"{line.name}: {picked} of {line.quantity}."


def report_shortage(
    session: Session, row: TaskRow, task: TaskData, command: ReportShortage, now: datetime
) -> str:
    """A line cannot be picked in full: record the shortage for the manager, the order waits."""
    index, line = _line(task, command.line_id)
    if line.status is not TaskLineStatus.OPEN:
        raise picking_refusals.line_done(line.name)
    if command.quantity_found >= line.quantity:
        raise picking_refusals.too_many(line.name, line.quantity)
    found = max(command.quantity_found, line.picked_quantity)
    short = line.quantity - found
    updated = line.model_copy(
        update={
            "picked_quantity": found,
            "status": TaskLineStatus.SHORT_PENDING,
            "short_quantity": short,
            "short_reason": command.reason,
            "shortage_decision": None,
        }
    )
    task_records.update_task(session, row, lines=_with_line(task, index, updated))
    count = session.scalar(
        select(func.count()).select_from(ShortageRow).where(ShortageRow.task_id == task.task_id)
    )
    shortage = ShortageData(
        # The line's own suffix (L1...): its whole id repeats the order id, and a mini-program
        # order id twice would not fit the 64 characters of an identifier.
        shortage_id=f"{task.task_id}-{command.line_id.rsplit('-', 1)[-1]}-{(count or 0) + 1}",
        order_id=task.order_id,
        task_id=task.task_id,
        line_id=line.line_id,
        quantity_short=short,
        reason=command.reason,
        reported_by=command.staff_id,
        reported_at=now,
        version=1,
    )
    body = shortage.model_dump(mode="json")
    session.add(
        ShortageRow(
            shortage_id=shortage.shortage_id,
            store_id=row.store_id,
            order_id=task.order_id,
            task_id=task.task_id,
            line_id=line.line_id,
            version=1,
            body=body,
        )
    )
    feed.publish(
        session, row.store_id, RecordKind.SHORTAGE, shortage.shortage_id, version=1, data=body
    )
    move_order(session, task.order_id, OrderAction.REPORT_SHORTAGE, now)
    return f"{line.name}: {short} short, waiting for the manager."


def complete_pick(session: Session, row: TaskRow, task: TaskData, now: datetime) -> str:
    """End picking once every line is picked or decided; the pack task begins."""
    if task.kind is not TaskKind.PICK or task.status is not TaskStatus.IN_PROGRESS:
        raise picking_refusals.task_wrong_status(task.status.value)
    waiting = [line for line in task.lines if line.status not in _DONE_LINE]
    if waiting:
        raise picking_refusals.lines_open(len(waiting))
    task_records.update_task(session, row, now=now, status=TaskStatus.DONE, paused=False)
    pack_lines = [
        line.model_copy(update={"quantity": line.picked_quantity})
        for line in task.lines
        if line.picked_quantity > 0
    ]
    pack_lines += [_substitute_line(line) for line in task.lines if _substituted(line)]
    pack = task.model_copy(
        update={
            "task_id": task_records.task_id_of(task.order_id, TaskKind.PACK),
            "kind": TaskKind.PACK,
            "status": TaskStatus.IN_PROGRESS,
            "lines": pack_lines,
            "paused": False,
            **task_reasons.cleared(),
            "started_at": now,
            "done_at": None,
            "version": 1,
        }
    )
    if session.get(TaskRow, pack.task_id) is None:
        task_records.insert_task(
            session, row.store_id, TaskData.model_validate(pack.model_dump()), now
        )
    return "Picking complete: pack the order."


def _substituted(line: TaskLine) -> bool:
    return (
        line.status is TaskLineStatus.SHORT_RESOLVED
        and line.shortage_decision == "substitute"
        and bool(line.substitute_sku)
        and line.short_quantity > 0
    )


def _substitute_line(line: TaskLine) -> TaskLine:
    """The pack line of a substitute the manager chose: the short units, as the substitute, so
    the packer puts it in the bag (the pick line holds only what was found of the original).
    Its own line id: the original's found units may be packed beside it."""
    product = CATALOGUE.find(line.substitute_sku)
    return TaskLine(
        line_id=f"{line.line_id}-S",
        sku=line.substitute_sku,
        name=line.substitute_name or (product.name if product else line.substitute_sku),
        barcode=product.barcode if product else "",
        quantity=line.short_quantity,
        picked_quantity=line.short_quantity,
        status=TaskLineStatus.PICKED,
        location=product.location if product else None,
        weighed=product.weighed if product else False,
        price_per_kg_cents=product.price_per_kg_cents if product else None,
        substitute_sku=line.substitute_sku,
        substitute_name=line.substitute_name,
    )


def complete_pack(
    session: Session,
    sender: StaffRow,
    row: TaskRow,
    task: TaskData,
    command: CompletePack,
    *,
    now: datetime,
) -> str:
    """The order is packed: ready at the counter, or handed over at once."""
    if task.kind is not TaskKind.PACK:
        raise picking_refusals.task_wrong_status(task.status.value)
    task_records.update_task(
        session,
        row,
        now=now,
        status=TaskStatus.DONE,
        bag_count=command.bag_count,
        handed_to=command.handed_to,
    )
    move_order(session, task.order_id, OrderAction.MARK_READY, now)
    if command.handed_to is None:
        return f"Packed in {command.bag_count} bag(s): ready at the counter."
    handover = Handover(by_staff_id=sender.staff_id, by_name=sender.name, to=command.handed_to)
    move_order(
        session,
        task.order_id,
        OrderAction.HAND_OVER,
        now,
        mover=Role.PICKER,
        handover=handover.model_dump(mode="json"),
    )
    return f"Packed in {command.bag_count} bag(s) and handed over."
