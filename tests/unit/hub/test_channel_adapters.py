"""Channel adapters: each channel's own payload shape, normalised to a valid unified order."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus, OutOfStockPreference
from hub.catalogue import CATALOGUE
from hub.channels import ADAPTERS, ChannelAction, ChannelPayloadError, IntakeContext
from hub.channels.order_draft import draft_order
from hub.composition import Hub
from sync.protocol import OrderData

NOW = datetime(2026, 11, 22, 4, 3, tzinfo=UTC)


def _context(serial: int = 1) -> IntakeContext:
    return IntakeContext(
        store_id="store-demo01",
        store_code="DEMO01",
        received_at=NOW,
        next_daily_serial=serial,
        catalogue=CATALOGUE,
    )


def _raw(channel: Channel, seed: int = 1, **draft_options: Any) -> dict[str, Any]:
    rng = random.Random(seed)
    adapter = ADAPTERS[channel]
    draft = draft_order(
        rng,
        CATALOGUE,
        store_code="DEMO01",
        channel=channel,
        channel_order_no=adapter.order_number(NOW, 7, rng),
        daily_serial=7,
        placed_at=NOW,
        **draft_options,
    )
    return adapter.render(draft)


@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize("seed", range(25))
def test_raw_payload_normalises_into_a_consistent_unified_order(
    channel: Channel, seed: int
) -> None:
    order = ADAPTERS[channel].normalise(_raw(channel, seed), _context(serial=7))

    assert isinstance(order, OrderData)
    assert order.channel is channel
    assert order.status is OrderStatus.NEW
    assert order.version == 1
    assert order.daily_serial == 7
    assert order.placed_at == NOW
    assert order.accept_by == NOW + CHANNEL_RULES[channel].accept_window
    assert 1 <= len(order.lines) <= 6
    assert (
        sum(line.paid_cents for line in order.lines) == order.subtotal_cents - order.discount_cents
    )
    assert (
        order.total_cents == order.subtotal_cents - order.discount_cents + order.delivery_fee_cents
    )
    assert order.subtotal_cents == sum(
        line.unit_price_cents * line.quantity for line in order.lines
    )
    assert "****" in order.customer.phone_masked
    for line in order.lines:
        product = CATALOGUE.find(line.sku)
        assert product is not None
        assert line.barcode == product.barcode
        assert line.location == product.location
        assert 1 <= line.quantity <= 3
        if product.portion_g is not None:
            assert line.weighed
            assert line.ordered_weight_g == product.portion_g * line.quantity
        else:
            assert not line.weighed
            assert line.ordered_weight_g is None


def test_each_channel_speaks_its_own_payload_shape() -> None:
    meituan, eleme, mini = (_raw(channel) for channel in Channel)
    assert isinstance(meituan["detail"], str)
    assert {"food_name", "price", "quantity"} <= set(json.loads(meituan["detail"])[0])
    assert isinstance(meituan["total"], float)
    assert "wm_order_id_view" in meituan
    assert {"name", "price", "quantity"} <= set(eleme["groups"][0]["items"][0])
    assert isinstance(eleme["phoneList"], list)
    assert "daySn" in eleme
    assert {"skuId", "qty", "salePrice"} <= set(mini["items"][0])
    assert isinstance(mini["payAmount"], int)
    assert "orderNo" in mini


def test_meituan_remark_carries_the_note_and_the_stock_out_choice() -> None:
    raw = _raw(Channel.MEITUAN)
    raw["caution"] = "不要香菜 no coriander 【如遇缺货】：缺货时取消整单"
    order = ADAPTERS[Channel.MEITUAN].normalise(raw, _context())
    assert order.note == "不要香菜 no coriander"
    assert order.customer.out_of_stock_preference is OutOfStockPreference.CANCEL_ORDER


def test_pickup_on_takeout_uses_the_daily_serial_as_pickup_code() -> None:
    raw = _raw(Channel.ELEME, fulfilment=FulfilmentMode.PICKUP)
    order = ADAPTERS[Channel.ELEME].normalise(raw, _context())
    assert order.fulfilment is FulfilmentMode.PICKUP
    assert order.pickup_code == "7"
    assert order.delivery_fee_cents == 0


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(raw: dict[str, Any]) -> None:
        raw[key] = value

    return mutate


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    def mutate(raw: dict[str, Any]) -> None:
        del raw[key]

    return mutate


def _first_eleme_item(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(raw: dict[str, Any]) -> None:
        raw["groups"][0]["items"][0][key] = value

    return mutate


BROKEN = [
    (Channel.MEITUAN, _drop("wm_order_id_view"), "missing field 'wm_order_id_view'"),
    (Channel.MEITUAN, _set("detail", "[{not json"), "not valid JSON"),
    (Channel.MEITUAN, _set("total", 0.01), "paid"),
    (Channel.MEITUAN, _set("day_seq", "seven"), "whole number"),
    (Channel.MEITUAN, _set("app_poi_code", "OTHER9"), "for store"),
    (Channel.MEITUAN, _set("detail", "[]"), "no items"),
    (Channel.ELEME, _set("phoneList", []), "phoneList is empty"),
    (Channel.ELEME, _first_eleme_item("extendCode", "NOPE"), "unknown item code"),
    (Channel.ELEME, _first_eleme_item("quantity", 0), "at least 1"),
    (Channel.ELEME, _set("createdAt", "yesterday"), "not an ISO time"),
    (Channel.ELEME, _set("stockOutHandle", 9), "out-of-stock preference"),
    (Channel.MINIPROGRAM, _set("payStatus", "UNPAID"), "not paid"),
    (Channel.MINIPROGRAM, _set("goodsAmount", 1), "items add up"),
    (Channel.MINIPROGRAM, _set("items", "lots"), "must be a list"),
    (Channel.MINIPROGRAM, _set("pickupType", "DRONE"), "unknown pickupType"),
    (Channel.MINIPROGRAM, _set("buyer", "anonymous"), "expected an object"),
]


@pytest.mark.parametrize(("channel", "mutate", "complaint"), BROKEN)
def test_broken_payloads_raise_a_clear_channel_payload_error(
    channel: Channel, mutate: Callable[[dict[str, Any]], None], complaint: str
) -> None:
    raw = copy.deepcopy(_raw(channel))
    mutate(raw)
    with pytest.raises(ChannelPayloadError, match=complaint):
        ADAPTERS[channel].normalise(raw, _context())


@pytest.mark.parametrize("channel", list(Channel))
def test_code_table_covers_every_action_reason_and_preference(channel: Channel) -> None:
    codes = ADAPTERS[channel].codes
    assert set(codes.actions) == set(ChannelAction)
    assert set(CHANNEL_RULES[channel].reject_reasons) <= set(codes.reject_reasons)
    assert set(codes.stock_out_preferences) == set(OutOfStockPreference)
    assert codes.expiry_reason


def test_channels_have_their_own_codes() -> None:
    accept_codes = {ADAPTERS[c].codes.actions[ChannelAction.ACCEPT] for c in Channel}
    sold_out_codes = {ADAPTERS[c].codes.reject_reasons[RejectReason.SOLD_OUT] for c in Channel}
    assert len(accept_codes) == len(sold_out_codes) == len(Channel)


def test_reject_push_carries_the_channels_reason_code() -> None:
    order = ADAPTERS[Channel.ELEME].normalise(_raw(Channel.ELEME), _context())
    push = ADAPTERS[Channel.ELEME].status_push(
        ChannelAction.REJECT, order, RejectReason.TOO_BUSY, "lunch rush"
    )
    assert push.code == "eleme.order.cancelOrderLite"
    assert push.payload == {
        "orderId": order.channel_order_no,
        "type": "restaurantTooBusy",
        "remark": "lunch rush",
    }


def test_hub_sets_bad_payloads_aside_and_keeps_taking_orders(hub: Hub) -> None:
    assert (
        hub.intake.receive_channel_payload(
            Channel.MEITUAN, {"wm_order_id_view": "1"}, store_id=hub.world.demo_store_id
        )
        is None
    )
    assert (
        hub.intake.receive_channel_payload(
            Channel.ELEME, ["not", "an", "object"], store_id=hub.world.demo_store_id
        )
        is None
    )

    rejects = hub.admin.channel_inbox_rejects()
    assert [r.channel for r in rejects] == [Channel.MEITUAN, Channel.ELEME]
    assert "missing field" in rejects[0].error
    assert '"wm_order_id_view"' in rejects[0].raw
    assert (
        hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id).status
        is OrderStatus.NEW
    )


def test_a_channel_re_push_does_not_duplicate_the_order(hub: Hub) -> None:
    raw = _raw(Channel.MINIPROGRAM)
    raw["createTime"] = int(hub.clock().timestamp() * 1000)
    first = hub.intake.receive_channel_payload(
        Channel.MINIPROGRAM, raw, store_id=hub.world.demo_store_id
    )
    again = hub.intake.receive_channel_payload(
        Channel.MINIPROGRAM, raw, store_id=hub.world.demo_store_id
    )
    assert first is not None
    assert again == first
    assert len(hub.admin.orders(hub.world.demo_store_id)) == 1


def test_daily_serials_count_per_channel(hub: Hub) -> None:
    serials = [
        (o.channel, o.daily_serial)
        for o in (
            hub.world.place_order(c, store_id=hub.world.demo_store_id) for c in [*Channel, *Channel]
        )
    ]
    assert serials == [(c, 1) for c in Channel] + [(c, 2) for c in Channel]
