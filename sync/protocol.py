"""Wire contract v1 between a store device and the order hub, as pydantic schemas.

The hub generates its OpenAPI document from these models and the device validates
everything it receives against them. Money is integer cents (fen); times are aware UTC.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from app.domain.channel_rules import RejectReason
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

API_PREFIX = "/v1"

Cents = Annotated[int, Field(ge=0, description="Amount in cents (fen)")]
Identifier = Annotated[str, Field(min_length=1, max_length=64)]


class WireModel(BaseModel):
    """Base of every wire schema: unknown fields ignored, values immutable once parsed."""

    model_config = ConfigDict(frozen=True, extra="ignore")


# --- enrolment and auth -------------------------------------------------------------------


class EnrolmentRequest(WireModel):
    """A device asks to join a store with a one-time enrolment code."""

    store_code: Identifier
    enrolment_code: Annotated[str, Field(min_length=4, max_length=64)]
    device_name: Annotated[str, Field(min_length=1, max_length=80)]


class EnrolmentGrant(WireModel):
    """The hub's answer to a successful enrolment: the device's first pair of tokens.

    `device_token` is the short-lived access token sent as the bearer of every request;
    `refresh_token` buys the next pair at POST /v1/token. A hub without rotation may leave
    the refresh token out: its access token then never expires.
    """

    device_id: Identifier
    device_token: Annotated[str, Field(min_length=16)]
    store_id: Identifier
    store_name: str
    refresh_token: Annotated[str, Field(min_length=16)] | None = None
    access_expires_in_s: Annotated[int, Field(ge=0)] | None = None
    """Seconds the access token lives from now (None: until revoked)."""


class TokenRefresh(WireModel):
    """A device spends its refresh token on a new pair.

    `request_id` is random per refresh and kept with the token on the device, so a retry
    after a lost answer or a crash (same token, same id) gets the same pair back, while
    any other reuse of a spent token revokes the device's tokens (docs/decisions/017).
    """

    refresh_token: Annotated[str, Field(min_length=16, max_length=200)]
    request_id: Annotated[str, Field(min_length=16, max_length=64)]


class TokenPair(WireModel):
    """The hub's answer to a refresh: a new access token and the refresh token replacing the
    one spent."""

    access_token: Annotated[str, Field(min_length=16)]
    access_expires_in_s: Annotated[int, Field(ge=0)]
    refresh_token: Annotated[str, Field(min_length=16)]


TOKEN_EXPIRED = "token_expired"  # noqa: S105 (an error code, not a secret)
"""`error` code of a 401 whose access token only expired: refresh it and ask again."""
TOKENS_REVOKED = "tokens_revoked"
"""`error` code of a 401 after the hub revoked the device's tokens: the device must enrol again."""


class ErrorBody(WireModel):
    """Every non-2xx answer of the hub: a stable code and a sentence for people."""

    error: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class Health(WireModel):
    """Liveness of the hub."""

    status: Literal["ok"]
    hub_time: AwareDatetime
    feed_epoch: str


# --- feed records -------------------------------------------------------------------------


class ShelfLocation(WireModel):
    """Where a product lives in the store, in walking order."""

    zone: str
    aisle: int
    shelf: int
    position: int


class OrderLine(WireModel):
    """One line of an order, with what the customer paid for it after discounts."""

    line_id: Identifier
    sku: Identifier
    name: str
    name_en: str = ""
    barcode: str
    quantity: Annotated[int, Field(ge=1)]
    unit_price_cents: Cents
    paid_cents: Cents
    weighed: bool = False
    ordered_weight_g: Annotated[int, Field(ge=0)] | None = None
    category: str = ""
    location: ShelfLocation | None = None
    note: str = ""


class Customer(WireModel):
    """The customer as the store may see them."""

    name: str
    phone_masked: str
    phone: str = Field(
        default="",
        description="The channel's privacy number in full, for the staff who must call the"
        " customer; empty when the channel sent only a masked number",
    )
    out_of_stock_preference: OutOfStockPreference = OutOfStockPreference.CONTACT_ME


