"""The rules of device commands on orders: what "the same command" is, and what one does.

Every command is checked against the permission matrix from its sender's roles in the hub's
staff table (the device checked too, but the hub trusts no device), before anything else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.action_permissions import ORDER_ACTION_PERMISSIONS, acting_roles
from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import TRANSITIONS, OrderAction, TransitionRefused, next_status
from app.domain.permissions import SENSITIVE, Permission, permits
from app.domain.vocabulary import HandoverParty, OrderStatus, RecordKind, Role
from hub.catalogue import CATALOGUE, Catalogue
from hub.channels import ChannelAction
from hub.orders import order_refusals, side_flows, status_reasons
from hub.orders.exception_orders import mapped_changes
from hub.orders.order_records import channel_call_values, next_version
from hub.storage.tables import CommandRow
from sync.protocol import (
    AcceptExceptionOrder,
    AcceptOrder,
    AnswerCancelRequest,
    AnswerRefundRequest,
    ClockIn,
    ClockOut,
    Command,
    CustomerRequest,
    HandOver,
    Handover,
    OrderCommand,
    OrderData,
    PauseChannel,
    RejectOrder,
    ReplyReminder,
    SetPickupCode,
    TaskCommand,
)

_ACTIONS: Final[Mapping[str, OrderAction]] = MappingProxyType(
    {
        "accept_order": OrderAction.ACCEPT,
        "accept_exception_order": OrderAction.ACCEPT_EXCEPTION,
        "reject_order": OrderAction.REJECT,
        "mark_ready": OrderAction.MARK_READY,
        "hand_over": OrderAction.HAND_OVER,
    }
)
_CHANNEL_ACTIONS: Final[Mapping[OrderAction, ChannelAction]] = MappingProxyType(
    {
        OrderAction.ACCEPT: ChannelAction.ACCEPT,
        OrderAction.ACCEPT_EXCEPTION: ChannelAction.ACCEPT,
        OrderAction.REJECT: ChannelAction.REJECT,
        OrderAction.MARK_READY: ChannelAction.READY,
        OrderAction.HAND_OVER: ChannelAction.HAND_OVER,
        OrderAction.AGREE_CANCEL: ChannelAction.AGREE_CANCEL,
        OrderAction.DISAGREE_CANCEL: ChannelAction.DISAGREE_CANCEL,
        OrderAction.AGREE_REFUND: ChannelAction.AGREE_REFUND,
        OrderAction.DISAGREE_REFUND: ChannelAction.DISAGREE_REFUND,
    }
)
_LATER_FIELDS: Final = MappingProxyType(
    {"handed_to_name": "", "pickup_code": None, "approved_by": None}
)
"""Fields added to existing commands after v1 shipped, with their defaults: left out of the
digest while at the default, so a command stored before they existed still replays."""


def command_digest(command: Command) -> str:
    """SHA-256 of the command's canonical JSON: what "the same command" means on replay."""
    body = command.model_dump(mode="json")
    for name, default in _LATER_FIELDS.items():
        if body.get(name, default) == default:
            body.pop(name, None)
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sender:
    """What the rules need to know of the staff member a command is sent for."""

    store_id: str
    name: str
    roles: frozenset[Role]
    active: bool


@dataclass(frozen=True, slots=True)
class OrderChange:
    """What an applied command does: the order's next version, its channel call, its words."""

    order: OrderData
    channel_call: dict[str, Any]
    """The `channel_calls` row, without its id."""
    message: str


def command_entity(command: Command, store_id: str) -> tuple[RecordKind, str]:
    """The entity a command acts on: its order, the store's settings (busy mode), the
    sender's staff record (clock in/out) or a task (picking)."""
    if isinstance(command, PauseChannel):
        return RecordKind.STORE_SETTINGS, store_id
    if isinstance(command, ClockIn | ClockOut):
        return RecordKind.STAFF, command.staff_id
    if isinstance(command, TaskCommand):
        return RecordKind.TASK, command.task_id
    return RecordKind.ORDER, command.order_id


