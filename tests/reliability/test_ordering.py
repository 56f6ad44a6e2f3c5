"""Ordering and rejection: whatever the faults, the hub sees each order's commands in commit order.

Three people work 20 orders at random (accept, mark ready, hand over) while the fault proxy
switches modes and the hub drops off the network and comes back. In each round one order is
cancelled by its customer while the store is cut off, after which someone marks it ready: the
hub refuses that command, the person who issued it is told why, and the commands queued after
it for other orders still take effect.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
from tests.fault_proxy import Fault, FaultProxy
from tests.reliability.conftest import scaled

ORDERS_PER_ROUND = 20
_STEPS = ("accept", "mark_ready", "hand_over")
_MAY_DO = {
    "accept": ("cashier", "manager"),
    "mark_ready": ("cashier", "manager"),
    "hand_over": ("cashier", "manager", "picker"),
}
_EVENTS = ("act", "push", "pull", "fault", "hub")
_EVENT_WEIGHTS = (6, 4, 1, 1.5, 0.5)
_MAX_DRAIN_STEPS = 500


@dataclass(frozen=True)
class Queued:
    """An outbox row as the test reads it back."""

    seq: int
    command_id: str
    order_id: str
    staff_id: str
    state: str


@dataclass
class Store:
    """The hub, the proxy, the device and its staff, and what the run has done so far."""

    hub: EmbeddedHub
    proxy: FaultProxy
    device: Device
    clock: FrozenClock
    listener: RecordingListener
    staff: dict[str, SignedInStaff]
    rng: random.Random
    plans: dict[str, list[str]] = field(default_factory=dict)
    """Each order's steps still to do."""
    fault_switches: int = 0
    hub_outages: int = 0

    def act(self, order_id: str, person: str | None = None) -> None:
        """Someone allowed to takes the order's next step."""
        step = self.plans[order_id].pop(0)
        actor = self.staff[person or self.rng.choice(_MAY_DO[step])]
        actions = self.device.order_actions
        if step == "accept":
            actions.accept(actor, order_id)
        elif step == "mark_ready":
            actions.mark_ready(actor, order_id)
        else:
            actions.hand_over(actor, order_id, self.rng.choice(list(HandoverParty)))

    def random_event(self, order_ids: list[str], *, faults_allowed: bool = True) -> None:
        """One thing happening in the store or on the network; the clock moves on."""
        event = self.rng.choices(_EVENTS, _EVENT_WEIGHTS)[0]
        waiting = [order_id for order_id in order_ids if self.plans[order_id]]
        if event == "act" and waiting:
            self.act(self.rng.choice(waiting))
        elif event == "push":
            self.device.pusher.push()
        elif event == "pull":
            self.device.puller.pull(wait=False)
        elif event == "fault" and faults_allowed:
            self.proxy.set_fault(self.random_fault())
            self.fault_switches += 1
        elif event == "hub" and faults_allowed:
            if self.hub.is_online:
                self.hub.go_offline()
                self.hub_outages += 1
            else:
                self.hub.go_online()
        self.clock.advance(seconds=self.rng.uniform(0.1, 3.0))  # past any quick back-off

    def random_fault(self) -> Fault:
        """Any fault that ends an exchange quickly (a blackhole waits for the read timeout)."""
        return self.rng.choice(
            [
                fault_proxy.PASS,
                fault_proxy.latency(self.rng.uniform(1, 20)),
                fault_proxy.RESET_AFTER_REPLY,
                fault_proxy.cut_after(self.rng.randrange(0, 400)),
                fault_proxy.REFUSE,
            ]
        )

    def heal(self) -> None:
        """The network and the hub are fine again."""
        self.proxy.set_fault(fault_proxy.PASS)
        self.hub.go_online()

    def drain(self) -> None:
        """Push until nothing is pending, then pull the feed dry."""
        for _ in range(_MAX_DRAIN_STEPS):
            if not self.pending():
                drain_feed(self.device)
                return
            self.device.pusher.push()
            self.clock.advance(seconds=1)
        raise AssertionError(f"the outbox did not drain in {_MAX_DRAIN_STEPS} pushes")

    def pending(self) -> int:
        """Outbox rows still waiting."""
        with self.device.db.read() as session:
            return outbox_repository.count_pending(session)[0]

    def outbox(self) -> list[Queued]:
        """Every outbox row, in local commit order."""
        with self.device.db.read() as session:
            rows = session.execute(
                select(
                    OutboxEntry.seq,
                    OutboxEntry.command_id,
                    OutboxEntry.entity_id,
                    OutboxEntry.staff_id,
                    OutboxEntry.state,
                ).order_by(OutboxEntry.seq)
            )
            return [Queued(*row) for row in rows]


@pytest.fixture
def store(
    hub: EmbeddedHub, tmp_path: Path, clock: FrozenClock, listener: RecordingListener, seed: int
) -> Iterator[Store]:
    """A device syncing through a fault proxy, with a cashier, a manager and a picker in."""
    with FaultProxy(hub.port) as proxy:
        settings = Settings(data_dir=tmp_path / "device", hub_url=proxy.url, long_poll_s=1.0)
        credentials, db = enrol_with_embedded_hub(hub, settings)
        device = build_device(
            settings, credentials, clock, listener, db=db, backoff_factory=quick_backoff
        )
        try:
            drain_feed(device)
            staff = {
                "cashier": sign_in_as(device.sign_in, "cashier", "1111"),
                "manager": sign_in_as(device.sign_in, "manager", "9999"),
                "picker": sign_in_as(device.sign_in, "picker", "2222"),
            }
            yield Store(hub, proxy, device, clock, listener, staff, random.Random(seed))
        finally:
            device.stop()


@pytest.mark.timeout(240)
def test_each_order_reaches_the_hub_in_commit_order_and_a_rejection_blocks_nothing(
    store: Store, figures: Callable[..., None]
) -> None:
    rounds = scaled(3, 20)
    victims = [play_round(store) for _ in range(rounds)]

    outbox = store.outbox()
    assert_hub_saw_each_order_in_commit_order(store, outbox)
    log = store.hub.demo.command_log()
    assert len(log) == len(outbox)
    assert {entry.executions for entry in log} == {1}
    refused = {entry.command_id: entry for entry in log if entry.outcome != "applied"}
    victim_commands = {command_id for _order_id, command_id, _person in victims}
    assert set(refused) == victim_commands
    assert {entry.reason for entry in refused.values()} == {"order_cancelled"}
    assert {row.state for row in outbox if row.command_id in victim_commands} == {
        outbox_repository.REJECTED
    }
    assert {row.state for row in outbox if row.command_id not in victim_commands} == {
        outbox_repository.DONE
    }
    assert_people_were_told(store, victims)
    figures(
        rounds=rounds,
        orders=rounds * ORDERS_PER_ROUND,
        commands=len(outbox),
        rejected=len(refused),
        notices=len(store.device.notices.unseen()),
        fault_switches=store.fault_switches,
        hub_outages=store.hub_outages,
        replies_dropped=store.proxy.replies_dropped,
    )


def play_round(store: Store) -> tuple[str, str, str]:
    """20 new orders worked at random through faults, one cancelled while cut off.

    Returns (order id, command id, staff id) of the command the hub must refuse.
    """
    rng = store.rng
    order_ids = [
        store.hub.demo.place_order(rng.choice(list(Channel))).order_id
        for _ in range(ORDERS_PER_ROUND)
    ]
    store.plans.update({order_id: list(_STEPS) for order_id in order_ids})
    drain_feed(store.device)
    victim, others = order_ids[0], order_ids[1:]
    store.act(victim)  # accepted, and the hub knows it before the store is cut off
    store.drain()

    for _ in range(rng.randrange(30, 80)):
        store.random_event(others)
    cut_off(store)
    store.hub.hub.intake.customer_cancels(victim)
    person = rng.choice(_MAY_DO["mark_ready"])
    store.act(victim, person)
    victim_command = store.outbox()[-1]
    for _ in range(rng.randrange(20, 40)):
        store.random_event(others, faults_allowed=False)
    if waiting := [o for o in others if store.plans[o]]:
        store.act(rng.choice(waiting))  # someone else's command queued behind the refused one
    store.heal()
    for _ in range(rng.randrange(30, 80)):
        store.random_event(others)
    store.heal()
    while waiting := [o for o in others if store.plans[o]]:
        store.act(rng.choice(waiting))
    store.drain()

    behind = [row for row in store.outbox() if row.seq > victim_command.seq]
    assert behind, "no command of another order was queued behind the refused one"
    assert {row.state for row in behind} == {outbox_repository.DONE}
    assert store.hub.hub.admin.order(victim).status is OrderStatus.CANCELLED
    for order_id in others:
        assert store.hub.hub.admin.order(order_id).status is OrderStatus.HANDED_OVER
    return victim, victim_command.command_id, store.staff[person].staff_id


def cut_off(store: Store) -> None:
    """The store loses the hub: either the hub is down, or the network refuses."""
    if store.rng.random() < 0.5:
        store.hub.go_offline()
        store.hub_outages += 1
    else:
        store.proxy.set_fault(fault_proxy.REFUSE)
        store.fault_switches += 1


def assert_hub_saw_each_order_in_commit_order(store: Store, outbox: list[Queued]) -> None:
    """Per order: first sendings at the proxy, and effects at the channel, follow `seq`."""
    committed: dict[str, list[str]] = {}
    for row in outbox:
        committed.setdefault(row.order_id, []).append(row.command_id)
    first_sent: dict[str, list[str]] = {}
    seen: set[str] = set()
    for exchange in store.proxy.exchanges:
        if (exchange.method, exchange.path) != ("POST", "/v1/commands"):
            continue
        for command in json.loads(exchange.body)["commands"]:
            if command["command_id"] not in seen:
                seen.add(command["command_id"])
                first_sent.setdefault(command["order_id"], []).append(command["command_id"])
    assert first_sent == committed

    done = {row.command_id for row in outbox if row.state == outbox_repository.DONE}
    effects: dict[str, list[str]] = {}
    for call in store.hub.hub.admin.channel_calls():
        if call.command_id is not None:
            effects.setdefault(call.order_id, []).append(call.command_id)
    applied_in_commit_order = {
        order_id: [command_id for command_id in ids if command_id in done]
        for order_id, ids in committed.items()
    }
    assert effects == applied_in_commit_order


def assert_people_were_told(store: Store, victims: list[tuple[str, str, str]]) -> None:
    """Each refused command is a notice for the person who issued it, naming the cancel."""
    by_order = {notice.entity_id: notice for notice in store.device.notices.unseen()}
    told = {notice.entity_id: notice for notice in store.listener.rejections}
    assert set(by_order) == set(told) == {order_id for order_id, _c, _p in victims}
    for order_id, _command_id, staff_id in victims:
        for notice in (by_order[order_id], told[order_id]):
            assert notice.staff_id == staff_id
            assert notice.command_type == "mark_ready"
            assert notice.reason == "order_cancelled"
            assert "customer cancelled" in notice.message
        detail = store.device.order_queries.detail(order_id)
        assert detail is not None
        assert detail.status is OrderStatus.CANCELLED
        assert not detail.has_pending