class Rider(WireModel):
    """The channel's courier for a delivery order."""

    name: str
    phone_masked: str
    status: RiderStatus
    eta: AwareDatetime | None = None


class CustomerRequest(WireModel):
    """A customer's cancel or refund request on an order, and the answer once there is one."""

    kind: Literal["cancel", "refund"]
    reason: str = ""
    requested_at: AwareDatetime
    respond_by: AwareDatetime | None = Field(
        default=None, description="The channel agrees by itself at this time if nobody answers"
    )
    refund_cents: Cents | None = None
    answer: Literal["agreed", "disagreed", "auto_agreed"] | None = None
    answer_reason: str = ""
    answered_at: AwareDatetime | None = None
    answered_by: str = Field(default="", description="Name of the staff member who answered")


class Reminder(WireModel):
    """A customer asking where their order is, and the store's reply."""

    reminder_id: Identifier
    asked_at: AwareDatetime
    reply: str = ""
    replied_at: AwareDatetime | None = None
    replied_by: str = ""


class Handover(WireModel):
    """Who at the store handed the order over, and to whom."""

    by_staff_id: Identifier
    by_name: str = ""
    to: HandoverParty
    to_name: str = ""


class OrderData(WireModel):
    """The unified order, as the hub holds it."""

    order_id: Identifier
    store_id: Identifier
    channel: Channel
    channel_order_no: Identifier
    daily_serial: Annotated[int, Field(ge=1)]
    status: OrderStatus
    resume_status: OrderStatus | None = None
    status_reason: str = ""
    fulfilment: FulfilmentMode
    customer: Customer
    lines: Annotated[list[OrderLine], Field(min_length=1)]
    subtotal_cents: Cents
    discount_cents: Cents
    delivery_fee_cents: Cents
    total_cents: Cents
    note: str = ""
    placed_at: AwareDatetime
    accept_by: AwareDatetime
    expected_ready_at: AwareDatetime | None = None
    accepted_at: AwareDatetime | None = None
    ready_at: AwareDatetime | None = None
    handed_over_at: AwareDatetime | None = None
    closed_at: AwareDatetime | None = None
    pickup_code: str | None = None
    rider: Rider | None = None
    request: CustomerRequest | None = Field(
        default=None, description="The customer's latest cancel or refund request"
    )
    reminders: list[Reminder] = Field(default_factory=list)
    scheduled_for: AwareDatetime | None = Field(
        default=None, description="A booked order: when the customer wants it"
    )
    prepare_at: AwareDatetime | None = Field(
        default=None,
        description="A booked order: when the store should start on it (it is new from then)",
    )
    handover: Handover | None = None
    version: Annotated[int, Field(ge=1)]


ShortageDecision = Literal["found", "substitute", "partial_refund", "cancel_order"]
"""What the manager decided on a shortage."""


class TaskLine(WireModel):
    """One line to pick: which order line, how many, where, and how far picking got."""

    line_id: Identifier
    sku: Identifier
    name: str
    barcode: str
    quantity: Annotated[int, Field(ge=1)]
    picked_quantity: Annotated[int, Field(ge=0)] = 0
    status: TaskLineStatus = TaskLineStatus.OPEN
    location: ShelfLocation | None = None
    weighed: bool = False
    ordered_weight_g: Annotated[int, Field(ge=0)] | None = None
    price_per_kg_cents: Cents | None = None
    actual_weight_g: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Weighed line: the weight on the labels scanned so far"
    )
    price_difference_cents: int = Field(
        default=0, description="Weighed line: actual price minus ordered price (may be < 0)"
    )
    paid_cents: Cents = 0
    short_quantity: Annotated[int, Field(ge=0)] = 0
    short_reason: ShortageReason | None = None
    shortage_decision: ShortageDecision | None = None
    substitute_sku: str = ""
    substitute_name: str = ""


