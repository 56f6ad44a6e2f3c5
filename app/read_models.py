"""Immutable views of cached data that the screens render; no database object leaves app/."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    OutOfStockPreference,
    RiderStatus,
    Role,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExceptionProblemView:
    """One thing the hub could not read in a channel's order; the device words it from `code`
    (unknown_item, bad_line, totals_mismatch, missing_field, bad_value, too_many_lines)."""

    code: str
    field: str = ""
    line_ref: str = ""
    channel_sku: str = ""
    quantity: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UnreadLineView:
    """A line of the channel's order the hub could not match to the catalogue, as sent."""

    ref: str
    channel_sku: str
    name: str
    quantity: int | None
    """None: the channel's quantity was unreadable."""
    unit_price_cents: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExceptionView:
    """Why an order is an exception order, and the lines the store must map to accept it."""

    problems: tuple[ExceptionProblemView, ...]
    unread_lines: tuple[UnreadLineView, ...]
    raw_payload_id: str
    received_at: datetime | None

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> ExceptionView:
        """The view of a stored wire OrderException (validated when it arrived)."""
        received = data.get("received_at")
        return cls(
            problems=tuple(
                ExceptionProblemView(
                    code=str(problem.get("code", "")),
                    field=str(problem.get("field", "")),
                    line_ref=str(problem.get("line_ref", "")),
                    channel_sku=str(problem.get("channel_sku", "")),
                    quantity=_whole_or_none(problem.get("quantity")),
                )
                for problem in data.get("problems", ())
            ),
            unread_lines=tuple(
                UnreadLineView(
                    ref=str(line.get("ref", "")),
                    channel_sku=str(line.get("channel_sku", "")),
                    name=str(line.get("name", "")),
                    quantity=_whole_or_none(line.get("quantity")),
                    unit_price_cents=_whole_or_none(line.get("unit_price_cents")),
                )
                for line in data.get("unread_lines", ())
            ),
            raw_payload_id=str(data.get("raw_payload_id", "")),
            received_at=None if received is None else datetime.fromisoformat(str(received)),
        )


def _whole_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


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


@dataclass(frozen=True, slots=True)
class StaffCard:
    """A staff member as the sign-in screen lists them."""

    staff_id: str
    name: str
    roles: frozenset[Role]


@dataclass(frozen=True, slots=True)
class SignedInStaff:
    """The person using the device now.

    `approved_by` is a manager who entered their PIN on this person's session to approve one
    sensitive action (an override): the services let the action through on the manager's roles,
    audit both names, and the command carries the manager's staff id for the hub to check.
    """

    staff_id: str
    name: str
    roles: frozenset[Role]
    approved_by: SignedInStaff | None = None

    def approved(self, manager: SignedInStaff) -> SignedInStaff:
        """This person, for one action approved by `manager`."""
        return SignedInStaff(self.staff_id, self.name, self.roles, approved_by=manager)


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarantinedView:
    """A record from the hub that could not be read, with the reason."""

    kind: str
    entity_id: str
    reason: str
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncHealth:
    """What a manager checks about this device's sync, read from the database."""

    pending_count: int
    oldest_pending_at: datetime | None
    last_pull_at: datetime | None
    last_push_at: datetime | None
    rejected_count: int
    """Actions the hub refused (the order had moved on, the customer cancelled...)."""
    set_aside_count: int
    """Actions the hub could not take at all; they need a person."""
    quarantined: tuple[QuarantinedView, ...]
    repaired_count: int
    """Differences the anti-entropy check found and repaired, in all."""
    last_check_at: datetime | None


# --- picking (issue 5) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskSummary:
    """One row of a picker's "my tasks"."""

    task_id: str
    order_id: str
    kind: TaskKind
    status: TaskStatus
    channel: Channel | None
    daily_serial: int | None
    due_at: datetime | None
    """The order's expected ready time: the task's deadline."""
    line_count: int
    unit_count: int
    picked_count: int
    paused: bool
    has_pending: bool
    """This device has actions on the task that the hub has not confirmed yet."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskLineView:
    """One line of a task, as the pick screen shows it."""

    line_id: str
    sku: str
    name: str
    barcode: str
    quantity: int
    picked_quantity: int
    status: TaskLineStatus
    zone: str | None
    aisle: int | None
    shelf: int | None
    position: int | None
    weighed: bool
    ordered_weight_g: int | None
    price_per_kg_cents: int | None
    actual_weight_g: int | None
    price_difference_cents: int
    """Weighed line: actual price minus ordered price, in cents (negative: cheaper)."""
    short_quantity: int
    short_reason: ShortageReason | None
    shortage_decision: str | None
    """found, substitute, partial_refund or cancel_order, once the manager decided."""
    refund_cents: int | None
    substitute_name: str

    @property
    def location_text(self) -> str:
        """The shelf place as staff read it, e.g. "A-03-2-4" ("" when unknown)."""
        if self.zone is None:
            return ""
        return f"{self.zone}-{self.aisle or 0:02d}-{self.shelf or 0}-{self.position or 0}"

    @property
    def remaining(self) -> int:
        """Units still to pick (0 once picked, short or decided)."""
        if self.status is not TaskLineStatus.OPEN:
            return 0
        return self.quantity - self.picked_quantity


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskDetail:
    """A task with its lines in shelf-route order (zone, aisle, shelf, position)."""

    task_id: str
    order_id: str
    kind: TaskKind
    status: TaskStatus
    assignee_staff_id: str | None
    channel: Channel | None
    daily_serial: int | None
    due_at: datetime | None
    out_of_stock_preference: OutOfStockPreference
    paused: bool
    bag_count: int | None
    handed_to: HandoverParty | None
    status_reason: str
    lines: tuple[TaskLineView, ...]
    has_pending: bool
    version: int

    @property
    def done_lines(self) -> int:
        """Lines picked, or short and decided (the "3" of "3/11")."""
        return sum(1 for line in self.lines if line.status is not TaskLineStatus.OPEN)

    @property
    def current_line(self) -> TaskLineView | None:
        """The first open line on the route, or None when every line is done or waiting."""
        return next((line for line in self.lines if line.status is TaskLineStatus.OPEN), None)

    @property
    def waiting_lines(self) -> int:
        """Lines reported short and waiting for the manager's decision."""
        return sum(1 for line in self.lines if line.status is TaskLineStatus.SHORT_PENDING)


ScanKind = Literal[
    "counted",
    "line_done",
    "quantity_needed",
    "wrong_item",
    "bad_code",
    "weight_out_of_tolerance",
    "nothing_open",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOutcome:
    """What one scan did: `kind` says which; nothing was counted unless "counted".

    `message_args` fill the words `ui/labels.py` gives the kind (names, weights, amounts).
    """

    kind: ScanKind
    line_id: str | None
    message_args: dict[str, str | int]
    task: TaskDetail

    @property
    def counted(self) -> bool:
        """Whether the scan counted units."""
        return self.kind == "counted"


@dataclass(frozen=True, slots=True, kw_only=True)
class PickingNotice:
    """Something that happened to a picker's task without them: cancelled or reassigned."""

    notice_id: int
    task_id: str
    kind: Literal["cancelled", "reassigned"]
    message: str
    """The hub's words (why), shown as they are."""
    at: datetime
