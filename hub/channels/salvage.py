"""What can be read of a channel order the hub cannot take in full, every problem noted.

An adapter's `normalise` stops at the first problem; these readers go on, so an exception
order lists all of them (decision 029). A payload without a readable order number or store
code is not an order at all (`NotAnOrder`): it stays in the hub's reject table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final

from app.domain.vocabulary import Channel, FulfilmentMode, OutOfStockPreference
from app.domain.wire_limits import CODE_MAX, TEXT_PATTERN, WEIGHT_G_MAX
from hub.channels import eleme, meituan, miniprogram
from hub.channels.adapter import ChannelCodeTable, ChannelPayloadError
from hub.channels.gleaner import Gleaner, Problems, shown

_CODE: Final = re.compile(TEXT_PATTERN)


class NotAnOrder(ValueError):
    """A payload that is no order of this store: no order number, no (or another) store code."""


@dataclass(frozen=True, slots=True)
class RawLine:
    """One item of the channel's order as far as it could be read; `ref` is its place (1, 2…)."""

    ref: str
    sku: str | None
    name: str
    quantity: int | None
    unit_price_cents: int | None
    unit_weight_g: int | None = None


@dataclass(frozen=True, slots=True)
class SalvagedOrder:
    """Every field of a channel order that could be read; None where it could not."""

    channel: Channel
    channel_order_no: str
    daily_serial: int | None
    fulfilment: FulfilmentMode
    customer_name: str
    phone_reported: str
    preference: OutOfStockPreference
    note: str
    lines: tuple[RawLine, ...]
    line_count: int | None
    """How many items the channel sent (None: its item list could not be read)."""
    goods_cents: int | None
    discount_cents: int | None
    delivery_fee_cents: int | None
    paid_cents: int | None
    deliver_by: datetime | None


def salvage(
    channel: Channel, raw: Mapping[str, Any], store_code: str, problems: Problems
) -> SalvagedOrder:
    """Read what can be read of `raw`; raise NotAnOrder when it is no order of `store_code`."""
    return _READERS[channel](raw, store_code, problems)


def order_number(raw: Mapping[str, Any], key: str) -> str:
    """The channel's order number, or raise NotAnOrder."""
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise NotAnOrder(f"no readable order number (field '{key}': {shown(value)})")
    number = str(value).strip()
    # The hub's order id is "<channel>-<number>", and both must fit the wire's identifiers.
    if not number or len(number) > CODE_MAX - 12 or not _CODE.match(number):
        raise NotAnOrder(f"no readable order number (field '{key}': {shown(value)})")
    return number


def _store(raw: Mapping[str, Any], key: str, store_code: str) -> None:
    value = raw.get(key)
    if value is None:
        raise NotAnOrder(f"missing field '{key}': no store code, so no store to give it to")
    if str(value).strip() != store_code:
        raise NotAnOrder(f"order for store {shown(value)}, not {store_code!r}")


def _preference(codes: ChannelCodeTable, read: Gleaner, key: str) -> OutOfStockPreference:
    value = read.present(key, required=False)
    if value is None:
        return OutOfStockPreference.CONTACT_ME
    try:
        return codes.preference_of(value)
    except ChannelPayloadError:
        read.bad(key, f"unknown out-of-stock preference {shown(value)}; taken as 'contact me'")
        return OutOfStockPreference.CONTACT_ME


def _lines(
    items: list[Any] | None, problems: Problems, read_line: Callable[[Gleaner], RawLine]
) -> list[RawLine]:
    lines = []
    for index, item in enumerate(items or [], start=1):
        ref = str(index)
        if not isinstance(item, Mapping):
            problems.add("bad_line", f"line {ref} is not an object: {shown(item)}", line_ref=ref)
            lines.append(RawLine(ref, None, "", None, None))
            continue
        lines.append(read_line(Gleaner(item, problems, ref)))
    return lines


def _line(read: Gleaner, keys: tuple[str, str, str, str], *, in_yuan: bool) -> RawLine:
    """A line's SKU, name, quantity and unit price (fields named by `keys`, in that order)."""
    sku_key, name_key, quantity_key, price_key = keys
    sku = read.text(sku_key)
    read.sku = sku or ""
    name = read.text(name_key, required=False) or ""
    quantity = read.quantity(quantity_key)
    price = read.yuan(price_key) if in_yuan else read.fen(price_key)
    return RawLine(read.line_ref, sku, name, quantity, price)


