"""The verifier finds every single tampering of a 10,000-entry trail, at the entry tampered.

The trail is built once in a migrated file; each tampering is raw SQL inside a savepoint,
checked by the same code the viewer's "Check the chain" runs, then rolled back.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.audit_chain import (
    AuditFields,
    AuditResult,
    BreakKind,
    ChainAnchor,
    ChainBreak,
    canonical_detail,
    entry_hash,
)
from app.services import audit
from local_db import audit_repository
from local_db.database import Database

ENTRIES = 10_000
_ACTIONS = ("accept", "reject", "refund", "cancel", "sign_in", "override", "export", "lockout")
_PEOPLE = (("staff-wangfang", "王芳 Wang Fang"), ("staff-liqiang", "李强 Li Qiang"))
_COLUMNS = (
    "at, monotonic_ns, boot_id, device_id, staff_id, staff_name, approved_by, action, subject, "
    "detail, result, prev_hash, hash"
)

Tamper = Callable[[Session, int], None]


@dataclass(frozen=True)
class Tampering:
    """One way to tamper an entry at a position, and the break the verifier must report."""

    name: str
    apply: Tamper
    expect: Callable[[int], set[ChainBreak]]


def _fields(n: int, start: datetime) -> AuditFields:
    staff_id, name = _PEOPLE[n % 2]
    return AuditFields(
        at=start + timedelta(seconds=7 * n),
        monotonic_ns=1_000_000 * n,
        boot_id="boot-a" if n < ENTRIES // 2 else "boot-b",
        device_id="dev-counter",
        staff_id=staff_id,
        staff_name=name,
        approved_by="staff-chenjing" if n % 5 == 0 else "",
        action=_ACTIONS[n % len(_ACTIONS)],
        subject=f"order-{n:05d}",
        detail={"amount_cents": 100 + n, "reason": "缺货 out of stock"},
        result=AuditResult.OK if n % 7 else AuditResult.REFUSED,
    )


def _update(assignment: str) -> Tamper:
    def tamper(session: Session, seq: int) -> None:
        session.execute(
            text(f"UPDATE audit_entries SET {assignment} WHERE seq = :seq"),  # noqa: S608 (the test's own SQL)
            {"seq": seq},
        )

    return tamper


def _delete(session: Session, seq: int) -> None:
    session.execute(text("DELETE FROM audit_entries WHERE seq = :seq"), {"seq": seq})


def _cut_tail(session: Session, seq: int) -> None:
    session.execute(text("DELETE FROM audit_entries WHERE seq >= :seq"), {"seq": seq})


def _partner(seq: int) -> int:
    """Another entry to swap with: a far one, or the neighbour for the last."""
    return seq - 1 if seq == ENTRIES else (seq + 4_321) % ENTRIES + 1


def _swap(session: Session, seq: int) -> None:
    other = _partner(seq)
    select = f"SELECT {_COLUMNS} FROM audit_entries WHERE seq = :seq"  # noqa: S608 (fixed columns)
    first = session.execute(text(select), {"seq": seq}).one()._asdict()
    second = session.execute(text(select), {"seq": other}).one()._asdict()
    assignments = ", ".join(f"{column} = :{column}" for column in first)
    update = text(f"UPDATE audit_entries SET {assignments} WHERE seq = :seq")  # noqa: S608 (same)
    session.execute(update, {**second, "seq": seq})
    session.execute(update, {**first, "seq": other})


def _rewrite_with_new_hash(session: Session, seq: int) -> None:
    """A careful forger: changes the amount and computes the entry's own hash again."""
    row = audit_repository.entry(session, seq)
    assert row is not None
    entry = audit.chained_entry(row)
    forged = AuditFields(
        **{
            **{name: getattr(entry.fields, name) for name in AuditFields.__dataclass_fields__},
            "detail": {**entry.fields.detail, "amount_cents": 1},
        }
    )
    forged_hash = entry_hash(seq, forged, entry.prev_hash)
    session.execute(
        text("UPDATE audit_entries SET detail = :detail, hash = :hash WHERE seq = :seq"),
        {"detail": canonical_detail(forged.detail), "hash": forged_hash, "seq": seq},
    )


