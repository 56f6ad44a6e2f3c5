"""Which matrix permission each order action and picking command needs, and which are audited.

One table for the device and the hub, so both refuse the same person for the same action.
Answers a customer sees but that move no money (disagreeing with a request, replying to a
reminder, giving a pickup code) are counter work: they need what accepting needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import SENSITIVE, Permission, permits
from app.domain.vocabulary import Role

_A = OrderAction
_P = Permission

ORDER_ACTION_PERMISSIONS: Final[Mapping[OrderAction, Permission]] = MappingProxyType(
    {
        _A.ACCEPT: _P.ACCEPT,
        _A.ACCEPT_EXCEPTION: _P.MAP_ITEMS,
        _A.REJECT: _P.REJECT,
        _A.MARK_READY: _P.READY,
        _A.HAND_OVER: _P.HAND_OVER,
        _A.AGREE_CANCEL: _P.CANCEL,
        _A.AGREE_REFUND: _P.REFUND,
        _A.DISAGREE_CANCEL: _P.ACCEPT,
        _A.DISAGREE_REFUND: _P.ACCEPT,
        _A.REPLY_REMINDER: _P.ACCEPT,
        _A.GIVE_PICKUP_CODE: _P.ACCEPT,
        _A.CANCEL: _P.CANCEL,
    }
)
"""The permission a person needs for each order action a person can take.

A shortage moves the order too, but the person's action is on the task (report_shortage,
below) or the shortage (decide_shortage): the hub then moves the order itself.
"""

TASK_COMMAND_PERMISSIONS: Final[Mapping[str, Permission]] = MappingProxyType(
    {
        # Coming on duty is for picking: dispatch sends tasks only to pickers on duty.
        "clock_in": _P.PICK,
        "clock_out": _P.PICK,
        "start_task": _P.PICK,
        "pick_line": _P.PICK,
        "pause_task": _P.PICK,
        "resume_task": _P.PICK,
        "complete_pick": _P.PICK,
        "complete_pack": _P.PICK,
        "report_shortage": _P.REPORT_SHORTAGE,
        "reassign_task": _P.REASSIGN,
    }
)
"""The permission a person needs for each picking command (by its wire type)."""

AUDITED_ROUTINE: Final = frozenset(
    {
        "accept_order",
        "reject_order",
        "mark_ready",
        "hand_over",
        "answer_cancel_request",
        "answer_refund_request",
        "report_shortage",
        "complete_pick",
        "complete_pack",
        "pause_channel",
    }
)
"""Commands recorded in the audit trail although not sensitive: one entry per order step.

A single scan (pick_line), a start or a pause happens dozens of times an order and stays out
of the trail; the outbox and the hub's command log already keep them.
"""


def is_audited(command_type: str, permission: Permission) -> bool:
    """Whether a successful command of `command_type` (needing `permission`) is recorded."""
    return permission in SENSITIVE or command_type in AUDITED_ROUTINE


def acting_roles(
    roles: frozenset[Role], permission: Permission, approver_roles: frozenset[Role]
) -> frozenset[Role]:
    """The roles an action is taken with: the person's own, plus an approving manager's when
    the action is sensitive and the person may not do it alone (so the life cycle, checked
    after the matrix, lets the approved action through as the matrix did)."""
    if permission in SENSITIVE and not permits(roles, permission):
        return roles | approver_roles
    return roles
