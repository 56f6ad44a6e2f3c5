"""Lost replies: the hub applied a command, its answer never arrived; the retry applies nothing new.

A fault proxy resets the connection after the hub has answered 30% of command requests. A
cashier works through orders (accept, mark ready, hand over), the pusher sending after each
action as the scheduler would when woken, so a lost answer is retried alone or together with
the next actions. The hub must end with one effect per command and one execution of each,
and every retry must carry the command's original id and body.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus
from app.read_models import SignedInStaff
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db import outbox_repository
from local_db.models import OutboxEntry
from tests import fault_proxy
from tests.devices import drain_feed, quick_backoff, sign_in_as
from tests.fakes import FrozenClock, RecordingListener
from tests.fault_proxy import FaultProxy
from tests.reliability.conftest import scaled

DROP_PROBABILITY = 0.3
PUSH_AFTER_ACTION_PROBABILITY = 0.8
"""Sometimes actions pile up before a push, so retries also travel inside bigger batches."""
_MAX_DRAIN_PUSHES = 200


@dataclass(frozen=True)
class Rig:
    """The hub, the proxy in front of it, a clock and a folder for the device."""

    hub: EmbeddedHub
    proxy: FaultProxy
    clock: FrozenClock
    directory: Path


@dataclass(frozen=True)
class Sent:
    """An outbox row once the run is over."""

    seq: int
    command_id: str
    state: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Run:
    """What one schedule left behind: the device's outbox and the bodies the proxy saw."""

    outbox: list[Sent]
    bodies_seen: dict[str, list[dict[str, Any]]]
    """Each command id's body, once per request that carried it, in the order sent."""
    replies_dropped: int
    requests: int
    shown: dict[str, OrderStatus]
    """Each order's status as the device shows it once drained."""
    notices: int
    """Refusals shown to people: none is due, every action was valid."""


@pytest.fixture
def rig(hub: EmbeddedHub, tmp_path: Path, clock: FrozenClock) -> Iterator[Rig]:
    """A fault proxy in front of the hub, passing everything until told otherwise."""
    with FaultProxy(hub.port) as proxy:
        yield Rig(hub, proxy, clock, tmp_path / "device")


def device_behind(
    proxy: FaultProxy, hub: EmbeddedHub, directory: Path, clock: FrozenClock
) -> Device:
    """A device enrolled with the hub directly, then syncing through the proxy."""
    settings = Settings(data_dir=directory, hub_url=proxy.url, long_poll_s=1.0)
    credentials, db = enrol_with_embedded_hub(hub, settings)
    return build_device(
        settings, credentials, clock, RecordingListener(), db=db, backoff_factory=quick_backoff
    )


@pytest.mark.timeout(240)
def test_every_command_takes_effect_once_though_30_percent_of_replies_are_lost(
    rig: Rig, seed: int, figures: Callable[..., None]
) -> None:
    commands = 1000  # the figure in `make test` too (about 25 s)
    run = run_schedule(rig, seed, commands)

    log = rig.hub.demo.command_log()
    effects = [call.command_id for call in rig.hub.hub.admin.channel_calls() if call.command_id]
    outbox_ids = {row.command_id for row in run.outbox}
    assert len(run.outbox) == commands
    assert len(effects) == commands
    assert sorted(effects) == sorted(outbox_ids)
    assert len(log) == commands
    assert {entry.command_id for entry in log} == outbox_ids
    duplicates = [entry for entry in log if entry.executions != 1]
    assert duplicates == []
    assert {entry.outcome for entry in log} == {"applied"}
    assert {row.state for row in run.outbox} == {outbox_repository.DONE}
    retried = assert_retries_carry_the_original_body(run)
    assert run.replies_dropped > 0
    assert retried > 0
    assert {order.order_id: order.status for order in rig.hub.demo.orders()} == run.shown
    assert run.notices == 0
    figures(
        commands=commands,
        requests=run.requests,
        replies_dropped=run.replies_dropped,
        commands_retried=retried,
        effects=len(effects),
        duplicates=len(duplicates),
    )


@pytest.mark.timeout(120)
def test_the_same_schedule_without_hub_deduplication_reports_duplicates(
    rig: Rig, seed: int, figures: Callable[..., None]
) -> None:
    """Sharpness: the checks above must fail when the hub executes replays again."""
    commands = scaled(150, 1000)
    rig.hub.hub.state.dedupe_enabled = False
    run = run_schedule(rig, seed, commands)

    duplicates = [entry for entry in rig.hub.demo.command_log() if entry.executions > 1]
    assert run.replies_dropped > 0
    assert len(duplicates) > 0
    figures(
        commands=commands,
        replies_dropped=run.replies_dropped,
        duplicates_found=len(duplicates),
        false_refusals_shown=run.notices,
        extra_executions=sum(entry.executions - 1 for entry in duplicates),
    )


