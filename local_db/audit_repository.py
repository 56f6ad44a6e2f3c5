"""The audit trail's rows: appended in the caller's transaction, read back in chain order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from local_db.models import AuditEntry

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRow:
    """One stored entry, as the row holds it (`detail` is the hashed JSON text)."""

    seq: int
    at: datetime
    monotonic_ns: int
    boot_id: str
    device_id: str
    staff_id: str
    staff_name: str
    approved_by: str
    action: str
    subject: str
    detail: str
    result: str
    prev_hash: str
    hash: str

    def detail_values(self) -> dict[str, Any]:
        """The detail as a dict ({} when it is not a JSON object)."""
        value = json.loads(self.detail)
        return value if isinstance(value, dict) else {}


def head(session: Session) -> tuple[int, str]:
    """(seq, hash) of the last entry; (0, the genesis hash) for an empty trail."""
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).one_or_none()
    return (0, GENESIS_HASH) if row is None else (row.seq, row.hash)


def append(session: Session, row: AuditRow) -> None:
    """Store an entry the caller chained onto `head(session)` in this same transaction.

    The caller's write transaction (BEGIN IMMEDIATE) keeps two writers from chaining onto the
    same head; the primary key refuses a second entry with the same number regardless.
    """
    session.add(
        AuditEntry(
            seq=row.seq,
            at=row.at,
            monotonic_ns=row.monotonic_ns,
            boot_id=row.boot_id,
            device_id=row.device_id,
            staff_id=row.staff_id,
            staff_name=row.staff_name,
            approved_by=row.approved_by,
            action=row.action,
            subject=row.subject,
            detail=row.detail,
            result=row.result,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
    )
    session.flush()


def in_chain_order(session: Session, *, batch: int = 2000) -> Iterator[AuditRow]:
    """Every entry by number (`seq` is SQLite's rowid: the stored order), in pages."""
    last_seq = 0
    while True:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.seq > last_seq)
            .order_by(AuditEntry.seq)
            .limit(batch)
        ).all()
        if not entries:
            return
        for entry in entries:
            last_seq = entry.seq
            yield _row(entry)


def search(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    staff_id: str | None = None,
    actions: tuple[str, ...] = (),
    limit: int = 500,
) -> list[AuditRow]:
    """Entries newest first, filtered by time span, person and actions."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if staff_id is not None:
        query = query.where(
            (AuditEntry.staff_id == staff_id) | (AuditEntry.approved_by == staff_id)
        )
    if actions:
        query = query.where(AuditEntry.action.in_(actions))
    return [_row(entry) for entry in session.scalars(query)]


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        seq=entry.seq,
        at=entry.at,
        monotonic_ns=entry.monotonic_ns,
        boot_id=entry.boot_id,
        device_id=entry.device_id,
        staff_id=entry.staff_id,
        staff_name=entry.staff_name,
        approved_by=entry.approved_by,
        action=entry.action,
        subject=entry.subject,
        detail=entry.detail,
        result=entry.result,
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )
