"""The order simulator: warm-up orders on every channel, arrivals, customer cancels, its thread."""

from __future__ import annotations

import dataclasses
import random
import time
from datetime import datetime
from pathlib import Path

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus
from hub.composition import Hub, compose_hub
from hub.orders.order_refusals import CUSTOMER_CANCELLED
from hub.world.simulator import OrderSimulator
from hub.world.world import World
from sync.protocol import OrderData
from tests.fakes import FrozenClock
from tests.polling import wait_until


def _simulator(
    hub: Hub,
    clock: FrozenClock,
    *,
    order_interval_s: float = 15.0,
    cancel_share: float = 0.03,
    tick_s: float = 0.5,
) -> OrderSimulator:
    return OrderSimulator(
        hub.world,
        hub.intake,
        hub.admin,
        store_id=hub.world.demo_store_id,
        rng=random.Random(3),
        clock=clock,
        order_interval_s=order_interval_s,
        cancel_share=cancel_share,
        tick_s=tick_s,
    )


def test_every_channel_has_an_order_within_seconds(hub: Hub, clock: FrozenClock) -> None:
    simulator = _simulator(hub, clock)

    assert simulator.step() == []
    first = simulator.step(clock.advance(seconds=1))
    rest = simulator.step(clock.advance(seconds=2))

    assert [o.channel for o in first] == [Channel.MEITUAN]
    assert [o.channel for o in rest] == [Channel.ELEME, Channel.MINIPROGRAM]


def test_orders_keep_arriving_at_about_the_mean_interval(hub: Hub, clock: FrozenClock) -> None:
    simulator = _simulator(hub, clock, order_interval_s=60)
    placed: list[OrderData] = []
    for _ in range(360):  # half an hour in 5-second steps, over the lunch peak
        placed += simulator.step(clock.advance(seconds=5))

    # Peak hours double the rate: about 60 expected; Poisson noise stays well inside this.
    assert 30 <= len(placed) <= 100
    assert {o.channel for o in placed} == set(Channel)
    assert len({o.order_id for o in placed}) == len(placed)


def test_some_customers_cancel_while_the_order_is_new(hub: Hub, clock: FrozenClock) -> None:
    simulator = _simulator(hub, clock, cancel_share=1.0)
    placed: list[OrderData] = []
    for _ in range(60):
        placed += simulator.step(clock.advance(seconds=5))

    cancelled = [hub.admin.order(o.order_id) for o in placed[:3]]
    assert all(o.status is OrderStatus.CANCELLED for o in cancelled)
    assert all(o.status_reason == CUSTOMER_CANCELLED for o in cancelled)
    assert all(o.closed_at is not None and o.closed_at < o.accept_by for o in cancelled)


def test_the_same_seed_simulates_the_same_orders(tmp_path: Path) -> None:
    def run(name: str) -> list[tuple[str, int, list[str]]]:
        clock = FrozenClock()
        hub = compose_hub(tmp_path / name, clock=clock, seed=5)
        simulator = OrderSimulator(
            hub.world,
            hub.intake,
            hub.admin,
            store_id=hub.world.demo_store_id,
            rng=random.Random(5),
            clock=clock,
            order_interval_s=10,
        )
        placed: list[OrderData] = []
        for _ in range(30):
            placed += simulator.step(clock.advance(seconds=2))
        hub.close()
        return [(o.channel_order_no, o.total_cents, [line.sku for line in o.lines]) for o in placed]

    assert run("a.db") == run("b.db")


class _FlakyWorld(World):
    """A world whose first order placement fails, as a broken channel feed might."""

    failures = 1

    def place_order(
        self,
        channel: Channel,
        *,
        store_id: str,
        fulfilment: FulfilmentMode | None = None,
        scheduled_for: datetime | None = None,
        spoiled: bool | str = False,
    ) -> OrderData:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("channel feed hiccup")
        return super().place_order(
            channel, store_id=store_id, fulfilment=fulfilment, scheduled_for=scheduled_for
        )


def test_a_failure_never_stops_the_simulation(tmp_path: Path, clock: FrozenClock) -> None:
    hub = compose_hub(tmp_path / "flaky.db", clock=clock)
    flaky = dataclasses.replace(hub, world=_FlakyWorld(hub.state, hub.timed))
    simulator = _simulator(flaky, clock)
    simulator.step()

    placed = simulator.step(clock.advance(seconds=3))

    assert [o.channel for o in placed] == [Channel.ELEME, Channel.MINIPROGRAM]
    hub.close()


def test_the_thread_places_orders_and_stops_promptly(hub: Hub, clock: FrozenClock) -> None:
    simulator = _simulator(hub, clock, tick_s=0.01)
    simulator.start()
    clock.advance(seconds=5)
    wait_until(
        lambda: len(hub.admin.orders(hub.world.demo_store_id)) >= 3,
        timeout_s=5,
        what="three simulated orders",
    )

    started = time.monotonic()
    simulator.stop()

    assert not simulator.is_running
    assert time.monotonic() - started < 2
    assert {o.channel for o in hub.admin.orders(hub.world.demo_store_id)} == set(Channel)
