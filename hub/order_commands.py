"""The rules of device commands on orders: what "the same command" is, and what one does."""

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

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import TRANSITIONS, OrderAction, TransitionRefused, next_status
from app.domain.vocabulary import HandoverParty, OrderStatus, Role
from hub import refusals
from hub.channels import ChannelAction
from hub.order_records import channel_call_values, next_version
from hub.tables import CommandRow
from sync.protocol import Command, HandOver, OrderData, RejectOrder

_ACTIONS: Final[Mapping[str, OrderAction]] = MappingProxyType(
    {
        "accept_order": OrderAction.ACCEPT,
        "reject_order": OrderAction.REJECT,
        "mark_ready": OrderAction.MARK_READY,
        "hand_over": OrderAction.HAND_OVER,
    }
)
_CHANNEL_ACTIONS: Final[Mapping[OrderAction, ChannelAction]] = MappingProxyType(
    {
        OrderAction.ACCEPT: ChannelAction.ACCEPT,
        OrderAction.REJECT: ChannelAction.REJECT,
        OrderAction.MARK_READY: ChannelAction.READY,
        OrderAction.HAND_OVER: ChannelAction.HAND_OVER,
    }
)
_HANDED_TO_WORDS: Final = MappingProxyType(
    {
        HandoverParty.RIDER: "handed to the rider",
        HandoverParty.CUSTOMER: "collected by the customer",
    }
)


def command_digest(command: Command) -> str:
    """SHA-256 of the command's canonical JSON: what "the same command" means on replay."""
    canonical = json.dumps(
        command.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
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


def decide(
    command: Command, store_id: str, sender: Sender | None, order: OrderData | None, now: datetime
) -> OrderChange:
    """What `command`, sent by a device of `store_id`, does to `order` (None: no such order in
    that store) at `now`. Writes nothing; raises Refusal, with the reason, when it may not.
    """
    if sender is None or sender.store_id != store_id or not sender.active:
        raise refusals.unknown_staff()
    if order is None:
        raise refusals.unknown_order()
    action = _ACTIONS[command.type]
    if order.status is OrderStatus.CANCELLED:
        raise refusals.order_cancelled(order)
    if action not in TRANSITIONS[order.status]:
        raise refusals.transition_refused(order, action)
    try:
        status = next_status(order.status, action, sender.roles, order.resume_status)
    except TransitionRefused:
        raise refusals.not_permitted(sender.name, action) from None
    reason = command.reason if isinstance(command, RejectOrder) else None
    if reason is not None and reason not in CHANNEL_RULES[order.channel].reject_reasons:
        raise refusals.reason_not_allowed(order, reason)
    updated = next_version(order, status=status, **_changes(command, now))
    call = channel_call_values(
        updated,
        _CHANNEL_ACTIONS[action],
        now,
        reason=reason,
        note=command.note if isinstance(command, RejectOrder) else "",
        command_id=str(command.command_id),
    )
    done = refusals.DONE_WORDS[action]
    return OrderChange(updated, call, f"{refusals.order_label(updated)} {done}.")


def _changes(command: Command, now: datetime) -> dict[str, Any]:
    """The timestamps and reason an applied command sets, besides the status."""
    if isinstance(command, RejectOrder):
        words = refusals.REASON_WORDS[command.reason]
        note = f": {command.note}" if command.note else ""
        return {"closed_at": now, "status_reason": f"rejected by the store ({words}){note}"}
    if isinstance(command, HandOver):
        return {"handed_over_at": now, "status_reason": _HANDED_TO_WORDS[command.handed_to]}
    if command.type == "accept_order":
        return {"accepted_at": now}
    return {"ready_at": now}


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
