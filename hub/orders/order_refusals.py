"""Why the hub refuses an order command: stable reason codes and sentences a cashier understands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Final

from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import SENSITIVE, Permission
from app.domain.vocabulary import OrderStatus
from hub.channels import ADAPTERS
from hub.clock import clock_face
from hub.errors import Refusal
from sync.protocol import OrderData, PauseChannel

CUSTOMER_CANCELLED: Final = "cancelled by the customer"
"""status_reason of an order the customer cancelled."""
NOT_CONFIRMED_IN_TIME: Final = "not confirmed in time"
"""status_reason of an order the hub cancelled at its acceptance deadline."""
ACTION_WORDS: Final[Mapping[OrderAction, str]] = MappingProxyType(
    {
        OrderAction.ACCEPT: "accept",
        OrderAction.ACCEPT_EXCEPTION: "map the items of and accept",
        OrderAction.REJECT: "reject",
        OrderAction.MARK_READY: "mark ready",
        OrderAction.HAND_OVER: "hand over",
        OrderAction.AGREE_CANCEL: "agree to the cancel request of",
        OrderAction.DISAGREE_CANCEL: "disagree with the cancel request of",
        OrderAction.AGREE_REFUND: "agree to the refund request of",
        OrderAction.DISAGREE_REFUND: "disagree with the refund request of",
    }
)
DONE_WORDS: Final[Mapping[OrderAction, str]] = MappingProxyType(
    {
        OrderAction.ACCEPT: "accepted",
        OrderAction.ACCEPT_EXCEPTION: "accepted with its items mapped",
        OrderAction.REJECT: "rejected",
        OrderAction.MARK_READY: "marked ready",
        OrderAction.HAND_OVER: "handed over",
        OrderAction.AGREE_CANCEL: "cancelled: the customer's cancel request was agreed",
        OrderAction.DISAGREE_CANCEL: "goes on: the customer's cancel request was refused",
        OrderAction.AGREE_REFUND: "refund request agreed",
        OrderAction.DISAGREE_REFUND: "refund request refused",
    }
)
REASON_WORDS: Final[Mapping[RejectReason, str]] = MappingProxyType(
    {
        RejectReason.SOLD_OUT: "sold out",
        RejectReason.TOO_BUSY: "too busy",
        RejectReason.CLOSING: "closing",
        RejectReason.OUT_OF_RANGE: "out of delivery range",
        RejectReason.OTHER: "other",
    }
)
_STATUS_WORDS: Final[Mapping[OrderStatus, str]] = MappingProxyType(
    {
        OrderStatus.NEW: "still waiting to be accepted",
        OrderStatus.ACCEPTED: "already accepted",
        OrderStatus.PREPARING: "being prepared",
        OrderStatus.READY: "already ready",
        OrderStatus.HANDED_OVER: "already handed over",
        OrderStatus.COMPLETED: "already completed",
        OrderStatus.REJECTED: "already rejected",
        OrderStatus.CANCELLED: "cancelled",
        OrderStatus.CANCEL_REQUESTED: "waiting for an answer to the customer's cancel request",
        OrderStatus.REFUND_REQUESTED: "waiting for an answer to the customer's refund request",
        OrderStatus.SHORTAGE_PENDING: "waiting for a manager's shortage decision",
        OrderStatus.EXCEPTION: "waiting for its unreadable items to be mapped or for rejection",
    }
)


def order_label(order: OrderData) -> str:
    """How the counter names an order, e.g. "Meituan #23"."""
    return f"{ADAPTERS[order.channel].display_name} #{order.daily_serial}"


def order_cancelled(order: OrderData) -> Refusal:
    """The order is cancelled: say by whom and when."""
    when = clock_face(order.closed_at) if order.closed_at else "an earlier time"
    if order.status_reason == CUSTOMER_CANCELLED:
        message = f"The customer cancelled this order at {when}."
    elif order.status_reason == NOT_CONFIRMED_IN_TIME:
        message = f"This order was cancelled at {when} because it was not confirmed in time."
    else:
        message = f"This order was cancelled at {when}."
    return Refusal("order_cancelled", message)


def transition_refused(order: OrderData, action: OrderAction) -> Refusal:
    """The action does not fit the order's status."""
    since = _status_time(order)
    at = f" at {clock_face(since)}" if since else ""
    return Refusal(
        "transition_refused",
        f"Cannot {ACTION_WORDS[action]} {order_label(order)}: it is"
        f" {_STATUS_WORDS[order.status]}{at}.",
    )


def not_permitted(staff_name: str, action: OrderAction) -> Refusal:
    """The person holds no role allowed to take the action."""
    return Refusal(
        "not_permitted",
        f"{staff_name} may not {ACTION_WORDS[action]} orders. Ask a cashier or manager.",
    )


PERMISSION_WORDS: Final[Mapping[Permission, str]] = MappingProxyType(
    {
        Permission.ACCEPT: "accept or answer orders",
        Permission.MAP_ITEMS: "map the items of orders the hub could not read",
        Permission.REJECT: "reject orders",
        Permission.READY: "mark orders ready",
        Permission.HAND_OVER: "hand orders over",
        Permission.PICK: "pick or pack orders",
        Permission.REPORT_SHORTAGE: "report shortages",
        Permission.DECIDE_SHORTAGE: "decide shortages",
        Permission.REFUND: "agree to refunds",
        Permission.CANCEL: "cancel orders",
        Permission.REPRINT: "reprint tickets",
        Permission.REASSIGN: "reassign tasks or end someone's shift",
        Permission.SETTINGS: "change the store's settings",
        Permission.PAUSE_CHANNEL: "pause a channel",
        Permission.MUTE_ALARM: "mute the alarm",
        Permission.UNLOCK: "unlock staff",
        Permission.EXPORT: "export data",
    }
)


