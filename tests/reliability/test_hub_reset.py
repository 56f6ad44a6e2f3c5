"""Hub reset: the device re-syncs from zero and every waiting action reaches the hub once."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.channel_rules import CHANNEL_RULES
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty, OrderStatus
from app.read_models import SignedInStaff
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db import outbox_repository, sync_state_repository
from local_db.models import OutboxEntry
from sync.credentials import Credentials, MemoryKeyring
from sync.hub_client import HubClient
from tests.devices import drain_feed, quick_backoff, sign_in_as
from tests.fakes import RecordingListener
from tests.hub_controls import reset_feed_epoch

_PLANS = ("accept", "ready", "hand_over", "reject", "accepted_then_cancelled", "ready")
"""What the cashier does to each of six orders while the hub is away."""


def _counter(
    hub: EmbeddedHub,
    directory: Path,
    credentials: Credentials,
    *,
    push_batch_size: int = 50,
    feed_page_limit: int = 500,
) -> Device:
    """The counter PC as the app wires it (enrolled once; later calls reopen the same files)."""
    settings = Settings(
        data_dir=directory,
        hub_url=hub.url,
        long_poll_s=1.0,
        push_batch_size=push_batch_size,
        feed_page_limit=feed_page_limit,
    )
    credentials, db = enrol_with_embedded_hub(hub, settings, credentials)
    return build_device(
        settings, credentials, utc_now, RecordingListener(), db=db, backoff_factory=quick_backoff
    )


@pytest.fixture
def credentials(tmp_path: Path) -> Credentials:
    """The counter PC's secrets, kept in memory on purpose; they outlive restarts."""
    return Credentials(MemoryKeyring(), account=str(tmp_path / "counter"))


@pytest.fixture
def counter(hub: EmbeddedHub, tmp_path: Path, credentials: Credentials) -> Iterator[Device]:
    """The counter PC with the store's staff pulled; sync driven by hand."""
    device = _counter(hub, tmp_path / "counter", credentials)
    drain_feed(device)
    yield device
    device.stop()


@dataclass(frozen=True)
class OfflineWork:
    """What the cashier did while the hub was away, and what the screen must keep showing."""

    shown: dict[str, OrderStatus]
    """The status the person's last action set, per order."""
    cancelled_by_customer: frozenset[str]
    """Orders the customer cancelled at the hub meanwhile: their actions will be refused."""


def _place_orders(hub: EmbeddedHub, count: int) -> list[str]:
    channels = list(Channel)
    return [hub.demo.place_order(channels[n % len(channels)]).order_id for n in range(count)]


def _work_offline(
    device: Device, cashier: SignedInStaff, order_ids: list[str], rng: random.Random
) -> OfflineWork:
    """Act on each order by one of the plans (shuffled by `rng`); nothing is sent."""
    plans = list(_PLANS)
    rng.shuffle(plans)
    actions = device.order_actions
    shown: dict[str, OrderStatus] = {}
    cancelled: set[str] = set()
    for order_id, plan in zip(order_ids, plans, strict=False):
        order = device.order_queries.detail(order_id)
        assert order is not None
        if plan == "reject":
            reason = CHANNEL_RULES[order.channel].reject_reasons[0]
            shown[order_id] = actions.reject(cashier, order_id, reason).status
            continue
        shown[order_id] = actions.accept(cashier, order_id).status
        if plan == "accepted_then_cancelled":
            cancelled.add(order_id)
        if plan in {"ready", "hand_over"}:
            shown[order_id] = actions.mark_ready(cashier, order_id).status
        if plan == "hand_over":
            party = (
                HandoverParty.CUSTOMER
                if order.fulfilment is FulfilmentMode.PICKUP
                else HandoverParty.RIDER
            )
            shown[order_id] = actions.hand_over(cashier, order_id, party).status
    return OfflineWork(shown=shown, cancelled_by_customer=frozenset(cancelled))


def _outbox(device: Device) -> list[tuple[str, str, str]]:
    """(command id, order id, state) of every outbox row, in local commit order."""
    with device.db.read() as session:
        rows = session.execute(
            select(OutboxEntry.command_id, OutboxEntry.entity_id, OutboxEntry.state).order_by(
                OutboxEntry.seq
            )
        ).all()
    return [(command_id, order_id, state) for command_id, order_id, state in rows]