def permitted_roles(  # noqa: PLR0917 (the command, its two people, what it needs)
    command: Command,
    sender: Sender,
    approver: Sender | None,
    permission: Permission,
    store_id: str,
    action: OrderAction | None = None,
) -> frozenset[Role]:
    """The roles `sender` acts with for `permission`, or raise Refusal("not_permitted").

    The sender's own roles when the matrix gives them the permission. Otherwise only an
    override helps: the command names `approved_by`, the permission is sensitive, and the
    approver (`approver`, looked up from that id) is an active manager of `store_id` whom the
    matrix gives the permission; the approver's roles then count for the life cycle too.
    """
    if permits(sender.roles, permission):
        return sender.roles
    if command.approved_by is None:
        raise order_refusals.not_permitted_to(sender.name, permission, action)
    valid = (
        approver is not None
        and approver.store_id == store_id
        and approver.active
        and Role.MANAGER in approver.roles
    )
    if permission not in SENSITIVE or not valid or approver is None:
        name = None if approver is None or approver.store_id != store_id else approver.name
        raise order_refusals.override_refused(sender.name, name, permission)
    if not permits(approver.roles, permission):
        raise order_refusals.override_refused(sender.name, approver.name, permission)
    return acting_roles(sender.roles, permission, approver.roles)


def decide(
    command: OrderCommand,
    store_id: str,
    sender: Sender | None,
    order: OrderData | None,
    now: datetime,
    *,
    pickup_codes_taken: Mapping[str, str] = MappingProxyType({}),
    approver: Sender | None = None,
    catalogue: Catalogue = CATALOGUE,
) -> OrderChange:
    """What `command`, sent by a device of `store_id`, does to `order` (None: no such order in
    that store) at `now`. Writes nothing; raises Refusal, with the reason, when it may not.

    `pickup_codes_taken` maps the pickup codes other orders of the store hold on the order's
    service day to those orders. `approver` is the staff member named by the command's
    `approved_by` (None when it names nobody the hub knows). `catalogue` holds the items an
    exception order's unread lines are mapped to.
    """
    if sender is None or sender.store_id != store_id or not sender.active:
        raise order_refusals.unknown_staff()
    action = _action(command)
    permission = ORDER_ACTION_PERMISSIONS[action]
    roles = permitted_roles(command, sender, approver, permission, store_id, action)
    if order is None:
        raise order_refusals.unknown_order()
    if order.status is OrderStatus.CANCELLED:
        raise order_refusals.order_cancelled(order)
    if isinstance(command, SetPickupCode):
        change = side_flows.set_pickup_code(command, order, pickup_codes_taken, now)
        return _change(order, change, command)
    if isinstance(command, ReplyReminder):
        change = side_flows.reply_reminder(command, sender.name, order, now)
        return _change(order, change, command)
    if action not in TRANSITIONS[order.status]:
        raise order_refusals.transition_refused(order, action)
    try:
        status = next_status(order.status, action, roles, order.resume_status)
    except TransitionRefused:
        raise order_refusals.not_permitted(sender.name, action) from None
    reason = command.reason if isinstance(command, RejectOrder) else None
    if reason is not None and reason not in CHANNEL_RULES[order.channel].reject_reasons:
        raise order_refusals.reason_not_allowed(order, reason)
    code, message = _accepted_code(command, order, pickup_codes_taken)
    changes = _changes(command, sender, order, now) | code
    if isinstance(command, AcceptExceptionOrder):
        changes |= mapped_changes(command, order, catalogue)
    updated = next_version(order, status=status, **changes)
    if isinstance(command, RejectOrder):
        note = command.note
    elif isinstance(command, AnswerCancelRequest | AnswerRefundRequest):
        note = command.reason
    else:
        note = ""
    call = channel_call_values(
        updated,
        _CHANNEL_ACTIONS[action],
        now,
        reason=reason,
        note=note,
        command_id=str(command.command_id),
    )
    done = order_refusals.DONE_WORDS[action]
    return OrderChange(updated, call, f"{order_refusals.order_label(updated)} {done}.{message}")


def _accepted_code(
    command: OrderCommand, order: OrderData, taken: Mapping[str, str]
) -> tuple[dict[str, Any], str]:
    """The pickup code an accept gives the order, and words when the hub gave another."""
    if not isinstance(command, AcceptOrder | AcceptExceptionOrder) or command.pickup_code is None:
        return {}, ""
    code = side_flows.free_pickup_code(command.pickup_code, order, taken)
    if code is None:
        return {}, ""
    if code == command.pickup_code:
        return {"pickup_code": code}, ""
    return {"pickup_code": code}, f" Pickup code {command.pickup_code} was taken: it got {code}."


