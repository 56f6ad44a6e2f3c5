"""An audit export exists only with its entry; a phone number cut at the subject's end is masked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from app.domain.clock import utc_now
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services import audit
from app.services.audit_trail import AuditFilter, AuditTrail
from local_db.audit_repository import AuditRow
from local_db.database import Database
from tests.integration.services.test_full_disk import FullDisk

_MANAGER = SignedInStaff("s-9", "王芳 Wang Fang", frozenset({Role.MANAGER}))


def _record(db: Database, subject: str = "print.copies", pad: int = 0) -> AuditRow:
    with db.write() as session:
        return audit.record(
            session,
            utc_now,
            action="setting_change",
            subject=subject,
            actor=_MANAGER,
            detail={"pad": "x" * pad},
        )


def _fill(db: Database) -> None:
    """Record entries, large then small, until the capped file takes not even a small one."""
    for pad in (3000, 300, 0):
        for _ in range(10_000):
            try:
                _record(db, pad=pad)
            except OperationalError:
                break
        else:
            raise AssertionError("the capped database never filled up")


def test_an_export_whose_entry_cannot_be_recorded_leaves_no_file(
    db: Database, tmp_path: Path
) -> None:
    _record(db)
    out = tmp_path / "out"
    out.mkdir()
    trail = AuditTrail(db)

    with FullDisk(db):
        _fill(db)
        head_before = trail.head()
        with pytest.raises(OperationalError):
            trail.export_csv(_MANAGER, out / "audit.csv", AuditFilter())

    assert list(out.iterdir()) == []  # neither the export nor its temporary file
    assert trail.head() == head_before
    assert trail.verify() == []


def test_an_export_that_fits_is_written_with_its_entry(db: Database, tmp_path: Path) -> None:
    _record(db)
    trail = AuditTrail(db)

    assert trail.export_csv(_MANAGER, tmp_path / "audit.csv", AuditFilter()) == 1

    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit")] == []
    text = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("seq,store_time")
    newest = trail.entries(limit=1)[0]
    assert (newest.action, newest.result, newest.subject) == ("export", "ok", "audit.csv")


def test_a_phone_number_at_the_subjects_cut_is_masked_before_the_cut(db: Database) -> None:
    subject = "x" * 113 + "13812345678"

    row = _record(db, subject)

    assert len(row.subject) == 120
    assert "1381234" not in row.subject
    assert row.subject.endswith("138****")
