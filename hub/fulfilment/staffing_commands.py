"""Who works and on what: clocking in and out (oneself, or another as a manager), reassigning."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.vocabulary import (
    RecordKind,
    Role,
    TaskStatus,
)
from hub.devices.staff_records import staff_data
from hub.fulfilment import dispatch, picking_refusals, task_reasons, task_records
from hub.orders import order_refusals
from hub.publishing import feed
from hub.storage.tables import StaffRow, TaskRow
from sync.protocol import (
    ClockIn,
    ClockOut,
    ReassignTask,
    TaskData,
)


def clock(session: Session, sender: StaffRow, command: ClockIn | ClockOut) -> str:
    """Clock a picker in or out; a picker leaving gives their open tasks back."""
    person = _clocked_person(session, sender, command)
    if Role.PICKER.value not in person.roles:
        raise picking_refusals.not_a_picker(person.name)
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
            by = "" if person is sender else sender.name
            dispatch.release_tasks_of(
                session,
                person.store_id,
                person.staff_id,
                task_reasons.clocked_out(person.name, by),
            )
        dispatch.dispatch_waiting(session, person.store_id)
    return f"{person.name} clocked {'in' if on_duty else 'out'}."


def _clocked_person(session: Session, sender: StaffRow, command: ClockIn | ClockOut) -> StaffRow:
    """Whose shift the command changes: the sender's own, or (a manager ending someone
    else's shift; `_check_permission` asked the matrix for `reassign`) the target's."""
    target = command.target_staff_id if isinstance(command, ClockOut) else None
    if target is None or target == sender.staff_id:
        return sender
    person = session.get(StaffRow, target)
    if person is None or person.store_id != sender.store_id:
        raise order_refusals.unknown_staff()
    return person


def reassign(
    session: Session, sender: StaffRow, row: TaskRow, task: TaskData, command: ReassignTask
) -> str:
    """A manager gives an open task to another picker on duty."""
    if task.status not in task_records.OPEN:
        raise picking_refusals.task_wrong_status(task.status.value)
    target = session.get(StaffRow, command.assignee_staff_id)
    if (
        target is None
        or target.store_id != row.store_id
        or not target.active
        or not target.clocked_in
        or Role.PICKER.value not in target.roles
    ):
        raise picking_refusals.assignee_off_duty(
            target.name if target is not None else "This person"
        )
    task_records.update_task(
        session,
        row,
        status=TaskStatus.ASSIGNED,
        assignee_staff_id=target.staff_id,
        paused=False,
        **task_reasons.reassigned(target.name, sender.name),
    )
    return f"Task given to {target.name}."
