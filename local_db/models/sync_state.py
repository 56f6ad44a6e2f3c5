"""The sync engine's tables: outbox, named values, quarantined input, devices' health."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from local_db.models.base import Base


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