def not_permitted_to(
    staff_name: str, permission: Permission, action: OrderAction | None
) -> Refusal:
    """The matrix gives none of the person's roles the permission (and no override came)."""
    if action is not None and permission not in SENSITIVE:
        return not_permitted(staff_name, action)
    ask = "Ask a manager to approve it." if permission in SENSITIVE else "Ask a colleague."
    return Refusal("not_permitted", f"{staff_name} may not {PERMISSION_WORDS[permission]}. {ask}")


def override_refused(staff_name: str, approver_name: str | None, permission: Permission) -> Refusal:
    """An override the hub does not accept: the action is not one a manager may approve for
    someone else, or the approver is not an active manager of the store."""
    words = PERMISSION_WORDS[permission]
    if permission not in SENSITIVE:
        why = f"a manager's approval does not let {staff_name} {words}"
    elif approver_name is None:
        why = "the approving person is not staff of this store"
    else:
        why = f"{approver_name} is not an active manager here and may not approve it"
    return Refusal("not_permitted", f"Not done: {why}.")


def unknown_staff() -> Refusal:
    """The staff id is not an active member of the device's store."""
    return Refusal(
        "unknown_staff",
        "This staff member is not active at this store. Sign in again or ask the manager.",
    )


def unknown_order() -> Refusal:
    """The order id is not an order of the device's store."""
    return Refusal("unknown_order", "This order is not known at this store.")


def reason_not_allowed(order: OrderData, reason: RejectReason) -> Refusal:
    """The channel does not take this rejection reason (or any)."""
    name = ADAPTERS[order.channel].display_name
    return Refusal(
        "reason_not_allowed",
        f"{name} does not accept “{REASON_WORDS[reason]}” as a reason to reject an order.",
    )


def not_an_exception_order(order: OrderData) -> Refusal:
    """Only an exception order has unread lines to map."""
    return Refusal(
        "transition_refused",
        f"{order_label(order)} has no unreadable items to map: accept it as it is.",
    )


def unknown_line_ref(ref: str) -> Refusal:
    """A mapping names a line the order does not have among its unread ones."""
    return Refusal("unknown_line_ref", f"Item {ref} is not one of this order's unreadable items.")


def line_mapped_twice(ref: str) -> Refusal:
    """A mapping names the same unread line twice."""
    return Refusal("line_mapped_twice", f"Item {ref} was matched twice. Match each item once.")


def lines_unmapped(refs: list[str]) -> Refusal:
    """Some unread lines have no mapping."""
    listed = ", ".join(refs)
    return Refusal(
        "line_unmapped",
        f"Item(s) {listed} are not matched to a product yet. Match every item, or reject"
        " the order.",
    )


def unknown_item(sku: str) -> Refusal:
    """A mapping names a SKU the store's catalogue does not have."""
    return Refusal("unknown_item", f"{sku} is not a product of this store.")


def mapping_too_large(ref: str, name: str) -> Refusal:
    """The mapped quantity breaks the wire's limits (a weighed item too heavy)."""
    return Refusal("out_of_limits", f"Item {ref}: that much {name} is more than one order holds.")


def nothing_to_accept(order: OrderData) -> Refusal:
    """An exception order with no item at all can only be rejected."""
    return Refusal(
        "nothing_to_accept",
        f"{order_label(order)} has no items the store could prepare. Reject it instead.",
    )


def pause_words(command: PauseChannel) -> str:
    """What an applied busy-mode command did, in words."""
    name = ADAPTERS[command.channel].display_name
    if command.paused_until is None:
        return f"{name} takes orders again."
    return f"{name} paused until {clock_face(command.paused_until)}."


def no_pickup_codes(order: OrderData) -> Refusal:
    """The channel does not take pickup codes from the store."""
    name = ADAPTERS[order.channel].display_name
    return Refusal("no_pickup_codes", f"{name} orders do not take a pickup code from the store.")


def pickup_code_not_now(order: OrderData) -> Refusal:
    """Only an accepted order still in the store gets a pickup code."""
    return Refusal(
        "transition_refused",
        f"Cannot give {order_label(order)} a pickup code: it is {_STATUS_WORDS[order.status]}.",
    )


def pickup_code_taken(code: str) -> Refusal:
    """Another order of the store already has this code today."""
    return Refusal(
        "pickup_code_taken",
        f"Pickup code {code} was already given to another order today. Give this order a new code.",
    )


def unknown_reminder() -> Refusal:
    """The reminder id is not one of the order's reminders."""
    return Refusal("unknown_reminder", "This reminder is not known on this order.")


def reminder_answered(reply: str, by: str) -> Refusal:
    """Someone already replied to this reminder."""
    who = by or "someone"
    return Refusal("reminder_answered", f"{who} already replied to this reminder: “{reply}”.")


def pause_too_long(longest: timedelta) -> Refusal:
    """Busy mode asked for longer than the hub allows."""
    hours = longest.total_seconds() / 3600
    return Refusal("pause_too_long", f"A channel can be paused for at most {hours:g} hours.")


def _status_time(order: OrderData) -> datetime | None:
    by_status = {
        OrderStatus.ACCEPTED: order.accepted_at,
        OrderStatus.READY: order.ready_at,
        OrderStatus.HANDED_OVER: order.handed_over_at,
        OrderStatus.COMPLETED: order.closed_at,
        OrderStatus.REJECTED: order.closed_at,
    }
    return by_status.get(order.status)