def _meituan(raw: Mapping[str, Any], store_code: str, problems: Problems) -> SalvagedOrder:
    number = order_number(raw, "wm_order_id_view")
    _store(raw, "app_poi_code", store_code)
    read = Gleaner(raw, problems)
    if not number.isdigit():
        read.bad("wm_order_id_view", f"order id {number!r} is not numeric")
    read.whole("ctime", low=1)
    pick_type = read.whole("pick_type")
    if pick_type is not None and pick_type not in {0, 1}:
        read.bad("pick_type", f"unknown pick_type {pick_type}; taken as delivery")
    note, preference = meituan.split_caution(read.text("caution", required=False) or "")
    discount: int | None = 0
    for extra in read.json_list("extras", required=False) or []:
        extra_read = Gleaner(extra if isinstance(extra, Mapping) else {}, problems)
        if extra_read.raw.get("type") == meituan.SHIPPING_EXTRA:
            continue
        cents = extra_read.yuan("reduce_fee")
        discount = None if cents is None or discount is None else discount + cents

    def line(item: Gleaner) -> RawLine:
        read_line = _line(item, ("app_food_code", "food_name", "quantity", "price"), in_yuan=True)
        weight = item.whole("weight", required=False, low=1, high=WEIGHT_G_MAX)
        return replace(read_line, unit_weight_g=weight)

    items = read.json_list("detail")
    delivery_time = read.whole("delivery_time", required=False)
    return SalvagedOrder(
        channel=Channel.MEITUAN,
        channel_order_no=number,
        daily_serial=read.whole("day_seq", low=1),
        fulfilment=FulfilmentMode.PICKUP if pick_type == 1 else FulfilmentMode.DELIVERY,
        customer_name=(read.text("recipient_name") or "").replace("(", "").replace(")", ""),
        phone_reported=read.text("recipient_phone") or "",
        preference=preference,
        note=note,
        lines=tuple(_lines(items, problems, line)),
        line_count=None if items is None else len(items),
        goods_cents=read.yuan("original_price"),
        discount_cents=discount,
        delivery_fee_cents=read.yuan("shipping_fee"),
        paid_cents=read.yuan("total"),
        deliver_by=datetime.fromtimestamp(delivery_time, UTC) if delivery_time else None,
    )


def _eleme(raw: Mapping[str, Any], store_code: str, problems: Problems) -> SalvagedOrder:
    number = order_number(raw, "id")
    _store(raw, "openId", store_code)
    read = Gleaner(raw, problems)
    _time(read, "createdAt", required=True)
    phones = read.objects("phoneList")
    phone = phones[0] if phones and isinstance(phones[0], str) else ""
    if phones is not None and not phone:
        read.bad("phoneList", f"field 'phoneList' holds no phone number: {shown(phones)}")
    self_pickup = read.present("selfPickup", required=True)
    if self_pickup is not None and not isinstance(self_pickup, bool):
        read.bad("selfPickup", f"field 'selfPickup' is not true or false: {shown(self_pickup)}")
    discount: int | None = 0
    for activity in read.objects("activities", required=False) or []:
        act = Gleaner(activity if isinstance(activity, Mapping) else {}, problems)
        if act.raw.get("type") == eleme.DELIVERY_ACTIVITY:
            continue
        amount = act.present("amount", required=True)
        negated = (
            -amount if isinstance(amount, int | float) and not isinstance(amount, bool) else amount
        )
        cents = act.yuan("amount", value=negated)
        discount = None if cents is None or discount is None else discount + cents

    def line(item: Gleaner) -> RawLine:
        read_line = _line(item, ("extendCode", "name", "quantity", "price"), in_yuan=True)
        kilos = item.present("weight", required=False)
        number = isinstance(kilos, int | float) and not isinstance(kilos, bool)
        grams = round(kilos * 1000) if number and 0 < kilos * 1000 <= WEIGHT_G_MAX else None
        return replace(read_line, unit_weight_g=grams)

    items = _baskets(read)
    fee = read.yuan("deliverFee")
    original = read.yuan("originalPrice")
    return SalvagedOrder(
        channel=Channel.ELEME,
        channel_order_no=number,
        daily_serial=read.whole("daySn", low=1),
        fulfilment=FulfilmentMode.PICKUP if self_pickup is True else FulfilmentMode.DELIVERY,
        customer_name=read.text("consignee") or "",
        phone_reported=phone,
        preference=_preference(eleme.CODES, read, "stockOutHandle"),
        note=read.text("description", required=False) or "",
        lines=tuple(_lines(items, problems, line)),
        line_count=None if items is None else len(items),
        goods_cents=None if original is None or fee is None else max(0, original - fee),
        discount_cents=discount,
        delivery_fee_cents=fee,
        paid_cents=read.yuan("totalPrice"),
        deliver_by=_time(read, "deliverTime", required=False),
    )


