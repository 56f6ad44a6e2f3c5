"""What the store's records carry: catalogue items, staff with their PIN verifiers, settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from app.domain import wire_limits as limits
from app.domain.vocabulary import Channel, Role
from sync.protocol.order_data import ShelfLocation
from sync.protocol.wire_types import (
    Bool,
    Cents,
    Code,
    Count,
    Identifier,
    Name,
    ProductName,
    ShortText,
    Time,
    Version,
    WireModel,
)


class ProductData(WireModel):
    """One item of the store's catalogue, published so substitutes are found offline too."""

    sku: Identifier
    name: ProductName
    name_en: ProductName = ""
    barcode: Code
    category: ShortText = ""
    unit_price_cents: Cents
    weighed: Bool = False
    location: ShelfLocation | None = None
    in_stock: Bool = True
    version: Version


class PinVerifierData(WireModel):
    """A salted Argon2id PIN hash; the device seals it with its pepper to check PINs offline.

    The cost parameters travel with it so the hub can raise them later; zero (an older
    record) makes a verifier that matches nothing until the hub resends it.
    """

    algorithm: Code
    time_cost: Count = 0
    memory_kib: Count = 0
    parallelism: Count = 0
    salt_hex: ShortText
    hash_hex: ShortText


class StaffData(WireModel):
    """A member of the store's staff."""

    staff_id: Identifier
    name: Name
    roles: Annotated[list[Role], Field(min_length=1, max_length=limits.LIST_MAX)]
    pin: PinVerifierData
    active: Bool = True
    clocked_in: Bool = False
    version: Version


class ChannelSettings(WireModel):
    """How one channel runs at this store."""

    channel: Channel
    enabled: Bool = True
    accept_window_s: Annotated[int, Strict(), Field(ge=30)]
    paused_until: Time | None = None


class StoreSettingsData(WireModel):
    """Store-wide settings the hub owns."""

    store_id: Identifier
    name: ShortText
    timezone: ShortText = "Asia/Shanghai"
    channels: Annotated[list[ChannelSettings], Field(max_length=limits.LIST_MAX)]
    version: Version
