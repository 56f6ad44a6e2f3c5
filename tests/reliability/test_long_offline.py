"""Long offline: eight simulated hours without the hub, thousands of actions, then a clean drain.

The scheduler is simulated: a FrozenClock moves one second per tick and the test calls the
pusher and the puller as the jobs would. The hub is down behind the fault proxy, so every
try the device makes is one request the proxy reads and cannot answer: what the test counts.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.engine import Connection

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.vocabulary import Channel, HandoverParty
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db import outbox_repository
from local_db.models import OutboxEntry
from sync.backoff import Backoff
from tests.devices import drain_feed, sign_in_as
from tests.fakes import FrozenClock, RecordingListener
from tests.fault_proxy import FaultProxy
from tests.reliability.conftest import LONG_RUN, scaled

OFFLINE_S = 8 * 3600
WATCHED_S = 30 * 60
"""In the short variant, push() is called every second only in the first and last half hour."""


@dataclass
class Tries:
    """The seconds (since going offline) at which each sync step reached the proxy."""

    push: list[int] = field(default_factory=list)
    pull: list[int] = field(default_factory=list)

    def count(self) -> int:
        return len(self.push) + len(self.pull)


@dataclass
class Rig:
    """A device behind the fault proxy, with its engine's commits counted."""

    hub: EmbeddedHub
    proxy: FaultProxy
    device: Device
    clock: FrozenClock
    settings: Settings
    commits: int = 0

    def count_commit(self, _connection: Connection) -> None:
        self.commits += 1


@pytest.fixture
def rig(
    hub: EmbeddedHub, tmp_path: Path, clock: FrozenClock, listener: RecordingListener, seed: int
) -> Iterator[Rig]:
    """A device whose back-offs are the real ones (60 s cap), seeded; commits counted."""
    seeds = random.Random(seed)
    with FaultProxy(hub.port) as proxy:
        settings = Settings(data_dir=tmp_path / "device", hub_url=proxy.url, long_poll_s=1.0)

        def backoff() -> Backoff:
            return Backoff(cap_s=settings.retry_cap_s, rng=random.Random(seeds.random()))

        credentials, db = enrol_with_embedded_hub(hub, settings)
        device = build_device(
            settings, credentials, clock, listener, db=db, backoff_factory=backoff
        )
        built = Rig(hub, proxy, device, clock, settings)
        event.listen(device.db.engine, "commit", built.count_commit)
        try:
            yield built
        finally:
            device.stop()


@pytest.mark.timeout(900 if LONG_RUN else 150)
def test_eight_hours_offline_back_off_capped_every_action_committed_then_drained(
    rig: Rig, seed: int, figures: Callable[..., None]
) -> None:
    actions = scaled(600, 5000)
    rng = random.Random(seed)
    plan = action_plan(rig, actions, rng)
    rig.hub.go_offline()

    tries, commits = stay_offline(rig, plan)

    # Back-off: capped and jittered for each step, and never more than one try a second.
    cap = rig.settings.retry_cap_s
    push_gaps, pull_gaps = gaps(tries.push), gaps(tries.pull)
    assert max(push_gaps) <= cap
    assert max(pull_gaps) <= cap
    assert len(set(push_gaps[-20:])) > 1, "push tries at the cap are not jittered"
    assert len(set(pull_gaps[-20:])) > 1, "pull tries at the cap are not jittered"
    assert min(push_gaps[-20:]) >= cap / 2, "the back-off did not grow to the cap"
    assert min(pull_gaps[-20:]) >= cap / 2, "the back-off did not grow to the cap"
    assert tries.count() / OFFLINE_S <= 1.0
    # Every action: exactly one local commit, and not a byte on the network.
    assert commits == [1] * actions

    drained_after_s = reconnect_and_drain(rig, actions)

    with rig.device.db.read() as session:
        states = set(session.scalars(select(OutboxEntry.state)))
    assert states == {outbox_repository.DONE}
    log = rig.hub.demo.command_log()
    assert len(log) == actions
    assert {entry.executions for entry in log} == {1}
    assert {entry.outcome for entry in log} == {"applied"}
    effects = [call for call in rig.hub.hub.admin.channel_calls() if call.command_id is not None]
    assert len(effects) == actions
    figures(
        actions=actions,
        offline_hours=OFFLINE_S // 3600,
        tries=tries.count(),
        tries_per_s=round(tries.count() / OFFLINE_S, 4),
        push_tries=len(tries.push),
        pull_tries=len(tries.pull),
        max_gap_s=max(push_gaps + pull_gaps),
        capped_gaps_seen=sorted(set(push_gaps[-20:])),
        commits_per_action=max(commits),
        drained_in_s=drained_after_s,
        effects=len(effects),
    )


