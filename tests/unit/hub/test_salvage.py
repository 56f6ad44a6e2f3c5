"""Salvage: every problem of an unreadable channel order listed, what could be read kept."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus
from app.domain.wire_limits import LINES_MAX, NAME_MAX
from hub.channels.spoil import items_of, put_items
from hub.composition import Hub
from sync.protocol import OrderData
from tests.integration.hub.bad_payloads import UNKNOWN, payload, spoiled

DROPPED = {
    Channel.MEITUAN: "recipient_phone",
    Channel.ELEME: "consignee",
    Channel.MINIPROGRAM: "pickupType",
}
"""A required field each channel's payload loses here (none of the amounts, so the totals
can still be checked)."""


def _exception(hub: Hub, channel: Channel, raw: Any) -> OrderData:
    order = hub.intake.receive_channel_payload(channel, raw, store_id=hub.world.demo_store_id)
    assert order is not None
    assert order.status is OrderStatus.EXCEPTION
    assert order.exception is not None
    return order


@pytest.mark.parametrize("channel", list(Channel))
def test_every_problem_is_listed_and_the_readable_lines_are_kept(
    hub: Hub, channel: Channel
) -> None:
    raw = spoiled(channel, hub.clock(), "unknown_sku", "quantity_in_words", "totals_off")
    del raw[DROPPED[channel]]

    order = _exception(hub, channel, raw)

    assert order.exception is not None
    problems = [(p.code, p.field, p.line_ref) for p in order.exception.problems]
    quantity_key = "qty" if channel is Channel.MINIPROGRAM else "quantity"
    assert sorted(problems) == sorted(
        [
            ("missing_field", DROPPED[channel], ""),
            ("bad_value", quantity_key, "2"),
            ("totals_mismatch", "", ""),
            ("unknown_item", "", "1"),
        ]
    )
    assert all(p.message for p in order.exception.problems)
    # Line 3 (tofu x3) reads in full: a normal line, with its share of what was paid.
    [line] = order.lines
    assert (line.line_id, line.sku, line.quantity, line.unit_price_cents) == (
        f"{order.order_id}-L3",
        "VG005",
        3,
        450,
    )
    first, second = order.exception.unread_lines
    assert (first.ref, first.channel_sku, first.quantity, first.unit_price_cents) == (
        "1",
        UNKNOWN,
        2,
        3590,
    )
    assert first.name.startswith("丹东草莓")
    assert (second.ref, second.channel_sku, second.quantity, second.unit_price_cents) == (
        "2",
        "GR006",
        None,
        1890,
    )
    # The channel's amounts, as sent: goods 35.90×2 + 18.90 + 4.50×3.
    assert order.subtotal_cents == 3590 * 2 + 1890 + 450 * 3
    assert order.discount_cents == 0
    assert order.total_cents == order.subtotal_cents + order.delivery_fee_cents + 3
    assert json.loads(hub.admin.raw_payload(order.exception.raw_payload_id)) == raw


def test_the_channels_serial_is_kept_and_the_hub_numbers_the_brands_orders(hub: Hub) -> None:
    meituan = _exception(hub, Channel.MEITUAN, spoiled(Channel.MEITUAN, hub.clock(), "totals_off"))
    mini = _exception(
        hub, Channel.MINIPROGRAM, spoiled(Channel.MINIPROGRAM, hub.clock(), "totals_off")
    )
    no_serial = spoiled(Channel.ELEME, hub.clock(), "totals_off")
    del no_serial["daySn"]
    eleme = _exception(hub, Channel.ELEME, no_serial)

    assert (meituan.daily_serial, mini.daily_serial, eleme.daily_serial) == (7, 1, 1)


@pytest.mark.parametrize("channel", list(Channel))
def test_an_item_list_that_is_not_a_list_leaves_an_order_to_reject(
    hub: Hub, channel: Channel
) -> None:
    raw = payload(channel, hub.clock())
    if channel is Channel.MEITUAN:
        raw["detail"] = json.dumps({"items": json.loads(raw["detail"])})
    elif channel is Channel.ELEME:
        raw["groups"] = "basket"
    else:
        raw["items"] = {"0": raw["items"][0]}

    order = _exception(hub, channel, raw)

    assert order.exception is not None
    assert order.lines == []
    assert order.exception.unread_lines == []
    assert [p.code for p in order.exception.problems] == ["bad_value"]
    assert "not a list" in order.exception.problems[0].message
    assert order.total_cents > 0  # the channel's amounts still say what was paid


def test_too_many_lines_keeps_the_first_ones(hub: Hub) -> None:
    raw = payload(Channel.MINIPROGRAM, hub.clock())
    item = raw["items"][2]  # tofu, 4.50 x3
    put_items(Channel.MINIPROGRAM, raw, [dict(item) for _ in range(LINES_MAX + 5)])
    raw["goodsAmount"] = raw["payAmount"] = 450 * 3 * (LINES_MAX + 5)
    raw["freightAmount"] = 0

    order = _exception(hub, Channel.MINIPROGRAM, raw)

    assert order.exception is not None
    [problem] = order.exception.problems
    assert (problem.code, problem.quantity) == ("too_many_lines", LINES_MAX + 5)
    assert len(order.lines) == LINES_MAX
    assert order.subtotal_cents == 450 * 3 * (LINES_MAX + 5)


def test_unreadable_lines_of_every_kind_are_kept_as_sent(hub: Hub) -> None:
    raw = payload(Channel.ELEME, hub.clock())
    items = items_of(Channel.ELEME, raw)
    items[0]["price"] = "35.90"
    items[1]["quantity"] = 1.5
    items[2]["extendCode"] = None
    put_items(Channel.ELEME, raw, items)
    raw["groups"][0]["items"].append("a sticker")

    order = _exception(hub, Channel.ELEME, raw)

    assert order.exception is not None
    unread = [
        (u.ref, u.channel_sku, u.quantity, u.unit_price_cents) for u in order.exception.unread_lines
    ]
    assert unread == [
        ("1", "FR002", 2, None),
        ("2", "GR006", None, 1890),
        ("3", "", 3, 450),
        ("4", "", None, None),
    ]
    codes = [(p.code, p.line_ref) for p in order.exception.problems]
    assert codes == [
        ("bad_value", "1"),
        ("bad_value", "2"),
        ("missing_field", "3"),
        ("bad_line", "4"),
    ]


def test_customer_texts_are_cut_and_cleaned_not_refused(hub: Hub) -> None:
    raw = spoiled(Channel.MEITUAN, hub.clock(), "unknown_sku")
    raw["recipient_name"] = "王\x07" + "先生" * 100
    raw["caution"] = "不要葱\ud800" * 200_000

    order = _exception(hub, Channel.MEITUAN, raw)

    assert order.exception is not None
    assert [p.code for p in order.exception.problems] == ["unknown_item"]
    assert len(order.customer.name) == NAME_MAX
    assert order.customer.name.startswith("王 先生")
    assert "\ufffd" in order.note
    assert order.note.endswith("…")
    assert "\\ud800" in hub.admin.raw_payload(order.exception.raw_payload_id)


@pytest.mark.parametrize(
    ("channel", "key", "value", "words"),
    [
        (Channel.MEITUAN, "wm_order_id_view", None, "order number"),
        (Channel.MEITUAN, "wm_order_id_view", "9" * 80, "order number"),
        (Channel.ELEME, "id", {"no": 1}, "order number"),
        (Channel.ELEME, "openId", None, "no store code"),
        (Channel.MINIPROGRAM, "storeCode", "OTHER9", "OTHER9"),
    ],
)
def test_a_payload_that_is_no_order_of_the_store_is_set_aside(
    hub: Hub, channel: Channel, key: str, value: Any, words: str
) -> None:
    raw = spoiled(channel, hub.clock(), "unknown_sku")
    raw[key] = value

    assert (
        hub.intake.receive_channel_payload(channel, raw, store_id=hub.world.demo_store_id) is None
    )

    [reject] = hub.admin.channel_inbox_rejects()
    assert words in reject.error
    assert hub.admin.orders(hub.world.demo_store_id) == []


def test_a_pickup_order_keeps_its_serial_as_pickup_code(hub: Hub) -> None:
    raw = spoiled(Channel.ELEME, hub.clock(), "unknown_sku")
    raw["selfPickup"] = True

    order = _exception(hub, Channel.ELEME, raw)

    assert order.fulfilment is FulfilmentMode.PICKUP
    assert order.pickup_code == "7"
