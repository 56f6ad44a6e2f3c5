"""Order side flows at the hub: pickup codes, customer requests and reminders, busy mode.

Device commands are decided here in memory (the command batch stores them); the customer's
side (a request, a reminder, the channel agreeing by itself at the deadline) is applied
straight to the stored order by the simulator and the hub's tick.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import OrderAction, next_status
from app.domain.pickup_codes import next_pickup_code
from app.domain.vocabulary import Actor, Channel, OrderStatus
from hub.channels import ChannelAction
from hub.orders import order_refusals, status_reasons
from hub.orders.order_records import order_of, update_order
from hub.storage.tables import OrderRow, ShortageRow
from sync.protocol import (
    CustomerRequest,
    OrderData,
    PauseChannel,
    Reminder,
    ReplyReminder,
    SetPickupCode,
    StoreSettingsData,
)

LONGEST_PAUSE: Final = timedelta(hours=4)
"""Busy mode never lasts longer than this; a channel always reopens by itself."""
_HAS_CODE_FROM: Final = frozenset(
    {
        OrderStatus.ACCEPTED,
        OrderStatus.PREPARING,
        OrderStatus.SHORTAGE_PENDING,
        OrderStatus.READY,
        OrderStatus.CANCEL_REQUESTED,
    }
)


@dataclass(frozen=True, slots=True)
class SideChange:
    """What a side-flow command changes on its order, and what the channel is told."""

    changes: dict[str, Any]
    channel_action: ChannelAction
    note: str
    at: datetime
    message: str


def free_pickup_code(wanted: str, order: OrderData, taken: Mapping[str, str]) -> str | None:
    """The code an order accepted with `wanted` gets: `wanted`, or the day's next free code
    when another order holds it (two counters accepted offline at once); None when the
    order's channel takes no codes (the code is ignored, the accept stands).
    """
    if not CHANNEL_RULES[order.channel].assigns_pickup_code:
        return None
    holder = taken.get(wanted)
    if holder is None or holder == order.order_id:
        return wanted
    return next_pickup_code(taken)


def set_pickup_code(
    command: SetPickupCode, order: OrderData, taken: Mapping[str, str], now: datetime
) -> SideChange:
    """Give an accepted order of a code-assigning channel its pickup code.

    The hub refuses a code another order of the store holds on the same service day: two
    counters offline at once may both pick the next number, and the second to arrive is told.
    """
    if not CHANNEL_RULES[order.channel].assigns_pickup_code:
        raise order_refusals.no_pickup_codes(order)
    if order.status not in _HAS_CODE_FROM:
        raise order_refusals.pickup_code_not_now(order)
    holder = taken.get(command.pickup_code)
    if holder is not None and holder != order.order_id:
        raise order_refusals.pickup_code_taken(command.pickup_code)
    return SideChange(
        changes={"pickup_code": command.pickup_code},
        channel_action=ChannelAction.SET_PICKUP_CODE,
        note=command.pickup_code,
        at=now,
        message=f"pickup code {command.pickup_code}",
    )


def reply_reminder(
    command: ReplyReminder, staff_name: str, order: OrderData, now: datetime
) -> SideChange:
    """Answer a customer's reminder; each reminder is answered once."""
    reminders = list(order.reminders)
    for index, reminder in enumerate(reminders):
        if reminder.reminder_id != command.reminder_id:
            continue
        if reminder.replied_at is not None:
            raise order_refusals.reminder_answered(reminder.reply, reminder.replied_by)
        reminders[index] = reminder.model_copy(
            update={"reply": command.reply, "replied_at": now, "replied_by": staff_name}
        )
        return SideChange(
            changes={"reminders": reminders},
            channel_action=ChannelAction.REPLY_REMINDER,
            note=f"{command.reminder_id}|{command.reply}",
            at=now,
            message="reply sent to the customer",
        )
    raise order_refusals.unknown_reminder()


