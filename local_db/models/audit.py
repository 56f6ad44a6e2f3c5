"""The hash-chained audit trail, one row per audited action; rows are never updated."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.models.base import Base


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
