"""The cashier's refusals and the checks an order action passes before it changes the order."""

from __future__ import annotations

from contextlib import AbstractContextManager

from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.domain.order_lifecycle import OrderAction, TransitionRefused, next_status
from app.domain.vocabulary import Channel, OrderStatus, Role
from app.services import input_checks
from local_db.order_repository import OrderSnapshot


class ActionRefused(Exception):
    """The person may not do this now.

    `code` is stable (the screens translate it into words): unknown_order, not_permitted,
    wrong_status, cannot_reject, reason_not_allowed, reason_required (disagreeing needs a
    reason), no_pickup_codes (the channel takes none), unknown_reminder, already_replied,
    storage_full (the disk is full: nothing was saved), and a person's input the wire would
    not take, named by field and problem (input_checks: note_too_long, reason_control_character,
    reply_missing, name_broken_character, answer_wrong_type, handed_to_wrong_type...).
    `status` is the order's status then.
    """

    def __init__(self, code: str, action: OrderAction, status: OrderStatus | None = None) -> None:
        super().__init__(f"{action.value} refused: {code} (status {status})")
        self.code = code
        self.action = action
        self.status = status


HOLDS_A_CODE = frozenset(
    {
        OrderStatus.ACCEPTED,
        OrderStatus.PREPARING,
        OrderStatus.SHORTAGE_PENDING,
        OrderStatus.READY,
        OrderStatus.CANCEL_REQUESTED,
    }
)
"""Statuses in which an order may get a (new) pickup code: accepted and still in the store."""


def refusing(action: OrderAction) -> AbstractContextManager[None]:
    """Input the wire would not take, refused as this action's ActionRefused."""
    return input_checks.refusing(lambda code: ActionRefused(code, action))


def status_of(order: OrderSnapshot) -> OrderStatus:
    """The cached order's status."""
    return OrderStatus(order.status)


def check_reminder(order: OrderSnapshot, reminder_id: str, reply: str) -> None:
    """Raise unknown_reminder or already_replied unless the reminder awaits this reply."""
    mine = [r for r in order.reminders if r.get("reminder_id") == reminder_id]
    if not mine or not reply:
        raise ActionRefused("unknown_reminder", OrderAction.REPLY_REMINDER, status_of(order))
    if mine[0].get("replied_at") is not None:
        raise ActionRefused("already_replied", OrderAction.REPLY_REMINDER, status_of(order))


def next_status_for(
    roles: frozenset[Role], status: str, resume_status: str | None, action: OrderAction
) -> OrderStatus:
    """The status `action` moves the order to; ActionRefused when the life cycle refuses."""
    try:
        return next_status(
            OrderStatus(status),
            action,
            frozenset(roles),
            None if resume_status is None else OrderStatus(resume_status),
        )
    except TransitionRefused as refused:
        code = "not_permitted" if refused.is_role_refusal else "wrong_status"
        raise ActionRefused(code, action, refused.status) from refused


def check_reject_reason(order: OrderSnapshot, reason: RejectReason) -> None:
    """Raise cannot_reject or reason_not_allowed unless the channel takes this rejection."""
    rules = CHANNEL_RULES[Channel(order.channel)]
    if not rules.can_reject:
        raise ActionRefused("cannot_reject", OrderAction.REJECT, status_of(order))
    if reason not in rules.reject_reasons:
        raise ActionRefused("reason_not_allowed", OrderAction.REJECT, status_of(order))