class TaskData(WireModel):
    """A fulfilment task dispatched to a picker."""

    task_id: Identifier
    order_id: Identifier
    kind: TaskKind
    status: TaskStatus
    assignee_staff_id: Identifier | None = None
    lines: list[TaskLine]
    due_at: AwareDatetime | None = Field(
        default=None, description="The order's expected ready time"
    )
    bag_count: Annotated[int, Field(ge=0)] | None = None
    channel: Channel | None = None
    daily_serial: Annotated[int, Field(ge=1)] | None = None
    out_of_stock_preference: OutOfStockPreference = OutOfStockPreference.CONTACT_ME
    paused: bool = False
    handed_to: HandoverParty | None = None
    status_reason: str = Field(default="", description="Why cancelled or reassigned, in words")
    started_at: AwareDatetime | None = Field(
        default=None, description="When the picker started it (pick times)"
    )
    done_at: AwareDatetime | None = Field(default=None, description="When it was done or cancelled")
    version: Annotated[int, Field(ge=1)]


class ShortageData(WireModel):
    """A line a picker could not fill, waiting for (or carrying) the manager's decision."""

    shortage_id: Identifier
    order_id: Identifier
    task_id: Identifier
    line_id: Identifier
    quantity_short: Annotated[int, Field(ge=1)]
    reason: ShortageReason
    reported_by: Identifier
    reported_at: AwareDatetime
    decision: ShortageDecision | None = None
    refund_cents: Cents | None = None
    substitute_sku: str = ""
    substitute_name: str = ""
    decided_at: AwareDatetime | None = None
    version: Annotated[int, Field(ge=1)]


class ProductData(WireModel):
    """One item of the store's catalogue, published so substitutes are found offline too."""

    sku: Identifier
    name: str
    name_en: str = ""
    barcode: str
    category: str = ""
    unit_price_cents: Cents
    weighed: bool = False
    location: ShelfLocation | None = None
    in_stock: bool = True
    version: Annotated[int, Field(ge=1)]


class PinVerifierData(WireModel):
    """A salted Argon2id PIN hash; the device seals it with its pepper to check PINs offline.

    The cost parameters travel with it so the hub can raise them later; zero (an older
    record) makes a verifier that matches nothing until the hub resends it.
    """

    algorithm: str
    time_cost: Annotated[int, Field(ge=0)] = 0
    memory_kib: Annotated[int, Field(ge=0)] = 0
    parallelism: Annotated[int, Field(ge=0)] = 0
    salt_hex: str
    hash_hex: str


class StaffData(WireModel):
    """A member of the store's staff."""

    staff_id: Identifier
    name: str
    roles: Annotated[list[Role], Field(min_length=1)]
    pin: PinVerifierData
    active: bool = True
    clocked_in: bool = False
    version: Annotated[int, Field(ge=1)]


class ChannelSettings(WireModel):
    """How one channel runs at this store."""

    channel: Channel
    enabled: bool = True
    accept_window_s: Annotated[int, Field(ge=30)]
    paused_until: AwareDatetime | None = None


class StoreSettingsData(WireModel):
    """Store-wide settings the hub owns."""

    store_id: Identifier
    name: str
    timezone: str = "Asia/Shanghai"
    channels: list[ChannelSettings]
    version: Annotated[int, Field(ge=1)]


class _FeedRecordBase(WireModel):
    seq: Annotated[int, Field(ge=1)]
    id: Identifier
    version: Annotated[int, Field(ge=1)]


class OrderRecord(_FeedRecordBase):
    """Feed record carrying an order."""

    kind: Literal["order"]
    data: OrderData


class TaskRecord(_FeedRecordBase):
    """Feed record carrying a task."""

    kind: Literal["task"]
    data: TaskData


class ShortageRecord(_FeedRecordBase):
    """Feed record carrying a shortage."""

    kind: Literal["shortage"]
    data: ShortageData


class ProductRecord(_FeedRecordBase):
    """A catalogue item at its latest version."""

    kind: Literal["product"]
    data: ProductData


class StaffRecord(_FeedRecordBase):
    """Feed record carrying a staff member."""

    kind: Literal["staff"]
    data: StaffData


class StoreSettingsRecord(_FeedRecordBase):
    """Feed record carrying the store's settings."""

    kind: Literal["store_settings"]
    data: StoreSettingsData