def run_schedule(rig: Rig, seed: int, commands: int) -> Run:
    """A cashier issues `commands` actions through the proxy while it drops replies; drain."""
    hub, proxy, clock = rig.hub, rig.proxy, rig.clock
    rng = random.Random(seed)
    orders = [hub.demo.place_order(rng.choice(list(Channel))) for _ in range(-(-commands // 3))]
    device = device_behind(proxy, hub, rig.directory, clock)
    try:
        drain_feed(device)
        cashier = sign_in_as(device.sign_in, "cashier", "1111")
        proxy.set_random_fault(
            fault_proxy.RESET_AFTER_REPLY, DROP_PROBABILITY, random.Random(rng.random())
        )
        actions = cashier_actions(device, cashier, [order.order_id for order in orders], rng)
        for action in actions[:commands]:
            action()
            clock.advance(seconds=rng.uniform(0.5, 5))
            if rng.random() < PUSH_AFTER_ACTION_PROBABILITY:
                # Retries are tested here, not back-off: send as soon as the pusher is asked.
                device.pusher.push(ignore_backoff=True)
        drain_outbox(device)
        with device.db.read() as session:
            rows = session.execute(
                select(
                    OutboxEntry.seq, OutboxEntry.command_id, OutboxEntry.state, OutboxEntry.payload
                ).order_by(OutboxEntry.seq)
            )
            outbox = [Sent(*row) for row in rows]
        shown = {order.order_id: shown_status(device, order.order_id) for order in orders}
        notices = len(device.notices.unseen())
    finally:
        device.stop()
    return Run(
        outbox=outbox,
        bodies_seen=command_bodies(proxy),
        replies_dropped=proxy.replies_dropped,
        requests=proxy.requests,
        shown=shown,
        notices=notices,
    )


def shown_status(device: Device, order_id: str) -> OrderStatus:
    """The order's status on the device's screens."""
    detail = device.order_queries.detail(order_id)
    assert detail is not None
    return detail.status


def cashier_actions(
    device: Device, cashier: SignedInStaff, order_ids: list[str], rng: random.Random
) -> list[Callable[[], object]]:
    """Accept, mark ready and hand over each order, the orders' steps interleaved at random.

    Each order's own steps keep their order; which order moves next is drawn from `rng`.
    """
    actions = device.order_actions
    steps: dict[str, list[Callable[[], object]]] = {
        order_id: [
            partial(actions.accept, cashier, order_id),
            partial(actions.mark_ready, cashier, order_id),
            partial(actions.hand_over, cashier, order_id, HandoverParty.RIDER),
        ]
        for order_id in order_ids
    }
    interleaved: list[Callable[[], object]] = []
    waiting = list(order_ids)
    while waiting:
        order_id = rng.choice(waiting)
        interleaved.append(steps[order_id].pop(0))
        if not steps[order_id]:
            waiting.remove(order_id)
    return interleaved


def drain_outbox(device: Device) -> None:
    """Push until nothing is pending; fail if that takes more than `_MAX_DRAIN_PUSHES`."""
    for _ in range(_MAX_DRAIN_PUSHES):
        if not pending(device):
            return
        device.pusher.push(ignore_backoff=True)
    raise AssertionError(f"the outbox did not drain in {_MAX_DRAIN_PUSHES} pushes")


def pending(device: Device) -> int:
    """How many outbox rows still wait, read from the database."""
    with device.db.read() as session:
        return outbox_repository.count_pending(session)[0]


def command_bodies(proxy: FaultProxy) -> dict[str, list[dict[str, Any]]]:
    """Every command body the proxy carried, grouped by command id, in the order sent."""
    seen: dict[str, list[dict[str, Any]]] = {}
    for exchange in proxy.exchanges:
        if (exchange.method, exchange.path) != ("POST", "/v1/commands"):
            continue
        for command in json.loads(exchange.body)["commands"]:
            seen.setdefault(command["command_id"], []).append(command)
    return seen


def assert_retries_carry_the_original_body(run: Run) -> int:
    """Each sending of a command equals its first and its stored payload; returns how many
    commands were sent more than once."""
    stored = {row.command_id: row.payload for row in run.outbox}
    assert set(run.bodies_seen) == set(stored)
    for command_id, bodies in run.bodies_seen.items():
        assert all(body == bodies[0] for body in bodies), f"{command_id} changed between tries"
        assert bodies[0] == stored[command_id], f"{command_id} sent unlike its outbox payload"
    return sum(1 for bodies in run.bodies_seen.values() if len(bodies) > 1)
