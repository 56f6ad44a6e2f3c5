"""The audit trail's rows: appended in the caller's transaction, read back in chain order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from local_db import sync_state_repository
from local_db.models import AuditEntry

GENESIS_HASH = "0" * 64

ANCHOR_KEY: Final = "audit_anchor"
"""sync_state key of the head the hub last acknowledged, as "seq:hash"."""


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
    session.add(AuditEntry(**_values(row)))
    session.flush()


def append_many(session: Session, rows: list[AuditRow]) -> None:
    """Store entries the caller chained, in one statement (an import, a test's long trail)."""
    if rows:
        session.execute(insert(AuditEntry), [_values(row) for row in rows])


def acknowledged_head(session: Session) -> tuple[int, str] | None:
    """(seq, hash) of the head the hub last acknowledged, or None before the first answer."""
    value = sync_state_repository.get_value(session, ANCHOR_KEY)
    if value is None or ":" not in value:
        return None
    seq, _, hash_ = value.partition(":")
    return (int(seq), hash_) if seq.isdigit() else None


def set_acknowledged_head(session: Session, seq: int, hash_: str) -> None:
    """Keep the head the hub acknowledged: the entry the trail must still hold, unchanged."""
    sync_state_repository.set_value(session, ANCHOR_KEY, f"{seq}:{hash_}")


def hash_at(session: Session, seq: int) -> str | None:
    """The hash the trail holds at `seq` (the genesis hash at 0), or None without that entry."""
    if seq == 0:
        return GENESIS_HASH
    return session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))


def take_acknowledged_head(session: Session, seq: int, hash_: str) -> bool:
    """Keep the hub's answer as the anchor, unless the trail no longer holds the current one.

    An anchor the trail lost stays: it is what lets the trail's own check report the cut,
    whatever a hub answers. Returns whether the answer was kept.
    """
    current = acknowledged_head(session)
    if current is not None and current != (seq, hash_):
        held_seq, held_hash = current
        if hash_at(session, held_seq) != held_hash:
            return False
    set_acknowledged_head(session, seq, hash_)
    return True


def entry(session: Session, seq: int) -> AuditRow | None:
    """The entry numbered `seq`, or None."""
    found = session.get(AuditEntry, seq)
    return None if found is None else _row(found)


def in_chain_order(session: Session, *, batch: int = 2000) -> Iterator[AuditRow]:
    """Every entry by number (`seq` is SQLite's rowid: the stored order), in pages."""
    # Plain column rows, not ORM objects: the verifier reads every entry, and the identity
    # map would both slow it and hand back objects older than a raw change to the table.
    columns = [getattr(AuditEntry, name) for name in AuditRow.__dataclass_fields__]
    last_seq = 0
    while True:
        rows = session.execute(
            select(*columns).where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            last_seq = row.seq
            yield AuditRow(**row._asdict())


def search(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    staff_id: str | None = None,
    actions: tuple[str, ...] = (),
    result: str | None = None,
    limit: int = 500,
) -> list[AuditRow]:
    """Entries newest first, filtered by time span, person (acting or approving), actions and
    result."""
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
    if result is not None:
        query = query.where(AuditEntry.result == result)
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


def _values(row: AuditRow) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "at": row.at,
        "monotonic_ns": row.monotonic_ns,
        "boot_id": row.boot_id,
        "device_id": row.device_id,
        "staff_id": row.staff_id,
        "staff_name": row.staff_name,
        "approved_by": row.approved_by,
        "action": row.action,
        "subject": row.subject,
        "detail": row.detail,
        "result": row.result,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }
