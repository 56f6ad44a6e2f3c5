"""SQLAlchemy models of the device cache: orders, tasks, shortages, staff, outbox, sync state."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as sortable ISO-8601 text; naive values are refused."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store aware UTC times only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    """Declarative base with the house naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Order(Base):
    """An order as this device shows it: the hub's state plus this device's pending actions."""

    __tablename__ = "orders"

    order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    channel_order_no: Mapped[str] = mapped_column(String(64), index=True)
    daily_serial: Mapped[int]
    status: Mapped[str] = mapped_column(String(24), index=True)
    resume_status: Mapped[str | None] = mapped_column(String(24))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    fulfilment: Mapped[str] = mapped_column(String(16))
    customer_name: Mapped[str] = mapped_column(String(80))
    customer_phone_masked: Mapped[str] = mapped_column(String(32))
    customer_phone: Mapped[str | None] = mapped_column(String(32))
    """The number to call (often the channel's privacy number); shown only to whom needs it
    (app/domain/privacy.py). Never logged, never printed (0008)."""
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)
    out_of_stock_preference: Mapped[str] = mapped_column(String(24))
    subtotal_cents: Mapped[int]
    discount_cents: Mapped[int]
    delivery_fee_cents: Mapped[int]
    total_cents: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    placed_at: Mapped[datetime] = mapped_column(index=True)
    accept_by: Mapped[datetime]
    expected_ready_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    ready_at: Mapped[datetime | None]
    handed_over_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    pickup_code: Mapped[str | None] = mapped_column(String(16), index=True)
    rider: Mapped[dict[str, Any] | None]
    request: Mapped[dict[str, Any] | None]
    """The customer's latest cancel or refund request (wire CustomerRequest as JSON)."""
    reminders: Mapped[list[Any] | None]
    """The customer's "where is my order" reminders and the replies (wire Reminder list)."""
    scheduled_for: Mapped[datetime | None]
    prepare_at: Mapped[datetime | None] = mapped_column(index=True)
    """A booked order waits in the Scheduled tab until this time, then it is new."""
    handover: Mapped[dict[str, Any] | None]
    """Who handed the order over, to whom (wire Handover as JSON)."""
    exception: Mapped[dict[str, Any] | None]
    """What the hub could not read of the channel's order (wire OrderException as JSON);
    kept after the order is mapped and accepted (0009)."""
    version: Mapped[int]
    held_hub_data: Mapped[dict[str, Any] | None]
    """The hub's newest state, held back while this device still has actions pending on it."""

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order",
        cascade="all, delete-orphan",
        order_by="OrderLine.position",
        passive_deletes=True,
    )


class OrderLine(Base):
    """One line of an order."""

    __tablename__ = "order_lines"

    order_id: Mapped[str] = mapped_column(
        ForeignKey("orders.order_id", ondelete="CASCADE"), primary_key=True
    )
    line_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int]
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    barcode: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[int]
    unit_price_cents: Mapped[int]
    paid_cents: Mapped[int]
    weighed: Mapped[bool] = mapped_column(default=False)
    ordered_weight_g: Mapped[int | None]
    category: Mapped[str] = mapped_column(String(40), default="")
    location_zone: Mapped[str | None] = mapped_column(String(16))
    location_aisle: Mapped[int | None]
    location_shelf: Mapped[int | None]
    location_position: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[Order] = relationship(back_populates="lines")


class Task(Base):
    """A picking or packing task of this store."""

    __tablename__ = "tasks"

    task_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # No foreign key: the feed may deliver a task before its order.
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), index=True)
    assignee_staff_id: Mapped[str | None] = mapped_column(String(64), index=True)
    due_at: Mapped[datetime | None]
    bag_count: Mapped[int | None]
    channel: Mapped[str | None] = mapped_column(String(16))
    daily_serial: Mapped[int | None]
    out_of_stock_preference: Mapped[str] = mapped_column(
        String(24), default="contact_me", server_default="contact_me"
    )
    paused: Mapped[bool] = mapped_column(default=False, server_default="0")
    handed_to: Mapped[str | None] = mapped_column(String(16))
    status_reason: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    started_at: Mapped[datetime | None]
    """When the picker started it (0008; for pick times)."""
    done_at: Mapped[datetime | None]
    """When it was done or cancelled (0008)."""
    version: Mapped[int]
    held_hub_data: Mapped[dict[str, Any] | None]
    """The hub's newest state, held back while this device still has picks pending on it."""

    lines: Mapped[list[TaskLine]] = relationship(
        back_populates="task", cascade="all, delete-orphan", passive_deletes=True
    )


