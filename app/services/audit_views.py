"""The audit trail as the viewer reads it: entries filtered, names resolved, in store time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.audit_chain import AuditResult
from app.domain.store_day import day_bounds
from app.services.store_time import store_zone_of
from local_db import audit_repository, staff_repository


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


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFilter:
    """Which entries to list or export: a store day, a person, some actions, a result."""

    day: date | None = None
    staff_id: str | None = None
    """Entries this person did or approved."""
    actions: tuple[str, ...] = ()
    result: AuditResult | None = None


def audit_lines(session: Session, which: AuditFilter, limit: int) -> list[AuditLine]:
    """Entries newest first as the viewer shows them, at most `limit`, in the caller's session."""
    zone = store_zone_of(session)
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
