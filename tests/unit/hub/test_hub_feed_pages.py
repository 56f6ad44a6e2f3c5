"""Feed pages as the hub serves them: stored JSON spliced in, and a first sync (decision 041)."""

from __future__ import annotations

import json
from itertools import cycle, islice
from typing import Any

import pytest

from app.domain.vocabulary import Channel
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.errors import CursorInvalid
from sync.protocol import RawFeedPage
from sync.protocol.feed import FIRST_SYNC_RECENT
from tests.fakes import FrozenClock
from tests.hub_controls import append_raw_feed_record, reset_feed_epoch
from tests.unit.hub.conftest import CommandFactory


def _read_all(hub: Hub, *, first: str | None, limit: int) -> list[RawFeedPage]:
    pages = []
    cursor = None
    for _ in range(200):
        page = hub.devices.read_feed(
            hub.world.demo_store_id, cursor, limit=limit, first=None if cursor else first
        )
        pages.append(page)
        cursor = page.cursor
        if not page.has_more:
            return pages
    raise AssertionError("the feed did not end in 200 pages")


def _records(pages: list[RawFeedPage]) -> list[dict[str, Any]]:
    return [record for page in pages for record in page.records]


def test_the_served_text_is_the_stored_record_with_its_seq(hub: Hub) -> None:
    store_id = hub.world.demo_store_id
    hub.world.place_order(Channel.MEITUAN, store_id=store_id)
    own_seq = append_raw_feed_record(hub, store_id, {"kind": "order", "seq": 1, "id": "x"})
    empty = append_raw_feed_record(hub, store_id, {})

    text = hub.devices.read_feed_text(store_id, None, limit=1000)
    served = json.loads(text.body())
    parsed = text.page()

    assert served == parsed.model_dump(mode="json")
    assert [record["seq"] for record in served["records"]][-2:] == [own_seq, empty]
    assert served["records"][-1] == {"seq": empty}
    order = next(record for record in served["records"] if record["kind"] == "order")
    assert order["data"]["store_id"] == store_id


def test_a_first_sync_serves_reference_records_then_orders_newest_first(
    hub: Hub, clock: FrozenClock
) -> None:
    store_id = hub.world.demo_store_id
    for channel in islice(cycle(Channel), 12):
        hub.world.place_order(channel, store_id=store_id)
        clock.advance(minutes=2)
    plain = _records(_read_all(hub, first=None, limit=1000))

    pages = _read_all(hub, first=FIRST_SYNC_RECENT, limit=7)
    first = _records(pages)

    kinds = [record["kind"] for record in first]
    assert "order" not in kinds[: kinds.index("product") + 1]
    assert kinds[-12:] == ["order"] * 12
    order_seqs = [record["seq"] for record in first if record["kind"] == "order"]
    assert order_seqs == sorted(order_seqs, reverse=True)
    assert sorted(json.dumps(r, sort_keys=True) for r in first) == sorted(
        json.dumps(r, sort_keys=True) for r in plain
    )
    remaining = [page.remaining for page in pages]
    assert remaining == [len(plain) - 7 * n for n in range(1, len(pages))] + [0]


def test_changes_during_a_first_sync_come_after_it_at_their_latest(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    store_id = hub.world.demo_store_id
    orders = [hub.world.place_order(Channel.ELEME, store_id=store_id) for _ in range(6)]
    begun = hub.devices.read_feed(store_id, None, limit=5, first=FIRST_SYNC_RECENT)
    hub.devices.apply_commands(device, [make_command("accept_order", orders[0].order_id)])
    late = hub.world.place_order(Channel.MINIPROGRAM, store_id=store_id)

    rest = []
    cursor = begun.cursor
    while True:
        page = hub.devices.read_feed(store_id, cursor, limit=5)
        rest += page.records
        cursor = page.cursor
        if not page.has_more:
            break

    latest: dict[tuple[str, str], int] = {}
    for record in [*begun.records, *rest]:
        key = (record["kind"], record["id"])
        latest[key] = max(latest.get(key, 0), record["version"])
    assert latest[("order", orders[0].order_id)] == 2
    assert latest[("task", f"{orders[0].order_id}-pick")] == 1
    assert ("order", late.order_id) in latest
    assert {("order", order.order_id) for order in orders} <= set(latest)
    nothing_new = hub.devices.read_feed(store_id, cursor, limit=5)
    assert (nothing_new.records, nothing_new.cursor) == ([], cursor)


def test_a_first_sync_cursor_of_an_old_epoch_is_invalid(hub: Hub) -> None:
    store_id = hub.world.demo_store_id
    for _ in range(3):
        hub.world.place_order(Channel.MEITUAN, store_id=store_id)
    page = hub.devices.read_feed(store_id, None, limit=2, first=FIRST_SYNC_RECENT)
    assert page.has_more
    reset_feed_epoch(hub)

    with pytest.raises(CursorInvalid):
        hub.devices.read_feed(store_id, page.cursor, limit=2)
