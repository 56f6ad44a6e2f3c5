"""The picker's use cases on the handheld: clock in/out, work dispatched tasks, scan, pack.

Each action checks the permission matrix (a refusal is audited and changes nothing), then the
person and the task, applies the change to the cached task (shown as pending) and queues its
command for the hub, in one transaction: a task in progress survives a crash exactly where it
was, because every scan is committed. Never touches the network.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.vocabulary import (
    HandoverParty,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from app.read_models import PickingNotice, ScanOutcome, SignedInStaff, TaskDetail, TaskSummary
from app.services import permission_gate
from app.services.device_preferences import DevicePreferences
from app.services.picking_views import task_detail, task_summary
from app.services.picking_writes import (
    count_units,
    make_pack_task,
    queue_command,
    queue_task_command,
)
from app.services.scan_judgement import ScanJudgement, judge_scan
from local_db import outbox_repository, staff_repository, task_repository
from local_db.database import Database, is_storage_full
from local_db.task_repository import TaskLineSnapshot, TaskSnapshot

TOLERANCE_KEY: Final = "picking.weight_tolerance_pct"
"""Device preference: how far (percent) a weighed label may be from the ordered weight."""
DEFAULT_TOLERANCE_PCT: Final = 10.0

_MY_STATUSES: Final = (TaskStatus.ASSIGNED.value, TaskStatus.IN_PROGRESS.value)
_DONE_LINE: Final = frozenset({TaskLineStatus.PICKED.value, TaskLineStatus.SHORT_RESOLVED.value})


class PickingRefused(Exception):
    """The picker may not do this now.

    `code` is stable (the screens translate it into words): not_permitted, not_clocked_in,
    not_yours (reassigned to someone else), task_cancelled, wrong_status, task_paused,
    unknown_task, unknown_line, line_done, too_many, bad_quantity, lines_open, storage_full.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"picking refused: {code} {detail}".strip())
        self.code = code


