"""The rules of picking commands at the hub: clock in/out, work a task, report a shortage.

Each command is applied with the ORM in the caller's transaction (inside a savepoint, so a
refused command leaves nothing behind) and answered like the order commands; its answer is
kept in `commands` so a replay (same id, same body) gets the same answer as "duplicate".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.action_permissions import TASK_COMMAND_PERMISSIONS
from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import Permission
from app.domain.vocabulary import (
    RecordKind,
    Role,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from hub import refusals
from hub.catalogue import CATALOGUE
from hub.demo_store import staff_data
from hub.devices.enrolment import Device
from hub.errors import CommandIdReused
from hub.fulfilment import tasks
from hub.fulfilment.shortage_commands import decide_shortage
from hub.orders.order_commands import Sender, command_digest, permitted_roles
from hub.orders.order_moves import move_order
from hub.publishing import feed
from hub.refusals import Refusal
from hub.storage.tables import CommandRow, FeedRow, ShortageRow, StaffRow, TaskRow
from sync.protocol import (
    FEED_RECORD,
    ClockIn,
    ClockOut,
    CommandResult,
    CompletePack,
    CompletePick,
    DecideShortage,
    FeedRecord,
    Handover,
    PauseTask,
    PickLine,
    ReassignTask,
    ReportShortage,
    ResumeTask,
    ShortageData,
    StaffCommand,
    StartTask,
    TaskCommand,
    TaskData,
    TaskLine,
)

PICKING_COMMANDS: Final = frozenset(
    {
        "clock_in",
        "clock_out",
        "start_task",
        "pick_line",
        "report_shortage",
        "pause_task",
        "resume_task",
        "complete_pick",
        "complete_pack",
        "reassign_task",
    }
)
_DONE_LINE: Final = frozenset({TaskLineStatus.PICKED, TaskLineStatus.SHORT_RESOLVED})


def picking_entity(command: StaffCommand | TaskCommand) -> tuple[RecordKind, str]:
    """The entity a picking command acts on: the sender's staff record or a task."""
    if isinstance(command, ClockOut) and command.target_staff_id is not None:
        return RecordKind.STAFF, command.target_staff_id
    if isinstance(command, ClockIn | ClockOut):
        return RecordKind.STAFF, command.staff_id
    return RecordKind.TASK, command.task_id


def apply_picking_command(
    session: Session,
    device: Device,
    command: StaffCommand | TaskCommand,
    now: datetime,
    *,
    dedupe: bool,
) -> CommandResult:
    """Apply one picking command for `device` and answer it (replays answered as before).

    Raises CommandIdReused when the id came before with another body.
    """
    command_id = str(command.command_id)
    digest = command_digest(command)
    known = session.get(CommandRow, command_id)
    kind, entity_id = picking_entity(command)
    if known is not None and dedupe:
        if known.body_sha256 != digest or known.store_id != device.store_id:
            raise CommandIdReused(command_id)
        return _result(
            command.command_id,
            "duplicate" if known.outcome == "applied" else "rejected",
            known.reason,
            known.message,
            _current(session, device.store_id, kind, entity_id),
            known.applied_at,
        )
    savepoint = session.begin_nested()
    try:
        message = _decide(session, device.store_id, command, now)
    except Refusal as refusal:
        savepoint.rollback()
        outcome, reason, message, applied_at = "rejected", refusal.reason, refusal.message, None
    except BaseException:
        savepoint.rollback()  # a bug: nothing of this command stays (the caller stops there)
        raise
    else:
        savepoint.commit()
        outcome, reason, applied_at = "applied", "", now
    values = {
        "store_id": device.store_id,
        "device_id": device.device_id,
        "staff_id": command.staff_id,
        "command_type": command.type,
        "body_sha256": digest,
        "outcome": outcome,
        "reason": reason,
        "message": message,
        "entity_kind": kind.value,
        "entity_id": entity_id,
        "received_at": now,
        "applied_at": applied_at,
    }
    if known is None:
        session.add(CommandRow(command_id=command_id, executions=1, **values))
    else:
        for name, value in values.items():
            setattr(known, name, value)
        known.executions += 1
    session.flush()
    current = _current(session, device.store_id, kind, entity_id)
    return _result(command.command_id, outcome, reason, message, current, applied_at)


