"""Channel payloads for the exception-order tests: a known basket, then spoiled one way."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from app.domain.vocabulary import Channel, FulfilmentMode
from hub.catalogue import CATALOGUE
from hub.channels import ADAPTERS
from hub.channels.order_draft import DraftLine, draft_order
from hub.channels.spoil import PAID_KEY, QUANTITY_KEY, SKU_KEY, items_of, put_items

Payload = dict[str, Any]
BASKET: Final = (("FR002", 2), ("GR006", 1), ("VG005", 3))
"""The basket every test payload holds: strawberries x2, dumplings, tofu x3."""
UNKNOWN: Final = "SKU-991"
MISSING: Final = {
    Channel.MEITUAN: "recipient_phone",
    Channel.ELEME: "consignee",
    Channel.MINIPROGRAM: "freightAmount",
}
"""A field each channel's payload must carry, left out by the `missing_field` spoil."""


def payload(channel: Channel, placed_at: datetime, *, serial: int = 7, seed: int = 1) -> Payload:
    """A readable payload of BASKET as `channel` pushes it, no promotions, for the demo store."""
    rng = random.Random(seed)
    draft = draft_order(
        rng,
        CATALOGUE,
        store_code="DEMO01",
        channel=channel,
        channel_order_no=ADAPTERS[channel].order_number(placed_at, serial, rng),
        daily_serial=serial,
        placed_at=placed_at,
        fulfilment=FulfilmentMode.DELIVERY,
    )
    lines = []
    for sku, quantity in BASKET:
        product = CATALOGUE.find(sku)
        assert product is not None
        lines.append(DraftLine(product, quantity))
    return ADAPTERS[channel].render(dataclasses.replace(draft, lines=tuple(lines), promotions=()))


def unknown_sku(channel: Channel, raw: Payload) -> None:
    """The first item (strawberries x2) sent under a SKU the catalogue does not have."""
    items = items_of(channel, raw)
    items[0][SKU_KEY[channel]] = UNKNOWN
    put_items(channel, raw, items)


def totals_off(channel: Channel, raw: Payload) -> None:
    """The amount paid 3 fen more than goods − discount + delivery fee."""
    key = PAID_KEY[channel]
    raw[key] = raw[key] + 3 if channel is Channel.MINIPROGRAM else round(raw[key] + 0.03, 2)


def missing_field(channel: Channel, raw: Payload) -> None:
    """A field the channel always sends, left out."""
    del raw[MISSING[channel]]


def quantity_in_words(channel: Channel, raw: Payload) -> None:
    """The second item's quantity as a word."""
    items = items_of(channel, raw)
    items[1][QUANTITY_KEY[channel]] = "two"
    put_items(channel, raw, items)


SPOILS: Final[dict[str, Callable[[Channel, Payload], None]]] = {
    "unknown_sku": unknown_sku,
    "totals_off": totals_off,
    "missing_field": missing_field,
}
"""The three unreadable orders every channel's tests send."""


def spoiled(channel: Channel, placed_at: datetime, *how: str, serial: int = 7) -> Payload:
    """`payload` spoiled each way named in `how` (keys of SPOILS, or "quantity_in_words")."""
    raw = payload(channel, placed_at, serial=serial)
    for name in how:
        {**SPOILS, "quantity_in_words": quantity_in_words}[name](channel, raw)
    return raw
