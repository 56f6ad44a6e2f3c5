"""Wire contract v1 between a store device and the order hub, as pydantic schemas.

The hub generates its OpenAPI document from these models and the device validates
everything it receives against them. Money is integer cents (fen); times are aware UTC.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

from app.domain import wire_limits as limits
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

# Every text of the wire has a length cap and no control characters (limits.TEXT_PATTERN);
# a constrained text also refuses lone surrogates. Integers and booleans are strict: `true`
# is not 1, 1.5 is not a quantity and "7" is not a number.
_TEXT = limits.TEXT_PATTERN
Identifier = Annotated[
    str, StringConstraints(min_length=1, max_length=limits.CODE_MAX, pattern=_TEXT)
]
Code = Annotated[str, StringConstraints(max_length=limits.CODE_MAX, pattern=_TEXT)]
Name = Annotated[str, StringConstraints(max_length=limits.NAME_MAX, pattern=_TEXT)]
ProductName = Annotated[str, StringConstraints(max_length=limits.PRODUCT_NAME_MAX, pattern=_TEXT)]
Note = Annotated[str, StringConstraints(max_length=limits.NOTE_MAX, pattern=_TEXT)]
Reason = Annotated[str, StringConstraints(max_length=limits.REASON_MAX, pattern=_TEXT)]
Message = Annotated[str, StringConstraints(max_length=limits.MESSAGE_MAX, pattern=_TEXT)]
Phone = Annotated[str, StringConstraints(max_length=limits.PHONE_MAX, pattern=_TEXT)]
ShortText = Annotated[str, StringConstraints(max_length=limits.SHORT_TEXT_MAX, pattern=_TEXT)]

Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
Count = Annotated[int, Strict(), Field(ge=0)]
Version = Annotated[int, Strict(), Field(ge=1)]
Serial = Annotated[int, Strict(), Field(ge=1, description="The order's number of the day")]
Cents = Annotated[
    int, Strict(), Field(ge=0, le=limits.AMOUNT_MAX_CENTS, description="Amount in cents (fen)")
]
SignedCents = Annotated[
    int,
    Strict(),
    Field(ge=-limits.AMOUNT_MAX_CENTS, le=limits.AMOUNT_MAX_CENTS, description="Cents; may be < 0"),
]
Quantity = Annotated[
    int, Strict(), Field(ge=1, le=limits.QUANTITY_MAX, description="Units of a counted line")
]
Grams = Annotated[int, Strict(), Field(ge=0, le=limits.WEIGHT_G_MAX, description="Grams")]


def _not_a_number(value: Any) -> Any:
    if isinstance(value, (int, float)):
        raise ValueError("a time is ISO 8601 text with its offset, not a number")
    return value


# An aware time. pydantic would read a number as seconds since 1970; the wire never means that.
Time = Annotated[AwareDatetime, BeforeValidator(_not_a_number)]


class WireModel(BaseModel):
    """Base of every wire schema: unknown fields ignored, values immutable once parsed."""

    model_config = ConfigDict(frozen=True, extra="ignore")


# --- enrolment and auth -------------------------------------------------------------------


class EnrolmentRequest(WireModel):
    """A device asks to join a store with a one-time enrolment code."""

    store_code: Identifier
    enrolment_code: Annotated[str, StringConstraints(min_length=4, max_length=64, pattern=_TEXT)]
    device_name: Annotated[
        str, StringConstraints(min_length=1, max_length=limits.NAME_MAX, pattern=_TEXT)
    ]


class EnrolmentGrant(WireModel):
    """The hub's answer to a successful enrolment: the device's first pair of tokens.

    `device_token` is the short-lived access token sent as the bearer of every request;
    `refresh_token` buys the next pair at POST /v1/token. A hub without rotation may leave
    the refresh token out: its access token then never expires.
    """

    device_id: Identifier
    device_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]
    store_id: Identifier
    store_name: ShortText
    refresh_token: (
        Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)] | None
    ) = None
    access_expires_in_s: Count | None = None
    """Seconds the access token lives from now (None: until revoked)."""


class TokenRefresh(WireModel):
    """A device spends its refresh token on a new pair.

    `request_id` is random per refresh and kept with the token on the device, so a retry
    after a lost answer or a crash (same token, same id) gets the same pair back, while
    any other reuse of a spent token revokes the device's tokens (docs/decisions/017).
    """

    refresh_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]
    request_id: Annotated[str, StringConstraints(min_length=16, max_length=64, pattern=_TEXT)]


class TokenPair(WireModel):
    """The hub's answer to a refresh: a new access token and the refresh token replacing the
    one spent."""

    access_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]
    access_expires_in_s: Count
    refresh_token: Annotated[str, StringConstraints(min_length=16, max_length=200, pattern=_TEXT)]


TOKEN_EXPIRED = "token_expired"  # noqa: S105 (an error code, not a secret)
"""`error` code of a 401 whose access token only expired: refresh it and ask again."""
TOKENS_REVOKED = "tokens_revoked"
"""`error` code of a 401 after the hub revoked the device's tokens: the device must enrol again."""


