"""The arithmetic of a day's figures: percentiles, spreads, rates, local hours, yuan text."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

HOURS = 24
"""A store day is read by its local hours 0-23 (a 25-hour DST day folds its repeated hour)."""


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The `fraction` (0 to 1) percentile of `values`, interpolated between ranks; None if empty.

    Linear interpolation (the usual spreadsheet PERCENTILE) so that a median of two values
    is their middle, not one of them: a manager comparing with Excel gets the same number.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction {fraction} is not between 0 and 1")
    if not values:
        return None
    ordered = sorted(values)
    rank = fraction * (len(ordered) - 1)
    below = math.floor(rank)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (rank - below)


@dataclass(frozen=True, slots=True, kw_only=True)
class Spread:
    """How a set of durations (seconds) is spread: how many, the median, the 90th percentile."""

    count: int
    median: float | None
    """None when there is nothing to measure."""
    p90: float | None
    """Nine in ten took at most this long (None when there is nothing)."""


NO_SPREAD = Spread(count=0, median=None, p90=None)


def spread(values: Iterable[float]) -> Spread:
    """The spread of `values` (negative durations, from a skewed clock, count as 0)."""
    kept = [max(value, 0.0) for value in values]
    return Spread(count=len(kept), median=percentile(kept, 0.5), p90=percentile(kept, 0.9))


def rate(part: int, whole: int) -> float | None:
    """`part` out of `whole` as a fraction; None when `whole` is 0 (no rate, not 0 %)."""
    if whole <= 0:
        return None
    return part / whole


def local_hour(moment: datetime, zone: tzinfo) -> int:
    """The hour (0-23) on the store's clock at the aware instant `moment`."""
    return moment.astimezone(zone).hour


def spreads_by_hour(samples: Iterable[tuple[int, float]]) -> tuple[Spread, ...]:
    """One spread per local hour 0-23 from (hour, seconds) samples."""
    by_hour: list[list[float]] = [[] for _ in range(HOURS)]
    for hour, seconds in samples:
        by_hour[hour].append(seconds)
    return tuple(spread(values) for values in by_hour)


def yuan_text(cents: int) -> str:
    """Cents as yuan with two decimals and no symbol ("35.05", "-0.50"): exact, no floats."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"
