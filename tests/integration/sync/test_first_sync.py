"""A new device's first sync with a hub that has a history: today's orders first (decision 041).

The real hub on 127.0.0.1 holds yesterday's orders and today's; a device enrolled now pulls
its first sync a small page at a time. It gets the store's settings, staff and catalogue,
then today's orders before yesterday's, and ends with everything at its latest version,
even when orders change at the hub while it syncs. A client that does not ask for a first
sync (an older device) still reads the plain feed, in seq order, to the same end.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.device import Device
from app.domain.vocabulary import Channel, OrderStatus
from hub.embedded import EmbeddedHub
from local_db.models import Order
from sync.credentials import Credentials
from sync.protocol.feed import FIRST_SYNC_RECENT
from tests.devices import drain_feed, enrolled_device
from tests.fakes import FrozenClock, RecordingListener

PAGE = 10
YESTERDAY = 20
TODAY = 4


@pytest.fixture
def history_hub(tmp_path: Path, clock: FrozenClock) -> Iterator[EmbeddedHub]:
    """A hub whose store took 20 orders yesterday and 4 today (none of them answered yet)."""
    with EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, clock=clock) as hub:
        for channel in islice(cycle(Channel), YESTERDAY):
            hub.demo.place_order(channel)
            clock.advance(minutes=3)
        clock.advance(days=1)
        for channel in islice(cycle(Channel), TODAY):
            hub.demo.place_order(channel)
            clock.advance(minutes=1)
        yield hub


@pytest.fixture
def new_device(
    history_hub: EmbeddedHub,
    tmp_path: Path,
    listener: RecordingListener,
    credentials: Credentials,
) -> Iterator[Device]:
    """A counter PC enrolled just now, nothing pulled yet, asking PAGE records a page."""
    device = enrolled_device(
        history_hub, tmp_path / "counter", listener, credentials, feed_page_limit=PAGE
    )
    yield device
    device.stop()


def _cached(device: Device) -> dict[str, tuple[str, int]]:
    with device.db.read() as session:
        rows = session.execute(select(Order.order_id, Order.status, Order.version))
        return {order_id: (status, version) for order_id, status, version in rows}


def _placed_today(hub: EmbeddedHub) -> set[str]:
    return {order.order_id for order in hub.demo.orders()[-TODAY:]}


def _pages_until_cached(device: Device) -> list[set[str]]:
    """Pull page by page to the end of the feed; the orders each page brought."""
    pages: list[set[str]] = []
    seen: set[str] = set()
    for _ in range(100):
        more = device.puller.pull(wait=False)
        cached = set(_cached(device))
        pages.append(cached - seen)
        seen = cached
        if not more:
            return pages
    raise AssertionError("the feed did not drain in 100 pages")


def test_a_new_device_gets_todays_orders_before_yesterdays_and_ends_with_all(
    history_hub: EmbeddedHub, new_device: Device
) -> None:
    today = _placed_today(history_hub)

    pages = _pages_until_cached(new_device)

    last_of_today = max(n for n, page in enumerate(pages) if page & today)
    first_of_yesterday = min(n for n, page in enumerate(pages) if page - today)
    assert last_of_today <= first_of_yesterday
    assert len(set().union(*pages)) == YESTERDAY + TODAY


def test_the_staff_and_settings_come_before_any_order(
    history_hub: EmbeddedHub, new_device: Device
) -> None:
    new_device.puller.pull(wait=False)

    assert new_device.sign_in.staff_cards()
    assert not _cached(new_device)


def test_orders_changed_at_the_hub_during_the_first_sync_arrive_at_their_latest(
    history_hub: EmbeddedHub, new_device: Device
) -> None:
    pages = []
    while not pages or not pages[-1]:  # up to the page that brought today's orders
        new_device.puller.pull(wait=False)
        pages.append(set(_cached(new_device)))
    # Yesterday's orders were never confirmed: the hub cancels them now, while the device
    # still has most of them to receive, and a customer orders again.
    history_hub.hub.world.tick()
    late = history_hub.demo.place_order(Channel.MEITUAN)

    drain_feed(new_device)

    at_hub = {o.order_id: (o.status.value, o.version) for o in history_hub.demo.orders()}
    assert _cached(new_device) == at_hub
    assert late.order_id in at_hub
    expired = [status for status, _ in at_hub.values() if status == OrderStatus.CANCELLED]
    assert len(expired) == YESTERDAY


def test_a_client_asking_for_no_first_sync_reads_the_plain_feed_to_the_same_end(
    history_hub: EmbeddedHub, new_device: Device, credentials: Credentials
) -> None:
    token = credentials.device_token()
    plain = _read_all(history_hub, token, {})
    first = _read_all(history_hub, token, {"first": FIRST_SYNC_RECENT})

    seqs = [record["seq"] for record in plain]
    assert seqs == sorted(seqs)
    assert _entities(plain) == _entities(first)
    kinds = [record["kind"] for record in first]
    assert kinds.index("order") > kinds.index("staff")
    assert [r["id"] for r in first if r["kind"] == "order"][:TODAY] == sorted(
        _placed_today(history_hub), key=lambda order_id: -_seq_of(plain, order_id)
    )


def _read_all(hub: EmbeddedHub, token: str, first: dict[str, str]) -> list[dict[str, object]]:
    """Every record a bare client reads, PAGE at a time, from no cursor to the end."""
    records: list[dict[str, object]] = []
    params: dict[str, object] = {"limit": PAGE, **first}
    with httpx.Client(base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {token}"}) as c:
        for _ in range(100):
            body = c.get("/feed", params=params).raise_for_status().json()
            records += body["records"]
            if not body["has_more"]:
                return records
            params = {"limit": PAGE, "after": body["cursor"]}
    raise AssertionError("the feed did not end in 100 pages")


def _entities(records: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(record["kind"], record["id"], record["version"]) for record in records}


def _seq_of(records: list[dict[str, object]], order_id: str) -> int:
    return next(int(str(r["seq"])) for r in records if r["kind"] == "order" and r["id"] == order_id)
