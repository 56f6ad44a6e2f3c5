"""The manager's floor: who is on duty, each picker's load, the queue; reassign and clock out.

Both actions follow the house rule: the matrix first (`reassign`, which a manager's PIN may
lend for one action), then the change shown locally as pending, its command for the hub and
its audit entry, in one transaction. The hub has the last word: it dispatches, it refuses a
picker who went off duty meanwhile, and its answer comes back through the feed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.status_codes import TaskStatusCode
from app.domain.vocabulary import Channel, Role, TaskKind, TaskLineStatus, TaskStatus
from app.read_models import SignedInStaff, StatusReason
from app.services import input_checks, permission_gate
from app.services.picking_writes import queue_command
from local_db import outbox_repository, staff_repository, task_repository
from local_db.database import Database, is_storage_full
from local_db.task_repository import TaskSnapshot

OPEN_STATUSES: Final = (
    TaskStatus.QUEUED.value,
    TaskStatus.ASSIGNED.value,
    TaskStatus.IN_PROGRESS.value,
)
_DONE_LINE: Final = frozenset({TaskLineStatus.PICKED.value, TaskLineStatus.SHORT_RESOLVED.value})


class TaskControlRefused(Exception):
    """The manager's action cannot be taken.

    `code` is stable (the screen puts it in words): not_permitted, unknown_task, task_closed,
    unknown_staff, not_on_duty (the target picker is off duty), same_picker, storage_full,
    not_sendable.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"task control refused: {code} {detail}".strip())
        self.code = code


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorTask:
    """One open task as the manager's screen shows it."""

    task_id: str
    order_id: str
    kind: TaskKind
    status: TaskStatus
    assignee_staff_id: str | None
    channel: Channel | None
    daily_serial: int | None
    lines_left: int
    waiting_since: datetime | None
    """When the order was accepted (the task's age counts from there)."""
    due_at: datetime | None
    """The order's expected ready time: the deadline the task works against."""
    pending: bool
    """A change of this device's on the task has not reached the hub yet."""
    status_reason: str
    why: StatusReason
    """Why it was given away or queued again: the hub's code, its detail and words."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PickerLoad:
    """A picker on duty (or still holding tasks) with what they hold."""

    staff_id: str
    name: str
    on_duty: bool
    pending: bool
    """A clock-out sent from here has not reached the hub yet."""
    tasks: tuple[FloorTask, ...]

    @property
    def open_count(self) -> int:
        """How many open tasks the picker holds."""
        return len(self.tasks)

    @property
    def lines_left(self) -> int:
        """Lines still to pick over all their tasks."""
        return sum(task.lines_left for task in self.tasks)

    @property
    def oldest_since(self) -> datetime | None:
        """When their oldest task began to wait (None: no tasks)."""
        moments = [task.waiting_since for task in self.tasks if task.waiting_since is not None]
        return min(moments, default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorView:
    """The floor at one moment: pickers with their loads, and tasks nobody holds."""

    pickers: tuple[PickerLoad, ...]
    queued: tuple[FloorTask, ...]


class TaskControl:
    """The manager's task and staff actions; every call is one short local transaction."""

    def __init__(
        self, db: Database, clock: Clock, on_queued: Callable[[], None] = lambda: None
    ) -> None:
        self._db = db
        self._clock = clock
        self._on_queued = on_queued

    def floor(self) -> FloorView:
        """Pickers on duty (and anyone off duty still holding tasks) and the queue."""
        with self._db.read() as session:
            snapshots = task_repository.open_tasks(session, OPEN_STATUSES)
            since = task_repository.waiting_since(session, [t.order_id for t in snapshots])
            staff = staff_repository.list_staff(session)
            duty = _duty_overrides(session)
        tasks = [_floor_task(task, since.get(task.order_id)) for task in snapshots]
        pickers = []
        for member in staff:
            if Role.PICKER.value not in member.roles:
                continue
            held = tuple(t for t in tasks if t.assignee_staff_id == member.staff_id)
            on_duty = duty.get(member.staff_id, member.clocked_in)
            if on_duty or held:
                pickers.append(
                    PickerLoad(
                        staff_id=member.staff_id,
                        name=member.name,
                        on_duty=on_duty,
                        pending=member.staff_id in duty,
                        tasks=held,
                    )
                )
        queued = tuple(t for t in tasks if t.assignee_staff_id is None)
        return FloorView(pickers=tuple(pickers), queued=queued)

    def reassign(self, actor: SignedInStaff, task_id: str, staff_id: str) -> None:
        """Give an open task to another picker on duty (shown at once, pending the hub)."""
        if input_checks.identifier(task_id) is None:
            raise TaskControlRefused("unknown_task")
        if input_checks.identifier(staff_id) is None:
            raise TaskControlRefused("unknown_staff")
        self._allowed(actor, task_id, {"to": staff_id})
        self._write(lambda session, now: self._reassign(session, actor, task_id, staff_id, now))

    def clock_out(self, actor: SignedInStaff, staff_id: str) -> None:
        """End a picker's shift: their open tasks go back to the queue, to be dispatched again
        by the hub to whoever is on duty."""
        if input_checks.identifier(staff_id) is None:
            raise TaskControlRefused("unknown_staff")
        self._allowed(actor, staff_id, {"clock_out": staff_id})
        self._write(lambda session, now: self._clock_out(session, actor, staff_id, now))

    def _allowed(self, actor: SignedInStaff, subject: str, detail: dict[str, str]) -> None:
        if not input_checks.is_signed_in(actor):
            raise TaskControlRefused("not_permitted")
        if not permission_gate.allows(actor, Permission.REASSIGN):
            permission_gate.refuse(
                self._db, self._clock, actor, Permission.REASSIGN, subject=subject, detail=detail
            )
            raise TaskControlRefused("not_permitted")

    def _write(self, step: Callable[[Session, datetime], None]) -> None:
        try:
            with input_checks.refusing(TaskControlRefused), self._db.write() as session:
                step(session, self._clock())
        except OperationalError as error:
            if is_storage_full(error):
                raise TaskControlRefused("storage_full") from error
            raise
        self._on_queued()

    def _reassign(
        self, session: Session, actor: SignedInStaff, task_id: str, staff_id: str, now: datetime
    ) -> None:
        task = task_repository.get_task(session, task_id)
        if task is None:
            raise TaskControlRefused("unknown_task", task_id)
        if task.status not in OPEN_STATUSES:
            raise TaskControlRefused("task_closed", task.status)
        if task.assignee_staff_id == staff_id:
            raise TaskControlRefused("same_picker")
        target = _picker_on_duty(session, staff_id)
        # Shown until the hub's own answer arrives: the words, code and detail the hub gives.
        task_repository.update_task(
            session,
            task_id,
            assignee_staff_id=staff_id,
            status=TaskStatus.ASSIGNED.value,
            paused=False,
            status_reason=f"Reassigned to {target.name} by {actor.name}.",
            status_code=TaskStatusCode.REASSIGNED.value,
            status_detail={"name": target.name, "by_name": actor.name},
        )
        arguments = {"task_id": task_id, "assignee_staff_id": staff_id}
        # queue_command records the audit entry of a reassign (a sensitive command) itself.
        queue_command(
            session, actor, "reassign_task", "task", task_id, arguments, now, task.version
        )

    def _clock_out(
        self, session: Session, actor: SignedInStaff, staff_id: str, now: datetime
    ) -> None:
        person = _picker_on_duty(session, staff_id)
        task_repository.set_clocked_in(session, staff_id, on_duty=False)
        for task in task_repository.tasks_of(session, staff_id, OPEN_STATUSES):
            task_repository.update_task(
                session,
                task.task_id,
                assignee_staff_id=None,
                status=TaskStatus.QUEUED.value,
                paused=False,
                status_reason=f"{person.name} clocked out by {actor.name}.",
                status_code=TaskStatusCode.PICKER_CLOCKED_OUT.value,
                status_detail={"name": person.name, "by_name": actor.name},
            )
        arguments = {"target_staff_id": staff_id}
        queue_command(session, actor, "clock_out", "staff", staff_id, arguments, now, None)
        detail = {"clock_out": staff_id, "name": person.name}
        permission_gate.record_done(
            session, self._clock, actor, Permission.REASSIGN, subject=staff_id, detail=detail
        )