def _action(command: OrderCommand) -> OrderAction:
    if isinstance(command, SetPickupCode):
        return OrderAction.GIVE_PICKUP_CODE
    if isinstance(command, ReplyReminder):
        return OrderAction.REPLY_REMINDER
    if isinstance(command, AnswerCancelRequest):
        return OrderAction.AGREE_CANCEL if command.agree else OrderAction.DISAGREE_CANCEL
    if isinstance(command, AnswerRefundRequest):
        return OrderAction.AGREE_REFUND if command.agree else OrderAction.DISAGREE_REFUND
    return _ACTIONS[command.type]


def _change(order: OrderData, change: side_flows.SideChange, command: OrderCommand) -> OrderChange:
    updated = next_version(order, **change.changes)
    call = channel_call_values(
        updated,
        change.channel_action,
        change.at,
        note=change.note,
        command_id=str(command.command_id),
    )
    return OrderChange(updated, call, f"{order_refusals.order_label(updated)}: {change.message}.")


def _changes(
    command: OrderCommand, sender: Sender, order: OrderData, now: datetime
) -> dict[str, Any]:
    """The timestamps and reason an applied command sets, besides the status."""
    if isinstance(command, RejectOrder):
        return {"closed_at": now, **status_reasons.rejected_by_store(command.reason, command.note)}
    if isinstance(command, HandOver):
        return {
            "handed_over_at": now,
            "handover": _handover(command, sender, order),
            **status_reasons.handed_over(command.handed_to),
        }
    if isinstance(command, AnswerCancelRequest | AnswerRefundRequest):
        return _answer_changes(command, sender, order, now)
    if command.type in {"accept_order", "accept_exception_order"}:
        return {"accepted_at": now}
    return {"ready_at": now}


def _handover(command: HandOver, sender: Sender, order: OrderData) -> Handover:
    to_name = command.handed_to_name.strip()
    if not to_name:
        rider = order.rider
        if command.handed_to is HandoverParty.RIDER and rider is not None:
            to_name = rider.name
        elif command.handed_to is HandoverParty.CUSTOMER:
            to_name = order.customer.name
    return Handover(
        by_staff_id=command.staff_id, by_name=sender.name, to=command.handed_to, to_name=to_name
    )


def _answer_changes(
    command: AnswerCancelRequest | AnswerRefundRequest,
    sender: Sender,
    order: OrderData,
    now: datetime,
) -> dict[str, Any]:
    request = order.request or CustomerRequest(
        kind="cancel" if isinstance(command, AnswerCancelRequest) else "refund", requested_at=now
    )
    answered = request.model_copy(
        update={
            "answer": "agreed" if command.agree else "disagreed",
            "answer_reason": command.reason.strip(),
            "answered_at": now,
            "answered_by": sender.name,
        }
    )
    changes: dict[str, Any] = {"request": answered, "resume_status": None}
    if isinstance(command, AnswerCancelRequest) and command.agree:
        changes |= {
            "closed_at": now,
            **status_reasons.cancel_agreed(request.reason, by_channel=False),
        }
    return changes


@dataclass(frozen=True, slots=True)
class CommandLogEntry:
    """A command as the hub remembers it: what it was, how it ended, how often it ran."""

    command_id: str
    command_type: str
    order_id: str
    staff_id: str
    outcome: str
    reason: str
    executions: int
    received_at: datetime


def command_log(session: Session, store_id: str) -> list[CommandLogEntry]:
    """Every command of the store the hub has answered, in the order it first received them."""
    rows = session.scalars(
        select(CommandRow)
        .where(CommandRow.store_id == store_id)
        .order_by(CommandRow.received_at, CommandRow.command_id)
    )
    return [
        CommandLogEntry(
            command_id=row.command_id,
            command_type=row.command_type,
            order_id=row.entity_id,
            staff_id=row.staff_id,
            outcome=row.outcome,
            reason=row.reason,
            executions=row.executions,
            received_at=row.received_at,
        )
        for row in rows
    ]
