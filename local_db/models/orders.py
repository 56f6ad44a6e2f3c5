"""Cached orders and their lines: the hub's state plus this device's pending actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from local_db.models.base import Base


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
    """The hub's English words; shown only for a status_code this device does not know."""
    status_code: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    """Why the order was closed or left the store, as the hub's stable code (0010)."""
    status_detail: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))
    """The data beside the code (wire StatusDetail as JSON; 0010)."""
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


# Search and day views (migration 0006): a daily serial is looked up newest first; the
# inbox's tab counts read a covering index rather than every cached order.
Index("ix_orders_serial_placed", Order.daily_serial, Order.placed_at)
Index("ix_orders_status_resume", Order.status, Order.resume_status)