class DeviceHealthData(WireModel):
    """A device's sync health as it last reported it, for the manager's sync health screen."""

    device_id: Identifier
    device_name: str
    pending_count: Annotated[int, Field(ge=0)]
    oldest_pending_at: AwareDatetime | None = None
    last_pull_at: AwareDatetime | None = None
    last_push_at: AwareDatetime | None = None
    rejected_count: Annotated[int, Field(ge=0)] = 0
    quarantined_count: Annotated[int, Field(ge=0)] = 0
    reported_at: AwareDatetime
    version: Annotated[int, Field(ge=1)]


class DeviceHealthRecord(_FeedRecordBase):
    """Feed record carrying one device's reported sync health."""

    kind: Literal["device_health"]
    data: DeviceHealthData


class DeviceHealthReport(WireModel):
    """What a device posts to `/v1/devices/health`: its own figures (the hub adds who and when)."""

    pending_count: Annotated[int, Field(ge=0)]
    oldest_pending_at: AwareDatetime | None = None
    last_pull_at: AwareDatetime | None = None
    last_push_at: AwareDatetime | None = None
    rejected_count: Annotated[int, Field(ge=0)] = 0
    quarantined_count: Annotated[int, Field(ge=0)] = 0


FeedRecord = Annotated[
    OrderRecord
    | TaskRecord
    | ShortageRecord
    | StaffRecord
    | StoreSettingsRecord
    | DeviceHealthRecord
    | ProductRecord,
    Field(discriminator="kind"),
]
FEED_RECORD: TypeAdapter[FeedRecord] = TypeAdapter(FeedRecord)


class FeedPage(WireModel):
    """One page of the store's change feed, each entity at its latest version."""

    records: list[FeedRecord]
    cursor: str = Field(description="Opaque; pass back as `after` to continue")
    has_more: bool


class RawFeedPage(WireModel):
    """How the device reads a page: records kept raw so each is validated on its own."""

    records: list[dict[str, Any]]
    cursor: str
    has_more: bool


CURSOR_INVALID = "cursor_invalid"
"""`error` code of the 410 answer telling a device to re-sync from zero."""


# --- commands -----------------------------------------------------------------------------


class _CommandBase(WireModel):
    command_id: UUID = Field(description="Idempotency key, chosen by the device")
    staff_id: Identifier
    issued_at: AwareDatetime
    base_version: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Version of the entity the person saw when acting"
    )
    approved_by: Identifier | None = Field(
        default=None,
        description="Staff id of the manager whose PIN approved this sensitive action for"
        " someone not allowed it (an override); the hub checks that manager again",
    )


class AcceptOrder(_CommandBase):
    """The store accepts a new order."""

    type: Literal["accept_order"]
    order_id: Identifier
    pickup_code: Annotated[str, Field(min_length=1, max_length=16)] | None = Field(
        default=None,
        description="The daily pickup code the store gives the order on acceptance, for "
        "channels that take one; the hub gives the next free code if another order of the "
        "channel holds it that day",
    )


class RejectOrder(_CommandBase):
    """The store rejects a new order with one of the channel's reasons."""

    type: Literal["reject_order"]
    order_id: Identifier
    reason: RejectReason
    note: Annotated[str, Field(max_length=200)] = ""


class MarkReady(_CommandBase):
    """The order is ready to leave the store."""

    type: Literal["mark_ready"]
    order_id: Identifier


class HandOver(_CommandBase):
    """The order left the store, handed to a rider or the customer."""

    type: Literal["hand_over"]
    order_id: Identifier
    handed_to: HandoverParty
    handed_to_name: Annotated[str, Field(max_length=80)] = ""


PickupCode = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[0-9A-Z-]+$")]


class SetPickupCode(_CommandBase):
    """The store gives an accepted order the code its customer collects it with."""

    type: Literal["set_pickup_code"]
    order_id: Identifier
    pickup_code: PickupCode


class _RequestAnswer(_CommandBase):
    order_id: Identifier
    agree: bool
    reason: Annotated[str, Field(max_length=200)] = ""

    @model_validator(mode="after")
    def _disagreeing_needs_a_reason(self) -> _RequestAnswer:
        if not self.agree and not self.reason.strip():
            raise ValueError("disagreeing with a customer's request needs a reason")
        return self


