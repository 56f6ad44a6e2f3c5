"""The picker's refusals and the checks every handheld action passes before it changes anything."""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.vocabulary import TaskLineStatus, TaskStatus
from app.read_models import SignedInStaff
from app.services import input_checks
from local_db import outbox_repository, staff_repository
from local_db.database import is_storage_full
from local_db.task_repository import TaskLineSnapshot, TaskSnapshot


class PickingRefused(Exception):
    """The picker may not do this now.

    `code` is stable (the screens translate it into words): not_permitted, not_clocked_in,
    not_yours (reassigned to someone else), task_cancelled, wrong_status, task_paused,
    unknown_task, unknown_line, line_done, too_many, lines_open, unknown_notice,
    storage_full, and a person's input the wire would not take, named by field and problem
    (input_checks: quantity_not_whole, quantity_out_of_range, quantity_found_not_a_number,
    bag_count_out_of_range, scanned_code_too_long, weight_out_of_range,
    shortage_reason_wrong_type, handed_to_wrong_type...).
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"picking refused: {code} {detail}".strip())
        self.code = code


def check_worker(
    session: Session, actor: SignedInStaff, task: TaskSnapshot, *, started: bool, running: bool
) -> None:
    """Raise PickingRefused unless `actor` may work `task` now (`started`: it must be in
    progress; `running`: and not paused)."""
    if task.status == TaskStatus.CANCELLED.value:
        raise PickingRefused("task_cancelled", task.status_reason)
    if task.assignee_staff_id != actor.staff_id:
        raise PickingRefused("not_yours", task.status_reason)
    if not is_on_duty(session, actor.staff_id):
        raise PickingRefused("not_clocked_in")
    if started and task.status != TaskStatus.IN_PROGRESS.value:
        raise PickingRefused("wrong_status", task.status)
    if running and task.paused:
        raise PickingRefused("task_paused")


def is_on_duty(session: Session, staff_id: str) -> bool:
    """The latest pending clock-in/out of the picker, else what the hub last said."""
    for payload in reversed(outbox_repository.pending_payloads_of(session, "staff")):
        if payload.get("staff_id") == staff_id and payload.get("type") in {"clock_in", "clock_out"}:
            return bool(payload["type"] == "clock_in")
    staff = staff_repository.get_staff(session, staff_id)
    return staff is not None and staff.clocked_in


def open_line(task: TaskSnapshot, line_id: str) -> TaskLineSnapshot:
    """The line of `task` still to pick; raises unknown_line or line_done."""
    line = next((line for line in task.lines if line.line_id == line_id), None)
    if line is None:
        raise PickingRefused("unknown_line", line_id)
    if line.status != TaskLineStatus.OPEN.value:
        raise PickingRefused("line_done", line.name)
    return line


def refusing() -> AbstractContextManager[None]:
    """Input the wire would not take, refused as PickingRefused."""
    return input_checks.refusing(PickingRefused)


def raise_if_full(error: OperationalError) -> None:
    """Raise storage_full when `error` is the disk being full."""
    if is_storage_full(error):
        # Nothing was written: the picker is told at once, and earlier scans are safe.
        raise PickingRefused("storage_full") from error
