"""What an order action writes besides its status: pickup codes, replies, its outbox command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import OrderAction
from app.domain.pickup_codes import next_pickup_code
from app.domain.store_day import day_bounds, store_date
from app.domain.vocabulary import Channel
from app.read_models import SignedInStaff
from app.services import outbox_commands
from app.services.store_time import store_zone_of
from local_db import order_repository
from local_db.order_repository import OrderSnapshot

TIMESTAMP_OF_ACTION = {
    OrderAction.ACCEPT: "accepted_at",
    OrderAction.MARK_READY: "ready_at",
    OrderAction.HAND_OVER: "handed_over_at",
    OrderAction.REJECT: "closed_at",
}


@dataclass(frozen=True, slots=True)
class ActionStep:
    """One person's action on one order: its command, and what it changes locally."""

    action: OrderAction
    command_type: str
    """The command sent for the action (with `arguments` and what `follow_up` adds)."""
    arguments: dict[str, Any] = field(default_factory=dict)
    moves: bool = True
    """Whether the action moves the order along its life cycle."""
    check: Callable[[OrderSnapshot], None] = lambda _order: None
    local: Callable[[OrderSnapshot, datetime], dict[str, Any]] = lambda _order, _now: {}
    """Columns the action changes on the cached order, besides status and timestamp."""
    follow_up: Callable[[Session, OrderSnapshot], dict[str, Any] | None] = lambda _s, _o: None
    """A pickup code the action also gives the order (sent in the same command), if any."""


def queue_command(
    session: Session,
    actor: SignedInStaff,
    order: OrderSnapshot,
    *,
    command_type: str,
    arguments: dict[str, Any],
    now: datetime,
) -> None:
    """Put one command for the hub in the outbox, in the caller's transaction."""
    outbox_commands.add_command(
        session,
        actor,
        command_type=command_type,
        entity_kind="order",
        entity_id=order.order_id,
        base_version=order.version,
        arguments={"order_id": order.order_id, **arguments},
        now=now,
    )


def audit_detail(step: ActionStep) -> dict[str, Any]:
    """What the audit entry keeps of an action: its command and the reason given, if any
    (not the names of riders or customers)."""
    detail: dict[str, Any] = {"command": step.command_type}
    for key in ("reason", "agree"):
        if key in step.arguments:
            detail[key] = step.arguments[key]
    return detail


def pickup_code_on_accept(session: Session, order: OrderSnapshot) -> dict[str, Any] | None:
    """The pickup code an accept gives the order, if its channel wants one and it has none."""
    if order.pickup_code or not CHANNEL_RULES[Channel(order.channel)].assigns_pickup_code:
        return None
    return {"pickup_code": next_code(session, order)}


def next_code(session: Session, order: OrderSnapshot) -> str:
    """The next free pickup code of the order's channel on the store day it was placed."""
    zone = store_zone_of(session)
    start, end = day_bounds(store_date(order.placed_at, zone), zone)
    taken = order_repository.pickup_codes_between(session, order.channel, start, end)
    return next_pickup_code(taken)


def with_reply(
    order: OrderSnapshot, reminder_id: str, reply: str, by: str, now: datetime
) -> list[dict[str, Any]]:
    """The order's reminders with `reply` written on reminder `reminder_id`."""
    return [
        {**reminder, "reply": reply, "replied_at": now.isoformat(), "replied_by": by}
        if reminder.get("reminder_id") == reminder_id
        else reminder
        for reminder in order.reminders
    ]
