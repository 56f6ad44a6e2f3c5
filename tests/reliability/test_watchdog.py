"""Item 6, the stuck-queue watchdog: a healed fault drains by itself, or the bar says "stalled".

The device runs on an injected clock, ticked one second at a time as its scheduler would
(push every second, pull every second, status every five), against the real hub.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.vocabulary import Channel
from app.settings import Settings
from hub.embedded import EmbeddedHub
from sync.backoff import Backoff
from tests.devices import drain_feed, sign_in_as
from tests.fakes import FrozenClock, RecordingListener

CAP_S = 60.0


@pytest.fixture
def device(
    hub: EmbeddedHub, tmp_path: Path, clock: FrozenClock, listener: RecordingListener, seed: int
) -> Iterator[Device]:
    settings = Settings(data_dir=tmp_path / "device", hub_url=hub.url, retry_cap_s=CAP_S)
    credentials, db = enrol_with_embedded_hub(hub, settings)
    rng = random.Random(seed)
    built = build_device(
        settings,
        credentials,
        clock,
        listener,
        db=db,
        backoff_factory=lambda: Backoff(cap_s=CAP_S, rng=random.Random(rng.random())),
    )
    drain_feed(built)
    yield built
    built.stop()


def _tick(device: Device, clock: FrozenClock, second: int) -> None:
    clock.advance(seconds=1)
    device.pusher.push()
    device.puller.pull(wait=False)
    if second % 5 == 0:
        device.connectivity.refresh()


def _run_until(
    device: Device, clock: FrozenClock, done: Callable[[], bool], limit_s: int
) -> int | None:
    """Simulated seconds until `done()`, or None when `limit_s` passed first."""
    for second in range(1, limit_s + 1):
        _tick(device, clock, second)
        if done():
            return second
    return None


def _queue_actions(device: Device, hub: EmbeddedHub, count: int) -> None:
    orders = [hub.demo.place_order(Channel.MEITUAN) for _ in range(count)]
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    for order in orders:
        device.order_actions.accept(cashier, order.order_id)


def test_after_any_fault_heals_the_queue_drains_within_two_backoff_periods(
    hub: EmbeddedHub, device: Device, clock: FrozenClock, seed: int, figures
) -> None:
    rng = random.Random(seed)
    outages = [rng.choice([5, 45, 300, 1800, 3600]) for _ in range(4)]
    drain_times = []
    for outage_s in outages:
        cashier = sign_in_as(device.sign_in, "cashier", "1111")
        placed = [hub.demo.place_order(Channel.ELEME) for _ in range(rng.randint(1, 5))]
        arrived = _run_until(
            device,
            clock,
            lambda placed=placed: all(
                device.order_queries.detail(o.order_id) is not None for o in placed
            ),
            int(3 * CAP_S),
        )
        assert arrived is not None
        hub.go_offline()
        for order in placed:
            device.order_actions.accept(cashier, order.order_id)
        assert _run_until(device, clock, lambda: False, outage_s) is None  # the outage
        hub.go_online()
        drained_after = _run_until(
            device, clock, lambda: device.connectivity.status.pending_count == 0, int(3 * CAP_S)
        )
        assert drained_after is not None, f"queue still waiting after a {outage_s} s outage"
        assert drained_after <= 2 * CAP_S, f"took {drained_after} s after a {outage_s} s outage"
        assert device.connectivity.status.stalled_reason == ""
        drain_times.append(drained_after)
    accepted = [entry for entry in hub.demo.command_log() if entry.outcome == "applied"]
    assert all(entry.executions == 1 for entry in accepted)
    figures(outages_s=outages, drained_after_s=drain_times, cap_s=CAP_S)


def test_a_hub_that_answers_the_feed_but_fails_every_command_shows_sync_stalled(
    hub: EmbeddedHub,
    device: Device,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
    qapp,
    figures,
) -> None:
    from ui.sync_status_bar import describe_sync_status  # noqa: PLC0415 (Qt only here)

    def broken(*_arguments: object) -> list[object]:
        raise RuntimeError("the hub's command store is down")

    monkeypatch.setattr(hub.hub.devices, "receive_commands", broken)
    _queue_actions(device, hub, 2)
    stall_after = timedelta(seconds=2 * CAP_S + 30)
    stalled_after = _run_until(
        device, clock, lambda: bool(device.connectivity.status.stalled_reason), 600
    )
    assert stalled_after is not None
    assert stalled_after >= stall_after.total_seconds()
    status = device.connectivity.status
    assert status.stalled_reason == "hub answered 500"
    assert status.pending_count == 2
    assert describe_sync_status(status, clock()).startswith("Sync stalled: hub answered 500")

    monkeypatch.undo()
    healed_after = _run_until(
        device, clock, lambda: device.connectivity.status.pending_count == 0, int(3 * CAP_S)
    )
    assert healed_after is not None
    assert healed_after <= 2 * CAP_S
    device.connectivity.refresh()
    assert device.connectivity.status.stalled_reason == ""
    figures(stalled_after_s=stalled_after, drained_after_heal_s=healed_after)