class TaskLine(Base):
    """One line of a task and how far its picking got."""

    __tablename__ = "task_lines"

    task_id: Mapped[str] = mapped_column(
        ForeignKey("tasks.task_id", ondelete="CASCADE"), primary_key=True
    )
    line_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    barcode: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[int]
    picked_quantity: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(16))
    location_zone: Mapped[str | None] = mapped_column(String(16))
    location_aisle: Mapped[int | None]
    location_shelf: Mapped[int | None]
    location_position: Mapped[int | None]
    # Columns of 0007 carry server defaults: lines cached before it read as not weighed.
    weighed: Mapped[bool] = mapped_column(default=False, server_default="0")
    ordered_weight_g: Mapped[int | None]
    price_per_kg_cents: Mapped[int | None]
    actual_weight_g: Mapped[int | None]
    price_difference_cents: Mapped[int] = mapped_column(default=0, server_default="0")
    paid_cents: Mapped[int] = mapped_column(default=0, server_default="0")
    short_quantity: Mapped[int] = mapped_column(default=0, server_default="0")
    short_reason: Mapped[str | None] = mapped_column(String(24))
    shortage_decision: Mapped[str | None] = mapped_column(String(24))
    substitute_sku: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    substitute_name: Mapped[str] = mapped_column(String(120), default="", server_default=text("''"))

    task: Mapped[Task] = relationship(back_populates="lines")


class Shortage(Base):
    """A line reported short and the manager's decision on it."""

    __tablename__ = "shortages"

    shortage_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    task_id: Mapped[str] = mapped_column(String(64))
    line_id: Mapped[str] = mapped_column(String(64))
    quantity_short: Mapped[int]
    reason: Mapped[str] = mapped_column(String(24))
    reported_by: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime]
    decision: Mapped[str | None] = mapped_column(String(24))
    refund_cents: Mapped[int | None]
    substitute_sku: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    substitute_name: Mapped[str] = mapped_column(String(120), default="", server_default=text("''"))
    decided_at: Mapped[datetime | None]
    version: Mapped[int]


class TaskNotice(Base):
    """A picker's task cancelled or given to someone else while it was theirs (0007)."""

    __tablename__ = "task_notices"
    __table_args__ = (Index("ix_task_notices_staff_seen", "staff_id", "seen"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[str] = mapped_column(String(64))
    task_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    """cancelled or reassigned."""
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    seen: Mapped[bool] = mapped_column(default=False)


class Staff(Base):
    """A staff member known to this device, with the verifier for offline sign-in."""

    __tablename__ = "staff"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    roles: Mapped[list[Any]]
    pin_algorithm: Mapped[str] = mapped_column(String(16))
    pin_salt_hex: Mapped[str] = mapped_column(String(128))
    pin_hash_hex: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool]
    clocked_in: Mapped[bool]
    version: Mapped[int]


class StoreSettings(Base):
    """The store's settings as the hub last sent them."""

    __tablename__ = "store_settings"

    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]
    version: Mapped[int]


