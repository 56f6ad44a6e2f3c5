"""A device more than a page behind the real hub reports its catch-up, page by page, to the end."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

import pytest
from sqlalchemy import select

from app.device import Device
from app.domain.clock import utc_now
from app.domain.sync_events import CatchUpProgress
from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from local_db.models import Order
from tests.devices import drain_feed, enrolled_device
from tests.factories import order_record
from tests.fakes import FrozenClock, RecordingListener
from tests.integration.sync.fake_feed_hub import FakeFeedHub, device_on_fake_hub, page_reply

PAGE = 10
"""Records the device asks for per page: a few dozen orders make several pages."""


def _place_orders(hub: EmbeddedHub, count: int) -> None:
    for channel in islice(cycle(Channel), count):
        hub.demo.place_order(channel)


def _records_at_the_hub(hub: EmbeddedHub, after: str | None = None) -> tuple[int, str]:
    """How many records a device reading after `after` will get, and the cursor past them."""
    page = hub.hub.devices.read_feed(hub.hub.world.demo_store_id, after, limit=1000)
    assert not page.has_more
    return len(page.records), page.cursor


def _cached_orders(device: Device) -> set[str]:
    with device.db.read() as session:
        return set(session.scalars(select(Order.order_id)))


def _catch_ups(listener: RecordingListener, since: int = 0) -> list[CatchUpProgress | None]:
    return [status.catch_up for status in listener.statuses[since:]]


def _expected(total: int) -> list[CatchUpProgress | None]:
    """A catch-up of `total` records read PAGE at a time: every page but the last counts up,
    the last ends it."""
    received = range(PAGE, total, PAGE)
    return [CatchUpProgress(received=n, remaining=total - n) for n in received] + [None]


@pytest.fixture
def behind(hub: EmbeddedHub, tmp_path: Path, listener: RecordingListener) -> Iterator[Device]:
    """A counter PC enrolled with a store that already holds 45 orders, nothing pulled yet."""
    _place_orders(hub, 45)
    device = enrolled_device(hub, tmp_path / "counter", listener, feed_page_limit=PAGE)
    yield device
    device.stop()


def test_a_fresh_device_counts_up_to_the_hubs_records_and_ends_at_done(
    hub: EmbeddedHub, behind: Device, listener: RecordingListener
) -> None:
    total, _ = _records_at_the_hub(hub)
    assert total > 3 * PAGE

    drain_feed(behind)

    statuses = listener.statuses
    assert _catch_ups(listener) == _expected(total)
    assert all(status.syncing for status in statuses[:-1])
    assert (statuses[-1].syncing, statuses[-1].catch_up, statuses[-1].online) == (
        False,
        None,
        True,
    )
    assert len(_cached_orders(behind)) == 45


def test_back_after_days_offline_a_new_catch_up_counts_from_zero(
    hub: EmbeddedHub, behind: Device, listener: RecordingListener
) -> None:
    drain_feed(behind)
    _, cursor = _records_at_the_hub(hub)
    _place_orders(hub, 25)
    missed, _ = _records_at_the_hub(hub, cursor)
    seen = len(listener.statuses)

    drain_feed(behind)

    assert missed >= 25
    assert _catch_ups(listener, seen) == _expected(missed)


def test_less_than_a_page_behind_is_no_catch_up_to_show(
    hub: EmbeddedHub, behind: Device, listener: RecordingListener
) -> None:
    drain_feed(behind)
    _place_orders(hub, 2)  # two orders: a page short of PAGE records
    seen = len(listener.statuses)

    drain_feed(behind)

    assert _catch_ups(listener, seen) == [None]
    assert not any(status.syncing for status in listener.statuses[seen:])


def test_a_hub_that_does_not_count_shows_no_progress_yet_everything_arrives(
    hub: EmbeddedHub, tmp_path: Path, listener: RecordingListener
) -> None:
    with FakeFeedHub() as older:
        older.script(
            page_reply([order_record(1, "o-1"), order_record(2, "o-2")], "c-2", has_more=True),
            page_reply([order_record(3, "o-3"), order_record(4, "o-4")], "c-4", has_more=True),
            page_reply([order_record(5, "o-5")], "c-5"),
        )
        device = device_on_fake_hub(
            hub, older, tmp_path / "device", FrozenClock(utc_now()), listener
        ).device
        try:
            drain_feed(device)
            cached = _cached_orders(device)
        finally:
            device.stop()

    assert cached == {"o-1", "o-2", "o-3", "o-4", "o-5"}
    assert len(listener.statuses) == 3
    assert _catch_ups(listener) == [None, None, None]
