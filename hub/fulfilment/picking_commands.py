"""A picking command taken in: its sender and permission checked, then its family's rules.

The families: staffing (clock in/out, reassign: staffing_commands.py), a picker's work on a
task (task_work.py) and a manager's shortage decision (shortage_commands.py).

Each command is applied with the ORM in the caller's transaction (inside a savepoint, so a
refused command leaves nothing behind) and answered like the order commands; its answer is
kept in `commands` so a replay (same id, same body) gets the same answer as "duplicate".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final
from uuid import UUID

from sqlalchemy.orm import Session

from app.domain.action_permissions import TASK_COMMAND_PERMISSIONS
from app.domain.permissions import Permission
from app.domain.vocabulary import (
    RecordKind,
    Role,
    TaskStatus,
)
from hub.devices.enrolment import Device
from hub.errors import CommandIdReused, Refusal
from hub.fulfilment import picking_refusals, task_records
from hub.fulfilment.shortage_commands import decide_shortage
from hub.fulfilment.staffing_commands import clock, reassign
from hub.fulfilment.task_work import (
    complete_pack,
    complete_pick,
    pause_task,
    pick_line,
    report_shortage,
    start_task,
)
from hub.orders import order_refusals
from hub.orders.order_commands import Sender, command_digest, permitted_roles
from hub.publishing import feed
from hub.storage.tables import CommandRow, FeedRow, StaffRow, TaskRow
from sync.protocol import (
    FEED_RECORD,
    ClockIn,
    ClockOut,
    CommandResult,
    CompletePack,
    CompletePick,
    DecideShortage,
    FeedRecord,
    PauseTask,
    PickLine,
    ReassignTask,
    ReportShortage,
    ResumeTask,
    StaffCommand,
    StartTask,
    TaskCommand,
    TaskData,
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
        raise order_refusals.unknown_staff()
    _check_permission(session, store_id, sender, command)
    if isinstance(command, ClockIn | ClockOut):
        return clock(session, sender, command)
    row = session.get(TaskRow, command.task_id)
    if row is None or row.store_id != store_id:
        raise picking_refusals.unknown_task()
    task = task_records.task_of(row)
    if task.status is TaskStatus.CANCELLED:
        raise picking_refusals.task_cancelled(task.status_reason)
    if isinstance(command, ReassignTask | DecideShortage):
        return _manage(session, sender, row, task, command, now)
    _check_worker(session, sender, task)
    handlers: dict[type, Callable[[], str]] = {
        StartTask: lambda: start_task(session, row, task, now),
        PauseTask: lambda: pause_task(session, row, task, paused=True),
        ResumeTask: lambda: pause_task(session, row, task, paused=False),
        CompletePick: lambda: complete_pick(session, row, task, now),
    }
    if type(command) in handlers:
        return handlers[type(command)]()
    if task.status is not TaskStatus.IN_PROGRESS:
        raise picking_refusals.task_wrong_status(task.status.value)
    if task.paused:
        raise picking_refusals.task_paused()
    if isinstance(command, PickLine):
        return pick_line(session, row, task, command)
    if isinstance(command, ReportShortage):
        return report_shortage(session, row, task, command, now)
    if isinstance(command, CompletePack):
        return complete_pack(session, sender, row, task, command, now=now)
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
    return reassign(session, sender, row, task, command)


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
        raise picking_refusals.not_clocked_in(sender.name)
    if task.assignee_staff_id != sender.staff_id:
        owner = session.get(StaffRow, task.assignee_staff_id or "")
        raise picking_refusals.not_yours(None if owner is None else owner.name)


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
