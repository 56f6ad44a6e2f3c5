"""The store's change feed: latest version once per entity, paging, epochs and long-polls."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.vocabulary import Channel
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.errors import CursorInvalid
from sync.protocol import FEED_RECORD, RawFeedPage, StoreSettingsRecord
from tests.hub_controls import append_raw_feed_record, reset_feed_epoch
from tests.polling import wait_until
from tests.unit.hub.conftest import CommandFactory

WAIT_LIMIT_S = 5.0


def _everything(hub: Hub, after: str | None = None, limit: int = 1000) -> RawFeedPage:
    return hub.devices.read_feed(hub.world.demo_store_id, after, limit=limit)


def test_a_fresh_store_feed_starts_with_settings_and_staff(hub: Hub) -> None:
    page = _everything(hub)

    records = [FEED_RECORD.validate_python(raw) for raw in page.records]
    # Then the catalogue, so a new device can search substitutes offline (issue 7).
    products = ["product"] * len(hub.catalogue)
    assert [r.kind for r in records] == ["store_settings", "staff", "staff", "staff", *products]
    settings = records[0]
    assert isinstance(settings, StoreSettingsRecord)
    windows = {c.channel: c.accept_window_s for c in settings.data.channels}
    assert windows == {
        channel: int(rules.accept_window.total_seconds())
        for channel, rules in CHANNEL_RULES.items()
    }
    assert not page.has_more


def test_each_entity_appears_once_at_its_latest_version(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    hub.devices.apply_commands(
        device,
        [make_command("accept_order", order.order_id), make_command("mark_ready", order.order_id)],
    )

    records = _everything(hub).records

    orders = [r for r in records if r["kind"] == "order"]
    assert len(orders) == 1
    assert orders[0]["version"] == 3
    assert orders[0]["data"]["status"] == "ready"
    seqs = [r["seq"] for r in records]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs)


def test_reading_after_a_cursor_gives_only_what_changed(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    first, second = (
        hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id),
        hub.world.place_order(Channel.MINIPROGRAM, store_id=hub.world.demo_store_id),
    )
    cursor = _everything(hub).cursor
    hub.devices.apply_commands(device, [make_command("accept_order", first.order_id)])

    page = _everything(hub, cursor)

    # Accepting the order also made its pick task (issue 5): both changed, nothing else.
    assert [(r["kind"], r["id"], r["version"]) for r in page.records] == [
        ("order", first.order_id, 2),
        ("task", f"{first.order_id}-pick", 1),
    ]
    assert second.order_id not in {r["id"] for r in page.records}


def test_pages_follow_each_other_until_has_more_is_false(hub: Hub) -> None:
    for channel in [*Channel, *Channel]:
        hub.world.place_order(channel, store_id=hub.world.demo_store_id)
    seen: list[int] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = hub.devices.read_feed(hub.world.demo_store_id, cursor, limit=3)
        seen += [r["seq"] for r in page.records]
        cursor, pages = page.cursor, pages + 1
        if not page.has_more:
            break
    assert pages == -(-len(seen) // 3) or pages == len(seen) // 3 + 1
    assert seen == [r["seq"] for r in _everything(hub).records]
    assert _everything(hub, cursor).records == []


def test_a_cut_page_says_how_many_records_are_left_each_entity_counted_once(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    orders = [hub.world.place_order(c, store_id=hub.world.demo_store_id) for c in Channel]
    # Each command republishes its order at a fresh seq: the feed's seqs now have gaps.
    hub.devices.apply_commands(
        device,
        [make_command(kind, o.order_id) for kind in ("accept_order", "mark_ready") for o in orders],
    )
    everything = _everything(hub).records
    assert everything[-1]["seq"] > len(everything)  # the head seq would overstate what is left

    first = _everything(hub, limit=5)
    rest = _everything(hub, first.cursor, limit=len(everything) - 5)

    assert (first.has_more, first.remaining) == (True, len(everything) - 5)
    assert (len(rest.records), rest.has_more, rest.remaining) == (len(everything) - 5, False, 0)
    assert _everything(hub, rest.cursor).remaining == 0


def test_an_empty_page_keeps_the_cursor(hub: Hub) -> None:
    cursor = _everything(hub).cursor
    assert _everything(hub, cursor).cursor == cursor


def test_cursors_of_an_old_epoch_or_garbage_are_invalid(hub: Hub) -> None:
    cursor = _everything(hub).cursor
    old_epoch = hub.devices.feed_epoch

    assert reset_feed_epoch(hub) != old_epoch

    for bad in (cursor, "!!not-a-cursor!!", "bm9jb2xvbg"):
        with pytest.raises(CursorInvalid):
            hub.devices.read_feed(hub.world.demo_store_id, bad)
    assert len(_everything(hub).records) == 4 + len(hub.catalogue)


def test_long_poll_returns_promptly_when_an_order_arrives(hub: Hub) -> None:
    cursor = _everything(hub).cursor
    outcome: dict[str, Any] = {}

    def read() -> None:
        started = time.monotonic()
        outcome["page"] = hub.devices.read_feed(hub.world.demo_store_id, cursor, wait_s=20)
        outcome["waited"] = time.monotonic() - started

    reader = threading.Thread(target=read)
    reader.start()
    _wait_until(lambda: hub.devices.waiting_readers == 1)
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    reader.join(WAIT_LIMIT_S)

    assert not reader.is_alive()
    assert [r["id"] for r in outcome["page"].records] == [order.order_id]
    assert outcome["waited"] < WAIT_LIMIT_S


def test_long_poll_ends_empty_after_the_wait(hub: Hub) -> None:
    cursor = _everything(hub).cursor
    page = hub.devices.read_feed(hub.world.demo_store_id, cursor, wait_s=0.2)
    assert page.records == []
    assert page.cursor == cursor


def test_long_poll_gives_up_when_told_to(hub: Hub) -> None:
    cursor = _everything(hub).cursor
    stop = threading.Event()
    pages: list[RawFeedPage] = []
    reader = threading.Thread(
        target=lambda: pages.append(
            hub.devices.read_feed(hub.world.demo_store_id, cursor, wait_s=20, give_up=stop.is_set)
        )
    )
    reader.start()
    _wait_until(lambda: hub.devices.waiting_readers == 1)

    stop.set()
    hub.devices.wake_waiters()
    reader.join(WAIT_LIMIT_S)

    assert not reader.is_alive()
    assert pages[0].records == []


def test_a_raw_record_joins_the_feed_without_replacing_any_entity(hub: Hub) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    seq = append_raw_feed_record(
        hub, hub.world.demo_store_id, {"kind": "order", "id": order.order_id}
    )

    records = _everything(hub).records

    assert records[-1] == {"kind": "order", "id": order.order_id, "seq": seq}
    assert sum(1 for r in records if r.get("id") == order.order_id) == 2


def test_staff_changes_go_out_through_the_feed(hub: Hub) -> None:
    cursor = _everything(hub).cursor
    hub.admin.set_staff_active("staff-liqiang", active=False)

    [record] = _everything(hub, cursor).records

    assert (record["kind"], record["version"], record["data"]["active"]) == ("staff", 2, False)


def _wait_until(condition: Any, timeout_s: float = WAIT_LIMIT_S) -> None:
    wait_until(condition, timeout_s)