class AnswerCancelRequest(_RequestAnswer):
    """The store agrees to or disagrees with a customer's cancel request (with a reason)."""

    type: Literal["answer_cancel_request"]


class AnswerRefundRequest(_RequestAnswer):
    """The store agrees to or disagrees with a customer's refund request (with a reason)."""

    type: Literal["answer_refund_request"]


class ReplyReminder(_CommandBase):
    """The store replies to a customer's "where is my order"."""

    type: Literal["reply_reminder"]
    order_id: Identifier
    reminder_id: Identifier
    reply: Annotated[str, Field(min_length=1, max_length=200)]


class PauseChannel(_CommandBase):
    """Busy mode: the channel sends no new orders until `paused_until` (None: reopen now)."""

    type: Literal["pause_channel"]
    channel: Channel
    paused_until: AwareDatetime | None


# --- picking commands ---------------------------------------------------------------------


class ClockIn(_CommandBase):
    """A picker comes on duty: tasks are dispatched to them from now on."""

    type: Literal["clock_in"]


class ClockOut(_CommandBase):
    """A picker goes off duty: their open tasks go to someone else.

    With `target_staff_id`, a manager ends another picker's shift (permission `reassign`).
    """

    type: Literal["clock_out"]
    target_staff_id: Identifier | None = Field(
        default=None, description="Whose shift ends, when not the sender's own (manager only)"
    )


class _TaskCommand(_CommandBase):
    task_id: Identifier


class StartTask(_TaskCommand):
    """The picker starts an assigned task."""

    type: Literal["start_task"]


class PickLine(_TaskCommand):
    """Units of a line picked: one scan or one quantity entry, added to what the line has."""

    type: Literal["pick_line"]
    line_id: Identifier
    scanned_code: Annotated[str, Field(max_length=64)] = ""
    quantity: Annotated[int, Field(ge=1, le=999)]
    actual_weight_g: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Weighed line: the weight on this label"
    )
    price_difference_cents: int = Field(
        default=0, description="Weighed line: this label's price minus its share of the ordered"
    )


class ReportShortage(_TaskCommand):
    """The picker could not find all units of a line: the rest waits for the manager."""

    type: Literal["report_shortage"]
    line_id: Identifier
    quantity_found: Annotated[int, Field(ge=0)]
    reason: ShortageReason


class PauseTask(_TaskCommand):
    """The picker pauses a task in progress."""

    type: Literal["pause_task"]


class ResumeTask(_TaskCommand):
    """The picker resumes a paused task."""

    type: Literal["resume_task"]


class CompletePick(_TaskCommand):
    """Every line is picked or decided: the pack task follows."""

    type: Literal["complete_pick"]


class CompletePack(_TaskCommand):
    """The order is packed in `bag_count` bags; with `handed_to`, also handed over."""

    type: Literal["complete_pack"]
    bag_count: Annotated[int, Field(ge=1, le=99)]
    handed_to: HandoverParty | None = None


class ReassignTask(_TaskCommand):
    """A manager gives a task to another picker on duty."""

    type: Literal["reassign_task"]
    assignee_staff_id: Identifier


class DecideShortage(_TaskCommand):
    """A manager's decision on a line reported short (the task is the shortage's task)."""

    type: Literal["decide_shortage"]
    shortage_id: Identifier
    decision: ShortageDecision
    substitute_sku: Annotated[str, Field(max_length=64)] = Field(
        default="", description="The SKU to pick instead; required for `substitute`"
    )
    note: Annotated[str, Field(max_length=200)] = ""


StaffCommand = ClockIn | ClockOut
"""Commands on the sender's own staff record."""

TaskCommand = (
    StartTask
    | PickLine
    | ReportShortage
    | PauseTask
    | ResumeTask
    | CompletePick
    | CompletePack
    | ReassignTask
    | DecideShortage
)
"""Commands on one task (they carry its `task_id`)."""