def _baskets(read: Gleaner) -> list[Any] | None:
    """Eleme's items, basket after basket; None when the baskets cannot be read at all."""
    groups = read.objects("groups")
    if groups is None:
        return None
    items: list[Any] = []
    readable = 0
    for number, group in enumerate(groups, start=1):
        basket = group.get("items") if isinstance(group, Mapping) else None
        if not isinstance(basket, list):
            read.bad("groups", f"basket {number} of field 'groups' holds no list of items")
            continue
        readable += 1
        items.extend(basket)
    return items if readable or not groups else None


def _miniprogram(raw: Mapping[str, Any], store_code: str, problems: Problems) -> SalvagedOrder:
    number = order_number(raw, "orderNo")
    _store(raw, "storeCode", store_code)
    read = Gleaner(raw, problems)
    status = read.text("payStatus")
    if status is not None and status != "PAID":
        read.bad("payStatus", f"the order is not paid (payStatus {status!r})")
    read.whole("createTime", low=1)
    pickup_type = read.text("pickupType")
    if pickup_type is not None and pickup_type not in {"SELF_PICKUP", "DELIVERY"}:
        read.bad("pickupType", f"unknown pickupType {pickup_type!r}; taken as delivery")
    buyer_raw = read.present("buyer", required=True)
    if buyer_raw is not None and not isinstance(buyer_raw, Mapping):
        read.bad("buyer", f"field 'buyer' is not an object: {shown(buyer_raw)}")
    buyer = Gleaner(buyer_raw if isinstance(buyer_raw, Mapping) else {}, problems)

    def line(item: Gleaner) -> RawLine:
        read_line = _line(item, ("skuId", "skuName", "qty", "salePrice"), in_yuan=False)
        weight = item.whole("weightG", required=False, low=1, high=WEIGHT_G_MAX)
        return replace(read_line, unit_weight_g=weight)

    items = read.objects("items")
    appoint = read.whole("appointTime", required=False, low=1)
    return SalvagedOrder(
        channel=Channel.MINIPROGRAM,
        channel_order_no=number,
        daily_serial=None,
        fulfilment=FulfilmentMode.PICKUP
        if pickup_type == "SELF_PICKUP"
        else FulfilmentMode.DELIVERY,
        customer_name=(buyer.text("nickName") if buyer.raw else None) or "",
        phone_reported=(buyer.text("mobile") if buyer.raw else None) or "",
        preference=_preference(miniprogram.CODES, read, "stockoutPolicy"),
        note=read.text("remark", required=False) or "",
        lines=tuple(_lines(items, problems, line)),
        line_count=None if items is None else len(items),
        goods_cents=read.fen("goodsAmount"),
        discount_cents=read.fen("couponAmount"),
        delivery_fee_cents=read.fen("freightAmount"),
        paid_cents=read.fen("payAmount"),
        deliver_by=datetime.fromtimestamp(appoint / 1000, UTC) if appoint else None,
    )


def _time(read: Gleaner, key: str, *, required: bool) -> datetime | None:
    text = read.text(key, required=required)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        read.bad(key, f"field '{key}' is not an ISO time: {text[:40]!r}")
        return None
    if moment.tzinfo is None:
        read.bad(key, f"field '{key}' has no UTC offset")
        return None
    return moment.astimezone(UTC)


_READERS: Final[Mapping[Channel, Callable[[Mapping[str, Any], str, Problems], SalvagedOrder]]] = (
    MappingProxyType(
        {Channel.MEITUAN: _meituan, Channel.ELEME: _eleme, Channel.MINIPROGRAM: _miniprogram}
    )
)
