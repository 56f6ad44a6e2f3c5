"""The audit trail's hash chain: how an entry is hashed, and how a chain is checked.

Each entry's hash covers its own fields (its sequence number included) and the hash of the
entry before it, so changing, deleting or swapping any entry breaks the chain from there on.
Cutting entries off the end leaves a valid but shorter chain: that is caught against an anchor
(the head the hub last acknowledged), which `verify_chain` takes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Final

GENESIS: Final = "0" * 64
"""The `prev_hash` of the first entry."""


class AuditAction(StrEnum):
    """What an entry records. Sensitive order and task actions use their Permission's value."""

    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    SWITCH_USER = "switch_user"
    LOCKOUT = "lockout"
    UNLOCK = "unlock"
    OVERRIDE = "override"
    """A manager's PIN approved someone else's action (the action has its own entry too)."""
    SETTING_CHANGE = "setting_change"
    EXPORT = "export"
    ENROL = "enrol"
    REAUTH = "reauth"
    """The PIN asked again after the session sat idle."""
    HUB_REFUSED = "hub_refused"
    """The hub refused an action this device had recorded as done (the order had moved on,
    another manager decided first...): the trail says so, beside the action's own entry."""


class AuditResult(StrEnum):
    """How a recorded attempt ended."""

    OK = "ok"
    REFUSED = "refused"
    """The matrix, a lockout or the life cycle refused it."""
    FAILED = "failed"
    """A PIN did not match."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFields:
    """What an entry says, before it is chained: who, what, when, where, with what result."""

    at: datetime
    """UTC wall time."""
    monotonic_ns: int
    """The process's monotonic clock, with `boot_id`: order that survives clock changes."""
    boot_id: str
    """Which run of the program `monotonic_ns` belongs to."""
    device_id: str
    staff_id: str
    """Who did it ("" for the program itself, or an unknown person at sign-in)."""
    staff_name: str
    approved_by: str
    """The manager who approved it with their PIN (an override), or ""."""
    action: str
    subject: str
    """What it was done to: an order id, a staff id, a setting's key, a file name..."""
    detail: Mapping[str, Any]
    """Small facts (a reason, an amount); never a phone number or a secret."""
    result: AuditResult


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainedEntry:
    """An entry as stored: its fields, its place in the chain and the two hashes."""

    seq: int
    fields: AuditFields
    prev_hash: str
    hash: str


def canonical_detail(detail: Mapping[str, Any]) -> str:
    """The detail as hashed and stored: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(seq: int, fields: AuditFields, prev_hash: str) -> str:
    """SHA-256 over the previous hash and every field of the entry."""
    body = [
        seq,
        prev_hash,
        fields.at.isoformat(timespec="microseconds"),
        fields.monotonic_ns,
        fields.boot_id,
        fields.device_id,
        fields.staff_id,
        fields.staff_name,
        fields.approved_by,
        fields.action,
        fields.subject,
        canonical_detail(fields.detail),
        fields.result.value,
    ]
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class BreakKind(StrEnum):
    """What a break in the chain looks like."""

    MODIFIED = "modified"
    """The entry's hash does not match its fields: it was changed (or another's put there)."""
    REWRITTEN = "rewritten"
    """The entry matches its own hash, but the next entry (or the hub's anchor) was chained
    onto another hash: it was changed and its hash computed again."""
    MISSING = "missing"
    """This entry is gone: its number is skipped (`seq` names the first one missing)."""
    OUT_OF_ORDER = "out_of_order"
    """Numbers run backwards: an entry was renumbered or moved."""
    TRUNCATED = "truncated"
    """The chain ends before the acknowledged head: `seq` is the first entry cut off."""


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """One place where the chain does not hold."""

    seq: int
    kind: BreakKind


@dataclass(frozen=True, slots=True)
class ChainAnchor:
    """A head acknowledged earlier (by the hub): this entry must still be there, unchanged."""

    seq: int
    hash: str


def verify_chain(
    entries: Iterable[ChainedEntry], anchor: ChainAnchor | None = None
) -> list[ChainBreak]:
    """Every break in `entries` (read in stored order), empty when the chain holds.

    Each break names the entry to look at: the changed, rewritten or missing one, or the
    first one cut off the end (against `anchor`, the head the hub acknowledged).
    """
    breaks: list[ChainBreak] = []
    previous_hash = GENESIS
    previous_seq = 0
    previous_modified = False
    anchor_seen = anchor is None
    for entry in entries:
        intact = entry_hash(entry.seq, entry.fields, entry.prev_hash) == entry.hash
        if entry.seq <= previous_seq:
            breaks.append(ChainBreak(entry.seq, BreakKind.OUT_OF_ORDER))
        elif entry.seq != previous_seq + 1:
            breaks.append(ChainBreak(previous_seq + 1, BreakKind.MISSING))
        elif entry.prev_hash != previous_hash and intact and not previous_modified:
            # This entry's link is genuine (its own hash covers it): the one before changed.
            breaks.append(ChainBreak(previous_seq, BreakKind.REWRITTEN))
        if not intact:
            breaks.append(ChainBreak(entry.seq, BreakKind.MODIFIED))
        if anchor is not None and entry.seq == anchor.seq:
            anchor_seen = True
            if entry.hash != anchor.hash and intact:
                breaks.append(ChainBreak(entry.seq, BreakKind.REWRITTEN))
        previous_hash = entry.hash
        previous_seq = max(previous_seq, entry.seq)
        previous_modified = not intact
    if anchor is not None and not anchor_seen:
        first_cut = previous_seq + 1 if previous_seq < anchor.seq else anchor.seq
        breaks.append(ChainBreak(first_cut, BreakKind.TRUNCATED))
    return breaks