def _decide(
    session: Session,
    store_id: str,
    command: StaffCommand | TaskCommand,
    now: datetime,
) -> str:
    """Apply the command's effects or raise Refusal; returns what it did, in words."""
    sender = session.get(StaffRow, command.staff_id)
    if sender is None or sender.store_id != store_id or not sender.active:
        raise refusals.unknown_staff()
    _check_permission(session, store_id, sender, command)
    if isinstance(command, ClockIn | ClockOut):
        return _clock(session, sender, command)
    row = session.get(TaskRow, command.task_id)
    if row is None or row.store_id != store_id:
        raise refusals.unknown_task()
    task = tasks.task_of(row)
    if task.status is TaskStatus.CANCELLED:
        raise refusals.task_cancelled(task.status_reason)
    if isinstance(command, ReassignTask | DecideShortage):
        return _manage(session, sender, row, task, command, now)
    _check_worker(session, sender, task)
    handlers: dict[type, Callable[[], str]] = {
        StartTask: lambda: _start(session, row, task, now),
        PauseTask: lambda: _pause(session, row, task, paused=True),
        ResumeTask: lambda: _pause(session, row, task, paused=False),
        CompletePick: lambda: _complete_pick(session, row, task, now),
    }
    if type(command) in handlers:
        return handlers[type(command)]()
    if task.status is not TaskStatus.IN_PROGRESS:
        raise refusals.task_wrong_status(task.status.value)
    if task.paused:
        raise refusals.task_paused()
    if isinstance(command, PickLine):
        return _pick(session, row, task, command)
    if isinstance(command, ReportShortage):
        return _report_shortage(session, row, task, command, now)
    if isinstance(command, CompletePack):
        return _complete_pack(session, sender, row, task, command, now=now)
    raise AssertionError(f"unhandled picking command {command.type}")  # pragma: no cover


def _manage(  # noqa: PLR0917 (the command and what it acts on, as `_decide` has them)
    session: Session,
    sender: StaffRow,
    row: TaskRow,
    task: TaskData,
    command: ReassignTask | DecideShortage,
    now: datetime,
) -> str:
    """A manager's command on a task: give it to someone else, or decide its shortage."""
    if isinstance(command, DecideShortage):
        return decide_shortage(session, sender, command, now)
    return _reassign(session, sender, row, task, command)


def _permission_of(command: StaffCommand | TaskCommand) -> Permission | None:
    """What the matrix must give the sender; None for decide_shortage, whose own rules
    (hub.shortage_commands) check it."""
    target = command.target_staff_id if isinstance(command, ClockOut) else None
    if target is not None and target != command.staff_id:
        return Permission.REASSIGN  # ending someone else's shift
    return TASK_COMMAND_PERMISSIONS.get(command.type)


def _check_permission(
    session: Session, store_id: str, sender: StaffRow, command: StaffCommand | TaskCommand
) -> None:
    """Refuse, before anything else, a command the matrix does not give the sender (or an
    override by a manager of the store does not cover)."""
    permission = _permission_of(command)
    if permission is None:
        return
    approver = None if command.approved_by is None else session.get(StaffRow, command.approved_by)
    permitted_roles(
        command,
        _as_sender(sender),
        None if approver is None else _as_sender(approver),
        permission,
        store_id,
    )


def _as_sender(row: StaffRow) -> Sender:
    known = {role.value for role in Role}
    roles = frozenset(Role(role) for role in row.roles if role in known)
    return Sender(row.store_id, row.name, roles, row.active)


def _check_worker(session: Session, sender: StaffRow, task: TaskData) -> None:
    """Only the task's own picker, on duty, works it (the matrix was checked before)."""
    if not sender.clocked_in:
        raise refusals.not_clocked_in(sender.name)
    if task.assignee_staff_id != sender.staff_id:
        owner = session.get(StaffRow, task.assignee_staff_id or "")
        raise refusals.not_yours(None if owner is None else owner.name)


def _clock(session: Session, sender: StaffRow, command: ClockIn | ClockOut) -> str:
    person = _clocked_person(session, sender, command)
    if Role.PICKER.value not in person.roles:
        raise refusals.not_a_picker(person.name)
    on_duty = isinstance(command, ClockIn)
    if person.clocked_in != on_duty:
        person.clocked_in = on_duty
        person.version += 1
        data = staff_data(person).model_dump(mode="json")
        feed.publish(
            session,
            person.store_id,
            RecordKind.STAFF,
            person.staff_id,
            version=person.version,
            data=data,
        )
        if not on_duty:
            by = "" if person is sender else f" by {sender.name}"
            tasks.release_tasks_of(
                session, person.store_id, person.staff_id, f"{person.name} clocked out{by}."
            )
        tasks.dispatch(session, person.store_id)
    return f"{person.name} clocked {'in' if on_duty else 'out'}."


def _clocked_person(session: Session, sender: StaffRow, command: ClockIn | ClockOut) -> StaffRow:
    """Whose shift the command changes: the sender's own, or (a manager ending someone
    else's shift; `_check_permission` asked the matrix for `reassign`) the target's."""
    target = command.target_staff_id if isinstance(command, ClockOut) else None
    if target is None or target == sender.staff_id:
        return sender
    person = session.get(StaffRow, target)
    if person is None or person.store_id != sender.store_id:
        raise refusals.unknown_staff()
    return person


def _start(session: Session, row: TaskRow, task: TaskData, now: datetime) -> str:
    if task.status is not TaskStatus.ASSIGNED:
        raise refusals.task_wrong_status(task.status.value)
    tasks.update_task(
        session, row, now=now, status=TaskStatus.IN_PROGRESS, paused=False, status_reason=""
    )
    move_order(session, task.order_id, OrderAction.START_PREPARING, now)
    return "Task started."


