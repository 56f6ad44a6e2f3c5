"""The print journal: each order's printed content revisions and the tickets (print jobs)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.models.base import Base


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
