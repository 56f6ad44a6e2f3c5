"""The order life cycle as data: which actor may move an order from which status to which."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from app.domain.vocabulary import Actor, OrderStatus, Role

Mover = Role | Actor
"""Anyone who may move an order: a staff role, or the hub/channel side."""


class OrderAction(StrEnum):
    """Everything that can happen to an order."""

    ACCEPT = "accept"
    ACCEPT_EXCEPTION = "accept_exception"
    """Map an exception order's unread lines to the catalogue, and accept it."""
    REJECT = "reject"
    START_PREPARING = "start_preparing"
    MARK_READY = "mark_ready"
    HAND_OVER = "hand_over"
    COMPLETE = "complete"
    CANCEL = "cancel"
    EXPIRE = "expire"
    REQUEST_CANCEL = "request_cancel"
    AGREE_CANCEL = "agree_cancel"
    DISAGREE_CANCEL = "disagree_cancel"
    REQUEST_REFUND = "request_refund"
    AGREE_REFUND = "agree_refund"
    DISAGREE_REFUND = "disagree_refund"
    REPORT_SHORTAGE = "report_shortage"
    RESOLVE_SHORTAGE = "resolve_shortage"
    GIVE_PICKUP_CODE = "give_pickup_code"
    """Not a move: the store gives an accepted order its pickup code."""
    REPLY_REMINDER = "reply_reminder"
    """Not a move: the store answers the customer's "where is my order"."""


RESUME: Final = "resume"
"""Target of a side flow's answer: go back to the status the order had before the request."""


@dataclass(frozen=True, slots=True)
class Transition:
    """One allowed move: its target status (or RESUME) and who may make it."""

    target: OrderStatus | str
    by: frozenset[Mover]


class TransitionRefused(Exception):
    """The action is not allowed from this status, or not for this mover."""

    def __init__(
        self, status: OrderStatus, action: OrderAction, reason: str, *, is_role_refusal: bool
    ) -> None:
        super().__init__(f"{action.value} refused while {status.value}: {reason}")
        self.status = status
        self.action = action
        self.reason = reason
        self.is_role_refusal = is_role_refusal


_COUNTER = frozenset({Role.CASHIER, Role.MANAGER})
_FLOOR = frozenset({Role.CASHIER, Role.MANAGER, Role.PICKER})
_CHANNEL = frozenset({Actor.CHANNEL})
_HUB = frozenset({Actor.HUB})

_S = OrderStatus
_A = OrderAction
_T = Transition

_ACTIVE_SIDE_FLOWS: dict[OrderAction, Transition] = {
    _A.CANCEL: _T(_S.CANCELLED, _CHANNEL | {Role.MANAGER}),
    _A.REQUEST_CANCEL: _T(_S.CANCEL_REQUESTED, _CHANNEL),
}

TRANSITIONS: Final[Mapping[OrderStatus, Mapping[OrderAction, Transition]]] = MappingProxyType(
    {
        _S.NEW: {
            _A.ACCEPT: _T(_S.ACCEPTED, _COUNTER),
            _A.REJECT: _T(_S.REJECTED, _COUNTER),
            _A.CANCEL: _T(_S.CANCELLED, _CHANNEL),
            _A.EXPIRE: _T(_S.CANCELLED, _HUB),
        },
        _S.EXCEPTION: {
            _A.ACCEPT_EXCEPTION: _T(_S.ACCEPTED, _COUNTER),
            _A.REJECT: _T(_S.REJECTED, _COUNTER),
            _A.CANCEL: _T(_S.CANCELLED, _CHANNEL),
            _A.EXPIRE: _T(_S.CANCELLED, _HUB),
        },
        _S.ACCEPTED: {
            _A.START_PREPARING: _T(_S.PREPARING, _FLOOR | _HUB),
            _A.MARK_READY: _T(_S.READY, _COUNTER | _HUB),
            **_ACTIVE_SIDE_FLOWS,
        },
        _S.PREPARING: {
            _A.MARK_READY: _T(_S.READY, _COUNTER | _HUB),
            _A.REPORT_SHORTAGE: _T(_S.SHORTAGE_PENDING, frozenset({Role.PICKER}) | _HUB),
            **_ACTIVE_SIDE_FLOWS,
        },
        _S.SHORTAGE_PENDING: {
            _A.RESOLVE_SHORTAGE: _T(_S.PREPARING, frozenset({Role.MANAGER}) | _HUB),
            **_ACTIVE_SIDE_FLOWS,
        },
        _S.READY: {
            _A.HAND_OVER: _T(_S.HANDED_OVER, _FLOOR),
            **_ACTIVE_SIDE_FLOWS,
        },
        _S.HANDED_OVER: {
            _A.COMPLETE: _T(_S.COMPLETED, _CHANNEL | _HUB),
            _A.REQUEST_REFUND: _T(_S.REFUND_REQUESTED, _CHANNEL),
        },
        _S.COMPLETED: {
            _A.REQUEST_REFUND: _T(_S.REFUND_REQUESTED, _CHANNEL),
        },
        _S.CANCEL_REQUESTED: {
            _A.AGREE_CANCEL: _T(_S.CANCELLED, _COUNTER | _HUB),
            _A.DISAGREE_CANCEL: _T(RESUME, _COUNTER),
            _A.CANCEL: _T(_S.CANCELLED, _CHANNEL),
        },
        _S.REFUND_REQUESTED: {
            _A.AGREE_REFUND: _T(RESUME, _COUNTER | _HUB),
            _A.DISAGREE_REFUND: _T(RESUME, _COUNTER),
        },
        _S.REJECTED: {},
        _S.CANCELLED: {},
    }
)

