"""The audit trail: who did what, when, where, with what result; hash-chained, append-only.

`record` is called inside the same write transaction as the change it records, so an action
and its entry commit together or not at all. Reading, filtering and verifying are on `AuditTrail`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy.orm import Session

from app.domain.audit_chain import (
    AuditFields,
    AuditResult,
    ChainAnchor,
    ChainBreak,
    ChainedEntry,
    canonical_detail,
    entry_hash,
    verify_chain,
)
from app.domain.clock import Clock
from app.read_models import SignedInStaff
from local_db import audit_repository, sync_state_repository
from local_db.audit_repository import AuditRow
from local_db.database import Database

BOOT_ID: Final = uuid.uuid4().hex
"""This run of the program: monotonic times compare only within one boot id."""


def record(
    session: Session,
    clock: Clock,
    *,
    action: str,
    subject: str = "",
    actor: SignedInStaff | None = None,
    detail: Mapping[str, Any] | None = None,
    result: AuditResult = AuditResult.OK,
    staff_id: str | None = None,
    staff_name: str | None = None,
) -> AuditRow:
    """Chain one entry onto the trail in the caller's transaction and return it.

    `actor` is who acted (and, through `approved_by`, who approved); `staff_id`/`staff_name`
    name a person who is not signed in (a failed sign-in, a lockout).
    """
    seq, prev_hash = audit_repository.head(session)
    device_id = sync_state_repository.get_value(session, sync_state_repository.DEVICE_ID) or ""
    fields = AuditFields(
        at=clock().astimezone(UTC),
        monotonic_ns=time.monotonic_ns(),
        boot_id=BOOT_ID,
        device_id=device_id,
        staff_id=staff_id if staff_id is not None else (actor.staff_id if actor else ""),
        staff_name=staff_name if staff_name is not None else (actor.name if actor else ""),
        approved_by=actor.approved_by.staff_id if actor and actor.approved_by else "",
        action=str(action),
        subject=subject[:120],
        detail=dict(detail or {}),
        result=result,
    )
    row = _stored(seq + 1, fields, prev_hash, entry_hash(seq + 1, fields, prev_hash))
    audit_repository.append(session, row)
    return row


def chained_entry(row: AuditRow) -> ChainedEntry:
    """A stored row as the chain verifier reads it."""
    return ChainedEntry(
        seq=row.seq,
        fields=AuditFields(
            at=row.at,
            monotonic_ns=row.monotonic_ns,
            boot_id=row.boot_id,
            device_id=row.device_id,
            staff_id=row.staff_id,
            staff_name=row.staff_name,
            approved_by=row.approved_by,
            action=row.action,
            subject=row.subject,
            detail=row.detail_values(),
            result=AuditResult(row.result),
        ),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class AuditTrail:
    """Reads and checks this device's audit trail."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the newest entry."""
        with self._db.read() as session:
            return audit_repository.head(session)

    def entries(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        staff_id: str | None = None,
        actions: tuple[str, ...] = (),
        limit: int = 500,
    ) -> list[AuditRow]:
        """Entries newest first, filtered."""
        with self._db.read() as session:
            return audit_repository.search(
                session, since=since, until=until, staff_id=staff_id, actions=actions, limit=limit
            )

    def verify(self, anchor: ChainAnchor | None = None) -> list[ChainBreak]:
        """Every break in the stored chain (empty when it holds), checked against `anchor`."""
        with self._db.read() as session:
            return verify_chain(
                (chained_entry(row) for row in audit_repository.in_chain_order(session)), anchor
            )


def _stored(seq: int, fields: AuditFields, prev_hash: str, hash_: str) -> AuditRow:
    return AuditRow(
        seq=seq,
        at=fields.at,
        monotonic_ns=fields.monotonic_ns,
        boot_id=fields.boot_id,
        device_id=fields.device_id,
        staff_id=fields.staff_id,
        staff_name=fields.staff_name,
        approved_by=fields.approved_by,
        action=fields.action,
        subject=fields.subject,
        detail=canonical_detail(fields.detail),
        result=fields.result.value,
        prev_hash=prev_hash,
        hash=hash_,
    )