class OutboxEntry(Base):
    """One person's action waiting for (or answered by) the hub; `seq` is local commit order."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_seq", "state", "seq"),
        Index("ix_outbox_entity_state", "entity_kind", "entity_id", "state"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    command_id: Mapped[str] = mapped_column(String(36), unique=True)
    command_type: Mapped[str] = mapped_column(String(32))
    entity_kind: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    staff_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    """The command exactly as it is sent, every time it is sent."""
    state: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    outcome_reason: Mapped[str] = mapped_column(String(64), default="")
    outcome_message: Mapped[str] = mapped_column(Text, default="")
    notice_seen: Mapped[bool] = mapped_column(default=False)


class SyncState(Base):
    """Small named values of the sync engine (cursor, device id, last pull...)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class QuarantinedRecord(Base):
    """Input from the hub that failed validation, kept raw with the reason, never applied."""

    __tablename__ = "quarantine"
    __table_args__ = (Index("ix_quarantine_dismissed", "dismissed", "received_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(24))
    kind: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[str] = mapped_column(String(64))
    raw: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    dismissed: Mapped[bool] = mapped_column(default=False)


class DevicePreference(Base):
    """One setting a person changed on this device (alarm volume, auto-accept, printers...)."""

    __tablename__ = "device_preferences"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    """JSON; `{"v": <value>}` so that any JSON value (a number, a list) can be kept."""
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    """The staff id of who changed it ("" when the program did)."""


# Search and day views (migration 0006): a daily serial is looked up newest first; the
# inbox's tab counts read a covering index rather than every cached order.
Index("ix_orders_serial_placed", Order.daily_serial, Order.placed_at)
Index("ix_orders_status_resume", Order.status, Order.resume_status)


class PrintRevision(Base):
    """A content revision of an order as this device printed it (print journal, 0004).

    Revision 1 is the order's lines when first printed; a change of the lines (a shortage
    decided, a substitute) makes the next revision, and new kitchen tickets for it.
    """

    __tablename__ = "print_revisions"
    __table_args__ = (Index("ix_print_revisions_digest", "order_id", "digest", unique=True),)

    order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    digest: Mapped[str] = mapped_column(String(64))
    """Hash of the lines' content (sku, name, quantity, note, category)."""
    seen_version: Mapped[int]
    """The newest order version found to have this content: later checks skip it."""
    created_at: Mapped[datetime]


class PrintTicket(Base):
    """One ticket of the print journal, which is also its print job.

    The unique (order, revision, station, kind, copy) key is the idempotency key: a ticket
    exists once, however many clicks, retries or devices' feeds asked for it; copy 0 is the
    original, a reprint is a new copy with its reason.
    """

    __tablename__ = "print_tickets"
    __table_args__ = (
        Index(
            "ix_print_tickets_key", "order_id", "revision", "station", "kind", "copy", unique=True
        ),
        Index("ix_print_tickets_state", "state", "next_attempt_at"),
        Index("ix_print_tickets_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int]
    station: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(12))
    copy: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(Text, default="")
    """Why a reprint was asked for ("" for an original)."""
    requested_by: Mapped[str] = mapped_column(String(64), default="")
    """Staff id of who asked ("" when due by itself)."""
    state: Mapped[str] = mapped_column(String(16))
    """queued, printing, printed, failed_waiting or withdrawn."""
    attempts: Mapped[int] = mapped_column(default=0)
    target_printer: Mapped[str] = mapped_column(String(40))
    printed_by: Mapped[str] = mapped_column(String(40), default="")
    document: Mapped[dict[str, Any]]
    """The ticket's content as queued (app.printing.tickets.Ticket JSON)."""
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime | None]
    printed_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    interrupted: Mapped[bool] = mapped_column(default=False)
    """An attempt may have printed part of it: the next one says so on paper."""


class AuditEntry(Base):
    """One line of the hash-chained audit trail (app/domain/audit_chain.py); never updated."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_at", "at"),
        Index("ix_audit_entries_staff_at", "staff_id", "at"),
        Index("ix_audit_entries_action_at", "action", "at"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    monotonic_ns: Mapped[int]
    boot_id: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(64))
    staff_id: Mapped[str] = mapped_column(String(64))
    staff_name: Mapped[str] = mapped_column(String(80))
    approved_by: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(Text)
    """Canonical JSON (sorted keys), exactly the text that was hashed."""
    result: Mapped[str] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SignInGuard(Base):
    """Failed PIN attempts of one person on this device, and their lockout."""

    __tablename__ = "sign_in_guards"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    """Failed attempts in a row (a success or an unlock sets it back to 0)."""
    last_failure_at: Mapped[datetime | None]
    locked_at: Mapped[datetime | None]
    """When the lockout began (None: not locked)."""
    clock_high_water: Mapped[datetime | None]
    """The latest wall time seen while locked: a clock set backwards cannot shorten a lockout."""
    locked_elapsed_s: Mapped[float] = mapped_column(Float, default=0.0)
    """Seconds of lockout served so far, counted forward only (survives restarts)."""


class Product(Base):
    """An item of the store's catalogue, as the hub publishes it (0008): substitutes are
    searched here, offline too."""

    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    name_en: Mapped[str] = mapped_column(String(120), default="")
    barcode: Mapped[str] = mapped_column(String(32), index=True)
    category: Mapped[str] = mapped_column(String(40), default="")
    unit_price_cents: Mapped[int]
    weighed: Mapped[bool] = mapped_column(default=False)
    location_zone: Mapped[str | None] = mapped_column(String(16))
    location_aisle: Mapped[int | None]
    location_shelf: Mapped[int | None]
    location_position: Mapped[int | None]
    in_stock: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int]


class DeviceHealth(Base):
    """Another device's sync health as it last reported it to the hub (0008), for the manager."""

    __tablename__ = "device_health"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_name: Mapped[str] = mapped_column(String(80))
    pending_count: Mapped[int]
    oldest_pending_at: Mapped[datetime | None]
    last_pull_at: Mapped[datetime | None]
    last_push_at: Mapped[datetime | None]
    rejected_count: Mapped[int]
    quarantined_count: Mapped[int]
    reported_at: Mapped[datetime]
    version: Mapped[int]
