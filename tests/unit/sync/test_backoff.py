"""Back-off: delays grow, stop at the cap, are jittered within [0.5, 1) of the ceiling."""

from __future__ import annotations

import itertools
import random

import pytest

from sync.backoff import Backoff


class FixedRandom(random.Random):
    """A random source that always draws the same value, to see the ceiling through the jitter."""

    def __init__(self, value: float) -> None:
        super().__init__(0)
        self.value = value

    def random(self) -> float:
        return self.value


def _ceiling(backoff: Backoff, attempts: int) -> float:
    """The documented ceiling: base·2^(attempts-1), at most cap_s."""
    return min(backoff.cap_s, backoff.base_s * 2 ** (attempts - 1))


def test_delays_double_until_the_cap_then_stay_there():
    backoff = Backoff(base_s=1.0, cap_s=60.0, rng=FixedRandom(0.0))
    delays = [backoff.delay(n).total_seconds() for n in range(1, 12)]
    capped_from = next(i for i, d in enumerate(delays) if d == delays[-1])
    for before, after in itertools.pairwise(delays[: capped_from + 1]):
        assert after > before
    assert all(d == delays[-1] for d in delays[capped_from:])
    assert delays[1] == 2 * delays[0]
    assert delays[-1] == 0.5 * backoff.cap_s


@pytest.mark.parametrize("attempts", [1, 5, 7, 30, 10_000])
def test_delay_never_exceeds_the_cap(attempts: int):
    backoff = Backoff(base_s=2.0, cap_s=45.0, rng=FixedRandom(0.999_999))
    assert backoff.delay(attempts).total_seconds() < backoff.cap_s


def test_jitter_stays_within_half_to_all_of_the_ceiling():
    backoff = Backoff(base_s=0.5, cap_s=30.0, rng=random.Random(7))
    for attempts in range(1, 15):
        ceiling = _ceiling(backoff, attempts)
        delays = [backoff.delay(attempts).total_seconds() for _ in range(50)]
        assert all(0.5 * ceiling <= d < ceiling for d in delays), attempts
        assert len(set(delays)) > 1, "delays must be jittered, not all the same"


@pytest.mark.parametrize("draw", [0.0, 0.25, 0.999_999])
def test_jitter_scales_the_ceiling_by_half_plus_half_the_draw(draw: float):
    backoff = Backoff(base_s=1.0, cap_s=60.0, rng=FixedRandom(draw))
    for attempts in (1, 3, 9):
        expected = _ceiling(backoff, attempts) * (0.5 + draw / 2)
        assert backoff.delay(attempts).total_seconds() == pytest.approx(expected)


def test_seeded_random_gives_reproducible_delays():
    first = Backoff(rng=random.Random(1234))
    second = Backoff(rng=random.Random(1234))
    other = Backoff(rng=random.Random(4321))
    attempts = [1, 2, 3, 4, 5, 6, 7, 8]
    assert [first.delay(n) for n in attempts] == [second.delay(n) for n in attempts]
    assert [Backoff(rng=random.Random(1234)).delay(n) for n in attempts] != [
        other.delay(n) for n in attempts
    ]


def test_many_failures_do_not_overflow():
    backoff = Backoff(rng=FixedRandom(0.5))
    assert backoff.delay(10**9).total_seconds() == pytest.approx(0.75 * backoff.cap_s)