class ErrorBody(WireModel):
    """Every non-2xx answer of the hub: a stable code and a sentence for people."""

    error: Code
    message: Message
    details: dict[str, Any] = Field(default_factory=dict)


class Health(WireModel):
    """Liveness of the hub."""

    status: Literal["ok"]
    hub_time: Time
    feed_epoch: Code


# --- feed records -------------------------------------------------------------------------


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
    status_reason: Message = ""
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
    reminders: list[Reminder] = Field(default_factory=list)
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
    lines: list[TaskLine]
    due_at: Time | None = Field(default=None, description="The order's expected ready time")
    bag_count: Count | None = None
    channel: Channel | None = None
    daily_serial: Serial | None = None
    out_of_stock_preference: OutOfStockPreference = OutOfStockPreference.CONTACT_ME
    paused: Bool = False
    handed_to: HandoverParty | None = None
    status_reason: Message = Field(default="", description="Why cancelled or reassigned, in words")
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


class ProductData(WireModel):
    """One item of the store's catalogue, published so substitutes are found offline too."""

    sku: Identifier
    name: ProductName
    name_en: ProductName = ""
    barcode: Code
    category: ShortText = ""
    unit_price_cents: Cents
    weighed: Bool = False
    location: ShelfLocation | None = None
    in_stock: Bool = True
    version: Version


class PinVerifierData(WireModel):
    """A salted Argon2id PIN hash; the device seals it with its pepper to check PINs offline.

    The cost parameters travel with it so the hub can raise them later; zero (an older
    record) makes a verifier that matches nothing until the hub resends it.
    """

    algorithm: Code
    time_cost: Count = 0
    memory_kib: Count = 0
    parallelism: Count = 0
    salt_hex: ShortText
    hash_hex: ShortText


class StaffData(WireModel):
    """A member of the store's staff."""

    staff_id: Identifier
    name: Name
    roles: Annotated[list[Role], Field(min_length=1)]
    pin: PinVerifierData
    active: Bool = True
    clocked_in: Bool = False
    version: Version


class ChannelSettings(WireModel):
    """How one channel runs at this store."""

    channel: Channel
    enabled: Bool = True
    accept_window_s: Annotated[int, Strict(), Field(ge=30)]
    paused_until: Time | None = None


class StoreSettingsData(WireModel):
    """Store-wide settings the hub owns."""

    store_id: Identifier
    name: ShortText
    timezone: ShortText = "Asia/Shanghai"
    channels: list[ChannelSettings]
    version: Version


class _FeedRecordBase(WireModel):
    seq: Version
    id: Identifier
    version: Version


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


class ChannelIntakeData(WireModel):
    """Channel payloads the hub set aside because they are not an order at all.

    Not an object, no order number, another store's code: nothing a store could accept or
    reject, so the hub keeps them and counts them here for the sync health screen.
    """

    store_id: Identifier
    rejected_count: Count
    last_rejected_at: Time | None = None
    last_channel: Channel | None = None
    last_reason: Message = ""
    version: Version


class ChannelIntakeRecord(_FeedRecordBase):
    """Feed record carrying the store's count of unusable channel payloads."""

    kind: Literal["channel_intake"]
    data: ChannelIntakeData


class DeviceHealthData(WireModel):
    """A device's sync health as it last reported it, for the manager's sync health screen."""

    device_id: Identifier
    device_name: Name
    pending_count: Count
    oldest_pending_at: Time | None = None
    last_pull_at: Time | None = None
    last_push_at: Time | None = None
    rejected_count: Count = 0
    quarantined_count: Count = 0
    reported_at: Time
    version: Version


class DeviceHealthRecord(_FeedRecordBase):
    """Feed record carrying one device's reported sync health."""

    kind: Literal["device_health"]
    data: DeviceHealthData


class DeviceHealthReport(WireModel):
    """What a device posts to `/v1/devices/health`: its own figures (the hub adds who and when)."""

    pending_count: Count
    oldest_pending_at: Time | None = None
    last_pull_at: Time | None = None
    last_push_at: Time | None = None
    rejected_count: Count = 0
    quarantined_count: Count = 0


FeedRecord = Annotated[
    OrderRecord
    | TaskRecord
    | ShortageRecord
    | StaffRecord
    | StoreSettingsRecord
    | DeviceHealthRecord
    | ProductRecord
    | ChannelIntakeRecord,
    Field(discriminator="kind"),
]
FEED_RECORD: TypeAdapter[FeedRecord] = TypeAdapter(FeedRecord)


class FeedPage(WireModel):
    """One page of the store's change feed, each entity at its latest version."""

    records: list[FeedRecord]
    cursor: ShortText = Field(description="Opaque; pass back as `after` to continue")
    has_more: Bool


class RawFeedPage(WireModel):
    """How the device reads a page: records kept raw so each is validated on its own."""

    records: list[Any] = Field(description="Each validated on its own: a bad one is set aside")
    cursor: ShortText
    has_more: Bool


