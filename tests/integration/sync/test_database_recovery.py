"""A damaged device database, end to end: no action lost or doubled, the cache rebuilt."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.device import Device, build_device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, OrderStatus
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db import outbox_repository
from local_db.database_guard import open_checked
from sync.credentials import Credentials
from tests.devices import drain_feed, quick_backoff, sign_in_as
from tests.fakes import RecordingListener


@dataclass(frozen=True)
class Trouble:
    """What the test did before the file broke."""

    confirmed_id: str
    """An action the hub confirmed before the hub went away."""
    rescued: tuple[str, ...]
    """The command ids of the actions still waiting when the file broke."""
    acted_on: dict[str, OrderStatus]
    """Order id → the status the waiting actions lead to."""


def _queue_actions_while_offline(hub: EmbeddedHub, device: Device) -> Trouble:
    meituan = hub.demo.place_order(Channel.MEITUAN)
    eleme = hub.demo.place_order(Channel.ELEME)
    mini = hub.demo.place_order(Channel.MINIPROGRAM)
    earlier = hub.demo.place_order(Channel.MEITUAN)
    hub.demo.place_order(Channel.ELEME)  # nobody touches this one
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, earlier.order_id)
    assert device.pusher.push() == 1

    hub.go_offline()
    device.order_actions.accept(cashier, meituan.order_id)
    device.order_actions.accept(cashier, eleme.order_id)
    device.order_actions.mark_ready(cashier, eleme.order_id)
    device.order_actions.accept(cashier, mini.order_id)
    assert device.pusher.push(ignore_backoff=True) == 0  # tried and failed: still waiting
    with device.db.read() as session:
        waiting = outbox_repository.pending_batch(session, 100)
    confirmed_id = next(
        entry.command_id for entry in hub.demo.command_log() if entry.order_id == earlier.order_id
    )
    return Trouble(
        confirmed_id=confirmed_id,
        rescued=tuple(item.command_id for item in waiting),
        acted_on={
            meituan.order_id: OrderStatus.ACCEPTED,
            eleme.order_id: OrderStatus.READY,
            mini.order_id: OrderStatus.ACCEPTED,
        },
    )


def _damage_cache_pages(path: Path) -> None:
    """Overwrite the root page of the cached orders with noise, as a failing sector would."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'orders'"
        ).fetchone()
    assert not Path(f"{path}-wal").exists(), "the WAL must be folded in before damaging"
    with path.open("r+b") as file:
        page_size = int.from_bytes(file.read(100)[16:18], "big")
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * page_size)


def _restart_on_damaged_file(
    hub: EmbeddedHub,
    device: Device,
    credentials: Credentials,
    listener: RecordingListener,
    tmp_path: Path,
) -> tuple[Device, int]:
    """Stop the device, break its file, start it again as the app does: open_checked first."""
    path = device.db.path
    device.stop()
    _damage_cache_pages(path)
    db, recovery = open_checked(path)
    assert recovery is not None
    # As tests.devices.enrolled_device builds it, on the same data folder and secrets.
    settings = Settings(
        data_dir=tmp_path / "counter",
        hub_url=hub.url,
        long_poll_s=1.0,
        push_interval_s=0.2,
        storage_pause_s=0.5,
    )
    assert settings.database_path == path
    rebuilt = build_device(
        settings, credentials, utc_now, listener, db=db, backoff_factory=quick_backoff
    )
    return rebuilt, recovery.requeued


def _drain_outbox(device: Device) -> None:
    for _ in range(20):
        device.pusher.push(ignore_backoff=True)
        if device.health.health().pending_count == 0:
            return
    raise AssertionError("the outbox did not drain in 20 pushes")


def _assert_cache_equals_hub(hub: EmbeddedHub, device: Device) -> None:
    at_hub = {order.order_id: (order.status, order.version) for order in hub.demo.orders()}
    cached = {}
    for order_id in at_hub:
        detail = device.order_queries.detail(order_id)
        assert detail is not None, f"order {order_id} missing from the cache"
        assert not detail.has_pending
        cached[order_id] = (detail.status, detail.version)
    assert cached == at_hub