class Picking:
    """Picker use cases over the local cache."""

    def __init__(
        self, db: Database, clock: Clock, on_queued: Callable[[], None] = lambda: None
    ) -> None:
        """`on_queued` is called after each committed action (the pusher is woken by it)."""
        self._db = db
        self._clock = clock
        self._on_queued = on_queued
        self._preferences = DevicePreferences(db, clock)

    # --- duty ---------------------------------------------------------------------------

    def clock_in(self, actor: SignedInStaff) -> None:
        """Come on duty: the hub dispatches tasks to this picker from now on."""
        self._clock_to(actor, on_duty=True)

    def clock_out(self, actor: SignedInStaff) -> None:
        """Go off duty: the hub gives this picker's open tasks to someone else."""
        self._clock_to(actor, on_duty=False)

    def is_clocked_in(self, actor: SignedInStaff) -> bool:
        """Whether the picker is on duty, counting a clock-in/out still on its way."""
        with self._db.read() as session:
            return _on_duty(session, actor.staff_id)

    # --- reads --------------------------------------------------------------------------

    def my_tasks(self, actor: SignedInStaff) -> list[TaskSummary]:
        """The picker's assigned and in-progress tasks, earliest deadline first."""
        with self._db.read() as session:
            tasks = task_repository.tasks_of(session, actor.staff_id, _MY_STATUSES)
        return [task_summary(task) for task in tasks]

    def task(self, task_id: str) -> TaskDetail | None:
        """A task with its lines in shelf-route order, or None when not cached."""
        with self._db.read() as session:
            task = task_repository.get_task(session, task_id)
        return None if task is None else task_detail(task)

    def tolerance_pct(self) -> float:
        """How far (percent) a weighed label may be from the ordered weight (default 10)."""
        value = self._preferences.get(TOLERANCE_KEY, DEFAULT_TOLERANCE_PCT)
        return float(value) if isinstance(value, int | float) else DEFAULT_TOLERANCE_PCT

    def notices(self, actor: SignedInStaff) -> list[PickingNotice]:
        """The picker's tasks cancelled or given to someone else, not yet acknowledged."""
        with self._db.read() as session:
            rows = task_repository.unseen_notices(session, actor.staff_id)
        return [
            PickingNotice(
                notice_id=row.notice_id,
                task_id=row.task_id,
                kind="cancelled" if row.kind == "cancelled" else "reassigned",
                message=row.message,
                at=row.created_at,
            )
            for row in rows
        ]

    def acknowledge_notices(self, actor: SignedInStaff, notice_ids: list[int]) -> None:
        """The picker read these notices; they are not shown again."""
        del actor  # the ids are the picker's own, from `notices`
        with self._db.write() as session:
            task_repository.mark_notices_seen(session, notice_ids)

    # --- working a task -----------------------------------------------------------------

    def start(self, actor: SignedInStaff, task_id: str) -> TaskDetail:
        """Start an assigned task (a task already in progress just opens where it was)."""

        def act(session: Session, task: TaskSnapshot, _now: datetime) -> None:
            if task.status == TaskStatus.IN_PROGRESS.value:
                return
            if task.status != TaskStatus.ASSIGNED.value:
                raise PickingRefused("wrong_status", task.status)
            task_repository.update_task(session, task_id, status=TaskStatus.IN_PROGRESS.value)
            queue_task_command(session, actor, task, "start_task", {}, _now)

        return self._act(actor, task_id, act, started=False)

    def scan(
        self, actor: SignedInStaff, task_id: str, raw_code: str, *, prompt_multiples: bool = True
    ) -> ScanOutcome:
        """Check a scanned (or typed) code against the task's open lines.

        The right code counts one unit ("counted"); on a line still wanting several units, with
        `prompt_multiples`, nothing is counted and "quantity_needed" asks for the number (then
        `count`). A weighed label counts one unit when within the tolerance, with its weight
        and price difference. Anything else counts nothing: "bad_code", "wrong_item",
        "line_done" (that line is complete), "weight_out_of_tolerance", "nothing_open".
        Raises PickingRefused when the task cannot be worked now.
        """
        judged: list[ScanJudgement] = []

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            judgement = judge_scan(
                task,
                raw_code,
                tolerance_pct=self.tolerance_pct(),
                prompt_multiples=prompt_multiples,
            )
            judged.append(judgement)
            if judgement.kind == "counted" and judgement.line is not None:
                line, weighed = judgement.line, judgement.weighed
                count_units(session, actor, task, line, 1, now, raw_code, weighed)

        detail = self._act(actor, task_id, act, queues=False)
        [judgement] = judged
        if judgement.kind == "counted":
            self._on_queued()
        return ScanOutcome(
            kind=judgement.kind,
            line_id=None if judgement.line is None else judgement.line.line_id,
            message_args=judgement.args,
            task=detail,
        )

    def count(
        self,
        actor: SignedInStaff,
        task_id: str,
        line_id: str,
        quantity: int,
        *,
        scanned_code: str = "",
    ) -> TaskDetail:
        """Count `quantity` units of a line at once (the quantity prompt, or manual entry)."""

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            line = _open_line(task, line_id)
            if quantity < 1:
                raise PickingRefused("bad_quantity", str(quantity))
            if line.picked_quantity + quantity > line.quantity:
                raise PickingRefused("too_many", f"{line.quantity} ordered")
            count_units(session, actor, task, line, quantity, now, scanned_code, None)

        return self._act(actor, task_id, act)

    def report_shortage(
        self,
        actor: SignedInStaff,
        task_id: str,
        line_id: str,
        quantity_found: int,
        reason: ShortageReason,
    ) -> TaskDetail:
        """Report a line short: it waits for the manager while the other lines go on."""

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            line = _open_line(task, line_id)
            if not 0 <= quantity_found < line.quantity:
                raise PickingRefused("too_many", f"{line.quantity} ordered")
            found = max(quantity_found, line.picked_quantity)
            task_repository.update_line(
                session,
                task_id,
                line_id,
                picked_quantity=found,
                status=TaskLineStatus.SHORT_PENDING.value,
                short_quantity=line.quantity - found,
                short_reason=reason.value,
                shortage_decision=None,
            )
            arguments = {"line_id": line_id, "quantity_found": quantity_found}
            queue_task_command(
                session, actor, task, "report_shortage", arguments | {"reason": reason}, now
            )

        return self._act(actor, task_id, act, permission=Permission.REPORT_SHORTAGE)

    def pause(self, actor: SignedInStaff, task_id: str) -> TaskDetail:
        """Pause the task; it takes no scans until resumed."""
        return self._pause(actor, task_id, paused=True)

    def resume(self, actor: SignedInStaff, task_id: str) -> TaskDetail:
        """Resume a paused task where it was."""
        return self._pause(actor, task_id, paused=False)

    def complete_pick(self, actor: SignedInStaff, task_id: str) -> TaskDetail:
        """End picking once every line is picked or decided; the pack task follows at once
        (made here, so packing works offline; the hub's own replaces it)."""

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            if task.kind != TaskKind.PICK.value:
                raise PickingRefused("wrong_status", task.kind)
            waiting = [line for line in task.lines if line.status not in _DONE_LINE]
            if waiting:
                raise PickingRefused("lines_open", str(len(waiting)))
            task_repository.update_task(session, task_id, status=TaskStatus.DONE.value)
            queue_task_command(session, actor, task, "complete_pick", {}, now)
            make_pack_task(session, task)

        return self._act(actor, task_id, act)

    def complete_pack(
        self,
        actor: SignedInStaff,
        task_id: str,
        bag_count: int,
        handed_to: HandoverParty | None,
    ) -> TaskDetail:
        """The order is packed in `bag_count` bags and handed to `handed_to` (None: left at
        the counter, where it shows as ready)."""

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            if task.kind != TaskKind.PACK.value:
                raise PickingRefused("wrong_status", task.kind)
            if not 1 <= bag_count <= 99:
                raise PickingRefused("bad_quantity", str(bag_count))
            task_repository.update_task(
                session,
                task_id,
                status=TaskStatus.DONE.value,
                bag_count=bag_count,
                handed_to=None if handed_to is None else handed_to.value,
            )
            arguments: dict[str, Any] = {"bag_count": bag_count}
            if handed_to is not None:
                arguments["handed_to"] = handed_to.value
            queue_task_command(session, actor, task, "complete_pack", arguments, now)

        return self._act(actor, task_id, act)

    # --- internals ----------------------------------------------------------------------

    def _pause(self, actor: SignedInStaff, task_id: str, *, paused: bool) -> TaskDetail:
        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            if task.paused == paused:
                return
            task_repository.update_task(session, task_id, paused=paused)
            queue_task_command(
                session, actor, task, "pause_task" if paused else "resume_task", {}, now
            )

        return self._act(actor, task_id, act, running=False)

    def _clock_to(self, actor: SignedInStaff, *, on_duty: bool) -> None:
        self._check_permission(actor, Permission.PICK, actor.staff_id)
        now = self._clock()
        try:
            with self._db.write() as session:
                if _on_duty(session, actor.staff_id) == on_duty:
                    return
                task_repository.set_clocked_in(session, actor.staff_id, on_duty=on_duty)
                kind = "clock_in" if on_duty else "clock_out"
                queue_command(session, actor, kind, "staff", actor.staff_id, {}, now, None)
        except OperationalError as error:
            _raise_if_full(error)
            raise
        self._on_queued()

    def _act(
        self,
        actor: SignedInStaff,
        task_id: str,
        act: Callable[[Session, TaskSnapshot, datetime], None],
        *,
        started: bool = True,
        running: bool = True,
        queues: bool = True,
        permission: Permission = Permission.PICK,
    ) -> TaskDetail:
        """Check the matrix gives `actor` the `permission`, then that they may work the task;
        run `act` in one write transaction, and return the task as it now stands.
        `started`: the task must be in progress; `running`: and not paused; `queues`: wake
        the pusher afterwards."""
        self._check_permission(actor, permission, task_id)
        now = self._clock()
        try:
            with self._db.write() as session:
                task = task_repository.get_task(session, task_id)
                if task is None:
                    raise PickingRefused("unknown_task", task_id)
                _check_worker(session, actor, task, started=started, running=running)
                act(session, task, now)
                updated = task_repository.get_task(session, task_id)
        except OperationalError as error:
            _raise_if_full(error)
            raise
        if queues:
            self._on_queued()
        if updated is None:
            raise PickingRefused("unknown_task", task_id)
        return task_detail(updated)

    def _check_permission(self, actor: SignedInStaff, permission: Permission, subject: str) -> None:
        """Raise not_permitted, audited, when the matrix does not give `actor` the action."""
        if permission_gate.allows(actor, permission):
            return
        permission_gate.refuse(self._db, self._clock, actor, permission, subject=subject)
        raise PickingRefused("not_permitted", permission.value)


