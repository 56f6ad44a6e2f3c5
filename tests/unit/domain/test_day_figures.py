"""The dashboard's arithmetic: percentiles as a spreadsheet gives them, local hours, yuan."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.day_figures import (
    NO_SPREAD,
    local_hour,
    percentile,
    rate,
    spread,
    spreads_by_hour,
    yuan_text,
)

durations = st.lists(st.floats(min_value=0, max_value=86_400, allow_nan=False), min_size=1)


def test_percentiles_interpolate_between_ranks_like_a_spreadsheet() -> None:
    values = [10.0, 20.0, 30.0, 40.0]

    assert percentile(values, 0.5) == 25.0
    assert percentile(values, 0.9) == pytest.approx(37.0)
    assert percentile(values, 0.0) == 10.0
    assert percentile(values, 1.0) == 40.0
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([], 0.5) is None


def test_a_fraction_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1.0], 90)


@given(durations, st.floats(0, 1), st.floats(0, 1))
def test_a_percentile_lies_within_the_values_and_grows_with_the_fraction(
    values: list[float], low: float, high: float
) -> None:
    low, high = sorted((low, high))
    below, above = percentile(values, low), percentile(values, high)
    assert below is not None
    assert above is not None
    assert min(values) <= below <= above <= max(values)


def test_spread_of_durations_counts_a_skewed_negative_one_as_zero() -> None:
    assert spread([30.0, 90.0, -5.0]) == spread([30.0, 90.0, 0.0])
    assert spread([30.0, 90.0, -5.0]).median == 30.0
    assert spread([]) == NO_SPREAD


def test_spreads_by_hour_keep_every_hour_of_the_day() -> None:
    spreads = spreads_by_hour([(12, 40.0), (12, 60.0), (18, 10.0)])

    assert len(spreads) == 24
    assert spreads[12].count == 2
    assert spreads[12].median == 50.0
    assert spreads[18].p90 == 10.0
    assert spreads[0] == NO_SPREAD


def test_a_rate_over_nothing_is_no_rate_rather_than_zero() -> None:
    assert rate(3, 120) == 0.025
    assert rate(0, 0) is None


def test_local_hours_follow_the_stores_clock_including_odd_offsets() -> None:
    moment = datetime(2026, 11, 22, 4, 10, tzinfo=UTC)

    assert local_hour(moment, ZoneInfo("Asia/Shanghai")) == 12
    assert local_hour(moment, ZoneInfo("Asia/Kolkata")) == 9  # 09:40
    assert local_hour(moment, ZoneInfo("Asia/Kathmandu")) == 9  # 09:55


def test_yuan_text_is_exact_with_two_decimals() -> None:
    assert yuan_text(3505) == "35.05"
    assert yuan_text(0) == "0.00"
    assert yuan_text(7) == "0.07"
    assert yuan_text(-50) == "-0.50"