def test_damaged_database_loses_no_action_and_applies_none_twice(
    hub: EmbeddedHub,
    device: Device,
    credentials: Credentials,
    listener: RecordingListener,
    tmp_path: Path,
) -> None:
    trouble = _queue_actions_while_offline(hub, device)
    assert len(trouble.rescued) == 4

    rebuilt, requeued = _restart_on_damaged_file(hub, device, credentials, listener, tmp_path)
    try:
        assert requeued == 4
        health = rebuilt.health.health()
        assert (health.pending_count, health.last_pull_at, health.last_push_at) == (4, None, None)
        assert rebuilt.pusher.push(ignore_backoff=True) == 0  # the hub is still away
        assert rebuilt.health.health().last_push_at is None
        hub.go_online()
        _drain_outbox(rebuilt)
        assert rebuilt.health.health().last_push_at is not None

        log = {entry.command_id: entry for entry in hub.demo.command_log()}
        assert set(log) == {trouble.confirmed_id, *trouble.rescued}
        assert {
            command_id: (log[command_id].outcome, log[command_id].executions)
            for command_id in trouble.rescued
        } == dict.fromkeys(trouble.rescued, ("applied", 1))
        effects = Counter(call.command_id for call in hub.hub.admin.channel_calls())
        assert {command_id: effects[command_id] for command_id in trouble.rescued} == (
            dict.fromkeys(trouble.rescued, 1)
        )
        assert effects[trouble.confirmed_id] == 1
        for order_id, status in trouble.acted_on.items():
            assert hub.hub.admin.order(order_id).status is status

        drain_feed(rebuilt)
        assert rebuilt.health.health().last_pull_at is not None
        _assert_cache_equals_hub(hub, rebuilt)
        # The staff came back with the feed: the cashier can sign in again.
        assert sign_in_as(rebuilt.sign_in, "cashier", "1111").staff_id
        assert rebuilt.notices.unseen() == []
    finally:
        rebuilt.stop()


def test_orders_with_rescued_actions_are_shown_when_the_feed_comes_first(
    hub: EmbeddedHub,
    device: Device,
    credentials: Credentials,
    listener: RecordingListener,
    tmp_path: Path,
) -> None:
    trouble = _queue_actions_while_offline(hub, device)

    rebuilt, _ = _restart_on_damaged_file(hub, device, credentials, listener, tmp_path)
    try:
        hub.go_online()
        # The puller and the pusher run side by side: here the first page arrives first.
        drain_feed(rebuilt)
        shown = {order_id: rebuilt.order_queries.detail(order_id) for order_id in trouble.acted_on}
        assert {order_id: detail is not None for order_id, detail in shown.items()} == (
            dict.fromkeys(trouble.acted_on, True)
        )
        assert all(detail is not None and detail.has_pending for detail in shown.values())
    finally:
        rebuilt.stop()


def test_after_the_feed_came_first_the_drain_still_converges(
    hub: EmbeddedHub,
    device: Device,
    credentials: Credentials,
    listener: RecordingListener,
    tmp_path: Path,
) -> None:
    trouble = _queue_actions_while_offline(hub, device)

    rebuilt, _ = _restart_on_damaged_file(hub, device, credentials, listener, tmp_path)
    try:
        hub.go_online()
        drain_feed(rebuilt)
        _drain_outbox(rebuilt)
        drain_feed(rebuilt)

        log = {entry.command_id: entry for entry in hub.demo.command_log()}
        assert {command_id: log[command_id].executions for command_id in trouble.rescued} == (
            dict.fromkeys(trouble.rescued, 1)
        )
        _assert_cache_equals_hub(hub, rebuilt)
    finally:
        rebuilt.stop()
