"""Cached picking and packing tasks, their lines, shortages reported, and pickers' notices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from local_db.models.base import Base


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
    status_code: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    """Why cancelled, given away or queued again, as the hub's stable code (0010)."""
    status_detail: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))
    """The data beside the code (wire StatusDetail as JSON; 0010)."""
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
    """The hub's English words of why; shown only for a status_code this device does not know."""
    status_code: Mapped[str] = mapped_column(String(64), default="", server_default=text("''"))
    """The task's status_code when the notice was made (0010)."""
    status_detail: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))
    """The task's status_detail then (0010)."""
    created_at: Mapped[datetime]
    seen: Mapped[bool] = mapped_column(default=False)