def _floor_task(task: TaskSnapshot, since: datetime | None) -> FloorTask:
    return FloorTask(
        task_id=task.task_id,
        order_id=task.order_id,
        kind=TaskKind(task.kind),
        status=TaskStatus(task.status),
        assignee_staff_id=task.assignee_staff_id,
        channel=None if task.channel is None else Channel(task.channel),
        daily_serial=task.daily_serial,
        lines_left=sum(1 for line in task.lines if line.status not in _DONE_LINE),
        waiting_since=since,
        due_at=task.due_at,
        pending=task.has_pending,
        status_reason=task.status_reason,
        why=StatusReason.stored(task.status_code, task.status_detail, task.status_reason),
    )


def _duty_overrides(session: Session) -> dict[str, bool]:
    """On or off duty as the clock-ins and clock-outs still waiting in the outbox say, newest
    last (a picker's own on their handheld, a manager's clock-out of someone here)."""
    duty: dict[str, bool] = {}
    for payload in outbox_repository.pending_payloads_of(session, "staff"):
        kind = payload.get("type")
        if kind not in {"clock_in", "clock_out"}:
            continue
        whom = payload.get("target_staff_id") or payload.get("staff_id")
        if isinstance(whom, str):
            duty[whom] = kind == "clock_in"
    return duty


def _picker_on_duty(session: Session, staff_id: str) -> staff_repository.StaffSnapshot:
    person = staff_repository.get_staff(session, staff_id)
    if person is None or not person.active or Role.PICKER.value not in person.roles:
        raise TaskControlRefused("unknown_staff", staff_id)
    if not _duty_overrides(session).get(staff_id, person.clocked_in):
        raise TaskControlRefused("not_on_duty", person.name)
    return person


def picker_names(view: FloorView) -> Sequence[tuple[str, str]]:
    """(staff id, name) of the pickers on duty: whom a task may go to."""
    return [(p.staff_id, p.name) for p in view.pickers if p.on_duty]
