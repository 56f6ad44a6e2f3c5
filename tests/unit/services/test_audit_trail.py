"""The audit trail chains each entry onto the one before, and a verifier finds any break."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.audit_chain import AuditResult, BreakKind, ChainAnchor
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services import audit
from app.services.audit_trail import AuditFilter, AuditTrail, ExportRefused
from local_db.database import Database

_CASHIER = SignedInStaff("s-1", "李娜 Li Na", frozenset({Role.CASHIER}))
_MANAGER = SignedInStaff("s-9", "王芳 Wang Fang", frozenset({Role.MANAGER}))


def _record_some(db: Database, count: int) -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with db.write() as session:
        for n in range(count):
            audit.record(
                session,
                lambda n=n: start + timedelta(seconds=n),
                action="refund",
                subject=f"o-{n}",
                actor=_CASHIER.approved(_MANAGER) if n % 3 == 0 else _CASHIER,
                detail={"amount_cents": n * 10, "reason": "缺货"},
            )


def test_entries_chain_and_verify_clean(db: Database) -> None:
    _record_some(db, 5)
    trail = AuditTrail(db)
    assert trail.verify() == []
    seq, head_hash = trail.head()
    assert seq == 5
    assert trail.verify(ChainAnchor(5, head_hash)) == []
    newest = trail.entries(limit=1)[0]
    assert (newest.seq, newest.approved_by, newest.result) == (5, "", AuditResult.OK.value)
    assert trail.entries(staff_id="s-9")[0].subject == "o-3"


def test_a_changed_amount_is_found(db: Database) -> None:
    _record_some(db, 5)
    with db.write() as session:
        session.execute(
            text("UPDATE audit_entries SET detail = replace(detail, '30', '3') WHERE seq = 4")
        )
    assert [(b.seq, b.kind) for b in AuditTrail(db).verify()] == [(4, BreakKind.MODIFIED)]


def test_a_cut_off_tail_is_found_against_the_hubs_anchor(db: Database) -> None:
    _record_some(db, 5)
    anchor = ChainAnchor(*AuditTrail(db).head())
    with db.write() as session:
        session.execute(text("DELETE FROM audit_entries WHERE seq >= 4"))
    assert AuditTrail(db).verify() == []
    assert [(b.seq, b.kind) for b in AuditTrail(db).verify(anchor)] == [(4, BreakKind.TRUNCATED)]


def test_a_cashier_may_not_export_and_the_refused_attempt_is_audited(
    db: Database, tmp_path: Path
) -> None:
    _record_some(db, 2)
    trail = AuditTrail(db)

    with pytest.raises(ExportRefused):
        trail.export_csv(_CASHIER, tmp_path / "audit.csv", AuditFilter())

    assert not (tmp_path / "audit.csv").exists()
    newest = trail.entries(limit=1)[0]
    assert (newest.action, newest.result, newest.staff_id) == ("export", "refused", "s-1")
    assert trail.verify() == []


def test_an_approved_export_writes_the_filtered_entries_and_records_who_approved(
    db: Database, tmp_path: Path
) -> None:
    _record_some(db, 4)
    trail = AuditTrail(db)

    written = trail.export_csv(
        _CASHIER.approved(_MANAGER), tmp_path / "audit.csv", AuditFilter(staff_id="s-9")
    )

    assert written == 2  # entries 1 and 4 were approved by the manager
    newest = trail.entries(limit=1)[0]
    assert (newest.action, newest.approved_by, newest.detail_values()["entries"]) == (
        "export",
        "s-9",
        2,
    )


def test_bulk_entries_chain_on_from_the_head_like_single_ones(db: Database) -> None:
    _record_some(db, 3)
    fields = audit.chained_entry(AuditTrail(db).entries(limit=1)[0]).fields
    with db.write() as session:
        head = audit.record_many(session, [fields, fields])

    assert head == AuditTrail(db).head()
    assert head[0] == 5
    assert AuditTrail(db).verify(ChainAnchor(*head)) == []
