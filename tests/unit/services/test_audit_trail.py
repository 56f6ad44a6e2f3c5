"""The audit trail chains each entry onto the one before, and a verifier finds any break."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from app.domain.audit_chain import AuditResult, BreakKind, ChainAnchor
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services import audit
from app.services.audit import AuditTrail
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
    assert [(b.seq, b.kind) for b in AuditTrail(db).verify(anchor)] == [(5, BreakKind.TRUNCATED)]