TERMINAL: Final = frozenset({_S.REJECTED, _S.CANCELLED})
SIDE_FLOWS: Final = frozenset({_S.CANCEL_REQUESTED, _S.REFUND_REQUESTED, _S.SHORTAGE_PENDING})


def next_status(
    status: OrderStatus,
    action: OrderAction,
    mover: Mover | frozenset[Mover],
    resume_status: OrderStatus | None = None,
) -> OrderStatus:
    """Return the status after `action`, or raise TransitionRefused.

    `mover` is one mover or every role a person holds; any of them suffices.
    `resume_status` is where a side flow goes back to when its request is refused.
    """
    movers = mover if isinstance(mover, frozenset) else frozenset({mover})
    transition = TRANSITIONS[status].get(action)
    if transition is None:
        raise TransitionRefused(
            status, action, "not possible in this status", is_role_refusal=False
        )
    if not movers & transition.by:
        raise TransitionRefused(status, action, "not allowed for this role", is_role_refusal=True)
    if transition.target == RESUME:
        if resume_status is None:
            raise TransitionRefused(
                status, action, "no status to go back to", is_role_refusal=False
            )
        return resume_status
    return OrderStatus(transition.target)


def allowed_actions(status: OrderStatus, movers: frozenset[Mover]) -> frozenset[OrderAction]:
    """Actions that any of `movers` may take on an order in `status`."""
    return frozenset(
        action for action, transition in TRANSITIONS[status].items() if movers & transition.by
    )


def opens_side_flow(status: OrderStatus) -> bool:
    """Whether entering `status` means remembering where to resume afterwards."""
    return status in SIDE_FLOWS


class InboxTab(StrEnum):
    """The cashier inbox's tabs."""

    NEW = "new"
    SCHEDULED = "scheduled"
    """Booked orders before their preparation time; each moves to New when its time comes."""
    IN_PROGRESS = "in_progress"
    READY = "ready"
    DONE = "done"
    CANCELLED = "cancelled"


_TAB_OF_STATUS: Final[Mapping[OrderStatus, InboxTab]] = MappingProxyType(
    {
        _S.NEW: InboxTab.NEW,
        _S.EXCEPTION: InboxTab.NEW,
        _S.ACCEPTED: InboxTab.IN_PROGRESS,
        _S.PREPARING: InboxTab.IN_PROGRESS,
        _S.SHORTAGE_PENDING: InboxTab.IN_PROGRESS,
        _S.READY: InboxTab.READY,
        _S.HANDED_OVER: InboxTab.DONE,
        _S.COMPLETED: InboxTab.DONE,
        _S.REJECTED: InboxTab.CANCELLED,
        _S.CANCELLED: InboxTab.CANCELLED,
    }
)


_REQUESTS: Final = frozenset({_S.CANCEL_REQUESTED, _S.REFUND_REQUESTED})
REQUEST_DEFAULT_RESUME: Final = _S.ACCEPTED
"""Where a request with no remembered status is shown (and goes back to)."""


def inbox_tab(
    status: OrderStatus, resume_status: OrderStatus | None, *, waiting_booked: bool = False
) -> InboxTab:
    """The tab an order belongs on; a pending request stays where its order was.

    `waiting_booked`: the order is booked and its preparation time is still ahead (a new one
    then waits on the Scheduled tab).
    """
    if status is _S.NEW and waiting_booked:
        return InboxTab.SCHEDULED
    if status in _REQUESTS:
        return _TAB_OF_STATUS[resume_status or REQUEST_DEFAULT_RESUME]
    return _TAB_OF_STATUS[status]


@dataclass(frozen=True, slots=True)
class TabFilter:
    """Which orders a tab shows: `statuses`, plus `requests` whose resume status is in `resumes`;
    `booked` narrows those to booked orders still waiting for their preparation time (True) or
    leaves those out (False); None: either."""

    statuses: frozenset[OrderStatus]
    requests: frozenset[OrderStatus]
    resumes: frozenset[OrderStatus]
    booked: bool | None = None


def tab_filter(tab: InboxTab) -> TabFilter:
    """The filter selecting exactly the orders for which `inbox_tab` names `tab`."""
    if tab is InboxTab.SCHEDULED:
        return TabFilter(
            statuses=frozenset({_S.NEW}), requests=frozenset(), resumes=frozenset(), booked=True
        )
    direct = frozenset(status for status, t in _TAB_OF_STATUS.items() if t is tab)
    booked = False if tab is InboxTab.NEW else None
    return TabFilter(statuses=direct, requests=_REQUESTS, resumes=direct, booked=booked)
