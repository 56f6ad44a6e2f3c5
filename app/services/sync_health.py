"""The sync health read model and repairs: what waits, what was refused, what could not be read.

This device's own figures come from its database; every device's figures (this one's too, as
the hub last heard them) come through the feed's `device_health` records. A quarantined record
may be retried (validated and applied again: a newer app or a fixed hub may read it now) or
dismissed; both need the `settings` permission and leave an audit entry in their transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.read_models import QuarantinedView, SignedInStaff, SyncHealth
from app.services import permission_gate
from local_db import (
    device_health_repository,
    outbox_repository,
    quarantine_repository,
    sync_state_repository,
)
from local_db.database import Database

REPAIR_PERMISSION = Permission.SETTINGS
"""What retrying or dismissing a quarantined record needs (see decision 023)."""

Reapply = Callable[[Session, str], str | None]
"""Validates and applies one raw record in the given transaction; None when it applied, else
the reason it still fails. The composition root passes sync's `reapply_raw` (services do not
import sync)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarantinedRecordView:
    """A record set aside on this device, raw, for the manager to read, retry or dismiss."""

    item_id: int
    source: str
    kind: str
    entity_id: str
    raw: str
    reason: str
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceHealthView:
    """One device's figures as it last reported them to the hub."""

    device_id: str
    device_name: str
    pending_count: int
    oldest_pending_at: datetime | None
    last_pull_at: datetime | None
    last_push_at: datetime | None
    rejected_count: int
    quarantined_count: int
    reported_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncProblemsView:
    """Replies of the hub this device could not read, sync steps that failed unforeseen, and
    the hub's count of channel payloads that were not an order at all (none of which any
    device shows: the hub keeps them aside)."""

    protocol_errors: int
    last_protocol_error_at: datetime | None
    unexpected_errors: int
    last_unexpected_error_at: datetime | None
    channel_rejected: int
    channel_last_rejected_at: datetime | None
    channel_last_channel: str
    """The channel's wire name ("meituan"), "" when unknown."""
    channel_last_reason: str
    """The hub's words for the last one, "" when none."""


class SyncRepairRefused(Exception):
    """A retry or dismissal cannot be done; `code`: not_permitted, unknown_record."""

    def __init__(self, code: str) -> None:
        super().__init__(f"sync repair refused: {code}")
        self.code = code


class SyncHealthQueries:
    """Reads the device's sync health; cheap enough for a tooltip."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def health(self) -> SyncHealth:
        """The current figures."""
        with self._db.read() as session:
            counts = outbox_repository.count_by_state(session)
            _, oldest = outbox_repository.count_pending(session)
            quarantined = quarantine_repository.list_quarantined(session)
            values = {
                key: sync_state_repository.get_value(session, key)
                for key in (
                    sync_state_repository.LAST_PULL_AT,
                    sync_state_repository.LAST_PUSH_AT,
                    sync_state_repository.REPAIRED_COUNT,
                    sync_state_repository.LAST_CHECK_AT,
                )
            }
        return SyncHealth(
            pending_count=counts.get(outbox_repository.PENDING, 0),
            oldest_pending_at=oldest,
            last_pull_at=_moment(values[sync_state_repository.LAST_PULL_AT]),
            last_push_at=_moment(values[sync_state_repository.LAST_PUSH_AT]),
            rejected_count=counts.get(outbox_repository.REJECTED, 0),
            set_aside_count=counts.get(outbox_repository.FAILED, 0),
            quarantined=tuple(
                QuarantinedView(
                    kind=item.kind,
                    entity_id=item.entity_id,
                    reason=item.reason,
                    received_at=item.received_at,
                )
                for item in quarantined
            ),
            repaired_count=int(values[sync_state_repository.REPAIRED_COUNT] or 0),
            last_check_at=_moment(values[sync_state_repository.LAST_CHECK_AT]),
        )

    def problems(self) -> SyncProblemsView:
        """Unreadable replies, unforeseen failures and the hub's unusable channel payloads."""
        keys = (
            sync_state_repository.PROTOCOL_ERRORS,
            sync_state_repository.LAST_PROTOCOL_ERROR_AT,
            sync_state_repository.UNEXPECTED_ERRORS,
            sync_state_repository.LAST_UNEXPECTED_ERROR_AT,
            sync_state_repository.CHANNEL_INTAKE_REJECTED,
            sync_state_repository.CHANNEL_INTAKE_LAST_AT,
            sync_state_repository.CHANNEL_INTAKE_LAST_CHANNEL,
            sync_state_repository.CHANNEL_INTAKE_LAST_REASON,
        )
        with self._db.read() as session:
            values = sync_state_repository.get_values(session, list(keys))
        return SyncProblemsView(
            protocol_errors=_count(values.get(sync_state_repository.PROTOCOL_ERRORS)),
            last_protocol_error_at=_moment(
                values.get(sync_state_repository.LAST_PROTOCOL_ERROR_AT)
            ),
            unexpected_errors=_count(values.get(sync_state_repository.UNEXPECTED_ERRORS)),
            last_unexpected_error_at=_moment(
                values.get(sync_state_repository.LAST_UNEXPECTED_ERROR_AT)
            ),
            channel_rejected=_count(values.get(sync_state_repository.CHANNEL_INTAKE_REJECTED)),
            channel_last_rejected_at=_moment(
                values.get(sync_state_repository.CHANNEL_INTAKE_LAST_AT)
            ),
            channel_last_channel=values.get(sync_state_repository.CHANNEL_INTAKE_LAST_CHANNEL, ""),
            channel_last_reason=values.get(sync_state_repository.CHANNEL_INTAKE_LAST_REASON, ""),
        )

    def quarantined(self) -> list[QuarantinedRecordView]:
        """This device's records still set aside, newest first, with their raw text."""
        with self._db.read() as session:
            items = quarantine_repository.list_quarantined(session)
        return [
            QuarantinedRecordView(
                item_id=item.id,
                source=item.source,
                kind=item.kind,
                entity_id=item.entity_id,
                raw=item.raw,
                reason=item.reason,
                received_at=item.received_at,
            )
            for item in items
        ]

    def devices(self) -> list[DeviceHealthView]:
        """Every device of the store that reported its health, by name."""
        with self._db.read() as session:
            rows = device_health_repository.list_health(session)
        # The same figures under the screens' name (the screens may not import local_db).
        return [DeviceHealthView(**asdict(row)) for row in rows]

    def this_device_id(self) -> str:
        """This device's id at the hub ("" before enrolment), to mark its own row."""
        with self._db.read() as session:
            value = sync_state_repository.get_value(session, sync_state_repository.DEVICE_ID)
        return value or ""


