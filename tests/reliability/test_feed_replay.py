"""Feed replay: re-delivered and out-of-order records are applied once; a page twice is a no-op."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus
from app.read_models import SignedInStaff
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db import order_repository, sync_state_repository
from local_db.models import Base, QuarantinedRecord
from sync.protocol import OrderData
from tests.devices import drain_feed, enrolled_device, quick_backoff, sign_in_as
from tests.factories import order_record
from tests.fakes import RecordingListener
from tests.hub_controls import append_raw_feed_record

CacheDump = dict[str, list[tuple[Any, ...]]]

# Values that say when the device last pulled, not what it holds.
_NOT_CACHE = frozenset({sync_state_repository.LAST_PULL_AT, sync_state_repository.CURSOR})


def _cache_dump(device: Device) -> CacheDump:
    """Every row of every cache table, in key order (the feed position itself left out)."""
    dump: CacheDump = {}
    with device.db.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            dump[table.name] = [
                tuple(row)
                for row in rows
                if not (table.name == "sync_state" and row.key in _NOT_CACHE)
            ]
    return dump


def _cursor(device: Device) -> str | None:
    with device.db.read() as session:
        return sync_state_repository.get_value(session, sync_state_repository.CURSOR)


def _restore_cursor(device: Device, cursor: str | None) -> None:
    """Put the device back at an earlier feed position, as a restored backup would."""
    with device.db.write() as session:
        if cursor is None:
            sync_state_repository.clear_value(session, sync_state_repository.CURSOR)
        else:
            sync_state_repository.set_value(session, sync_state_repository.CURSOR, cursor)


def _as_feed_record(order: OrderData) -> dict[str, Any]:
    """The order as the feed carried it at that version (the hub sets the seq)."""
    return {
        "kind": "order",
        "id": order.order_id,
        "version": order.version,
        "data": order.model_dump(mode="json"),
    }


def _assert_cache_equals_hub(hub: EmbeddedHub, device: Device) -> None:
    for order in hub.demo.orders():
        shown = device.order_queries.detail(order.order_id)
        assert shown is not None, order.order_id
        assert (shown.status, shown.version, shown.has_pending) == (
            order.status,
            order.version,
            False,
        ), order.order_id


@pytest.fixture
def counter(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """The counter PC, enrolled, with the store's staff pulled; sync driven by hand."""
    device = enrolled_device(hub, tmp_path / "counter", RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


@pytest.fixture
def handheld(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """A second device of the same store, whose actions reach the counter through the feed."""
    device = enrolled_device(hub, tmp_path / "handheld", RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


def _hub_moves(handheld: Device, *steps: Callable[[SignedInStaff], object]) -> None:
    """Another cashier acts on the handheld and the hub hears it at once."""
    cashier = sign_in_as(handheld.sign_in, "cashier", "1111")
    for step in steps:
        step(cashier)
        assert handheld.pusher.push() == 1


def test_same_page_applied_twice_changes_nothing(
    hub: EmbeddedHub,
    counter: Device,
    handheld: Device,
    seed: int,
    figures: Callable[..., None],
) -> None:
    rng = random.Random(seed)
    placed = [hub.demo.place_order(channel) for channel in Channel for _ in range(2)]
    rng.shuffle(placed)
    cancelled, moved_elsewhere, mine, pending_here, untouched, _ = (o.order_id for o in placed)
    drain_feed(counter)
    drain_feed(handheld)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    before_page = _cursor(counter)

    # What the page will carry: a customer's cancel, another device's work, this device's
    # answered accept, a newer hub state of an order with an action still waiting here,
    # a new order and a staff change.
    hub.hub.intake.customer_cancels(cancelled)
    actions = handheld.order_actions
    _hub_moves(
        handheld,
        lambda c: actions.accept(c, moved_elsewhere),
        lambda c: actions.mark_ready(c, moved_elsewhere),
    )
    counter.order_actions.accept(cashier, mine)
    assert counter.pusher.push() == 1
    counter.order_actions.accept(cashier, pending_here)
    _hub_moves(handheld, lambda c: actions.accept(c, pending_here))
    arrived = hub.demo.place_order(Channel.MEITUAN).order_id
    picker = next(s for s in hub.demo.staff() if s.name.startswith("李强"))
    hub.hub.admin.set_staff_active(picker.staff_id, False)

    page_size = len(hub.hub.devices.read_feed(hub.hub.world.demo_store_id, before_page).records)
    assert counter.puller.pull(wait=False) is False
    after_first = _cache_dump(counter)
    cursor_after_first = _cursor(counter)

    _restore_cursor(counter, before_page)
    assert counter.puller.pull(wait=False) is False
    assert _cache_dump(counter) == after_first
    assert _cursor(counter) == cursor_after_first

    shown = counter.order_queries.detail(pending_here)
    assert shown is not None
    assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, True)
    assert counter.order_queries.detail(untouched) is not None
    assert counter.order_queries.detail(arrived) is not None
    assert picker.staff_id not in {card.staff_id for card in counter.sign_in.staff_cards()}

    counter.pusher.push()  # the waiting accept: refused, the other device was first
    drain_feed(counter)
    settled = _cache_dump(counter)
    _restore_cursor(counter, before_page)
    drain_feed(counter)
    assert _cache_dump(counter) == settled
    _assert_cache_equals_hub(hub, counter)
    figures(page_records=page_size, replays=2)


def test_older_versions_after_the_newest_change_nothing(
    hub: EmbeddedHub, counter: Device, handheld: Device, seed: int
) -> None:
    rng = random.Random(seed)
    order_id = hub.demo.place_order(Channel.MINIPROGRAM).order_id
    history = [hub.hub.admin.order(order_id)]
    drain_feed(handheld)
    actions = handheld.order_actions
    for step in (
        lambda c: actions.accept(c, order_id),
        lambda c: actions.mark_ready(c, order_id),
        lambda c: actions.hand_over(c, order_id, HandoverParty.CUSTOMER),
    ):
        _hub_moves(handheld, step)
        history.append(hub.hub.admin.order(order_id))
    drain_feed(counter)
    before = _cache_dump(counter)

    stale = [_as_feed_record(order) for order in history]  # the newest one re-delivered too
    rng.shuffle(stale)
    for record in stale:
        append_raw_feed_record(hub.hub, hub.hub.world.demo_store_id, record)
    drain_feed(counter)

    assert _cache_dump(counter) == before
    shown = counter.order_queries.detail(order_id)
    assert shown is not None
    assert (shown.status, shown.version) == (OrderStatus.HANDED_OVER, history[-1].version)


def _one_record_per_page(hub: EmbeddedHub, directory: Path) -> Device:
    """A fresh device asking for one record per page, so every record arrives on its own."""
    settings = Settings(data_dir=directory, hub_url=hub.url, long_poll_s=1.0, feed_page_limit=1)
    credentials, db = enrol_with_embedded_hub(hub, settings)
    return build_device(
        settings, credentials, utc_now, RecordingListener(), db=db, backoff_factory=quick_backoff
    )


def test_fresh_device_reading_older_copies_after_the_newest_keeps_the_newest(
    hub: EmbeddedHub, handheld: Device, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    order_id = hub.demo.place_order(Channel.ELEME).order_id
    history = [hub.hub.admin.order(order_id)]
    drain_feed(handheld)
    actions = handheld.order_actions
    for step in (
        lambda c: actions.accept(c, order_id),
        lambda c: actions.mark_ready(c, order_id),
    ):
        _hub_moves(handheld, step)
        history.append(hub.hub.admin.order(order_id))
    older = [_as_feed_record(order) for order in history[:-1]]
    rng.shuffle(older)
    for record in older:  # appended after the order's own row: read after the newest
        append_raw_feed_record(hub.hub, hub.hub.world.demo_store_id, record)

    fresh = _one_record_per_page(hub, tmp_path / "fresh")
    try:
        pages = 1
        while fresh.puller.pull(wait=False):
            pages += 1
            assert pages < 100
        feed_length = len(
            hub.hub.devices.read_feed(hub.hub.world.demo_store_id, None, limit=1000).records
        )
        assert pages == feed_length  # each record came on its own page
        shown = fresh.order_queries.detail(order_id)
        assert shown is not None
        assert (shown.status, shown.version) == (OrderStatus.READY, history[-1].version)
        assert len(shown.lines) == len(history[-1].lines)
    finally:
        fresh.stop()


def test_older_copy_never_replaces_the_held_hub_state_of_a_pending_order(
    hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    order_id = hub.demo.place_order(Channel.MEITUAN).order_id
    history = [hub.hub.admin.order(order_id)]
    drain_feed(counter)
    drain_feed(handheld)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    counter.order_actions.accept(cashier, order_id)  # waits: the counter is not pushing yet
    actions = handheld.order_actions
    for step in (
        lambda c: actions.accept(c, order_id),
        lambda c: actions.mark_ready(c, order_id),
    ):
        _hub_moves(handheld, step)
        history.append(hub.hub.admin.order(order_id))
    drain_feed(counter)
    with counter.db.read() as session:
        held = order_repository.held_hub_data(session, order_id)
    assert held is not None
    assert held["version"] == history[-1].version
    before = _cache_dump(counter)

    append_raw_feed_record(hub.hub, hub.hub.world.demo_store_id, _as_feed_record(history[1]))
    drain_feed(counter)
    assert _cache_dump(counter) == before
    shown = counter.order_queries.detail(order_id)
    assert shown is not None
    assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, True)

    counter.pusher.push()  # refused (already accepted elsewhere): the held state is shown
    append_raw_feed_record(hub.hub, hub.hub.world.demo_store_id, _as_feed_record(history[1]))
    drain_feed(counter)
    shown = counter.order_queries.detail(order_id)
    assert shown is not None
    assert (shown.status, shown.version, shown.has_pending) == (
        OrderStatus.READY,
        history[-1].version,
        False,
    )


def _quarantined(device: Device) -> int:
    with device.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(QuarantinedRecord)) or 0)


def test_redelivered_malformed_record_is_set_aside_once(hub: EmbeddedHub, counter: Device) -> None:
    before_page = _cursor(counter)
    broken = order_record(1, "o-broken")
    broken["data"]["lines"] = []  # an order without lines breaks the contract
    append_raw_feed_record(hub.hub, hub.hub.world.demo_store_id, broken)
    drain_feed(counter)
    assert _quarantined(counter) == 1
    after_first = _cache_dump(counter)

    _restore_cursor(counter, before_page)
    drain_feed(counter)
    assert _quarantined(counter) == 1  # the manager sees one bad record, not two
    assert _cache_dump(counter) == after_first
