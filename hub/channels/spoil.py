"""The simulator's bad orders: a channel payload spoiled the way real platforms spoil them."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from app.domain.vocabulary import Channel

Payload = dict[str, Any]
UNKNOWN_SKUS: Final = ("SKU-991", "SKU-404", "SKU-X17")
"""Items a channel still sells that the store's catalogue no longer has."""


def items_of(channel: Channel, payload: Payload) -> list[dict[str, Any]]:
    """The payload's item objects, editable in place (Meituan's: put back with `put_items`)."""
    if channel is Channel.MEITUAN:
        items: list[dict[str, Any]] = json.loads(payload["detail"])
        return items
    if channel is Channel.ELEME:
        return [item for group in payload["groups"] for item in group["items"]]
    return list(payload["items"])


def put_items(channel: Channel, payload: Payload, items: list[dict[str, Any]]) -> None:
    """Put edited item objects back where the channel carries them."""
    if channel is Channel.MEITUAN:
        payload["detail"] = json.dumps(items, ensure_ascii=False)
    elif channel is Channel.MINIPROGRAM:
        payload["items"] = items


SKU_KEY: Final = MappingProxyType(
    {Channel.MEITUAN: "app_food_code", Channel.ELEME: "extendCode", Channel.MINIPROGRAM: "skuId"}
)
QUANTITY_KEY: Final = MappingProxyType(
    {Channel.MEITUAN: "quantity", Channel.ELEME: "quantity", Channel.MINIPROGRAM: "qty"}
)
PAID_KEY: Final = MappingProxyType(
    {Channel.MEITUAN: "total", Channel.ELEME: "totalPrice", Channel.MINIPROGRAM: "payAmount"}
)
_DROPPED: Final = MappingProxyType(
    {
        Channel.MEITUAN: ("recipient_phone", "original_price", "day_seq"),
        Channel.ELEME: ("consignee", "deliverFee", "daySn"),
        Channel.MINIPROGRAM: ("goodsAmount", "freightAmount", "pickupType"),
    }
)


def _unknown_sku(channel: Channel, payload: Payload, rng: random.Random) -> str:
    items = items_of(channel, payload)
    sku = rng.choice(UNKNOWN_SKUS)
    rng.choice(items)[SKU_KEY[channel]] = sku
    put_items(channel, payload, items)
    return f"unknown item {sku}"


def _totals_off(channel: Channel, payload: Payload, rng: random.Random) -> str:
    fen = rng.randint(1, 5)
    key = PAID_KEY[channel]
    if channel is Channel.MINIPROGRAM:
        payload[key] += fen
    else:
        payload[key] = round(payload[key] + fen / 100, 2)
    return f"{key} off by {fen} fen"


def _missing_field(channel: Channel, payload: Payload, rng: random.Random) -> str:
    key = rng.choice(_DROPPED[channel])
    payload.pop(key, None)
    return f"no {key}"


def _quantity_in_words(channel: Channel, payload: Payload, rng: random.Random) -> str:
    items = items_of(channel, payload)
    rng.choice(items)[QUANTITY_KEY[channel]] = "two"
    put_items(channel, payload, items)
    return 'a quantity "two"'


def _items_not_a_list(channel: Channel, payload: Payload, rng: random.Random) -> str:
    del rng
    if channel is Channel.MEITUAN:
        payload["detail"] = json.dumps({"items": json.loads(payload["detail"])})
    elif channel is Channel.ELEME:
        payload["groups"][0]["items"] = {"basket": payload["groups"][0]["items"]}
    else:
        payload["items"] = {str(i): item for i, item in enumerate(payload["items"])}
    return "items not a list"


SPOILERS: Final[Mapping[str, Callable[[Channel, Payload, random.Random], str]]] = MappingProxyType(
    {
        "unknown_sku": _unknown_sku,
        "totals_off": _totals_off,
        "missing_field": _missing_field,
        "quantity_in_words": _quantity_in_words,
        "items_not_a_list": _items_not_a_list,
    }
)
"""The ways a simulated order is spoiled; each returns what it did, in words for the log."""


def spoil(
    channel: Channel, payload: Payload, rng: random.Random, how: str | None = None
) -> tuple[Payload, str]:
    """A copy of `payload` spoiled one way (`how`: a key of SPOILERS; None: drawn)."""
    spoiled = copy.deepcopy(payload)
    name = how or rng.choice(sorted(SPOILERS))
    return spoiled, SPOILERS[name](channel, spoiled, rng)