class SyncRepair:
    """Retry or dismiss a quarantined record; each one transaction with its audit entry."""

    def __init__(self, db: Database, clock: Clock, reapply: Reapply) -> None:
        self._db = db
        self._clock = clock
        self._reapply = reapply

    def retry(self, actor: SignedInStaff, item_id: int) -> str | None:
        """Validate and apply the record again. Returns None when it applied (it leaves the
        list), else the reason it still fails (kept as its new reason)."""
        self._check(actor, item_id, "retry")
        with self._db.write() as session:
            item = quarantine_repository.get_item(session, item_id)
            if item is None or quarantine_repository.is_dismissed(session, item_id):
                raise SyncRepairRefused("unknown_record")
            reason = self._reapply(session, item.raw)
            if reason is None:
                quarantine_repository.dismiss(session, item_id)
            else:
                quarantine_repository.set_reason(session, item_id, reason)
            detail = {
                "quarantine": "retried",
                "kind": item.kind,
                "entity_id": item.entity_id,
                "result": "applied" if reason is None else reason,
            }
            permission_gate.record_done(
                session,
                self._clock,
                actor,
                REPAIR_PERMISSION,
                subject=_subject(item_id),
                detail=detail,
            )
        return reason

    def dismiss(self, actor: SignedInStaff, item_id: int) -> None:
        """Take the record off the list for good (who and when go to the audit trail)."""
        self._check(actor, item_id, "dismiss")
        with self._db.write() as session:
            item = quarantine_repository.get_item(session, item_id)
            if item is None or quarantine_repository.is_dismissed(session, item_id):
                raise SyncRepairRefused("unknown_record")
            quarantine_repository.dismiss(session, item_id)
            detail = {
                "quarantine": "dismissed",
                "kind": item.kind,
                "entity_id": item.entity_id,
                "reason": item.reason,
            }
            permission_gate.record_done(
                session,
                self._clock,
                actor,
                REPAIR_PERMISSION,
                subject=_subject(item_id),
                detail=detail,
            )

    def _check(self, actor: SignedInStaff, item_id: int, what: str) -> None:
        if not permission_gate.allows(actor, REPAIR_PERMISSION):
            permission_gate.refuse(
                self._db,
                self._clock,
                actor,
                REPAIR_PERMISSION,
                subject=_subject(item_id),
                detail={"quarantine": what},
            )
            raise SyncRepairRefused("not_permitted")


def _subject(item_id: int) -> str:
    return f"quarantine/{item_id}"


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _count(value: str | None) -> int:
    return int(value) if value is not None and value.isdigit() else 0
