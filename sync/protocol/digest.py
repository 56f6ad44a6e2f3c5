"""Anti-entropy: the digest of open orders and their versions, and the records a device asks for."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from app.domain.vocabulary import OrderStatus
from sync.protocol.wire_types import Identifier, Version, WireModel

CLOSED_STATUSES = frozenset({OrderStatus.COMPLETED, OrderStatus.REJECTED, OrderStatus.CANCELLED})
"""An order in none of these is open: it appears in the digest."""


class OrderVersion(WireModel):
    """One order's id and version."""

    order_id: Identifier
    version: Version


class OrderDigest(WireModel):
    """The store's open orders with their versions, for a device to compare with its cache."""

    orders: list[OrderVersion]


class RecordsRequest(WireModel):
    """The current feed records of these orders, asked for by a device repairing its cache."""

    order_ids: list[str] = Field(max_length=500)


class RawRecords(WireModel):
    """Feed records as the hub holds them, kept raw so each is validated on its own."""

    records: list[Any]
