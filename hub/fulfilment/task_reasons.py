"""Why a task was cancelled, given away or put back in the queue: English words, code, detail.

As for orders (hub/orders/status_reasons.py), each function gives a task's `status_reason`,
`status_code` and `status_detail` together, as changes for `update_task`/`next_task_version`.
"""

from __future__ import annotations

from typing import Any

from app.domain.status_codes import TaskStatusCode
from sync.protocol import OrderData, StatusDetail


def _reason(
    words: str, code: TaskStatusCode | None, detail: StatusDetail | None = None
) -> dict[str, Any]:
    return {
        "status_reason": words,
        "status_code": "" if code is None else code.value,
        "status_detail": detail or StatusDetail(),
    }


def cleared() -> dict[str, Any]:
    """No reason any more: the task is being worked on again."""
    return _reason("", None)


def order_cancelled(order: OrderData) -> dict[str, Any]:
    """The task's order was cancelled or rejected: the order's own reason goes with it."""
    detail = order.status_detail.model_copy(update={"order_code": order.status_code})
    words = order.status_reason or "The order was cancelled."
    return _reason(words, TaskStatusCode.ORDER_CANCELLED, detail)


def order_left_store() -> dict[str, Any]:
    """The task's order was handed over at the counter while the task was open."""
    return _reason("The order already left the store.", TaskStatusCode.ORDER_LEFT_STORE)


def reassigned(to_name: str, by_name: str) -> dict[str, Any]:
    """A manager (`by_name`) gave the task to the picker `to_name`."""
    return _reason(
        f"Reassigned to {to_name} by {by_name}.",
        TaskStatusCode.REASSIGNED,
        StatusDetail(name=to_name, by_name=by_name),
    )


def clocked_out(name: str, by_name: str = "") -> dict[str, Any]:
    """The task's picker `name` clocked out (`by_name`: the manager who ended their shift)."""
    by = f" by {by_name}" if by_name else ""
    return _reason(
        f"{name} clocked out{by}.",
        TaskStatusCode.PICKER_CLOCKED_OUT,
        StatusDetail(name=name, by_name=by_name),
    )


def left_duty(name: str) -> dict[str, Any]:
    """The task's picker `name` was taken off the store's staff."""
    return _reason(f"{name} left duty.", TaskStatusCode.PICKER_LEFT_DUTY, StatusDetail(name=name))
