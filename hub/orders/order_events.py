"""What befalls orders without the store acting: customer cancels, deadlines, riders, completion."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session

from app.domain.order_lifecycle import OrderAction, next_status
from app.domain.vocabulary import Actor, FulfilmentMode, OrderStatus, RiderStatus
from hub.channels import ChannelAction
from hub.channels.order_draft import masked_phone
from hub.orders import status_reasons
from hub.orders.order_records import order_of, record_channel_call, update_order
from hub.storage.tables import OrderRow
from sync.protocol import OrderData, Rider

RIDER_SURNAMES: Final = "张刘赵孙周吴郑冯"
IN_STORE: Final = (
    OrderStatus.ACCEPTED,
    OrderStatus.PREPARING,
    OrderStatus.SHORTAGE_PENDING,
    OrderStatus.READY,
)
"""Statuses in which a delivery order waits in the store for its rider."""


@dataclass(frozen=True, slots=True)
class RiderPlan:
    """How one order's rider behaves; drawn from the hub seed and the order id alone, so the
    outcome does not depend on how often the simulator ticks."""

    name: str
    phone_masked: str
    assign_after: timedelta
    """From acceptance until the platform assigns a rider."""
    travel_to_store: timedelta
    delivery: timedelta
    """From pick-up at the store to the customer's door."""


def rider_plan(seed: int, order_id: str) -> RiderPlan:
    """The rider behaviour of `order_id` under `seed`."""
    rng = random.Random(f"{seed}:{order_id}:rider")
    return RiderPlan(
        name=f"{rng.choice(RIDER_SURNAMES)}师傅",
        phone_masked=masked_phone(rng),
        assign_after=timedelta(seconds=rng.randint(20, 90)),
        travel_to_store=timedelta(seconds=rng.randint(120, 420)),
        delivery=timedelta(seconds=rng.randint(360, 1080)),
    )


def cancel_by_customer(session: Session, row: OrderRow, now: datetime) -> OrderData:
    """The customer cancels through the channel; raises TransitionRefused if no longer possible."""
    order = order_of(row)
    status = next_status(order.status, OrderAction.CANCEL, Actor.CHANNEL, order.resume_status)
    return update_order(
        session, row, status=status, closed_at=now, **status_reasons.customer_cancelled()
    )


def expire(session: Session, row: OrderRow, now: datetime) -> OrderData | None:
    """Cancel a new order whose acceptance deadline passed, telling its channel; else None."""
    order = order_of(row)
    if order.status is not OrderStatus.NEW or order.accept_by > now:
        return None
    status = next_status(order.status, OrderAction.EXPIRE, Actor.HUB)
    updated = update_order(
        session, row, status=status, closed_at=now, **status_reasons.not_confirmed_in_time()
    )
    record_channel_call(session, updated, ChannelAction.EXPIRE, now)
    return updated


def advance_fulfilment(
    session: Session, row: OrderRow, now: datetime, seed: int
) -> OrderData | None:
    """Move a rider or a collected order one step on, if one is due; else None.

    Delivery: rider assigned → at store → picked up (once handed over) → delivered, which
    completes the order. Pickup: a handed-over order completes at once.
    """
    order = order_of(row)
    if order.fulfilment is FulfilmentMode.PICKUP:
        if order.status is OrderStatus.HANDED_OVER:
            return _complete(session, row, order, now, rider=None)
        return None
    plan = rider_plan(seed, order.order_id)
    if order.status in IN_STORE:
        rider = _rider_towards_store(order, plan, now)
        return None if rider is None else update_order(session, row, rider=rider)
    if order.status is OrderStatus.HANDED_OVER:
        return _rider_towards_customer(session, row, order, plan, now)
    return None


def _rider_towards_store(order: OrderData, plan: RiderPlan, now: datetime) -> Rider | None:
    """The rider's next state while the order waits in the store, if it changes now."""
    rider = order.rider
    if rider is None:
        if order.accepted_at is not None and now >= order.accepted_at + plan.assign_after:
            return _rider(plan, RiderStatus.ASSIGNED, now + plan.travel_to_store)
        return None
    if rider.status is RiderStatus.ASSIGNED and rider.eta is not None and now >= rider.eta:
        return _rider(plan, RiderStatus.AT_STORE, None)
    return None


def _rider_towards_customer(
    session: Session, row: OrderRow, order: OrderData, plan: RiderPlan, now: datetime
) -> OrderData | None:
    rider = order.rider
    if rider is None or rider.status in (RiderStatus.ASSIGNED, RiderStatus.AT_STORE):
        # From here on the rider's eta means arrival at the customer's door.
        picked = _rider(plan, RiderStatus.PICKED_UP, now + plan.delivery)
        return update_order(session, row, rider=picked)
    if rider.status is RiderStatus.PICKED_UP and rider.eta is not None and now >= rider.eta:
        return _complete(session, row, order, now, rider=_rider(plan, RiderStatus.DELIVERED, None))
    return None


def _complete(
    session: Session, row: OrderRow, order: OrderData, now: datetime, rider: Rider | None
) -> OrderData:
    status = next_status(order.status, OrderAction.COMPLETE, Actor.CHANNEL)
    changes: dict[str, object] = {"status": status, "closed_at": now}
    if rider is not None:
        changes["rider"] = rider
    return update_order(session, row, **changes)


def _rider(plan: RiderPlan, status: RiderStatus, eta: datetime | None) -> Rider:
    return Rider(name=plan.name, phone_masked=plan.phone_masked, status=status, eta=eta)
