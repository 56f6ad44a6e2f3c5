"""Applying device commands to orders: idempotency, staff and state checks, channel pushes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final, Literal
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import TRANSITIONS, OrderAction, TransitionRefused, next_status
from app.domain.vocabulary import HandoverParty, OrderStatus, RecordKind, Role
from hub import feed, refusals
from hub.channels import ChannelAction
from hub.enrolment import Device
from hub.errors import CommandIdReused
from hub.order_records import find_order, order_of, record_channel_call, update_order
from hub.refusals import Refusal
from hub.tables import CommandRow, OrderRow, StaffRow
from sync.protocol import (
    Command,
    CommandResult,
    FeedRecord,
    HandOver,
    OrderData,
    RejectOrder,
)

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


def apply_command(
    session: Session, device: Device, command: Command, now: datetime, *, dedupe: bool = True
) -> CommandResult:
    """Apply one command inside the caller's transaction and remember its answer.

    The command row, the order change, its feed row and the channel call are all written in
    `session`, so they commit (or vanish) together. A known id with the same body replays the
    stored answer ("applied" comes back as "duplicate"); with another body it raises
    CommandIdReused. `dedupe=False` skips that lookup (for tests that must see duplicates).
    """
    command_id = str(command.command_id)
    body_digest = command_digest(command)
    stored = session.get(CommandRow, command_id)
    if dedupe and stored is not None:
        if stored.body_sha256 != body_digest or stored.store_id != device.store_id:
            raise CommandIdReused(command_id)
        return _replay(session, stored)
    outcome, reason, message = _outcome(session, device, command, now)
    applied_at = now if outcome == "applied" else None
    _remember(
        session,
        stored,
        device,
        command,
        body_digest=body_digest,
        answer=(outcome, reason, message),
        now=now,
        applied_at=applied_at,
    )
    return CommandResult(
        command_id=command.command_id,
        outcome=outcome,
        reason=reason,
        message=message,
        current=_current(session, device.store_id, command.order_id),
        applied_at=applied_at,
    )


def _outcome(
    session: Session, device: Device, command: Command, now: datetime
) -> tuple[Literal["applied", "rejected"], str, str]:
    """(outcome, reason, message) of executing the command now."""
    row = find_order(session, command.order_id, device.store_id)
    try:
        order = _execute(session, device, command, row, now)
    except Refusal as refusal:
        return "rejected", refusal.reason, refusal.message
    done = refusals.DONE_WORDS[_ACTIONS[command.type]]
    return "applied", "", f"{refusals.order_label(order)} {done}."


def _remember(
    session: Session,
    stored: CommandRow | None,
    device: Device,
    command: Command,
    *,
    body_digest: str,
    answer: tuple[str, str, str],
    now: datetime,
    applied_at: datetime | None,
) -> None:
    """Keep the command's answer, and who sent it, for replays."""
    outcome, reason, message = answer
    values: dict[str, Any] = {
        "store_id": device.store_id,
        "device_id": device.device_id,
        "staff_id": command.staff_id,
        "command_type": command.type,
        "body_sha256": body_digest,
        "outcome": outcome,
        "reason": reason,
        "message": message,
        "entity_kind": RecordKind.ORDER.value,
        "entity_id": command.order_id,
        "received_at": now,
        "applied_at": applied_at,
    }
    if stored is None:
        session.add(CommandRow(command_id=str(command.command_id), executions=1, **values))
    else:  # only reachable with dedupe off: the row keeps the latest answer
        for key, value in values.items():
            setattr(stored, key, value)
        stored.executions += 1


def _execute(
    session: Session, device: Device, command: Command, row: OrderRow | None, now: datetime
) -> OrderData:
    staff = session.get(StaffRow, command.staff_id)
    if staff is None or staff.store_id != device.store_id or not staff.active:
        raise refusals.unknown_staff()
    if row is None:
        raise refusals.unknown_order()
    order = order_of(row)
    action = _ACTIONS[command.type]
    if order.status is OrderStatus.CANCELLED:
        raise refusals.order_cancelled(order)
    if action not in TRANSITIONS[order.status]:
        raise refusals.transition_refused(order, action)
    try:
        status = next_status(
            order.status, action, frozenset(Role(role) for role in staff.roles), order.resume_status
        )
    except TransitionRefused:
        raise refusals.not_permitted(staff.name, action) from None
    reason = command.reason if isinstance(command, RejectOrder) else None
    if reason is not None and reason not in CHANNEL_RULES[order.channel].reject_reasons:
        raise refusals.reason_not_allowed(order, reason)
    updated = update_order(session, row, status=status, **_changes(command, now))
    record_channel_call(
        session,
        updated,
        _CHANNEL_ACTIONS[action],
        now,
        reason=reason,
        note=command.note if isinstance(command, RejectOrder) else "",
        command_id=str(command.command_id),
    )
    return updated


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


def _replay(session: Session, stored: CommandRow) -> CommandResult:
    return CommandResult(
        command_id=UUID(stored.command_id),
        outcome="duplicate" if stored.outcome == "applied" else "rejected",
        reason=stored.reason,
        message=stored.message,
        current=_current(session, stored.store_id, stored.entity_id),
        applied_at=stored.applied_at,
    )


def _current(session: Session, store_id: str, order_id: str) -> FeedRecord | None:
    if find_order(session, order_id, store_id) is None:
        return None
    return feed.current_record(session, store_id, RecordKind.ORDER, order_id)


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
