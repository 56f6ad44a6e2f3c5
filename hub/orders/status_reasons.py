"""Why an order was closed or left the store, set in one go: English words, code and detail.

Each function gives the `status_reason` (English words, all a device that predates the codes
shows), the `status_code` and the `status_detail` of one reason, as changes for
`update_order` / `next_version`: the three never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from app.domain.channel_rules import RejectReason
from app.domain.status_codes import OrderStatusCode
from app.domain.vocabulary import HandoverParty
from hub.orders.order_refusals import CUSTOMER_CANCELLED, NOT_CONFIRMED_IN_TIME, REASON_WORDS
from sync.protocol import StatusDetail

CANCEL_AGREED: Final = "cancelled at the customer's request"
"""status_reason of an order whose customer's cancel request was agreed (then the reason)."""
CANCEL_AUTO_AGREED: Final = "cancelled at the customer's request, agreed by the channel"
"""status_reason of a cancel request nobody answered before its deadline."""
SHORTAGE_CANCELLED: Final = "A manager cancelled the order: items were missing."
"""status_reason of an order a manager cancelled for a shortage (also the channel's note)."""
_HANDED_TO: Final[Mapping[HandoverParty, tuple[str, OrderStatusCode]]] = MappingProxyType(
    {
        HandoverParty.RIDER: ("handed to the rider", OrderStatusCode.HANDED_TO_RIDER),
        HandoverParty.CUSTOMER: (
            "collected by the customer",
            OrderStatusCode.PICKED_UP_BY_CUSTOMER,
        ),
    }
)


def _reason(
    words: str, code: OrderStatusCode, detail: StatusDetail | None = None
) -> dict[str, Any]:
    return {
        "status_reason": words,
        "status_code": code.value,
        "status_detail": detail or StatusDetail(),
    }


def customer_cancelled() -> dict[str, Any]:
    """The customer cancelled through the channel."""
    return _reason(CUSTOMER_CANCELLED, OrderStatusCode.CUSTOMER_CANCELLED)


def not_confirmed_in_time() -> dict[str, Any]:
    """The hub cancelled the order at its acceptance deadline."""
    return _reason(NOT_CONFIRMED_IN_TIME, OrderStatusCode.NOT_CONFIRMED_IN_TIME)


def rejected_by_store(reason: RejectReason, note: str) -> dict[str, Any]:
    """The store rejected the order for `reason`, with the cashier's `note` (may be empty)."""
    after = f": {note}" if note else ""
    return _reason(
        f"rejected by the store ({REASON_WORDS[reason]}){after}",
        OrderStatusCode.REJECTED_BY_STORE,
        StatusDetail(reject_reason=reason.value, text=note),
    )


def handed_over(party: HandoverParty) -> dict[str, Any]:
    """The store handed the order to the rider or the customer."""
    words, code = _HANDED_TO[party]
    return _reason(words, code)


def cancel_agreed(customer_reason: str, *, by_channel: bool) -> dict[str, Any]:
    """The customer's cancel request was agreed, by the store or (`by_channel`) by the channel
    at the request's deadline; `customer_reason` is what the customer gave (may be empty)."""
    words = CANCEL_AUTO_AGREED if by_channel else CANCEL_AGREED
    code = OrderStatusCode.CANCEL_AUTO_AGREED if by_channel else OrderStatusCode.CANCEL_AGREED
    after = f": {customer_reason}" if customer_reason else ""
    return _reason(f"{words}{after}", code, StatusDetail(text=customer_reason))


def shortage_cancelled() -> dict[str, Any]:
    """A manager cancelled the order because items were missing."""
    return _reason(SHORTAGE_CANCELLED, OrderStatusCode.SHORTAGE_CANCELLED)
