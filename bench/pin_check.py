"""PIN check cost: one device-side check (Argon2id at the hub's parameters, then the pepper's
HMAC) against a single SHA-256 of the same PIN and salt, both measured in this run.

The point of Argon2id is that each guess is expensive: the ratio printed is how many times
dearer a guess is than with a plain salted hash. Target: 20-250 ms per check (decision 018).
"""

from __future__ import annotations

import argparse
import hashlib
import secrets
import time
from collections.abc import Callable

from app.domain.staff_pin import HUB_PARAMS, make_pin_verifier, pin_matches, seal_verifier


def per_call_s(call: Callable[[], object], repeats: int) -> float:
    """Best-of-three mean seconds per call of `call`."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(repeats):
            call()
        best = min(best, (time.perf_counter() - started) / repeats)
    return best


def main() -> None:
    """Print ms per check, the SHA-256 baseline and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    pepper = secrets.token_bytes(32)
    salt = secrets.token_bytes(16)
    sealed = seal_verifier(make_pin_verifier("2468", salt), pepper)
    argon = per_call_s(lambda: pin_matches("1357", sealed, pepper), args.repeats)
    sha = per_call_s(lambda: hashlib.sha256(salt + b"1357").digest(), args.repeats * 10_000)
    print(f"Argon2id {HUB_PARAMS.text()} + HMAC: {argon * 1000:.1f} ms per PIN check")
    print(f"SHA-256 baseline: {sha * 1e6:.2f} us per hash")
    print(f"ratio: {argon / sha:,.0f}x dearer per guess")


if __name__ == "__main__":
    main()
