"""Channel adapters, one module per channel, and the registry the hub looks them up in."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from app.domain.vocabulary import Channel
from hub.channels.adapter import (
    ChannelAction,
    ChannelAdapter,
    ChannelCodeTable,
    ChannelPayloadError,
    ChannelPush,
    IntakeContext,
)
from hub.channels.eleme import ELEME
from hub.channels.meituan import MEITUAN
from hub.channels.miniprogram import MINIPROGRAM

ADAPTERS: Final[Mapping[Channel, ChannelAdapter]] = MappingProxyType(
    {Channel.MEITUAN: MEITUAN, Channel.ELEME: ELEME, Channel.MINIPROGRAM: MINIPROGRAM}
)

__all__ = [
    "ADAPTERS",
    "ChannelAction",
    "ChannelAdapter",
    "ChannelCodeTable",
    "ChannelPayloadError",
    "ChannelPush",
    "IntakeContext",
]