OrderCommand = (
    AcceptOrder
    | RejectOrder
    | MarkReady
    | HandOver
    | SetPickupCode
    | AnswerCancelRequest
    | AnswerRefundRequest
    | ReplyReminder
)
"""Commands on one order (they carry its `order_id`)."""

Command = Annotated[
    AcceptOrder
    | RejectOrder
    | MarkReady
    | HandOver
    | SetPickupCode
    | AnswerCancelRequest
    | AnswerRefundRequest
    | ReplyReminder
    | PauseChannel
    | ClockIn
    | ClockOut
    | StartTask
    | PickLine
    | ReportShortage
    | PauseTask
    | ResumeTask
    | CompletePick
    | CompletePack
    | ReassignTask
    | DecideShortage,
    Field(discriminator="type"),
]
COMMAND: TypeAdapter[Command] = TypeAdapter(Command)


class AnchorCheck(WireModel):
    """What a device's trail holds now at the number of the head the hub acknowledged last.

    A higher head alone proves nothing: entries cut off and written again reach a higher
    number too. This lets the hub see whether the trail still holds the head it acknowledged.
    """

    seq: int = Field(ge=0)
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    """The trail's hash at `seq` now; None when the trail has no entry there any more."""


class AuditHead(WireModel):
    """The newest entry of a device's audit trail: its number and its chain hash.

    The hub keeps the head each device reported last that still continues the one it held
    before; a head with a lower number, the same number with another hash, or an `anchor`
    unlike the head held means the trail was cut or rewritten.
    """

    seq: int = Field(ge=0)
    hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    anchor: AnchorCheck | None = Field(
        default=None,
        description="Sent by the device: its trail at the head the hub acknowledged last "
        "(None before the first acknowledgement; never in the hub's answers)",
    )

    def same_entry(self, other: AuditHead | None) -> bool:
        """Whether `other` names the same entry (number and hash), whatever it says besides."""
        return other is not None and (self.seq, self.hash) == (other.seq, other.hash)


class AuditAlarm(WireModel):
    """A device reported an audit head behind (or different from) one it reported before."""

    alarm_id: int
    device_id: str
    device_name: str
    kind: Literal["truncated", "rewritten"]
    reported: AuditHead
    known: AuditHead
    """The head the hub had acknowledged before."""
    at: AwareDatetime


class CommandBatch(WireModel):
    """Commands in the device's local commit order; the hub applies them in that order."""

    commands: Annotated[list[Command], Field(min_length=1, max_length=200)]
    audit_head: AuditHead | None = Field(
        default=None, description="The device's audit trail head when it sent the batch"
    )


class CommandResult(WireModel):
    """What became of one command."""

    command_id: UUID
    outcome: Literal["applied", "duplicate", "rejected"]
    reason: str = Field(default="", description="Stable code when rejected")
    message: str = Field(default="", description="Why, in words a person understands")
    current: FeedRecord | None = Field(
        default=None, description="The entity's state after the command (or as it stands)"
    )
    applied_at: AwareDatetime | None = None


class CommandResults(WireModel):
    """The hub's answers, one per command, in the order they were sent."""

    results: list[CommandResult]
    audit_head: AuditHead | None = Field(
        default=None, description="The audit head the hub holds for the device (acknowledged)"
    )


COMMAND_ID_REUSED = "command_id_reused"
"""`error` code of the 422 answer: a command id came back with a different body."""


# --- anti-entropy -------------------------------------------------------------------------

CLOSED_STATUSES = frozenset({OrderStatus.COMPLETED, OrderStatus.REJECTED, OrderStatus.CANCELLED})
"""An order in none of these is open: it appears in the digest."""


class OrderVersion(WireModel):
    """One order's id and version."""

    order_id: str
    version: int = Field(ge=1)


class OrderDigest(WireModel):
    """The store's open orders with their versions, for a device to compare with its cache."""

    orders: list[OrderVersion]


class RecordsRequest(WireModel):
    """The current feed records of these orders, asked for by a device repairing its cache."""

    order_ids: list[str] = Field(max_length=500)


class RawRecords(WireModel):
    """Feed records as the hub holds them, kept raw so each is validated on its own."""

    records: list[dict[str, Any]]
