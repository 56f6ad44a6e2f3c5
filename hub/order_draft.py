"""Simulated order content, channel-neutral: what a customer bought, before a channel renders it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from app.domain.vocabulary import Channel, FulfilmentMode, OutOfStockPreference
from hub.catalogue import Catalogue, Product


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A product and how many units (portions, for weighed goods) the customer ordered."""

    product: Product
    quantity: int

    @property
    def amount_cents(self) -> int:
        """Price of the line before discounts."""
        return self.product.price_cents * self.quantity


@dataclass(frozen=True, slots=True)
class OrderDraft:
    """Everything a simulated customer decided, for a channel adapter to render."""

    store_code: str
    channel: Channel
    channel_order_no: str
    daily_serial: int
    placed_at: datetime
    fulfilment: FulfilmentMode
    lines: tuple[DraftLine, ...]
    discount_cents: int
    discount_label: str
    delivery_fee_cents: int
    surname: str
    title: str
    nickname: str
    phone_masked: str
    preference: OutOfStockPreference
    note: str
    deliver_at: datetime | None = None
    """A booked order: when the customer wants it (None: as soon as possible)."""

    @property
    def goods_cents(self) -> int:
        """Sum of the lines before discounts."""
        return sum(line.amount_cents for line in self.lines)

    @property
    def paid_cents(self) -> int:
        """What the customer paid: goods − discount + delivery fee."""
        return self.goods_cents - self.discount_cents + self.delivery_fee_cents


_SURNAMES: Final = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_NICKNAMES: Final = ("小王", "Momo", "阿杰", "Lily", "橙子", "大熊", "Kevin", "晴天", "豆豆", "Amy")
_NOTES: Final = (
    "少辣 less spicy",
    "不要香菜 no coriander",
    "多放餐具 extra cutlery",
    "无需餐具 no cutlery",
    "水果挑新鲜的 pick fresh fruit please",
    "放门口即可 leave at the door",
    "请尽快送达 please hurry",
    "饮料要冰的 cold drinks please",
)
_PREFERENCES: Final = (
    OutOfStockPreference.CONTACT_ME,
    OutOfStockPreference.REFUND_ITEM,
    OutOfStockPreference.SUBSTITUTE_SIMILAR,
    OutOfStockPreference.CANCEL_ORDER,
)
_PREFERENCE_WEIGHTS: Final = (40, 35, 15, 10)
_PICKUP_SHARE: Final = {Channel.MEITUAN: 0.1, Channel.ELEME: 0.1, Channel.MINIPROGRAM: 0.8}


def draft_order(
    rng: random.Random,
    catalogue: Catalogue,
    *,
    store_code: str,
    channel: Channel,
    channel_order_no: str,
    daily_serial: int,
    placed_at: datetime,
    fulfilment: FulfilmentMode | None = None,
    deliver_at: datetime | None = None,
) -> OrderDraft:
    """A plausible order: 1–6 distinct products, 1–3 each, a promotion maybe, a note sometimes.

    `deliver_at` books it for that time (None: as soon as possible).
    """
    products = rng.sample(catalogue.products, rng.randint(1, 6))
    lines = tuple(DraftLine(product, rng.randint(1, 3)) for product in products)
    goods = sum(line.amount_cents for line in lines)
    if fulfilment is None:
        pickup = rng.random() < _PICKUP_SHARE[channel]
        fulfilment = FulfilmentMode.PICKUP if pickup else FulfilmentMode.DELIVERY
    discount, label = _pick_discount(rng, channel, goods)
    delivery_fee = 0 if fulfilment is FulfilmentMode.PICKUP else rng.choice((0, 200, 300, 450, 500))
    return OrderDraft(
        store_code=store_code,
        channel=channel,
        channel_order_no=channel_order_no,
        daily_serial=daily_serial,
        placed_at=placed_at,
        fulfilment=fulfilment,
        lines=lines,
        discount_cents=discount,
        discount_label=label,
        delivery_fee_cents=delivery_fee,
        surname=rng.choice(_SURNAMES),
        title=rng.choice(("先生", "女士")),
        nickname=rng.choice(_NICKNAMES),
        phone_masked=masked_phone(rng),
        preference=rng.choices(_PREFERENCES, _PREFERENCE_WEIGHTS)[0],
        note=rng.choice(_NOTES) if rng.random() < 0.3 else "",
        deliver_at=deliver_at,
    )


def masked_phone(rng: random.Random) -> str:
    """A mainland mobile number as channels show it to stores, e.g. 138****5678."""
    return f"1{rng.choice('356789')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"


def _pick_discount(rng: random.Random, channel: Channel, goods: int) -> tuple[int, str]:
    """A promotion the order qualifies for, as (cents, label); never the whole order."""
    options: list[tuple[int, str]] = [(0, "")]
    if goods >= 3000:
        options.append((500, "满30减5"))
    if goods >= 5000:
        options.append((1200, "满50减12"))
    if goods > 1500:
        options.append((800, "新客立减8元"))
    if channel is Channel.MINIPROGRAM:
        options.append((round(goods * 0.1), "会员9折 member 10% off"))
    else:
        options.append((300, "商品券减3元"))
    discount, label = rng.choice(options)
    return (discount, label) if discount < goods else (0, "")
