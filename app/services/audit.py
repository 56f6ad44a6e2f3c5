"""The audit trail: who did what, when, where, with what result; hash-chained, append-only.

`record` is called inside the same write transaction as the change it records, so an action
and its entry commit together or not at all. Reading, filtering, checking against the head the
hub acknowledged, and exporting are on `AuditTrail`.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any, Final, TextIO

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
from app.domain.clock import Clock, utc_now
from app.domain.permissions import Permission, may
from app.domain.privacy import mask_phones_in
from app.domain.store_day import day_bounds, store_date, store_zone
from app.read_models import SignedInStaff
from local_db import audit_repository, staff_repository, sync_state_repository
from local_db.audit_repository import AuditRow
from local_db.database import Database
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


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditLine:
    """One entry as the audit viewer shows it: names resolved, the time in the store's zone."""

    seq: int
    at: datetime
    """The store's local time (aware)."""
    staff_id: str
    staff_name: str
    approved_by: str
    """The approving manager's name (their id when the name is not known), or ""."""
    action: str
    subject: str
    result: AuditResult
    detail: Mapping[str, Any]
    device_id: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What checking the whole trail found: how many entries, and every break."""

    entries: int
    breaks: tuple[ChainBreak, ...]
    anchor: ChainAnchor | None
    """The head the hub acknowledged, checked too; None before the hub first answered."""

    @property
    def is_intact(self) -> bool:
        """Whether no entry was changed, removed, moved or cut off."""
        return not self.breaks


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFilter:
    """Which entries to list or export: a store day, a person, some actions, a result."""

    day: date | None = None
    staff_id: str | None = None
    """Entries this person did or approved."""
    actions: tuple[str, ...] = ()
    result: AuditResult | None = None


class ExportRefused(Exception):
    """The person may not export the audit trail (the attempt is audited)."""


_CSV_COLUMNS: Final = (
    "seq",
    "store_time",
    "utc_time",
    "staff_id",
    "staff_name",
    "approved_by",
    "action",
    "subject",
    "result",
    "detail",
    "device_id",
    "hash",
)


class AuditTrail:
    """Reads, checks and exports this device's audit trail."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the newest entry."""
        with self._db.read() as session:
            return audit_repository.head(session)

    def anchor(self) -> ChainAnchor | None:
        """The head the hub last acknowledged, or None before its first answer."""
        with self._db.read() as session:
            acknowledged = audit_repository.acknowledged_head(session)
        return None if acknowledged is None else ChainAnchor(*acknowledged)

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

    def today(self) -> date:
        """The store's current date."""
        with self._db.read() as session:
            return store_date(self._clock(), _zone(session))

    def people(self) -> list[tuple[str, str]]:
        """(staff id, name) of the store's staff, active or not, by name: the person filter."""
        with self._db.read() as session:
            staff = staff_repository.list_staff(session, active_only=False)
        return sorted(((s.staff_id, s.name) for s in staff), key=lambda person: person[1])

    def lines(self, which: AuditFilter, *, limit: int = 1000) -> list[AuditLine]:
        """Entries newest first as the viewer shows them, at most `limit`."""
        with self._db.read() as session:
            return _lines(session, which, limit)

    def verify(self, anchor: ChainAnchor | None = None) -> list[ChainBreak]:
        """Every break in the stored chain (empty when it holds), checked against `anchor`."""
        with self._db.read() as session:
            return verify_stored(session, anchor)[1]

    def check(self) -> ChainCheck:
        """Check the whole trail against the head the hub acknowledged ("Check the chain")."""
        with self._db.read() as session:
            acknowledged = audit_repository.acknowledged_head(session)
            anchor = None if acknowledged is None else ChainAnchor(*acknowledged)
            count, breaks = verify_stored(session, anchor)
        return ChainCheck(count, tuple(breaks), anchor)

    def export_csv(self, actor: SignedInStaff, path: Path, which: AuditFilter) -> int:
        """Write the filtered entries to `path` as CSV (UTF-8 with BOM, for spreadsheets).

        Needs Permission.EXPORT (a manager's override counts). The export is audited; a
        refused or failed attempt too. Raises ExportRefused, or OSError when the file could
        not be written. Returns how many entries were written.
        """
        approver = actor.approved_by.roles if actor.approved_by else frozenset()
        if not may(actor.roles, Permission.EXPORT, approver):
            self._audit_export(actor, path, which, AuditResult.REFUSED, 0)
            raise ExportRefused(actor.staff_id)
        lines = self.lines(which, limit=1_000_000)
        try:
            temporary = _write_csv_beside(path, lines)
        except OSError:
            self._audit_export(actor, path, which, AuditResult.FAILED, 0)
            raise
        # A file cannot join a SQLite transaction: the entry is recorded while the export is
        # still a temporary file, which takes its name only once the entry is in. Should
        # recording fail (a full disk), the file goes, so no export exists without its entry.
        try:
            self._audit_export(actor, path, which, AuditResult.OK, len(lines))
            temporary.replace(path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return len(lines)

    def _audit_export(
        self, actor: SignedInStaff, path: Path, which: AuditFilter, result: AuditResult, count: int
    ) -> None:
        detail: dict[str, Any] = {"what": "audit_trail", "entries": count}
        if which.day is not None:
            detail["day"] = which.day.isoformat()
        with self._db.write() as session:
            record(
                session,
                self._clock,
                action=AuditAction.EXPORT,
                subject=path.name,
                actor=actor,
                detail=detail,
                result=result,
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


def _zone(session: Session) -> tzinfo:
    settings = staff_repository.get_store_settings(session)
    name = None if settings is None else settings.get("timezone")
    return store_zone(name if isinstance(name, str) else None)


def _lines(session: Session, which: AuditFilter, limit: int) -> list[AuditLine]:
    zone = _zone(session)
    since, until = (None, None) if which.day is None else day_bounds(which.day, zone)
    rows = audit_repository.search(
        session,
        since=since,
        until=until,
        staff_id=which.staff_id,
        actions=which.actions,
        result=None if which.result is None else which.result.value,
        limit=limit,
    )
    names = {s.staff_id: s.name for s in staff_repository.list_staff(session, active_only=False)}
    return [
        AuditLine(
            seq=row.seq,
            at=row.at.astimezone(zone),
            staff_id=row.staff_id,
            staff_name=row.staff_name,
            approved_by=names.get(row.approved_by, row.approved_by),
            action=row.action,
            subject=row.subject,
            result=AuditResult(row.result),
            detail=row.detail_values(),
            device_id=row.device_id,
            hash=row.hash,
        )
        for row in rows
    ]


def _write_csv_beside(path: Path, lines: list[AuditLine]) -> Path:
    """Write the CSV to a temporary file beside `path`, flushed to disk; returns that file."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as file:
            _write_rows(file, lines)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _write_rows(file: TextIO, lines: list[AuditLine]) -> None:
    writer = csv.writer(file)
    writer.writerow(_CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            (
                line.seq,
                line.at.isoformat(timespec="seconds"),
                line.at.astimezone(UTC).isoformat(timespec="microseconds"),
                line.staff_id,
                line.staff_name,
                line.approved_by,
                line.action,
                line.subject,
                line.result.value,
                canonical_detail(line.detail),
                line.device_id,
                line.hash,
            )
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


def _phones_masked(detail: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: mask_phones_in(value) if isinstance(value, str) else value
        for key, value in detail.items()
    }