def _cursor(device: Device) -> str | None:
    with device.db.read() as session:
        return sync_state_repository.get_value(session, sync_state_repository.CURSOR)


def _assert_waiting_actions_shown(device: Device, work: OfflineWork) -> None:
    """Every order with a waiting action shows what the person did, marked as waiting."""
    waiting = {order_id for _, order_id, state in _outbox(device) if state == "pending"}
    for order_id in waiting:
        order = device.order_queries.detail(order_id)
        assert order is not None, order_id
        assert (order.status, order.has_pending) == (work.shown[order_id], True), order_id


def _push_all(device: Device) -> None:
    for _ in range(20):
        if not any(state == outbox_repository.PENDING for _, _, state in _outbox(device)):
            return
        device.pusher.push(ignore_backoff=True)
    raise AssertionError("the outbox did not drain in 20 pushes")


def _assert_each_action_applied_once(
    hub: EmbeddedHub, device: Device, work: OfflineWork
) -> tuple[int, int]:
    """Each outbox row: answered, run once at the hub, one channel call if applied.

    Returns (applied, refused).
    """
    log = {entry.command_id: entry for entry in hub.demo.command_log()}
    calls = Counter(call.command_id for call in hub.hub.admin.channel_calls() if call.command_id)
    outbox = _outbox(device)
    assert set(log) == {command_id for command_id, _, _ in outbox}
    applied = refused = 0
    for command_id, order_id, state in outbox:
        entry = log[command_id]
        assert entry.executions == 1, command_id
        if order_id in work.cancelled_by_customer:
            assert (state, entry.outcome) == (outbox_repository.REJECTED, "rejected")
        if entry.outcome == "applied":
            assert state == outbox_repository.DONE
            applied += 1
        else:
            assert state == outbox_repository.REJECTED
            refused += 1
        assert calls[command_id] == (1 if entry.outcome == "applied" else 0), command_id
    return applied, refused


def _assert_cache_equals_hub(hub: EmbeddedHub, device: Device) -> None:
    for order in hub.demo.orders():
        shown = device.order_queries.detail(order.order_id)
        assert shown is not None, order.order_id
        assert (shown.status, shown.version, shown.has_pending) == (
            order.status,
            order.version,
            False,
        ), order.order_id


def _cancel_at_hub(hub: EmbeddedHub, work: OfflineWork) -> None:
    for order_id in sorted(work.cancelled_by_customer):
        hub.hub.intake.customer_cancels(order_id)


def test_actions_queued_offline_survive_a_reset_and_reach_the_hub_once(
    hub: EmbeddedHub, counter: Device, seed: int, figures: Callable[..., None]
) -> None:
    order_ids = _place_orders(hub, len(_PLANS))
    drain_feed(counter)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    hub.go_offline()
    work = _work_offline(counter, cashier, order_ids, random.Random(seed))
    assert counter.pusher.push(ignore_backoff=True) == 0
    _cancel_at_hub(hub, work)
    reset_feed_epoch(hub.hub)
    hub.go_online()

    assert counter.puller.pull(wait=False) is True  # told to start again
    assert _cursor(counter) is None
    drain_feed(counter)
    assert all(state == outbox_repository.PENDING for _, _, state in _outbox(counter))
    _assert_waiting_actions_shown(counter, work)

    _push_all(counter)
    drain_feed(counter)
    applied, refused = _assert_each_action_applied_once(hub, counter, work)
    _assert_cache_equals_hub(hub, counter)
    assert refused == 1  # the accept of the order the customer cancelled
    figures(commands=applied + refused, applied=applied, refused=refused)


