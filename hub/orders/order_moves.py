"""An order moved along with its task or its shortage, when its life cycle allows it.

Below the command families (picking_commands, shortages): both move orders the same way, and
neither needs the other to do it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from app.domain.order_lifecycle import OrderAction, TransitionRefused, next_status
from app.domain.vocabulary import Actor, OrderStatus, Role
from hub.channels import ChannelAction
from hub.orders.order_records import find_order, order_of, record_channel_call, update_order

_STATUS_TIMES: Final = {
    OrderStatus.READY: "ready_at",
    OrderStatus.HANDED_OVER: "handed_over_at",
}
_CALLS: Final = {
    OrderAction.MARK_READY: ChannelAction.READY,
    OrderAction.HAND_OVER: ChannelAction.HAND_OVER,
}


def move_order(
    session: Session,
    order_id: str,
    action: OrderAction,
    now: datetime,
    *,
    mover: Role | Actor = Actor.HUB,
    **changes: object,
) -> None:
    """Move the order along when its life cycle allows; else leave it be (a customer's
    pending cancel request, say, keeps the order where it is)."""
    order_row = find_order(session, order_id)
    if order_row is None:
        return
    order = order_of(order_row)
    try:
        status = next_status(order.status, action, mover, order.resume_status)
    except TransitionRefused:
        return
    values: dict[str, object] = {"status": status, **changes}
    if action is OrderAction.REPORT_SHORTAGE:
        values["resume_status"] = order.status
    if action is OrderAction.RESOLVE_SHORTAGE:
        values["resume_status"] = None
    if stamp := _STATUS_TIMES.get(status):
        values[stamp] = now
    updated = update_order(session, order_row, **values)
    if call := _CALLS.get(action):
        record_channel_call(session, updated, call, now)