def _pause(session: Session, row: TaskRow, task: TaskData, *, paused: bool) -> str:
    if task.status is not TaskStatus.IN_PROGRESS:
        raise refusals.task_wrong_status(task.status.value)
    if task.paused != paused:
        tasks.update_task(session, row, paused=paused)
    return "Task paused." if paused else "Task resumed."


def _line(task: TaskData, line_id: str) -> tuple[int, TaskLine]:
    for index, line in enumerate(task.lines):
        if line.line_id == line_id:
            return index, line
    raise refusals.unknown_line()


def _with_line(task: TaskData, index: int, line: TaskLine) -> list[TaskLine]:
    return [line if i == index else other for i, other in enumerate(task.lines)]


def _pick(session: Session, row: TaskRow, task: TaskData, command: PickLine) -> str:
    index, line = _line(task, command.line_id)
    if line.status is not TaskLineStatus.OPEN:
        raise refusals.line_done(line.name)
    picked = line.picked_quantity + command.quantity
    if picked > line.quantity:
        raise refusals.too_many(line.name, line.quantity)
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
    tasks.update_task(session, row, lines=_with_line(task, index, updated))
    return f"{line.name}: {picked} of {line.quantity}."


def _report_shortage(
    session: Session, row: TaskRow, task: TaskData, command: ReportShortage, now: datetime
) -> str:
    index, line = _line(task, command.line_id)
    if line.status is not TaskLineStatus.OPEN:
        raise refusals.line_done(line.name)
    if command.quantity_found >= line.quantity:
        raise refusals.too_many(line.name, line.quantity)
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
    tasks.update_task(session, row, lines=_with_line(task, index, updated))
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


def _complete_pick(session: Session, row: TaskRow, task: TaskData, now: datetime) -> str:
    if task.kind is not TaskKind.PICK or task.status is not TaskStatus.IN_PROGRESS:
        raise refusals.task_wrong_status(task.status.value)
    waiting = [line for line in task.lines if line.status not in _DONE_LINE]
    if waiting:
        raise refusals.lines_open(len(waiting))
    tasks.update_task(session, row, now=now, status=TaskStatus.DONE, paused=False)
    pack_lines = [
        line.model_copy(update={"quantity": line.picked_quantity})
        for line in task.lines
        if line.picked_quantity > 0
    ]
    pack_lines += [_substitute_line(line) for line in task.lines if _substituted(line)]
    pack = task.model_copy(
        update={
            "task_id": tasks.task_id_of(task.order_id, TaskKind.PACK),
            "kind": TaskKind.PACK,
            "status": TaskStatus.IN_PROGRESS,
            "lines": pack_lines,
            "paused": False,
            "status_reason": "",
            "started_at": now,
            "done_at": None,
            "version": 1,
        }
    )
    if session.get(TaskRow, pack.task_id) is None:
        tasks.insert_task(session, row.store_id, TaskData.model_validate(pack.model_dump()), now)
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


def _complete_pack(
    session: Session,
    sender: StaffRow,
    row: TaskRow,
    task: TaskData,
    command: CompletePack,
    *,
    now: datetime,
) -> str:
    if task.kind is not TaskKind.PACK:
        raise refusals.task_wrong_status(task.status.value)
    tasks.update_task(
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


def _reassign(
    session: Session, sender: StaffRow, row: TaskRow, task: TaskData, command: ReassignTask
) -> str:
    if task.status not in tasks.OPEN:
        raise refusals.task_wrong_status(task.status.value)
    target = session.get(StaffRow, command.assignee_staff_id)
    if (
        target is None
        or target.store_id != row.store_id
        or not target.active
        or not target.clocked_in
        or Role.PICKER.value not in target.roles
    ):
        raise refusals.assignee_off_duty(target.name if target is not None else "This person")
    tasks.update_task(
        session,
        row,
        status=TaskStatus.ASSIGNED,
        assignee_staff_id=target.staff_id,
        paused=False,
        status_reason=f"Reassigned to {target.name} by {sender.name}.",
    )
    return f"Task given to {target.name}."


def _current(
    session: Session, store_id: str, kind: RecordKind, entity_id: str
) -> FeedRecord | None:
    session.flush()
    row = session.get(FeedRow, (store_id, feed.entity_key(kind, entity_id)))
    if row is None:
        return None
    return FEED_RECORD.validate_python({**row.payload, "seq": row.seq})


def _result(  # noqa: PLR0917 (the six parts of an answer, in their wire order)
    command_id: UUID,
    outcome: str,
    reason: str,
    message: str,
    current: FeedRecord | None,
    applied_at: datetime | None,
) -> CommandResult:
    return CommandResult.model_validate(
        {
            "command_id": command_id,
            "outcome": outcome,
            "reason": reason,
            "message": message,
            "current": current,
            "applied_at": applied_at,
        }
    )
