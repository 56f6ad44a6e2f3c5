"""How amounts, times, ages and countdowns read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale

from ui.languages import Language
from ui.value_formats import (
    Urgency,
    describe_countdown,
    format_age,
    format_clock_time,
    format_money,
    format_weight,
)

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cents", "text"),
    [(1250, "¥12.50"), (5, "¥0.05"), (0, "¥0.00"), (-600, "-¥6.00"), (123456, "¥1,234.56")],
)
def test_money_reads_in_yuan(qapp, cents: int, text: str) -> None:
    assert format_money(cents) == text


def test_clock_time_is_local(qapp) -> None:
    moment = NOW - timedelta(minutes=3)
    assert format_clock_time(moment, NOW) == moment.astimezone().strftime("%H:%M")


def test_clock_time_of_another_day_shows_the_date(qapp) -> None:
    moment = NOW - timedelta(days=2)
    assert format_clock_time(moment, NOW) == moment.astimezone().strftime("%b %-d %H:%M")


def test_in_chinese_money_and_dates_read_as_a_chinese_counter_writes_them(chinese) -> None:
    moment = NOW - timedelta(days=2)
    local = moment.astimezone()
    assert format_clock_time(moment, NOW) == (
        f"{local.month}\u6708{local.day}\u65e5 {local:%H:%M}"  # 11月20日 12:00
    )
    assert format_money(123456) == "¥1,234.56"


def test_money_follows_the_locale_s_own_separators(qapp) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.German))
    try:
        assert format_money(123456) == "¥1.234,56"
    finally:
        QLocale.setDefault(QLocale(Language.ENGLISH.value))


@pytest.mark.parametrize(
    ("ago", "text"),
    [
        (timedelta(seconds=30), "<1 min"),
        (timedelta(minutes=12, seconds=59), "12 min"),
        (timedelta(minutes=65), "1 h 05"),
    ],
)
def test_age_in_minutes(qapp, ago: timedelta, text: str) -> None:
    assert format_age(NOW - ago, NOW) == text


@pytest.mark.parametrize(
    ("left", "text", "urgency"),
    [
        (timedelta(minutes=4, seconds=5), "4:05", Urgency.CALM),
        (timedelta(seconds=60), "1:00", Urgency.CALM),
        (timedelta(seconds=59), "0:59", Urgency.URGENT),
        (timedelta(seconds=0), "0:00", Urgency.URGENT),
        (timedelta(seconds=-1), "Overdue", Urgency.OVERDUE),
    ],
)
def test_countdown(qapp, left: timedelta, text: str, urgency: Urgency) -> None:
    countdown = describe_countdown(NOW + left, NOW)
    assert (countdown.text, countdown.urgency) == (text, urgency)


def test_weight(qapp) -> None:
    assert format_weight(750) == "750 g"
    assert format_weight(1250) == "1.25 kg"
