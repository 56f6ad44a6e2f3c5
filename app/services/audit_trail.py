"""Reading, checking and exporting this device's audit trail: what the manager's viewer uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.domain.audit_chain import AuditAction, AuditResult, ChainAnchor, ChainBreak
from app.domain.clock import Clock, utc_now
from app.domain.permissions import Permission, may
from app.domain.store_day import store_date
from app.read_models import SignedInStaff
from app.services.audit import record, verify_stored
from app.services.audit_csv import write_csv_beside
from app.services.audit_views import AuditFilter, AuditLine, audit_lines
from app.services.store_time import store_zone_of
from local_db import audit_repository, staff_repository
from local_db.audit_repository import AuditRow
from local_db.database import Database

__all__ = ["AuditFilter", "AuditLine", "AuditTrail", "ChainCheck", "ExportRefused"]


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


class ExportRefused(Exception):
    """The person may not export the audit trail (the attempt is audited)."""


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
            return store_date(self._clock(), store_zone_of(session))

    def people(self) -> list[tuple[str, str]]:
        """(staff id, name) of the store's staff, active or not, by name: the person filter."""
        with self._db.read() as session:
            staff = staff_repository.list_staff(session, active_only=False)
        return sorted(((s.staff_id, s.name) for s in staff), key=lambda person: person[1])

    def lines(self, which: AuditFilter, *, limit: int = 1000) -> list[AuditLine]:
        """Entries newest first as the viewer shows them, at most `limit`."""
        with self._db.read() as session:
            return audit_lines(session, which, limit)

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
            temporary = write_csv_beside(path, lines)
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
