"""The chain verifier names the entry each kind of tampering touched."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.domain.audit_chain import (
    GENESIS,
    AuditFields,
    AuditResult,
    BreakKind,
    ChainAnchor,
    ChainBreak,
    ChainedEntry,
    entry_hash,
    verify_chain,
)

_START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _chain(count: int) -> list[ChainedEntry]:
    entries: list[ChainedEntry] = []
    previous = GENESIS
    for seq in range(1, count + 1):
        fields = AuditFields(
            at=_START + timedelta(seconds=seq),
            monotonic_ns=seq,
            boot_id="boot",
            device_id="dev-1",
            staff_id="s-1",
            staff_name="李娜 Li Na",
            approved_by="",
            action="refund",
            subject=f"o-{seq}",
            detail={"amount_cents": seq},
            result=AuditResult.OK,
        )
        entry = ChainedEntry(
            seq=seq, fields=fields, prev_hash=previous, hash=entry_hash(seq, fields, previous)
        )
        entries.append(entry)
        previous = entry.hash
    return entries


def _anchor(entries: list[ChainedEntry]) -> ChainAnchor:
    return ChainAnchor(entries[-1].seq, entries[-1].hash)


def test_an_intact_chain_has_no_break_with_or_without_its_anchor() -> None:
    entries = _chain(6)
    assert verify_chain(entries) == []
    assert verify_chain(entries, _anchor(entries)) == []
    assert verify_chain([], None) == []


def test_a_changed_field_names_that_entry() -> None:
    entries = _chain(6)
    entries[2] = replace(entries[2], fields=replace(entries[2].fields, staff_id="s-9"))
    assert verify_chain(entries) == [ChainBreak(3, BreakKind.MODIFIED)]


def test_a_rewrite_with_its_hash_recomputed_names_the_rewritten_entry() -> None:
    entries = _chain(6)
    forged = replace(entries[2].fields, detail={"amount_cents": 1})
    entries[2] = replace(
        entries[2], fields=forged, hash=entry_hash(3, forged, entries[2].prev_hash)
    )
    assert verify_chain(entries) == [ChainBreak(3, BreakKind.REWRITTEN)]


def test_the_last_entry_rewritten_is_caught_only_against_the_anchor() -> None:
    entries = _chain(6)
    anchor = _anchor(entries)
    forged = replace(entries[5].fields, subject="o-other")
    entries[5] = replace(
        entries[5], fields=forged, hash=entry_hash(6, forged, entries[5].prev_hash)
    )
    assert verify_chain(entries) == []
    assert verify_chain(entries, anchor) == [ChainBreak(6, BreakKind.REWRITTEN)]


def test_a_deleted_entry_is_named_by_its_number() -> None:
    entries = _chain(6)
    del entries[0]
    assert verify_chain(entries) == [ChainBreak(1, BreakKind.MISSING)]


def test_a_cut_tail_names_the_first_entry_cut_off() -> None:
    entries = _chain(6)
    anchor = _anchor(entries)
    assert verify_chain(entries[:3], anchor) == [ChainBreak(4, BreakKind.TRUNCATED)]
    assert verify_chain([], anchor) == [ChainBreak(1, BreakKind.TRUNCATED)]


def test_entries_read_out_of_order_are_named() -> None:
    entries = _chain(4)
    entries[1], entries[2] = entries[2], entries[1]
    found = verify_chain(entries)
    assert ChainBreak(2, BreakKind.OUT_OF_ORDER) in found
