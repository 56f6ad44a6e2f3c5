"""Why the hub refuses a picking command: stable reason codes and sentences a picker understands."""

from __future__ import annotations

from hub.errors import Refusal


def unknown_task() -> Refusal:
    """The task id is not a task of the device's store."""
    return Refusal("unknown_task", "This task is not known at this store.")


def not_a_picker(staff_name: str) -> Refusal:
    """Only pickers clock in and work tasks."""
    return Refusal("not_permitted", f"{staff_name} is not a picker at this store.")


def not_clocked_in(staff_name: str) -> Refusal:
    """Tasks are worked by pickers on duty."""
    return Refusal("not_clocked_in", f"{staff_name} is not clocked in. Clock in first.")


def not_a_manager(staff_name: str) -> Refusal:
    """Only a manager reassigns tasks."""
    return Refusal("not_permitted", f"{staff_name} may not reassign tasks. Ask a manager.")


def task_cancelled(reason: str) -> Refusal:
    """The task was cancelled (its order was): nothing more to do on it."""
    why = f" {reason}" if reason else ""
    return Refusal("task_cancelled", f"This task was cancelled.{why} Put the items back.")


def not_yours(assignee_name: str | None) -> Refusal:
    """The task belongs to another picker now (None: it waits for a picker)."""
    if assignee_name is None:
        return Refusal("not_yours", "This task is no longer yours: it waits for a picker.")
    return Refusal("not_yours", f"This task was reassigned to {assignee_name}.")


def task_wrong_status(status: str) -> Refusal:
    """The action does not fit where the task stands."""
    words = {
        "queued": "waiting for a picker",
        "assigned": "not started yet",
        "in_progress": "in progress",
        "done": "already done",
        "cancelled": "cancelled",
    }
    return Refusal("wrong_status", f"Not possible now: the task is {words.get(status, status)}.")


def task_paused() -> Refusal:
    """A paused task takes no picks until it is resumed."""
    return Refusal("task_paused", "The task is paused. Resume it first.")


def unknown_line() -> Refusal:
    """The line id is not a line of the task."""
    return Refusal("unknown_line", "This line is not on the task.")


def line_done(name: str) -> Refusal:
    """The line has all its units (or waits for a shortage decision)."""
    return Refusal("line_done", f"{name} is already complete.")


def too_many(name: str, quantity: int) -> Refusal:
    """More units than the customer ordered."""
    return Refusal("too_many", f"Only {quantity} of {name} were ordered.")


def lines_open(count: int) -> Refusal:
    """Picking cannot end while lines are open or wait for a decision."""
    return Refusal("lines_open", f"{count} line(s) are not picked or decided yet.")


def assignee_off_duty(name: str) -> Refusal:
    """A task goes only to a picker on duty."""
    return Refusal("assignee_off_duty", f"{name} is not a picker on duty.")
