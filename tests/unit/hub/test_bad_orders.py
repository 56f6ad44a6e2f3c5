"""The simulator's bad orders: every channel spoils orders its own ways, all exception orders."""

from __future__ import annotations

import random

import pytest

from app.domain.vocabulary import Channel, OrderStatus
from hub.channels.spoil import SPOILERS
from hub.cli import parse_arguments
from hub.composition import Hub
from hub.embedded import DEMO_BAD_ORDER_RATE
from hub.world.simulator import OrderSimulator
from tests.fakes import FrozenClock


@pytest.mark.parametrize("how", sorted(SPOILERS))
@pytest.mark.parametrize("channel", list(Channel))
def test_every_spoiled_order_reaches_the_store_as_an_exception_order(
    hub: Hub, channel: Channel, how: str
) -> None:
    order = hub.world.place_order(channel, spoiled=how, store_id=hub.world.demo_store_id)

    assert order.status is OrderStatus.EXCEPTION
    assert order.exception is not None
    assert order.exception.problems
    assert hub.admin.channel_inbox_rejects() == []


def _orders_of(hub: Hub, clock: FrozenClock, rate: float) -> list[OrderStatus]:
    simulator = OrderSimulator(
        hub.world,
        hub.intake,
        hub.admin,
        store_id=hub.world.demo_store_id,
        rng=random.Random(5),
        clock=clock,
        order_interval_s=30,
        bad_order_rate=rate,
    )
    placed = []
    for _ in range(120):  # ten minutes in 5-second steps
        placed += simulator.step(clock.advance(seconds=5))
    return [order.status for order in placed]


def test_at_rate_one_every_order_after_the_warm_up_is_spoiled(hub: Hub, clock: FrozenClock) -> None:
    statuses = _orders_of(hub, clock, 1.0)

    warm_up, later = statuses[:3], statuses[3:]
    assert OrderStatus.EXCEPTION not in warm_up  # a fresh app first shows readable orders
    assert len(later) >= 5
    assert set(later) <= {OrderStatus.EXCEPTION, OrderStatus.CANCELLED}
    channels = {
        o.channel for o in hub.admin.orders(hub.world.demo_store_id, status=OrderStatus.EXCEPTION)
    }
    assert len(channels) >= 2


def test_at_rate_zero_no_order_is_spoiled(hub: Hub, clock: FrozenClock) -> None:
    assert OrderStatus.EXCEPTION not in _orders_of(hub, clock, 0.0)


def test_the_rate_is_a_share(hub: Hub, clock: FrozenClock) -> None:
    with pytest.raises(ValueError, match="within"):
        OrderSimulator(
            hub.world,
            hub.intake,
            hub.admin,
            store_id=hub.world.demo_store_id,
            rng=random.Random(1),
            clock=clock,
            bad_order_rate=1.5,
        )


def test_the_command_line_takes_a_bad_order_rate() -> None:
    assert parse_arguments(["--db", "x.db"]).bad_order_rate == 0.0
    assert parse_arguments(["--db", "x.db", "--bad-order-rate", "0.1"]).bad_order_rate == 0.1
    with pytest.raises(SystemExit):
        parse_arguments(["--db", "x.db", "--bad-order-rate", "2"])


def test_the_demo_shows_one_now_and_then() -> None:
    assert 0.0 < DEMO_BAD_ORDER_RATE < 0.2