def _check_worker(
    session: Session, actor: SignedInStaff, task: TaskSnapshot, *, started: bool, running: bool
) -> None:
    if task.status == TaskStatus.CANCELLED.value:
        raise PickingRefused("task_cancelled", task.status_reason)
    if task.assignee_staff_id != actor.staff_id:
        raise PickingRefused("not_yours", task.status_reason)
    if not _on_duty(session, actor.staff_id):
        raise PickingRefused("not_clocked_in")
    if started and task.status != TaskStatus.IN_PROGRESS.value:
        raise PickingRefused("wrong_status", task.status)
    if running and task.paused:
        raise PickingRefused("task_paused")


def _on_duty(session: Session, staff_id: str) -> bool:
    """The latest pending clock-in/out of the picker, else what the hub last said."""
    for payload in reversed(outbox_repository.pending_payloads_of(session, "staff")):
        if payload.get("staff_id") == staff_id and payload.get("type") in {"clock_in", "clock_out"}:
            return bool(payload["type"] == "clock_in")
    staff = staff_repository.get_staff(session, staff_id)
    return staff is not None and staff.clocked_in


def _open_line(task: TaskSnapshot, line_id: str) -> TaskLineSnapshot:
    line = next((line for line in task.lines if line.line_id == line_id), None)
    if line is None:
        raise PickingRefused("unknown_line", line_id)
    if line.status != TaskLineStatus.OPEN.value:
        raise PickingRefused("line_done", line.name)
    return line


def _raise_if_full(error: OperationalError) -> None:
    if is_storage_full(error):
        # Nothing was written: the picker is told at once, and earlier scans are safe.
        raise PickingRefused("storage_full") from error
