"""Reading and writing orders: every change bumps the version and the order's feed row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, OrderStatus, RecordKind
from hub.channels import ADAPTERS, ChannelAction
from hub.clock import service_day
from hub.publishing import feed
from hub.storage.tables import ChannelCallRow, OrderRow
from sync.protocol import OrderData


@dataclass(frozen=True, slots=True)
class ChannelCall:
    """A status the hub pushed to a channel, as the channel received it."""

    channel: Channel
    order_id: str
    channel_order_no: str
    action: ChannelAction
    channel_code: str
    payload: dict[str, Any]
    at: datetime
    command_id: str | None


def order_of(row: OrderRow) -> OrderData:
    """The wire form of a stored order."""
    return OrderData.model_validate(row.body)


def find_order(session: Session, order_id: str, store_id: str | None = None) -> OrderRow | None:
    """The order row, or None if absent (or in another store when `store_id` is given)."""
    row = session.get(OrderRow, order_id)
    if row is None or (store_id is not None and row.store_id != store_id):
        return None
    return row


def find_by_channel_number(
    session: Session, channel: Channel, channel_order_no: str
) -> OrderRow | None:
    """The order a channel knows by `channel_order_no`, if the hub already has it."""
    return session.scalars(
        select(OrderRow).where(
            OrderRow.channel == channel.value, OrderRow.channel_order_no == channel_order_no
        )
    ).one_or_none()


def orders_in(
    session: Session, store_id: str | None, statuses: Sequence[OrderStatus] | None = None
) -> list[OrderRow]:
    """Orders of a store (or all stores), optionally only in `statuses`, oldest first."""
    query = select(OrderRow).order_by(OrderRow.accept_by, OrderRow.order_id)
    if store_id is not None:
        query = query.where(OrderRow.store_id == store_id)
    if statuses is not None:
        query = query.where(OrderRow.status.in_([status.value for status in statuses]))
    return list(session.scalars(query))


def insert_order(session: Session, order: OrderData) -> OrderRow:
    """Store a new order and put it in its store's feed."""
    row = OrderRow(
        order_id=order.order_id,
        store_id=order.store_id,
        channel=order.channel.value,
        channel_order_no=order.channel_order_no,
        service_day=service_day(order.placed_at),
        daily_serial=order.daily_serial,
        status=order.status.value,
        accept_by=order.accept_by,
        version=order.version,
        body=order.model_dump(mode="json"),
    )
    session.add(row)
    feed.publish(
        session,
        order.store_id,
        RecordKind.ORDER,
        order.order_id,
        version=order.version,
        data=row.body,
    )
    return row


def next_version(current: OrderData, **changes: Any) -> OrderData:
    """The order's next version with `changes` applied, validated."""
    return OrderData.model_validate(
        {**current.model_dump(), **changes, "version": current.version + 1}
    )


def update_order(session: Session, row: OrderRow, **changes: Any) -> OrderData:
    """Apply `changes` as the order's next version (validated) and bump its feed row."""
    updated = next_version(order_of(row), **changes)
    row.body = updated.model_dump(mode="json")
    row.status = updated.status.value
    row.version = updated.version
    feed.publish(
        session, row.store_id, RecordKind.ORDER, row.order_id, version=row.version, data=row.body
    )
    return updated


def next_daily_serial(session: Session, store_id: str, channel: Channel, at: datetime) -> int:
    """The next free daily serial of `channel` at the store on `at`'s local day."""
    highest = session.scalars(
        select(OrderRow.daily_serial)
        .where(
            OrderRow.store_id == store_id,
            OrderRow.channel == channel.value,
            OrderRow.service_day == service_day(at),
        )
        .order_by(OrderRow.daily_serial.desc())
        .limit(1)
    ).first()
    return (highest or 0) + 1


def record_channel_call(
    session: Session,
    order: OrderData,
    action: ChannelAction,
    at: datetime,
    *,
    reason: RejectReason | None = None,
    note: str = "",
    command_id: str | None = None,
) -> None:
    """Push the order's new status to its channel, recorded in the channel's own code."""
    values = channel_call_values(order, action, at, reason=reason, note=note, command_id=command_id)
    session.add(ChannelCallRow(**values))


def channel_call_values(
    order: OrderData,
    action: ChannelAction,
    at: datetime,
    *,
    reason: RejectReason | None = None,
    note: str = "",
    command_id: str | None = None,
) -> dict[str, Any]:
    """The `channel_calls` row (without its id) pushing the order's new status to its channel."""
    push = ADAPTERS[order.channel].status_push(action, order, reason, note)
    return {
        "store_id": order.store_id,
        "channel": order.channel.value,
        "order_id": order.order_id,
        "channel_order_no": order.channel_order_no,
        "action": action.value,
        "channel_code": push.code,
        "payload": push.payload,
        "command_id": command_id,
        "at": at,
    }


def channel_calls(session: Session, order_id: str | None) -> list[ChannelCall]:
    """Calls pushed to channels (for one order, or all), in the order they were made."""
    query = select(ChannelCallRow).order_by(ChannelCallRow.call_id)
    if order_id is not None:
        query = query.where(ChannelCallRow.order_id == order_id)
    return [
        ChannelCall(
            channel=Channel(row.channel),
            order_id=row.order_id,
            channel_order_no=row.channel_order_no,
            action=ChannelAction(row.action),
            channel_code=row.channel_code,
            payload=row.payload,
            at=row.at,
            command_id=row.command_id,
        )
        for row in session.scalars(query)
    ]
