"""Views of orders for the cashier: inbox rows, the detail pane's parts, channel pauses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    OutOfStockPreference,
    RiderStatus,
)
from app.read_models.exception_orders import ExceptionView
from app.read_models.status_reasons import NO_REASON, StatusReason


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderSummary:
    """One row of the cashier inbox."""

    order_id: str
    channel: Channel
    channel_order_no: str
    daily_serial: int
    status: OrderStatus
    resume_status: OrderStatus | None
    fulfilment: FulfilmentMode
    customer_name: str
    placed_at: datetime
    accept_by: datetime
    item_count: int
    total_cents: int
    pickup_code: str | None
    has_pending: bool
    """This device has actions on the order that the hub has not confirmed yet."""
    scheduled_for: datetime | None = None
    """A booked order: when the customer wants it."""
    prepare_at: datetime | None = None
    """A booked order: when it leaves the Scheduled tab for New."""
    exception: ExceptionView | None = None
    """What the hub could not read of the channel's order (an exception order; kept after
    the store mapped and accepted it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLineView:
    """One line of an order's detail."""

    line_id: str
    name: str
    name_en: str
    quantity: int
    unit_price_cents: int
    paid_cents: int
    weighed: bool
    ordered_weight_g: int | None
    note: str
    shortage_decision: str | None = None
    """The manager's decision on a shortage of this line: found, substitute, partial_refund or
    cancel_order (None: none reported, or not decided yet)."""
    shortage_refund_cents: int | None = None
    """What that decision gave back to the customer."""
    substitute_name: str = ""
    """The item packed instead (a substitute decision)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RiderView:
    """The courier of a delivery order."""

    name: str
    phone_masked: str
    status: RiderStatus
    eta: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerRequestView:
    """A customer's cancel or refund request, and its answer once there is one."""

    kind: Literal["cancel", "refund"]
    reason: str
    requested_at: datetime
    respond_by: datetime | None
    """The channel agrees by itself at this time if the store has not answered."""
    refund_cents: int | None
    answer: Literal["agreed", "disagreed", "auto_agreed"] | None
    answer_reason: str
    answered_at: datetime | None
    answered_by: str

    @property
    def is_open(self) -> bool:
        """Whether the request still waits for an answer."""
        return self.answer is None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReminderView:
    """A customer asking where the order is, and the reply if any."""

    reminder_id: str
    asked_at: datetime
    reply: str
    replied_at: datetime | None
    replied_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class HandoverView:
    """Who at the store handed the order over, and to whom."""

    by_name: str
    to: HandoverParty
    to_name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderDetail(OrderSummary):
    """Everything the detail pane shows about one order."""

    status_reason: str
    """The hub's English words of why (shown only through `why`, for a code unknown here)."""
    customer_phone_masked: str
    out_of_stock_preference: OutOfStockPreference
    lines: tuple[OrderLineView, ...]
    subtotal_cents: int
    discount_cents: int
    delivery_fee_cents: int
    note: str
    expected_ready_at: datetime | None
    accepted_at: datetime | None
    ready_at: datetime | None
    handed_over_at: datetime | None
    closed_at: datetime | None
    rider: RiderView | None
    version: int
    request: CustomerRequestView | None = None
    reminders: tuple[ReminderView, ...] = ()
    handover: HandoverView | None = None
    why: StatusReason = NO_REASON
    """Why the order was closed or left the store: the hub's code, its detail and words."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelPauseView:
    """Whether a channel takes new orders at this store now (busy mode)."""

    channel: Channel
    paused_until: datetime | None
    """None: the channel takes orders."""
    has_pending: bool
    """A pause or reopening made on this device that the hub has not confirmed yet."""

    @property
    def is_paused(self) -> bool:
        """Whether the channel is paused now."""
        return self.paused_until is not None
