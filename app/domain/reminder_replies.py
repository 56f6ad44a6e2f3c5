"""Canned replies to a customer's "where is my order", one short list per channel.

Each reply is a code and the Chinese the customer receives: the channels' customers read
Chinese, so that text alone is sent and stored. Staff who read no Chinese see a gloss the
interface translates (ui/cashier/reminder_list.py), never sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from app.domain.vocabulary import Channel


class ReminderReply(StrEnum):
    """One canned reply, by what it tells the customer."""

    PREPARING = "preparing"
    RIDER_ON_THE_WAY = "rider_on_the_way"
    RIDER_ARRIVING = "rider_arriving"
    PEAK_DELAY = "peak_delay"
    READY_FOR_PICKUP = "ready_for_pickup"


CUSTOMER_TEXT: Final[Mapping[ReminderReply, str]] = MappingProxyType(
    {
        ReminderReply.PREPARING: "正在制作，马上就好",
        ReminderReply.RIDER_ON_THE_WAY: "骑手已取餐，正在路上",
        ReminderReply.RIDER_ARRIVING: "骑手即将到店",
        ReminderReply.PEAK_DELAY: "高峰期稍有延迟，请耐心等待",
        ReminderReply.READY_FOR_PICKUP: "已备好，请凭取餐码到柜台取餐",
    }
)
"""What the customer reads for each reply: sent to the hub and stored exactly so."""

_TAKEOUT: Final = (
    ReminderReply.PREPARING,
    ReminderReply.RIDER_ON_THE_WAY,
    ReminderReply.RIDER_ARRIVING,
    ReminderReply.PEAK_DELAY,
)

QUICK_REPLIES: Final[Mapping[Channel, tuple[ReminderReply, ...]]] = MappingProxyType(
    {
        Channel.MEITUAN: _TAKEOUT,
        Channel.ELEME: _TAKEOUT,
        Channel.MINIPROGRAM: (
            ReminderReply.PREPARING,
            ReminderReply.READY_FOR_PICKUP,
            ReminderReply.PEAK_DELAY,
        ),
    }
)
"""The replies the counter offers for each channel's reminders, most used first."""


def reply_of_text(text: str) -> ReminderReply | None:
    """The canned reply whose customer text is `text`, or None (a reply typed elsewhere)."""
    for reply, customer_text in CUSTOMER_TEXT.items():
        if customer_text == text:
            return reply
    return None
