"""What each channel allows and demands of the store: deadlines and reject reasons."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from app.domain.vocabulary import Channel


class RejectReason(StrEnum):
    """Unified reasons a store gives for rejecting an order; channels map them to their codes."""

    SOLD_OUT = "sold_out"
    TOO_BUSY = "too_busy"
    CLOSING = "closing"
    OUT_OF_RANGE = "out_of_range"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ChannelRules:
    """The rules of one channel as the store experiences them."""

    channel: Channel
    accept_window: timedelta
    """How long after placement an order may wait for acceptance before the channel cancels it."""
    reject_reasons: tuple[RejectReason, ...]
    """Reasons the channel accepts for a rejection; empty when it forbids rejecting."""
    cancel_request_auto_agree: timedelta | None
    """After this long an unanswered customer cancel request is agreed by the channel."""
    assigns_pickup_code: bool
    """Whether the store gives the customer a pickup code on acceptance."""
    substitution_needs_consent: bool = False
    """Whether the customer must agree (through the channel) before a substitute is packed;
    a channel that does not ask is only told."""

    @property
    def can_reject(self) -> bool:
        """Whether the store may reject orders of this channel at all."""
        return bool(self.reject_reasons)


CHANNEL_RULES: Final[Mapping[Channel, ChannelRules]] = MappingProxyType(
    {
        Channel.MEITUAN: ChannelRules(
            channel=Channel.MEITUAN,
            accept_window=timedelta(minutes=5),
            reject_reasons=(
                RejectReason.SOLD_OUT,
                RejectReason.TOO_BUSY,
                RejectReason.CLOSING,
                RejectReason.OUT_OF_RANGE,
                RejectReason.OTHER,
            ),
            cancel_request_auto_agree=None,
            assigns_pickup_code=False,
            # Meituan's rules: the customer confirms any change of goods in the app.
            substitution_needs_consent=True,
        ),
        Channel.ELEME: ChannelRules(
            channel=Channel.ELEME,
            accept_window=timedelta(minutes=8),
            reject_reasons=(
                RejectReason.SOLD_OUT,
                RejectReason.TOO_BUSY,
                RejectReason.CLOSING,
                RejectReason.OTHER,
            ),
            cancel_request_auto_agree=timedelta(minutes=15),
            assigns_pickup_code=False,
            substitution_needs_consent=True,
        ),
        Channel.MINIPROGRAM: ChannelRules(
            channel=Channel.MINIPROGRAM,
            accept_window=timedelta(minutes=10),
            reject_reasons=(RejectReason.SOLD_OUT, RejectReason.TOO_BUSY, RejectReason.CLOSING),
            cancel_request_auto_agree=None,
            assigns_pickup_code=True,
        ),
    }
)
