"""The hub's tables: stores, devices, staff, orders, change feed, commands, channel traffic."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub.storage.engine import Base, UtcDateTime

_ID = 64


class HubSettingRow(Base):
    """A hub-wide setting, such as the current feed epoch."""

    __tablename__ = "hub_settings"

    key: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class StoreRow(Base):
    """A store, its settings and the counter its feed sequence numbers come from."""

    __tablename__ = "stores"

    store_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    code: Mapped[str] = mapped_column(String(_ID), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    last_seq: Mapped[int] = mapped_column(default=0)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The store's StoreSettingsData as JSON."""


class DeviceRow(Base):
    """An enrolled device; its tokens live in device_tokens (only SHA-256 digests are kept)."""

    __tablename__ = "devices"

    device_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    name: Mapped[str] = mapped_column(String(80))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the access token granted at enrolment, kept as the enrolment's record;
    authentication reads device_tokens."""
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)


class EnrolmentCodeRow(Base):
    """A one-time enrolment code, kept as a SHA-256 like the tokens it buys."""

    __tablename__ = "enrolment_codes"

    code_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by_device_id: Mapped[str | None] = mapped_column(String(_ID))


class StaffRow(Base):
    """A member of a store's staff, with a PIN verifier rather than the PIN."""

    __tablename__ = "staff"

    staff_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    roles: Mapped[list[str]] = mapped_column(JSON)
    pin: Mapped[dict[str, str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)
    clocked_in: Mapped[bool] = mapped_column(default=False)
    zones: Mapped[list[str]] = mapped_column(JSON, default=list)
    """The store zones a picker works in; empty: any zone (dispatch, issue 5)."""
    version: Mapped[int] = mapped_column(default=1)


class OrderRow(Base):
    """A unified order: the OrderData JSON plus the columns the hub queries on."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("channel", "channel_order_no"),
        Index("ix_orders_store_status", "store_id", "status"),
        Index("ix_orders_serial", "store_id", "channel", "service_day", "daily_serial"),
    )

    order_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    channel: Mapped[str] = mapped_column(String(20))
    channel_order_no: Mapped[str] = mapped_column(String(_ID))
    service_day: Mapped[str] = mapped_column(String(10))
    daily_serial: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    accept_by: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)


class TaskRow(Base):
    """A pick or pack task: the TaskData JSON plus the columns dispatch queries on."""

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_store_status", "store_id", "status"),)

    task_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.order_id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    assignee_staff_id: Mapped[str | None] = mapped_column(String(_ID), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)


class ShortageRow(Base):
    """A line reported short: the ShortageData JSON plus its keys."""

    __tablename__ = "shortages"

    shortage_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.order_id"), index=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.task_id"))
    line_id: Mapped[str] = mapped_column(String(_ID))
    version: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)


class FeedRow(Base):
    """One entity's place in its store's change feed, at the entity's latest version."""

    __tablename__ = "feed"
    __table_args__ = (UniqueConstraint("store_id", "seq"),)

    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"), primary_key=True)
    entity_key: Mapped[str] = mapped_column(String(2 * _ID), primary_key=True)
    """"kind/id" for real entities, "raw/<n>" for records appended by the test hook."""
    seq: Mapped[int]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The record as served, except its seq."""


class CommandRow(Base):
    """A device command the hub has answered: its body hash, outcome and who sent it."""

    __tablename__ = "commands"

    command_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.device_id"))
    staff_id: Mapped[str] = mapped_column(String(_ID))
    command_type: Mapped[str] = mapped_column(String(40))
    body_sha256: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(40), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    entity_kind: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(_ID))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    executions: Mapped[int] = mapped_column(default=1)
    """How often the command was executed rather than replayed: 1 unless de-duplication is off."""


class ChannelCallRow(Base):
    """A status the hub pushed to a channel, in that channel's own code."""

    __tablename__ = "channel_calls"

    call_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.store_id"))
    channel: Mapped[str] = mapped_column(String(20))
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.order_id"), index=True)
    channel_order_no: Mapped[str] = mapped_column(String(_ID))
    action: Mapped[str] = mapped_column(String(20))
    channel_code: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    command_id: Mapped[str | None] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class InboxRejectRow(Base):
    """A channel payload the hub could not turn into an order, set aside with the error."""

    __tablename__ = "channel_inbox_rejects"

    reject_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    store_id: Mapped[str] = mapped_column(String(_ID))
    channel: Mapped[str] = mapped_column(String(20))
    error: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ChannelPayloadRow(Base):
    """The raw payload of a channel order the hub could not read in full (an exception order),
    kept as received so the store's decision can be checked against what the channel sent."""

    __tablename__ = "channel_payloads"

    payload_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(_ID), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    channel_order_no: Mapped[str] = mapped_column(String(_ID))
    raw: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditHeadRow(Base):
    """The highest audit trail head a device has reported: what its trail must still hold."""

    __tablename__ = "audit_heads"

    device_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    store_id: Mapped[str] = mapped_column(String(_ID))
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditAlarmRow(Base):
    """A device reported a head behind or unlike the one it reported before (cut or rewritten)."""

    __tablename__ = "audit_alarms"

    alarm_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(_ID), index=True)
    store_id: Mapped[str] = mapped_column(String(_ID))
    kind: Mapped[str] = mapped_column(String(20))
    reported_seq: Mapped[int]
    reported_hash: Mapped[str] = mapped_column(String(64))
    known_seq: Mapped[int]
    known_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class TokenFamilyRow(Base):
    """A device's chain of tokens since its enrolment; revoked whole when a spent refresh token
    comes back (someone else may hold it)."""

    __tablename__ = "token_families"

    family_id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.device_id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_reason: Mapped[str] = mapped_column(String(200), default="")


class DeviceTokenRow(Base):
    """An access or refresh token, kept only as its SHA-256; a spent refresh token remembers
    the request id it was spent with and its successor, so a retry gets the same pair."""

    __tablename__ = "device_tokens"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    family_id: Mapped[str] = mapped_column(ForeignKey("token_families.family_id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    """"access" or "refresh"."""
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    spent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    spent_request_sha256: Mapped[str | None] = mapped_column(String(64))
    """SHA-256 of the request id the token was spent with (a retry brings the same id)."""
    successor_sha256: Mapped[str | None] = mapped_column(String(64))
    """For a spent refresh token: the refresh token its rotation issued."""
