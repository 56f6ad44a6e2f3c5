"""The lockout policy with an injected wall time: forward, backward, restart, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.sign_in_lockout import (
    FRESH,
    LOCKOUT,
    MAX_FAILURES,
    GuardState,
    after_failure,
    locked_until,
    observed,
)

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _failed(times: int, start: GuardState = FRESH, at: datetime = T0) -> GuardState:
    state = start
    for _ in range(times):
        state = after_failure(state, at)
    return state


def test_nine_wrong_pins_do_not_lock_the_tenth_does():
    assert MAX_FAILURES <= 10
    assert timedelta(minutes=30) <= LOCKOUT
    assert not _failed(MAX_FAILURES - 1).is_locked
    locked = _failed(MAX_FAILURES)
    assert locked.is_locked
    assert locked_until(locked, T0) == T0 + LOCKOUT


def test_the_lockout_ends_after_its_time_and_the_count_starts_again():
    locked = _failed(MAX_FAILURES)
    assert observed(locked, T0 + LOCKOUT - timedelta(seconds=1)).is_locked
    later = observed(locked, T0 + LOCKOUT)
    assert later == FRESH
    assert not after_failure(later, T0 + LOCKOUT).is_locked


def test_a_clock_set_backwards_never_shortens_the_lockout():
    locked = observed(_failed(MAX_FAILURES), T0 + timedelta(minutes=10))
    # Someone sets the clock back two hours: nothing is counted for that jump ...
    back = observed(locked, T0 - timedelta(hours=2))
    assert back.remaining() == timedelta(minutes=20)
    # ... and time below the latest wall time seen is not counted again: a set-back clock
    # can only lengthen the lockout, never shorten it.
    again = observed(back, T0 - timedelta(hours=2) + timedelta(minutes=19))
    assert again.is_locked
    assert again.remaining() == timedelta(minutes=20)
    assert observed(again, T0 + timedelta(minutes=29)).is_locked
    assert not observed(again, T0 + timedelta(minutes=30)).is_locked


def test_a_restart_resumes_the_lockout_from_the_stored_state():
    locked = observed(_failed(MAX_FAILURES), T0 + timedelta(minutes=5))
    # The stored fields are all a restart has; they carry the served time.
    stored = GuardState(
        failures=locked.failures,
        last_failure_at=locked.last_failure_at,
        locked_at=locked.locked_at,
        clock_high_water=locked.clock_high_water,
        locked_elapsed_s=locked.locked_elapsed_s,
    )
    assert observed(stored, T0 + timedelta(minutes=29)).is_locked
    assert not observed(stored, T0 + timedelta(minutes=30)).is_locked


def test_more_wrong_pins_while_locked_do_not_extend_or_restart_it():
    locked = _failed(MAX_FAILURES)
    still = after_failure(locked, T0 + timedelta(minutes=20))
    assert locked_until(still, T0 + timedelta(minutes=20)) == T0 + LOCKOUT