def _modified(seq: int) -> set[ChainBreak]:
    return {ChainBreak(seq, BreakKind.MODIFIED)}


def _gone(seq: int) -> set[ChainBreak]:
    kind = BreakKind.TRUNCATED if seq == ENTRIES else BreakKind.MISSING
    return {ChainBreak(seq, kind)}


_MINUTE_DIGIT = "substr(at, 1, 14) || (CASE substr(at, 15, 1) WHEN '0' THEN '1' ELSE '0' END)"
_OTHER_HASH = "'" + "ab" * 32 + "'"

TAMPERINGS = (
    # One field changed, each kind of field.
    Tampering("time", _update(f"at = {_MINUTE_DIGIT} || substr(at, 16)"), _modified),
    Tampering("monotonic time", _update("monotonic_ns = monotonic_ns + 1"), _modified),
    Tampering("boot id", _update("boot_id = boot_id || 'x'"), _modified),
    Tampering("device", _update("device_id = 'dev-handheld'"), _modified),
    Tampering("who", _update("staff_id = 'staff-chenjing'"), _modified),
    Tampering("name", _update("staff_name = '陈静 Chen Jing'"), _modified),
    Tampering(
        "approved by",
        _update("approved_by = CASE approved_by WHEN '' THEN 'staff-chenjing' ELSE '' END"),
        _modified,
    ),
    Tampering(
        "action",
        _update("action = CASE action WHEN 'refund' THEN 'accept' ELSE 'refund' END"),
        _modified,
    ),
    Tampering("subject", _update("subject = subject || '9'"), _modified),
    Tampering(
        "detail",
        # char(58) is ":", spelled so that SQLAlchemy does not read ":9" as a parameter.
        _update("detail = replace(detail, 'cents\"' || char(58), 'cents\"' || char(58) || '9')"),
        _modified,
    ),
    Tampering(
        "result", _update("result = CASE result WHEN 'ok' THEN 'refused' ELSE 'ok' END"), _modified
    ),
    Tampering("link to previous", _update(f"prev_hash = {_OTHER_HASH}"), _modified),
    Tampering("own hash", _update(f"hash = {_OTHER_HASH}"), _modified),
    Tampering("number", _update("seq = -seq"), _gone),
    # Whole entries.
    Tampering("deleted", _delete, _gone),
    Tampering(
        "swapped",
        _swap,
        lambda seq: {
            ChainBreak(seq, BreakKind.MODIFIED),
            ChainBreak(_partner(seq), BreakKind.MODIFIED),
        },
    ),
    Tampering("tail cut", _cut_tail, lambda seq: {ChainBreak(seq, BreakKind.TRUNCATED)}),
    Tampering(
        "rewritten, hash recomputed",
        _rewrite_with_new_hash,
        lambda seq: {ChainBreak(seq, BreakKind.REWRITTEN)},
    ),
)


def test_every_single_tampering_of_ten_thousand_entries_is_found_at_its_entry(
    db: Database,
) -> None:
    start = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    with db.write() as session:
        anchor = ChainAnchor(
            *audit.record_many(session, (_fields(n, start) for n in range(ENTRIES)))
        )
    rng = random.Random(20261201)
    positions = [1, ENTRIES // 2, ENTRIES, *rng.sample(range(2, ENTRIES), 2)]
    tried, missed = 0, []
    with db.write() as session:
        assert audit.verify_stored(session, anchor) == (ENTRIES, [])
        for tampering in TAMPERINGS:
            for seq in positions:
                savepoint = session.begin_nested()
                tampering.apply(session, seq)
                session.expunge_all()
                _count, breaks = audit.verify_stored(session, anchor)
                savepoint.rollback()
                tried += 1
                if not tampering.expect(seq) <= set(breaks):
                    missed.append((tampering.name, seq, breaks[:3]))
        assert audit.verify_stored(session, anchor) == (ENTRIES, [])
    print(
        f"\naudit tamperings tried / detected at the right entry: {tried} / {tried - len(missed)}"
    )
    assert missed == []
