"""Why an order or a task stands where it does: the hub's stable codes beside its English words.

The hub sets a code wherever it sets `status_reason` (kept as English words for devices that
predate the codes); the device words the codes it knows in the interface language and shows
the English words only for a code from a newer hub. What is not ours to translate (the
customer's own reason, the store's note, a person's name) travels beside the code in
`status_detail` (sync/protocol/order_data.py `StatusDetail`).
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatusCode(StrEnum):
    """Why an order was closed or left the store."""

    CUSTOMER_CANCELLED = "customer_cancelled"
    """The customer cancelled through the channel (no request to answer)."""
    NOT_CONFIRMED_IN_TIME = "not_confirmed_in_time"
    """The hub cancelled the order at its acceptance deadline: nobody accepted it."""
    REJECTED_BY_STORE = "rejected_by_store"
    """The store rejected it; detail: `reject_reason` (a RejectReason code) and `text` (note)."""
    CANCEL_AGREED = "cancel_agreed"
    """The store agreed to the customer's cancel request; detail: `text`, the customer's reason."""
    CANCEL_AUTO_AGREED = "cancel_auto_agreed"
    """Nobody answered the cancel request before its deadline and the channel agreed; detail:
    `text`, the customer's reason."""
    SHORTAGE_CANCELLED = "shortage_cancelled"
    """A manager cancelled the order because items were missing."""
    HANDED_TO_RIDER = "handed_to_rider"
    """The store handed the order to the rider."""
    PICKED_UP_BY_CUSTOMER = "picked_up_by_customer"
    """The customer collected the order at the counter."""


class TaskStatusCode(StrEnum):
    """Why a task was cancelled, given to someone else or put back in the queue."""

    ORDER_CANCELLED = "order_cancelled"
    """Its order was cancelled or rejected; detail: `order_code`, the order's own code (with
    the order's detail beside it)."""
    ORDER_LEFT_STORE = "order_left_store"
    """Its order was handed over at the counter while the task was still open."""
    REASSIGNED = "reassigned"
    """A manager gave it to another picker; detail: `name` (that picker), `by_name` (manager)."""
    PICKER_CLOCKED_OUT = "picker_clocked_out"
    """Its picker clocked out; detail: `name` (the picker), `by_name` (who ended the shift for
    them, empty when they clocked out themselves)."""
    PICKER_LEFT_DUTY = "picker_left_duty"
    """Its picker was taken off the store's staff; detail: `name` (the picker)."""


ORDER_STATUS_CODES = frozenset(code.value for code in OrderStatusCode)
"""Every order code this program knows."""
TASK_STATUS_CODES = frozenset(code.value for code in TaskStatusCode)
"""Every task code this program knows."""
