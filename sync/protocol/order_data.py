"""What an order record carries: the order, its lines, customer, rider, requests, exception."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from app.domain import wire_limits as limits
from app.domain.status_codes import OrderStatusCode
from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    OutOfStockPreference,
    RiderStatus,
)
from sync.protocol.wire_types import (
    Bool,
    Cents,
    Code,
    Grams,
    Identifier,
    Int,
    Message,
    Name,
    Note,
    Phone,
    ProductName,
    Quantity,
    Reason,
    Serial,
    ShortText,
    StatusCode,
    Time,
    Version,
    WireModel,
)


class ShelfLocation(WireModel):
    """Where a product lives in the store, in walking order."""

    zone: ShortText
    aisle: Int
    shelf: Int
    position: Int


class OrderLine(WireModel):
    """One line of an order, with what the customer paid for it after discounts."""

    line_id: Identifier
    sku: Identifier
    name: ProductName
    name_en: ProductName = ""
    barcode: Code
    quantity: Quantity
    unit_price_cents: Cents
    paid_cents: Cents
    weighed: Bool = False
    ordered_weight_g: Grams | None = None
    category: ShortText = ""
    location: ShelfLocation | None = None
    note: Note = ""


class Customer(WireModel):
    """The customer as the store may see them."""

    name: Name
    phone_masked: Phone
    phone: Phone = Field(
        default="",
        description="The channel's privacy number in full, for the staff who must call the"
        " customer; empty when the channel sent only a masked number",
    )
    out_of_stock_preference: OutOfStockPreference = OutOfStockPreference.CONTACT_ME


class Rider(WireModel):
    """The channel's courier for a delivery order."""

    name: Name
    phone_masked: Phone
    status: RiderStatus
    eta: Time | None = None


class CustomerRequest(WireModel):
    """A customer's cancel or refund request on an order, and the answer once there is one."""

    kind: Literal["cancel", "refund"]
    reason: Reason = ""
    requested_at: Time
    respond_by: Time | None = Field(
        default=None, description="The channel agrees by itself at this time if nobody answers"
    )
    refund_cents: Cents | None = None
    answer: Literal["agreed", "disagreed", "auto_agreed"] | None = None
    answer_reason: Reason = ""
    answered_at: Time | None = None
    answered_by: Name = Field(default="", description="Name of the staff member who answered")


class Reminder(WireModel):
    """A customer asking where their order is, and the store's reply."""

    reminder_id: Identifier
    asked_at: Time
    reply: Reason = ""
    replied_at: Time | None = None
    replied_by: Name = ""


class Handover(WireModel):
    """Who at the store handed the order over, and to whom."""

    by_staff_id: Identifier
    by_name: Name = ""
    to: HandoverParty
    to_name: Name = ""


ExceptionCode = Literal[
    "unknown_item",
    "bad_line",
    "totals_mismatch",
    "missing_field",
    "bad_value",
    "too_many_lines",
]
"""Why the hub could not read part of a channel's order."""


class ExceptionProblem(WireModel):
    """One thing the hub could not read in a channel's order."""

    code: ExceptionCode
    message: Message = Field(description="The problem in words (English; devices word it again)")
    field: Code = Field(default="", description="The channel's field name, when one is at fault")
    line_ref: Code = Field(default="", description="The `ref` of the unread line it concerns")
    channel_sku: Code = ""
    quantity: Annotated[int, Strict(), Field(ge=0)] | None = None


class UnreadLine(WireModel):
    """A line of the channel's order the hub could not match to the catalogue, as sent."""

    ref: Identifier = Field(description="The line's place in the channel's order (1, 2, ...)")
    channel_sku: Code = ""
    name: ProductName = ""
    quantity: Quantity | None = Field(default=None, description="None when unreadable")
    unit_price_cents: Cents | None = Field(default=None, description="None when unreadable")


class OrderException(WireModel):
    """Why an order is an exception order, and what the store must map before accepting it."""

    problems: Annotated[list[ExceptionProblem], Field(min_length=1, max_length=50)]
    unread_lines: Annotated[list[UnreadLine], Field(max_length=limits.LINES_MAX)] = Field(
        default_factory=list
    )
    raw_payload_id: Identifier = Field(description="The channel's payload, kept at the hub")
    received_at: Time


class LineMapping(WireModel):
    """A manager's match of an unread line to an item of the catalogue."""

    ref: Identifier
    sku: Identifier
    quantity: Quantity


class StatusDetail(WireModel):
    """The data beside a status code that is not the hub's to word: what a person typed or
    is called, or a code the device words itself. Which fields a code fills is said at the
    code (app/domain/status_codes.py); the others stay empty."""

    reject_reason: StatusCode = Field(
        default="", description="rejected_by_store: the reject reason's code (sold_out...)"
    )
    text: Message = Field(
        default="",
        description="The words of a person, shown as typed: the customer's reason of a cancel"
        " request, the store's note of a rejection",
    )
    name: Name = Field(
        default="", description="A task's picker: the one it went to, or who clocked out"
    )
    by_name: Name = Field(
        default="", description="Who did it (the manager), when not the person concerned"
    )
    order_code: StatusCode = Field(
        default="", description="order_cancelled (a task): the status_code of its order"
    )


_STATUS_CODE_WORDS = (
    "Why the order was closed or left the store, as a stable code: "
    f"{', '.join(OrderStatusCode)}; empty when none. A device words the codes it knows and"
    " shows status_reason for any other (a newer hub may add codes)."
)


class OrderData(WireModel):
    """The unified order, as the hub holds it.

    An exception order (status `exception`) carries `exception` and the lines the hub could
    read (possibly none); any other order has at least one line.
    """

    order_id: Identifier
    store_id: Identifier
    channel: Channel
    channel_order_no: Identifier
    daily_serial: Serial
    status: OrderStatus
    resume_status: OrderStatus | None = None
    status_reason: Message = Field(
        default="", description="Why, in English words (for devices that predate status_code)"
    )
    status_code: StatusCode = Field(default="", description=_STATUS_CODE_WORDS)
    status_detail: StatusDetail = Field(
        default_factory=StatusDetail, description="The data beside status_code"
    )
    fulfilment: FulfilmentMode
    customer: Customer
    lines: Annotated[list[OrderLine], Field(max_length=limits.LINES_MAX)]
    subtotal_cents: Cents
    discount_cents: Cents
    delivery_fee_cents: Cents
    total_cents: Cents
    note: Note = ""
    placed_at: Time
    accept_by: Time
    expected_ready_at: Time | None = None
    accepted_at: Time | None = None
    ready_at: Time | None = None
    handed_over_at: Time | None = None
    closed_at: Time | None = None
    pickup_code: Code | None = None
    rider: Rider | None = None
    request: CustomerRequest | None = Field(
        default=None, description="The customer's latest cancel or refund request"
    )
    reminders: list[Reminder] = Field(default_factory=list, max_length=limits.LIST_MAX)
    scheduled_for: Time | None = Field(
        default=None, description="A booked order: when the customer wants it"
    )
    prepare_at: Time | None = Field(
        default=None,
        description="A booked order: when the store should start on it (it is new from then)",
    )
    handover: Handover | None = None
    exception: OrderException | None = Field(
        default=None,
        description="What the hub could not read; kept after the order is mapped and accepted",
    )
    version: Version

    @model_validator(mode="after")
    def _lines_unless_exception(self) -> OrderData:
        if self.status is OrderStatus.EXCEPTION and self.exception is None:
            raise ValueError("an exception order must say what the hub could not read")
        if not self.lines and self.exception is None:
            raise ValueError("an order needs at least one of its lines")
        return self
