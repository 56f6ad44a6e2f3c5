"""The words printed on tickets: English sources of the "Tickets" catalogue, worded at print time.

Every text is a literal `QT_TRANSLATE_NOOP("Tickets", ...)` so that lupdate puts it in the
catalogue; a `TicketWords` (the Qt catalogue of the store's ticket language, given by the
composition root, or `english`) turns it into the printed words when the ticket prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Final

from app.printing.tickets import TicketKind

log = logging.getLogger(__name__)

CONTEXT: Final = "Tickets"
"""The catalogue context of every ticket text."""

TicketWords = Callable[[str], str]
"""The printed form of one source text of context "Tickets" (the source when untranslated)."""


class TicketLanguage(StrEnum):
    """A language tickets print in; the device's choice, apart from the interface's."""

    CHINESE = "zh_CN"
    ENGLISH = "en"


DEFAULT_LANGUAGE: Final = TicketLanguage.CHINESE
"""Stores are in China: the kitchen reads Chinese unless someone chose otherwise."""


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """`source` unchanged: marks it for lupdate as an entry of `context` (lupdate's Python
    parser knows Qt's macro by this name, so a call of it with literals is an entry)."""
    del context
    return source


def english(source: str) -> str:
    """The source itself: tickets in English need no catalogue."""
    return source


KITCHEN_VOIDED: Final = QT_TRANSLATE_NOOP("Tickets", "Kitchen ticket #{serial} rev {revision}")
PICKUP_CODE: Final = QT_TRANSLATE_NOOP("Tickets", "Pickup {code}")
ORDER_NUMBER: Final = QT_TRANSLATE_NOOP("Tickets", "Order no. {number}")
CUSTOMER: Final = QT_TRANSLATE_NOOP("Tickets", "Customer {name}")
CHANGED: Final = QT_TRANSLATE_NOOP("Tickets", "CHANGED rev {revision}, replaces rev {previous}")
VOIDS: Final = QT_TRANSLATE_NOOP("Tickets", "Voids: {what}")
NOTE: Final = QT_TRANSLATE_NOOP("Tickets", "Note: {note}")
SUBTOTAL: Final = QT_TRANSLATE_NOOP("Tickets", "Subtotal")
DISCOUNT: Final = QT_TRANSLATE_NOOP("Tickets", "Discount")
DELIVERY_FEE: Final = QT_TRANSLATE_NOOP("Tickets", "Delivery fee")
PAID: Final = QT_TRANSLATE_NOOP("Tickets", "Paid")
BAG_OF: Final = QT_TRANSLATE_NOOP("Tickets", "Bag {number} of {count}")
REPRINT: Final = QT_TRANSLATE_NOOP("Tickets", "REPRINT")
REASON: Final = QT_TRANSLATE_NOOP("Tickets", "Reason: {reason}")
RESENT: Final = QT_TRANSLATE_NOOP(
    "Tickets", "RESENT: an earlier attempt may have printed part of this ticket"
)
COUNTER: Final = QT_TRANSLATE_NOOP("Tickets", "Counter")
"""The station of receipts and of kitchen lines no station claims."""

_CHANNELS: Final = {
    "meituan": QT_TRANSLATE_NOOP("Tickets", "Meituan"),
    "eleme": QT_TRANSLATE_NOOP("Tickets", "Eleme"),
    "miniprogram": QT_TRANSLATE_NOOP("Tickets", "Mini-program"),
}
_KINDS: Final = {
    TicketKind.KITCHEN: QT_TRANSLATE_NOOP("Tickets", "Kitchen"),
    TicketKind.RECEIPT: QT_TRANSLATE_NOOP("Tickets", "Receipt"),
    TicketKind.VOID: QT_TRANSLATE_NOOP("Tickets", "VOID"),
    TicketKind.BAG_LABEL: QT_TRANSLATE_NOOP("Tickets", "Bag label"),
}
_FULFILMENTS: Final = {
    "delivery": QT_TRANSLATE_NOOP("Tickets", "Delivery"),
    "pickup": QT_TRANSLATE_NOOP("Tickets", "Pickup"),
}


def say(words: TicketWords, source: str, **values: object) -> str:
    """`source` in `words` with `values` filled in; a translation whose placeholders do not
    match its source is logged and the source is printed instead: a ticket always prints."""
    try:
        return words(source).format(**values)
    except (KeyError, IndexError, ValueError):
        log.error("ticket words for %r do not match its placeholders", source)
        return source.format(**values)


def channel_words(channel: str, words: TicketWords = english) -> str:
    """The channel's printed name (the raw code when unknown)."""
    source = _CHANNELS.get(channel)
    return channel if source is None else words(source)


def kind_words(kind: TicketKind, words: TicketWords = english) -> str:
    """The ticket kind's printed name."""
    return words(_KINDS[kind])


def fulfilment_words(fulfilment: str, words: TicketWords = english) -> str:
    """How the order reaches the customer, printed (the raw code when unknown)."""
    source = _FULFILMENTS.get(fulfilment)
    return fulfilment if source is None else words(source)
