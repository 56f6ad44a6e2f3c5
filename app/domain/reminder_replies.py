"""Canned replies to a customer's "where is my order", one short list per channel.

They are sent to the customer as written (the channels show Chinese to their customers), so
each carries the English beside it for staff who do not read Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from app.domain.vocabulary import Channel

_TAKEOUT: Final = (
    "正在制作，马上就好 Being prepared, almost done",
    "骑手已取餐，正在路上 The rider has it and is on the way",
    "骑手即将到店 The rider is about to arrive at the store",
    "高峰期稍有延迟，请耐心等待 A little delay at peak time, thank you for waiting",
)

QUICK_REPLIES: Final[Mapping[Channel, tuple[str, ...]]] = MappingProxyType(
    {
        Channel.MEITUAN: _TAKEOUT,
        Channel.ELEME: _TAKEOUT,
        Channel.MINIPROGRAM: (
            "正在制作，马上就好 Being prepared, almost done",
            "已备好，请凭取餐码到柜台取餐 Ready: show your pickup code at the counter",
            "高峰期稍有延迟，请耐心等待 A little delay at peak time, thank you for waiting",
        ),
    }
)
"""The replies the counter offers for each channel's reminders, most used first."""
