"""Words printed on tickets, Chinese first then English: the kitchen reads the Chinese."""

from __future__ import annotations

from app.printing.tickets import TicketKind

_CHANNELS = {
    "meituan": "美团 Meituan",
    "eleme": "饿了么 Eleme",
    "miniprogram": "小程序 Mini-program",
}
_KINDS = {
    TicketKind.KITCHEN: "厨房单 Kitchen",
    TicketKind.RECEIPT: "顾客小票 Receipt",
    TicketKind.VOID: "作废单 VOID",
    TicketKind.BAG_LABEL: "袋标 Bag label",
}


def channel_words(channel: str) -> str:
    """The channel's printed name (the raw code when unknown)."""
    return _CHANNELS.get(channel, channel)


def kind_words(kind: TicketKind) -> str:
    """The ticket kind's printed name."""
    return _KINDS[kind]
