"""Views of picking for the handheld: task rows, a task on its route, scans and notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.domain.vocabulary import (
    Channel,
    HandoverParty,
    OutOfStockPreference,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from app.read_models.status_reasons import NO_REASON, StatusReason


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
    why: StatusReason = NO_REASON
    """Why cancelled, given away or queued again: the hub's code, its detail and words."""

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
    """The hub's English words of why (shown only through `why`, for a code unknown here)."""
    at: datetime
    why: StatusReason = NO_REASON
    """Why the task was taken away: the hub's code, its detail and words."""
