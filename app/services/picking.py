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
from app.read_models import (
    PickingNotice,
    ScanOutcome,
    SignedInStaff,
    StatusReason,
    TaskDetail,
    TaskSummary,
)
from app.services import input_checks, permission_gate
from app.services.device_preferences import DevicePreferences
from app.services.input_checks import InputField
from app.services.picking_checks import (
    PickingRefused,
    check_worker,
    is_on_duty,
    open_line,
    raise_if_full,
    refusing,
)
from app.services.picking_views import task_detail, task_summary
from app.services.picking_writes import (
    count_units,
    make_pack_task,
    queue_command,
    queue_task_command,
)
from app.services.scan_judgement import ScanJudgement, judge_scan
from local_db import task_repository
from local_db.database import Database
from local_db.task_repository import TaskSnapshot

__all__ = ["DEFAULT_TOLERANCE_PCT", "TOLERANCE_KEY", "Picking", "PickingRefused"]

TOLERANCE_KEY: Final = "picking.weight_tolerance_pct"
"""Device preference: how far (percent) a weighed label may be from the ordered weight."""
DEFAULT_TOLERANCE_PCT: Final = 10.0

_MY_STATUSES: Final = (TaskStatus.ASSIGNED.value, TaskStatus.IN_PROGRESS.value)
_DONE_LINE: Final = frozenset({TaskLineStatus.PICKED.value, TaskLineStatus.SHORT_RESOLVED.value})


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
            return is_on_duty(session, actor.staff_id)

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
                why=StatusReason.stored(row.status_code, row.status_detail, row.message),
            )
            for row in rows
        ]

    def acknowledge_notices(self, actor: SignedInStaff, notice_ids: list[int]) -> None:
        """The picker read these notices; they are not shown again (raises PickingRefused
        unknown_notice for anything but a list of notice ids)."""
        del actor  # the ids are the picker's own, from `notices`
        if not isinstance(notice_ids, list | tuple) or not all(
            isinstance(notice_id, int) and not isinstance(notice_id, bool)
            for notice_id in notice_ids
        ):
            raise PickingRefused("unknown_notice")
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
        Raises PickingRefused when the task cannot be worked now, or the code is no text the
        wire takes (scanned_code_*: too long, a control character...).
        """
        with refusing():
            raw_code = input_checks.text(raw_code, InputField.SCANNED_CODE)
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
        """Count `quantity` units of a line at once (the quantity prompt, or manual entry): a
        whole number from 1 (2.0 counts as 2; 1.5, "2" or None are refused, quantity_*)."""
        with refusing():
            units = input_checks.whole(quantity, InputField.QUANTITY)
            code = input_checks.text(scanned_code, InputField.SCANNED_CODE)

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            line = open_line(task, line_id)
            if line.picked_quantity + units > line.quantity:
                raise PickingRefused("too_many", f"{line.quantity} ordered")
            count_units(session, actor, task, line, units, now, code, None)

        return self._act(actor, task_id, act)

    def report_shortage(
        self,
        actor: SignedInStaff,
        task_id: str,
        line_id: str,
        quantity_found: int,
        reason: ShortageReason,
    ) -> TaskDetail:
        """Report a line short: it waits for the manager while the other lines go on
        (`quantity_found`: a whole number from 0, fewer than ordered)."""
        with refusing():
            quantity_found = input_checks.whole(quantity_found, InputField.QUANTITY_FOUND)
        why = input_checks.member(ShortageReason, reason)
        if why is None:
            raise PickingRefused(f"{InputField.SHORTAGE_REASON}_{input_checks.WRONG_TYPE}")

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            line = open_line(task, line_id)
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
                short_reason=why.value,
                shortage_decision=None,
            )
            arguments = {"line_id": line_id, "quantity_found": quantity_found}
            queue_task_command(
                session, actor, task, "report_shortage", arguments | {"reason": why}, now
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
        """The order is packed in `bag_count` bags (1..99) and handed to `handed_to` (None:
        left at the counter, where it shows as ready)."""
        with refusing():
            bags = input_checks.whole(bag_count, InputField.BAG_COUNT)
        party = None if handed_to is None else input_checks.member(HandoverParty, handed_to)
        if handed_to is not None and party is None:
            raise PickingRefused(f"{InputField.HANDED_TO}_{input_checks.WRONG_TYPE}")

        def act(session: Session, task: TaskSnapshot, now: datetime) -> None:
            if task.kind != TaskKind.PACK.value:
                raise PickingRefused("wrong_status", task.kind)
            task_repository.update_task(
                session,
                task_id,
                status=TaskStatus.DONE.value,
                bag_count=bags,
                handed_to=None if party is None else party.value,
            )
            arguments: dict[str, Any] = {"bag_count": bags}
            if party is not None:
                arguments["handed_to"] = party.value
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
        if not input_checks.is_signed_in(actor):
            raise PickingRefused("not_permitted")
        self._check_permission(actor, Permission.PICK, actor.staff_id)
        now = self._clock()
        try:
            with refusing(), self._db.write() as session:
                if is_on_duty(session, actor.staff_id) == on_duty:
                    return
                task_repository.set_clocked_in(session, actor.staff_id, on_duty=on_duty)
                kind = "clock_in" if on_duty else "clock_out"
                queue_command(session, actor, kind, "staff", actor.staff_id, {}, now, None)
        except OperationalError as error:
            raise_if_full(error)
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
        if not input_checks.is_signed_in(actor):
            raise PickingRefused("not_permitted")
        if input_checks.identifier(task_id) is None:
            raise PickingRefused("unknown_task")
        self._check_permission(actor, permission, task_id)
        now = self._clock()
        try:
            with refusing(), self._db.write() as session:
                task = task_repository.get_task(session, task_id)
                if task is None:
                    raise PickingRefused("unknown_task", task_id)
                check_worker(session, actor, task, started=started, running=running)
                act(session, task, now)
                updated = task_repository.get_task(session, task_id)
        except OperationalError as error:
            raise_if_full(error)
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
