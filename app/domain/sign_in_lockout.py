"""The sign-in lockout policy: how many wrong PINs in a row lock a person out, and for how long.

Pure: the caller passes the wall time in and stores the state it gets back. Lockout time is
counted forward only (time the clock moved forward since the last look), so a clock set back
never shortens a lockout and a restart resumes where it stood.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final

MAX_FAILURES: Final = 10
"""Wrong PINs in a row that lock a person out."""

LOCKOUT: Final = timedelta(minutes=30)
"""How long a lockout lasts unless a manager unlocks sooner."""


@dataclass(frozen=True, slots=True)
class GuardState:
    """One person's failed attempts on this device (stored as a `SignInGuard` row)."""

    failures: int = 0
    last_failure_at: datetime | None = None
    locked_at: datetime | None = None
    clock_high_water: datetime | None = None
    locked_elapsed_s: float = 0.0

    @property
    def is_locked(self) -> bool:
        """Whether the person is locked out (as of the last `observed`)."""
        return self.locked_at is not None and self.locked_elapsed_s < LOCKOUT.total_seconds()

    def remaining(self) -> timedelta:
        """Lockout time still to serve (zero when not locked)."""
        if not self.is_locked:
            return timedelta(0)
        return LOCKOUT - timedelta(seconds=self.locked_elapsed_s)


FRESH: Final = GuardState()


def observed(state: GuardState, now: datetime) -> GuardState:
    """`state` brought up to `now`: forward time served, a finished lockout cleared."""
    if state.locked_at is None:
        return state
    high_water = state.clock_high_water or state.locked_at
    elapsed = state.locked_elapsed_s
    if now > high_water:
        elapsed += (now - high_water).total_seconds()
        high_water = now
    if elapsed >= LOCKOUT.total_seconds():
        return FRESH
    return replace(state, clock_high_water=high_water, locked_elapsed_s=elapsed)


def after_failure(state: GuardState, now: datetime) -> GuardState:
    """`state` after one more wrong PIN at `now`; the `MAX_FAILURES`th locks the person out."""
    state = observed(state, now)
    if state.is_locked:
        return state
    failures = state.failures + 1
    if failures < MAX_FAILURES:
        return replace(state, failures=failures, last_failure_at=now)
    return GuardState(
        failures=failures,
        last_failure_at=now,
        locked_at=now,
        clock_high_water=now,
        locked_elapsed_s=0.0,
    )


def locked_until(state: GuardState, now: datetime) -> datetime:
    """The wall time the lockout ends if the clock runs normally from `now`."""
    return now + state.remaining()