def test_reset_between_each_push_and_its_pull(
    hub: EmbeddedHub, tmp_path: Path, credentials: Credentials, seed: int
) -> None:
    counter = _counter(hub, tmp_path / "counter", credentials, push_batch_size=2)
    try:
        order_ids = _place_orders(hub, len(_PLANS))
        drain_feed(counter)
        cashier = sign_in_as(counter.sign_in, "cashier", "1111")
        work = _work_offline(counter, cashier, order_ids, random.Random(seed))
        _cancel_at_hub(hub, work)
        resets = 0
        while counter.pusher.push() > 0:  # two actions answered, then the hub resets
            reset_feed_epoch(hub.hub)
            resets += 1
            assert counter.puller.pull(wait=False) is True
            drain_feed(counter)
            _assert_waiting_actions_shown(counter, work)
        assert resets >= 4
        drain_feed(counter)
        _assert_each_action_applied_once(hub, counter, work)
        _assert_cache_equals_hub(hub, counter)
    finally:
        counter.stop()


def test_reset_after_the_hub_applied_actions_whose_replies_were_lost(
    hub: EmbeddedHub, counter: Device, credentials: Credentials, seed: int
) -> None:
    order_ids = _place_orders(hub, len(_PLANS))
    drain_feed(counter)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    work = _work_offline(counter, cashier, order_ids, random.Random(seed))
    _cancel_at_hub(hub, work)
    with counter.db.read() as session:
        sent = [item.payload for item in outbox_repository.pending_batch(session, 100)]
    # The request reached the hub and was applied; the reply never came back.
    client = HubClient(hub.url, credentials.device_token)
    try:
        client.send_commands(sent)
    finally:
        client.close()
    reset_feed_epoch(hub.hub)

    assert counter.puller.pull(wait=False) is True
    drain_feed(counter)  # the hub's newer states are held: the actions still wait here
    _assert_waiting_actions_shown(counter, work)
    _push_all(counter)  # answered as duplicates (or the same refusal again)
    drain_feed(counter)
    _assert_each_action_applied_once(hub, counter, work)
    _assert_cache_equals_hub(hub, counter)


def test_waiting_actions_survive_restarts_on_both_sides_of_a_reset(
    hub: EmbeddedHub, tmp_path: Path, credentials: Credentials, seed: int
) -> None:
    directory = tmp_path / "counter"
    counter = _counter(hub, directory, credentials)
    try:
        order_ids = _place_orders(hub, len(_PLANS))
        drain_feed(counter)
        cashier = sign_in_as(counter.sign_in, "cashier", "1111")
        hub.go_offline()
        work = _work_offline(counter, cashier, order_ids, random.Random(seed))
        _cancel_at_hub(hub, work)
        counter.stop()
        reset_feed_epoch(hub.hub)
        hub.go_online()

        counter = _counter(hub, directory, credentials)
        _assert_waiting_actions_shown(counter, work)
        assert counter.puller.pull(wait=False) is True
        drain_feed(counter)
        _assert_waiting_actions_shown(counter, work)

        counter.stop()  # again, now with the hub's newer states held beside the actions
        counter = _counter(hub, directory, credentials)
        _assert_waiting_actions_shown(counter, work)
        _push_all(counter)
        drain_feed(counter)
        _assert_each_action_applied_once(hub, counter, work)
        _assert_cache_equals_hub(hub, counter)
    finally:
        counter.stop()


def test_reset_in_the_middle_of_the_resync_starts_it_again(
    hub: EmbeddedHub, tmp_path: Path, credentials: Credentials, seed: int
) -> None:
    counter = _counter(hub, tmp_path / "counter", credentials, feed_page_limit=2)
    try:
        order_ids = _place_orders(hub, len(_PLANS))
        drain_feed(counter)
        cashier = sign_in_as(counter.sign_in, "cashier", "1111")
        work = _work_offline(counter, cashier, order_ids, random.Random(seed))
        _cancel_at_hub(hub, work)
        reset_feed_epoch(hub.hub)
        assert counter.puller.pull(wait=False) is True  # cursor invalid
        assert counter.puller.pull(wait=False) is True  # first page of the re-sync
        reset_feed_epoch(hub.hub)
        assert counter.puller.pull(wait=False) is True  # invalid again: from zero again
        assert _cursor(counter) is None
        drain_feed(counter)
        _assert_waiting_actions_shown(counter, work)
        _push_all(counter)
        drain_feed(counter)
        _assert_each_action_applied_once(hub, counter, work)
        _assert_cache_equals_hub(hub, counter)
    finally:
        counter.stop()
