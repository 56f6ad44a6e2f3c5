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
class DraftPromotion:
    """One promotion of an order and what it covers."""

    label: str
    cents: int
    skus: tuple[str, ...] | None = None
    """The SKUs it pays for (one item's "第二件半价", a category's offer); None: the whole order."""
    delivery: bool = False
    """A delivery subsidy: it lowers the delivery fee and covers no line."""


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
    promotions: tuple[DraftPromotion, ...]
    """The order's promotions, those on items first, in the order the channel applies them."""
    delivery_fee_cents: int
    """What the customer pays for delivery, after any delivery subsidy."""
    surname: str
    title: str
    nickname: str
    phone: str
    """The customer's privacy number in full, as channels send it to the store's systems."""
    preference: OutOfStockPreference
    note: str
    deliver_at: datetime | None = None
    """A booked order: when the customer wants it (None: as soon as possible)."""

    @property
    def goods_cents(self) -> int:
        """Sum of the lines before discounts."""
        return sum(line.amount_cents for line in self.lines)

    @property
    def discount_cents(self) -> int:
        """The promotions on goods (a delivery subsidy is already off the delivery fee)."""
        return sum(promotion.cents for promotion in self.promotions if not promotion.delivery)

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
    # The promotions on items and delivery draw from a generator of their own, so every seeded
    # demo and test keeps the orders (and customers) it had before they existed.
    extra = random.Random(f"promotions:{channel.value}:{channel_order_no}")
    promotions = _item_promotions(extra, lines)
    whole = goods - sum(promotion.cents for promotion in promotions)
    if discount:
        if discount > whole:
            promotions = ()
        promotions = (*promotions, DraftPromotion(label, discount))
    subsidy = min(delivery_fee, 200) if delivery_fee and extra.random() < 0.3 else 0
    if subsidy:
        promotions = (*promotions, DraftPromotion("减配送费 delivery subsidy", subsidy, (), True))
    return OrderDraft(
        store_code=store_code,
        channel=channel,
        channel_order_no=channel_order_no,
        daily_serial=daily_serial,
        placed_at=placed_at,
        fulfilment=fulfilment,
        lines=lines,
        promotions=promotions,
        delivery_fee_cents=delivery_fee - subsidy,
        surname=rng.choice(_SURNAMES),
        title=rng.choice(("先生", "女士")),
        nickname=rng.choice(_NICKNAMES),
        phone=privacy_number(rng),
        preference=rng.choices(_PREFERENCES, _PREFERENCE_WEIGHTS)[0],
        note=rng.choice(_NOTES) if rng.random() < 0.3 else "",
        deliver_at=deliver_at,
    )


def masked_phone(rng: random.Random) -> str:
    """A mainland mobile number as channels show it to stores, e.g. 138****5678."""
    return f"1{rng.choice('356789')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"


def privacy_number(rng: random.Random) -> str:
    """A channel's privacy number (虚拟号) for one customer, 11 digits, e.g. 13812345678.

    It takes the same draws from `rng` as a masked number did, and its middle digits from a
    generator of its own, so every seeded demo and test keeps its orders as they were.
    """
    masked = masked_phone(rng)
    middle = random.Random(f"privacy:{masked}").randint(0, 9999)
    return f"{masked[:3]}{middle:04d}{masked[-4:]}"


def _item_promotions(
    rng: random.Random, lines: tuple[DraftLine, ...]
) -> tuple[DraftPromotion, ...]:
    """Promotions on some items: half price for a second unit, a tenth off one category."""
    promotions: list[DraftPromotion] = []
    doubles = [line for line in lines if line.quantity >= 2]
    if doubles and rng.random() < 0.35:
        line = rng.choice(doubles)
        cents = line.product.price_cents // 2
        promotions.append(DraftPromotion("第二件半价 2nd half price", cents, (line.product.sku,)))
    categories = sorted({line.product.category for line in lines})
    if rng.random() < 0.25:
        category = rng.choice(categories)
        covered = [line for line in lines if line.product.category == category]
        # A tenth of the category's price always fits: a second unit at half price takes at
        # most a quarter of its line.
        cents = sum(line.amount_cents for line in covered) // 10
        if cents:
            skus = tuple(line.product.sku for line in covered)
            promotions.append(DraftPromotion(f"{category} 9折 10% off", cents, skus))
    return tuple(promotions)


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