CURSOR_INVALID = "cursor_invalid"
"""`error` code of the 410 answer telling a device to re-sync from zero."""


# --- commands -----------------------------------------------------------------------------


class _CommandBase(WireModel):
    command_id: UUID = Field(description="Idempotency key, chosen by the device")
    staff_id: Identifier
    issued_at: Time
    base_version: Count | None = Field(
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
    pickup_code: (
        Annotated[
            str, StringConstraints(min_length=1, max_length=limits.PICKUP_CODE_MAX, pattern=_TEXT)
        ]
        | None
    ) = Field(
        default=None,
        description="The daily pickup code the store gives the order on acceptance, for "
        "channels that take one; the hub gives the next free code if another order of the "
        "channel holds it that day",
    )


class AcceptExceptionOrder(_CommandBase):
    """A manager maps every unread line of an exception order to the catalogue and accepts it.

    Sensitive (permission `map_items`): a cashier needs a manager's PIN (`approved_by`).
    """

    type: Literal["accept_exception_order"]
    order_id: Identifier
    line_mappings: Annotated[list[LineMapping], Field(max_length=limits.LINES_MAX)]
    pickup_code: (
        Annotated[
            str, StringConstraints(min_length=1, max_length=limits.PICKUP_CODE_MAX, pattern=_TEXT)
        ]
        | None
    ) = None


class RejectOrder(_CommandBase):
    """The store rejects a new order with one of the channel's reasons."""

    type: Literal["reject_order"]
    order_id: Identifier
    reason: RejectReason
    note: Reason = ""


class MarkReady(_CommandBase):
    """The order is ready to leave the store."""

    type: Literal["mark_ready"]
    order_id: Identifier


class HandOver(_CommandBase):
    """The order left the store, handed to a rider or the customer."""

    type: Literal["hand_over"]
    order_id: Identifier
    handed_to: HandoverParty
    handed_to_name: Name = ""


PickupCode = Annotated[
    str, StringConstraints(min_length=1, max_length=limits.PICKUP_CODE_MAX, pattern=r"^[0-9A-Z-]+$")
]


class SetPickupCode(_CommandBase):
    """The store gives an accepted order the code its customer collects it with."""

    type: Literal["set_pickup_code"]
    order_id: Identifier
    pickup_code: PickupCode


class _RequestAnswer(_CommandBase):
    order_id: Identifier
    agree: Bool
    reason: Reason = ""

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
    reply: Annotated[
        str, StringConstraints(min_length=1, max_length=limits.REASON_MAX, pattern=_TEXT)
    ]


class PauseChannel(_CommandBase):
    """Busy mode: the channel sends no new orders until `paused_until` (None: reopen now)."""

    type: Literal["pause_channel"]
    channel: Channel
    paused_until: Time | None


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
    scanned_code: Code = ""
    quantity: Quantity
    actual_weight_g: Grams | None = Field(
        default=None, description="Weighed line: the weight on this label"
    )
    price_difference_cents: SignedCents = Field(
        default=0, description="Weighed line: this label's price minus its share of the ordered"
    )


class ReportShortage(_TaskCommand):
    """The picker could not find all units of a line: the rest waits for the manager."""

    type: Literal["report_shortage"]
    line_id: Identifier
    quantity_found: Annotated[int, Strict(), Field(ge=0, le=limits.QUANTITY_MAX)]
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
    bag_count: Annotated[int, Strict(), Field(ge=1, le=limits.BAGS_MAX)]
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
    substitute_sku: Code = Field(
        default="", description="The SKU to pick instead; required for `substitute`"
    )
    note: Reason = ""


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
    | AcceptExceptionOrder
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
    | AcceptExceptionOrder
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

    seq: Count
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """The trail's hash at `seq` now; None when the trail has no entry there any more."""


class AuditHead(WireModel):
    """The newest entry of a device's audit trail: its number and its chain hash.

    The hub keeps the head each device reported last that still continues the one it held
    before; a head with a lower number, the same number with another hash, or an `anchor`
    unlike the head held means the trail was cut or rewritten.
    """

    seq: Count
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
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

    alarm_id: Int
    device_id: Code
    device_name: Name
    kind: Literal["truncated", "rewritten"]
    reported: AuditHead
    known: AuditHead
    """The head the hub had acknowledged before."""
    at: Time


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
    reason: Reason = Field(default="", description="Stable code when rejected")
    message: Message = Field(default="", description="Why, in words a person understands")
    current: FeedRecord | None = Field(
        default=None, description="The entity's state after the command (or as it stands)"
    )
    applied_at: Time | None = None


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

    order_id: Identifier
    version: Version


class OrderDigest(WireModel):
    """The store's open orders with their versions, for a device to compare with its cache."""

    orders: list[OrderVersion]


class RecordsRequest(WireModel):
    """The current feed records of these orders, asked for by a device repairing its cache."""

    order_ids: list[str] = Field(max_length=500)


class RawRecords(WireModel):
    """Feed records as the hub holds them, kept raw so each is validated on its own."""

    records: list[Any]
