"""What task and shortage records carry: a picking task, its lines, a shortage, its decision."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from app.domain import wire_limits as limits
from app.domain.status_codes import TaskStatusCode
from app.domain.vocabulary import (
    Channel,
    HandoverParty,
    OutOfStockPreference,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from sync.protocol.order_data import ShelfLocation, StatusDetail
from sync.protocol.wire_types import (
    Bool,
    Cents,
    Code,
    Count,
    Grams,
    Identifier,
    Message,
    ProductName,
    Quantity,
    Serial,
    SignedCents,
    StatusCode,
    Time,
    Version,
    WireModel,
)

ShortageDecision = Literal["found", "substitute", "partial_refund", "cancel_order"]
"""What the manager decided on a shortage."""


class TaskLine(WireModel):
    """One line to pick: which order line, how many, where, and how far picking got."""

    line_id: Identifier
    sku: Identifier
    name: ProductName
    barcode: Code
    quantity: Quantity
    picked_quantity: Count = 0
    status: TaskLineStatus = TaskLineStatus.OPEN
    location: ShelfLocation | None = None
    weighed: Bool = False
    ordered_weight_g: Grams | None = None
    price_per_kg_cents: Cents | None = None
    actual_weight_g: Grams | None = Field(
        default=None, description="Weighed line: the weight on the labels scanned so far"
    )
    price_difference_cents: SignedCents = Field(
        default=0, description="Weighed line: actual price minus ordered price (may be < 0)"
    )
    paid_cents: Cents = 0
    short_quantity: Count = 0
    short_reason: ShortageReason | None = None
    shortage_decision: ShortageDecision | None = None
    substitute_sku: Code = ""
    substitute_name: ProductName = ""


class TaskData(WireModel):
    """A fulfilment task dispatched to a picker."""

    task_id: Identifier
    order_id: Identifier
    kind: TaskKind
    status: TaskStatus
    assignee_staff_id: Identifier | None = None
    lines: Annotated[list[TaskLine], Field(max_length=limits.LINES_MAX)]
    due_at: Time | None = Field(default=None, description="The order's expected ready time")
    bag_count: Count | None = None
    channel: Channel | None = None
    daily_serial: Serial | None = None
    out_of_stock_preference: OutOfStockPreference = OutOfStockPreference.CONTACT_ME
    paused: Bool = False
    handed_to: HandoverParty | None = None
    status_reason: Message = Field(
        default="",
        description="Why cancelled or reassigned, in English words (for devices that predate"
        " status_code)",
    )
    status_code: StatusCode = Field(
        default="",
        description="Why cancelled, reassigned or put back in the queue, as a stable code: "
        f"{', '.join(TaskStatusCode)}; empty when none. A device words the codes it knows and"
        " shows status_reason for any other (a newer hub may add codes).",
    )
    status_detail: StatusDetail = Field(
        default_factory=StatusDetail, description="The data beside status_code"
    )
    started_at: Time | None = Field(
        default=None, description="When the picker started it (pick times)"
    )
    done_at: Time | None = Field(default=None, description="When it was done or cancelled")
    version: Version


class ShortageData(WireModel):
    """A line a picker could not fill, waiting for (or carrying) the manager's decision."""

    shortage_id: Identifier
    order_id: Identifier
    task_id: Identifier
    line_id: Identifier
    quantity_short: Quantity
    reason: ShortageReason
    reported_by: Identifier
    reported_at: Time
    decision: ShortageDecision | None = None
    refund_cents: Cents | None = None
    substitute_sku: Code = ""
    substitute_name: ProductName = ""
    decided_at: Time | None = None
    version: Version