def paused_settings(
    command: PauseChannel, settings: StoreSettingsData, now: datetime
) -> StoreSettingsData:
    """The store's settings with `command`'s channel paused until its time (or reopened)."""
    until = command.paused_until
    if until is not None and until > now + LONGEST_PAUSE:
        raise order_refusals.pause_too_long(LONGEST_PAUSE)
    if until is not None and until <= now:
        until = None
    channels = [
        channel.model_copy(update={"paused_until": until})
        if channel.channel is command.channel
        else channel
        for channel in settings.channels
    ]
    return settings.model_copy(update={"channels": channels, "version": settings.version + 1})


def paused_until(settings: StoreSettingsData, channel: Channel, now: datetime) -> datetime | None:
    """Until when `channel` is paused at the store, or None when it takes orders now."""
    for entry in settings.channels:
        if entry.channel is channel and entry.paused_until is not None:
            return entry.paused_until if entry.paused_until > now else None
    return None


# --- the customer's side ------------------------------------------------------------------


def request(
    session: Session,
    row: OrderRow,
    kind: Literal["cancel", "refund"],
    now: datetime,
    *,
    reason: str,
    refund_cents: int | None = None,
) -> OrderData:
    """The customer asks to cancel (or refund) the order; raises TransitionRefused if too late.

    Where the channel agrees by itself after a while, the request carries that deadline.
    """
    order = order_of(row)
    action = OrderAction.REQUEST_CANCEL if kind == "cancel" else OrderAction.REQUEST_REFUND
    status = next_status(order.status, action, Actor.CHANNEL, order.resume_status)
    window = CHANNEL_RULES[order.channel].cancel_request_auto_agree
    amount = None
    if kind == "refund":
        # What shortages already gave back cannot be refunded a second time.
        left = max(order.total_cents - _refunded_for_shortages(session, order.order_id), 0)
        amount = left if refund_cents is None else min(refund_cents, left)
    customer_request = CustomerRequest(
        kind=kind,
        reason=reason,
        requested_at=now,
        respond_by=None if window is None else now + window,
        refund_cents=amount,
    )
    return update_order(
        session, row, status=status, resume_status=order.status, request=customer_request
    )


def _refunded_for_shortages(session: Session, order_id: str) -> int:
    """Cents the customer of `order_id` already got back for lines the store was short of."""
    bodies = session.scalars(select(ShortageRow.body).where(ShortageRow.order_id == order_id))
    return sum(body.get("refund_cents") or 0 for body in bodies)


def remind(session: Session, row: OrderRow, now: datetime) -> OrderData:
    """The customer asks where the order is."""
    order = order_of(row)
    reminder = Reminder(reminder_id=f"R{len(order.reminders) + 1}", asked_at=now)
    return update_order(session, row, reminders=[*order.reminders, reminder])


def agree_when_due(session: Session, row: OrderRow, now: datetime) -> OrderData | None:
    """The channel agrees to a request nobody answered by its deadline; else None."""
    order = order_of(row)
    request_ = order.request
    if (
        order.status not in (OrderStatus.CANCEL_REQUESTED, OrderStatus.REFUND_REQUESTED)
        or request_ is None
        or request_.respond_by is None
        or request_.respond_by > now
    ):
        return None
    answered = request_.model_copy(update={"answer": "auto_agreed", "answered_at": now})
    if order.status is OrderStatus.CANCEL_REQUESTED:
        status = next_status(order.status, OrderAction.CANCEL, Actor.CHANNEL)
        return update_order(
            session,
            row,
            status=status,
            resume_status=None,
            request=answered,
            closed_at=now,
            **status_reasons.cancel_agreed(request_.reason, by_channel=True),
        )
    status = next_status(order.status, OrderAction.AGREE_REFUND, Actor.HUB, order.resume_status)
    return update_order(session, row, status=status, resume_status=None, request=answered)
