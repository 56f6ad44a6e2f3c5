"""Customers' phone numbers: the masked form everyone sees, and who may see the full number."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from app.domain.vocabulary import FulfilmentMode, OrderStatus, Role

_D: Final = r"[0-9０-９]"
_SEP: Final = r"[ \-－]?"
MAINLAND_MOBILE: Final = re.compile(
    rf"(?<![\d*])((?:[+＋]|00)?86{_SEP})?"
    rf"([1１][3-9３-９]{_D})({_SEP})({_D}{{4}})({_SEP})({_D}{{4}})(?![\d*])"
)
"""An 11-digit mainland mobile number standing alone, however it was typed.

People write it as 13812345678, 138 1234 5678 or 138-1234-5678, with +86, 0086 or 86 in
front, and Chinese input methods give full-width digits; all of these are the same number to
whoever reads a log or a ticket. Channels' privacy numbers (虚拟号) have the same shape.
Digits glued to other digits (an order number, a barcode) are not a phone number and are
left alone.
"""

_MASK: Final = "****"
_FINISHED: Final = frozenset({OrderStatus.COMPLETED, OrderStatus.REJECTED, OrderStatus.CANCELLED})
_OPEN_REQUEST: Final = frozenset({OrderStatus.CANCEL_REQUESTED, OrderStatus.REFUND_REQUESTED})


def mask_phone(number: str) -> str:
    """`number` as anyone at the store may see it: first 3 and last 4 digits, e.g. 138****1234.

    A number already masked by the channel comes back as it is; anything else keeps only its
    last 4 digits, the part customers quote at the counter.
    """
    text = number.strip()
    if not text or "*" in text:
        return text
    found = MAINLAND_MOBILE.fullmatch(text)
    if found is not None:
        return _masked(found)
    digits = "".join(ch for ch in text if ch.isdigit())
    return f"{_MASK}{digits[-4:]}"


def mask_phones_in(text: str) -> str:
    """`text` with every full mainland mobile number in it masked (log lines, error texts)."""
    return MAINLAND_MOBILE.sub(_masked, text)


def _masked(found: re.Match[str]) -> str:
    prefix, head, first_gap, _, second_gap, tail = found.groups(default="")
    return f"{prefix}{head}{first_gap}{_MASK}{second_gap}{tail}"


def phone_forms(reported: str) -> tuple[str, str]:
    """(full number or "", masked number) of what a channel reported for its customer.

    A channel that sends a privacy number in full gives the store a number to call; one that
    masks it itself gives only the masked form, and the full one stays unknown.
    """
    text = reported.strip()
    if "*" in text or MAINLAND_MOBILE.fullmatch(text) is None:
        return "", mask_phone(text)
    return text, mask_phone(text)


@dataclass(frozen=True, slots=True)
class OrderContactFacts:
    """What decides who may call the customer of one order."""

    status: OrderStatus
    fulfilment: FulfilmentMode
    task_assignees: frozenset[str]
    """Staff ids of pickers whose pick or pack task on this order is not finished yet."""


def may_see_phone(roles: Collection[Role], staff_id: str, order: OrderContactFacts) -> bool:
    """Whether this person may reveal the customer's full number (docs/decisions/021).

    A manager may, to settle any complaint. A picker may while a task of the order is theirs:
    a "contact me" shortage is theirs to phone about. A cashier may while the customer is at
    the counter for a pickup order that is ready, or while the customer's cancel or refund
    request waits for an answer. Nobody else, and no one but a manager once the order ended.
    """
    if Role.MANAGER in roles:
        return True
    if order.status in _FINISHED:
        return False
    if Role.PICKER in roles and staff_id in order.task_assignees:
        return True
    if Role.CASHIER not in roles:
        return False
    at_counter = order.fulfilment is FulfilmentMode.PICKUP and order.status is OrderStatus.READY
    return at_counter or order.status in _OPEN_REQUEST
