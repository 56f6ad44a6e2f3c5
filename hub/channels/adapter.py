"""What every channel adapter provides: code table, payload rendering, normalising, pushes."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, OutOfStockPreference
from hub.catalogue import Catalogue
from hub.channels.order_draft import OrderDraft
from sync.protocol import OrderData


class ChannelPayloadError(ValueError):
    """A channel sent something the hub cannot turn into an order; it is set aside, not fatal."""


class ChannelAction(StrEnum):
    """What the hub tells a channel about an order, in unified words."""

    ACCEPT = "accept"
    REJECT = "reject"
    READY = "ready"
    HAND_OVER = "hand_over"
    CANCEL = "cancel"
    EXPIRE = "expire"
    SET_PICKUP_CODE = "set_pickup_code"
    AGREE_CANCEL = "agree_cancel"
    DISAGREE_CANCEL = "disagree_cancel"
    AGREE_REFUND = "agree_refund"
    DISAGREE_REFUND = "disagree_refund"
    REPLY_REMINDER = "reply_reminder"
    PARTIAL_REFUND = "partial_refund"
    """Give back part of what the customer paid (a shortage's refund or price difference)."""
    SUBSTITUTE = "substitute"
    """Tell the customer of a substitute, asking their consent where the channel needs it."""


@dataclass(frozen=True, slots=True)
class ChannelCodeTable:
    """One channel's whole vocabulary, kept in one place: its codes for our unified words."""

    actions: Mapping[ChannelAction, str]
    """The channel's status (or call) code for each action the hub pushes."""
    reject_reasons: Mapping[RejectReason, str]
    """The channel's reason code for each rejection reason it accepts."""
    expiry_reason: str
    """The channel's reason code for "not confirmed in time"."""
    stock_out_preferences: Mapping[OutOfStockPreference, str | int]
    """How the channel's payload spells the customer's out-of-stock preference."""

    def preference_of(self, value: object) -> OutOfStockPreference:
        """The unified preference for a payload value; raise ChannelPayloadError if unknown."""
        for preference, code in self.stock_out_preferences.items():
            if code == value and type(code) is type(value):
                return preference
        raise ChannelPayloadError(f"unknown out-of-stock preference {value!r}")


@dataclass(frozen=True, slots=True)
class ChannelPush:
    """A status call to a channel: its own code and the body it would be sent."""

    code: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IntakeContext:
    """What the hub knows when a channel payload arrives."""

    store_id: str
    store_code: str
    """The code channels know the store by; a payload for another store is refused."""
    received_at: datetime
    next_daily_serial: int
    """The hub's next serial for this channel today, for channels that do not number orders."""
    catalogue: Catalogue


class ChannelAdapter(Protocol):
    """One channel: its payload shape in both directions and its code table."""

    @property
    def channel(self) -> Channel:
        """The channel this adapter speaks for."""
        ...

    @property
    def display_name(self) -> str:
        """The channel's name as a cashier knows it."""
        ...

    @property
    def codes(self) -> ChannelCodeTable:
        """The channel's code table."""
        ...

    def order_number(self, placed_at: datetime, daily_serial: int, rng: random.Random) -> str:
        """A channel order number in the channel's own format."""
        ...

    def render(self, draft: OrderDraft) -> dict[str, Any]:
        """The raw payload this channel would push for `draft`."""
        ...

    def normalise(self, raw: Mapping[str, Any], context: IntakeContext) -> OrderData:
        """The unified order for a raw payload; raise ChannelPayloadError when it is unusable."""
        ...

    def status_push(
        self, action: ChannelAction, order: OrderData, reason: RejectReason | None, note: str
    ) -> ChannelPush:
        """The call telling the channel that `order` moved by `action`."""
        ...


def unified_order_id(channel: Channel, channel_order_no: str) -> str:
    """The hub's order id: stable, unique, and readable at a glance."""
    return f"{channel.value}-{channel_order_no}"
