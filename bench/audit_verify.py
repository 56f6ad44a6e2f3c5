"""Audit trail speed: entries/s for checking the chain and for appending, in a migrated file,
against a plain SHA-256 loop over payloads of the same size, all measured in this run.

The ratio says how much the chain's bookkeeping (reading rows, canonical JSON, one hash per
entry) costs over the bare hashing: the part a faster hash could not remove. Appends are
measured both as the app makes them (one transaction per entry, as one person's action) and
in bulk (`record_many`, one statement).
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from app.domain.audit_chain import AuditFields, AuditResult, ChainAnchor
from app.read_models import SignedInStaff
from app.services import audit
from app.services.audit_trail import AuditTrail
from local_db.database import Database

_START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
_ACTOR = SignedInStaff("staff-wangfang", "王芳 Wang Fang", frozenset())


def _fields(n: int) -> AuditFields:
    return AuditFields(
        at=_START + timedelta(seconds=n),
        monotonic_ns=n * 1000,
        boot_id="0f" * 16,
        device_id="dev-counter-01",
        staff_id="staff-wangfang",
        staff_name="王芳 Wang Fang",
        approved_by="staff-chenjing" if n % 5 == 0 else "",
        action="refund",
        subject=f"order-{n:06d}",
        detail={"amount_cents": 100 + n, "reason": "缺货 out of stock"},
        result=AuditResult.OK,
    )


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} entries/s"


def _best_of(runs: int, step: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    """Print entries/s for verify, single and bulk append, the SHA-256 baseline, the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--single", type=int, default=500, help="entries appended one by one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "device.db")
        started = time.perf_counter()
        with db.write() as session:
            head = audit.record_many(session, (_fields(n) for n in range(args.entries)))
        bulk_s = time.perf_counter() - started
        trail = AuditTrail(db)
        anchor = ChainAnchor(*head)
        verify_s = _best_of(3, lambda: trail.verify(anchor))
        assert trail.verify(anchor) == []

        def append_singly() -> None:
            for n in range(args.single):
                with db.write() as session:
                    audit.record(
                        session,
                        partial(_START.__add__, timedelta(seconds=n)),
                        action="accept",
                        subject=f"order-{n}",
                        actor=_ACTOR,
                        detail={"n": n},
                    )

        single_s = _best_of(1, append_singly)
        db.close()
    payloads = [repr((n, "0" * 64, _fields(n))).encode() for n in range(args.entries)]
    sha_s = _best_of(3, lambda: [hashlib.sha256(p).hexdigest() for p in payloads])
    print(f"trail of {args.entries:,} entries, checked against the hub's anchor")
    print(f"verify:              {_rate(args.entries, verify_s)} ({verify_s * 1000:.0f} ms)")
    print(f"append, bulk:        {_rate(args.entries, bulk_s)}")
    print(f"append, one a txn:   {_rate(args.single, single_s)} (each its own BEGIN IMMEDIATE)")
    print(f"plain SHA-256 loop:  {_rate(args.entries, sha_s)} (payloads of the same size)")
    print(f"verify / SHA-256:    {sha_s / verify_s:.3f} (x{verify_s / sha_s:.0f} slower)")
    print(f"bulk append / SHA-256: x{bulk_s / sha_s:.0f} slower")


if __name__ == "__main__":
    main()