def action_plan(
    rig: Rig, actions: int, rng: random.Random
) -> dict[int, list[Callable[[], object]]]:
    """The cashier's actions while offline, by the second they happen at.

    Orders arrive before the store goes offline; each is accepted, marked ready and handed
    over, the orders interleaved at random, the actions spread at random over the hours.
    """
    orders = [rig.hub.demo.place_order(rng.choice(list(Channel))) for _ in range(-(-actions // 3))]
    drain_feed(rig.device)
    cashier = sign_in_as(rig.device.sign_in, "cashier", "1111")
    do = rig.device.order_actions
    steps = {
        order.order_id: [
            partial(do.accept, cashier, order.order_id),
            partial(do.mark_ready, cashier, order.order_id),
            partial(do.hand_over, cashier, order.order_id, HandoverParty.RIDER),
        ]
        for order in orders
    }
    interleaved: list[Callable[[], object]] = []
    while len(interleaved) < actions:
        order_id = rng.choice([order_id for order_id, left in steps.items() if left])
        interleaved.append(steps[order_id].pop(0))
    seconds = sorted(rng.randrange(1, OFFLINE_S) for _ in range(actions))
    plan: dict[int, list[Callable[[], object]]] = {}
    for second, action in zip(seconds, interleaved, strict=True):
        plan.setdefault(second, []).append(action)
    return plan


def stay_offline(rig: Rig, plan: dict[int, list[Callable[[], object]]]) -> tuple[Tries, list[int]]:
    """Tick through the offline hours; returns the tries seen and each action's commits.

    The jobs call push() and pull() every second. pull() is called every tick here. push()
    reads the oldest pending rows each time, which makes 28,800 calls slow, so the short
    variant calls it every tick only in the first and last half hour, and otherwise only in
    a second at which it may send: the pusher sends only when the oldest pending row is due,
    and that due time (`next_attempt_due`, the very field it checks) only changes when it
    tries or when an action adds a row. Calls skipped there would have returned at once, so
    no try is hidden; the watched windows and the long variant (every tick) show it.
    """
    tries = Tries()
    commits: list[int] = []
    push_due = next_push_due(rig)
    for second in range(1, OFFLINE_S + 1):
        rig.clock.advance(seconds=1)
        for action in plan.get(second, ()):
            commits.append(commits_of(rig, action))
            push_due = next_push_due(rig)
        watched = LONG_RUN or second <= WATCHED_S or second > OFFLINE_S - WATCHED_S
        if watched or push_due is None or rig.clock() >= push_due:
            if sent(rig, rig.device.pusher.push):
                tries.push.append(second)
            push_due = next_push_due(rig)
        if sent(rig, partial(rig.device.puller.pull, wait=False)):
            tries.pull.append(second)
    return tries, commits


def reconnect_and_drain(rig: Rig, actions: int) -> int:
    """The hub is back: tick until the outbox is empty; returns the simulated seconds taken.

    Bounded by one back-off period (the pusher waits out its last delay) plus one tick per
    batch.
    """
    rig.hub.go_online()
    batches = -(-actions // rig.settings.push_batch_size)
    bound = int(rig.settings.retry_cap_s) + batches + 5
    for second in range(1, bound + 1):
        rig.clock.advance(seconds=1)
        rig.device.pusher.push()
        rig.device.puller.pull(wait=False)
        if rig.device.connectivity.status.pending_count == 0:
            return second
    raise AssertionError(f"the outbox did not drain within {bound} s of the hub's return")


def commits_of(rig: Rig, action: Callable[[], object]) -> int:
    """Run a person's action; returns its local commits, asserting it touched no network."""
    commits, requests, connections = rig.commits, rig.proxy.requests, rig.proxy.connections
    action()
    assert (rig.proxy.requests, rig.proxy.connections) == (requests, connections)
    return rig.commits - commits


def sent(rig: Rig, step: Callable[[], object]) -> bool:
    """Run a sync step; returns whether it sent a request (it reached the proxy)."""
    before = rig.proxy.requests
    step()
    tried = rig.proxy.requests - before
    assert tried <= 1, f"one sync step sent {tried} requests"
    return tried == 1


def next_push_due(rig: Rig) -> datetime | None:
    """When the pusher will next send (None: at its next call)."""
    with rig.device.db.read() as session:
        return outbox_repository.next_attempt_due(session)


def gaps(seconds: list[int]) -> list[int]:
    """Seconds between consecutive tries."""
    return [after - before for before, after in itertools.pairwise(seconds)]
