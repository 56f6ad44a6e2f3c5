"""Writing the audit trail: who did what, when, where, with what result; hash-chained, append-only.

`record` is called inside the same write transaction as the change it records, so an action
and its entry commit together or not at all. Reading, filtering, checking against the head the
hub acknowledged, and exporting are on `AuditTrail` (audit_trail).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC
from typing import Any, Final

from sqlalchemy.orm import Session

from app.domain.audit_chain import (
    AuditAction,
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
from app.domain.privacy import mask_phones_in
from app.read_models import SignedInStaff
from local_db import audit_repository, staff_repository, sync_state_repository
from local_db.audit_repository import AuditRow
from local_db.outbox_repository import OutboxItem

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
        # A customer's number never enters the trail, even inside a reason someone typed.
        # Masked before the cut: a cut first could split a number where the mask misses it.
        subject=mask_phones_in(subject)[:120],
        detail=_phones_masked(detail or {}),
        result=result,
    )
    row = _stored(seq + 1, fields, prev_hash, entry_hash(seq + 1, fields, prev_hash))
    audit_repository.append(session, row)
    return row


def record_many(session: Session, entries: Iterable[AuditFields]) -> tuple[int, str]:
    """Chain `entries` onto the trail in one statement (an import, a long test trail).

    Same chain as `record`, in the caller's transaction; returns the new (seq, hash) head.
    """
    seq, prev_hash = audit_repository.head(session)
    rows: list[AuditRow] = []
    for fields in entries:
        seq += 1
        row = _stored(seq, fields, prev_hash, entry_hash(seq, fields, prev_hash))
        rows.append(row)
        prev_hash = row.hash
    audit_repository.append_many(session, rows)
    return seq, prev_hash


def verify_stored(
    session: Session, anchor: ChainAnchor | None = None
) -> tuple[int, list[ChainBreak]]:
    """(how many entries were read, every break) of the trail as stored, against `anchor`."""
    counted = _Counted(audit_repository.in_chain_order(session))
    breaks = verify_chain((chained_entry(row) for row in counted), anchor)
    return counted.count, breaks


def record_hub_refusal(
    session: Session, item: OutboxItem, reason: str, message: str, *, clock: Clock
) -> None:
    """Note in the trail that the hub refused a person's action recorded here as done.

    Called by the pusher in the transaction that stores the hub's answer, so an action the
    trail shows as done ("Refunded") is never left standing when it did not happen.
    """
    staff = staff_repository.get_staff(session, item.staff_id)
    record(
        session,
        clock,
        action=AuditAction.HUB_REFUSED,
        subject=item.entity_id,
        staff_id=item.staff_id,
        staff_name=staff.name if staff is not None else "",
        detail={"command": item.command_type, "reason": reason, "message": message[:200]},
        result=AuditResult.REFUSED,
    )


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


class _Counted:
    """Passes rows through, counting them (the check reports how many it read)."""

    def __init__(self, rows: Iterator[AuditRow]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[AuditRow]:
        for row in self._rows:
            self.count += 1
            yield row


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


def _phones_masked(detail: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: mask_phones_in(value) if isinstance(value, str) else value
        for key, value in detail.items()
    }
