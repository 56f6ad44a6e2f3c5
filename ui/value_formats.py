"""How amounts, clock times, ages and deadlines read on screen (local time, yuan from cents)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from app.domain.new_order_alarm import ESCALATE_BELOW

URGENT_SECONDS = int(ESCALATE_BELOW.total_seconds())
"""Below this many seconds left to accept, a countdown turns red (the alarm escalates)."""


class Urgency(Enum):
    """How pressing a deadline is."""

    CALM = "calm"
    URGENT = "urgent"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Countdown:
    """Time left before a deadline, as shown in the inbox."""

    text: str
    urgency: Urgency


def format_money(cents: int) -> str:
    """¥12.50 from 1250, ¥1,234.56 from 123456: digits grouped and the decimal point as the
    interface's locale writes them; integer arithmetic, so no amount is ever rounded."""
    locale = QLocale()
    whole, fraction = divmod(abs(cents), 100)
    amount = f"{locale.toString(whole)}{locale.decimalPoint()}{fraction:02d}"
    text = QCoreApplication.translate("ValueFormats", "¥{amount}").format(amount=amount)
    return f"-{text}" if cents < 0 else text


def format_clock_time(moment: datetime, now: datetime) -> str:
    """Local wall-clock time, "14:03" today; on another day with the date as the interface's
    locale writes a month and day ("Nov 21 14:03"; zh_CN writes the month and day with its own
    characters).

    The time is the 24-hour clock in every language: the channels' apps, the tickets and the
    kitchen all read it so (docs/decisions/037)."""
    local = moment.astimezone()
    time = local.strftime("%H:%M")
    if local.date() == now.astimezone().date():
        return time
    day = QLocale().toString(QDate(local.year, local.month, local.day), _month_day_format())
    return f"{day} {time}"


def _month_day_format() -> str:
    """Qt's pattern for a month and day in the interface's language (no year); each
    catalogue writes its own (the zh_CN one is in translations/storeside_zh_CN.ts)."""
    # Translators: a QDate format pattern (MMM = month name, M = month number, d = day).
    return QCoreApplication.translate("ValueFormats", "MMM d")


def format_duration(seconds: float) -> str:
    """A span in whole minutes: "<1 min", "12 min", "1 h 05"."""
    minutes = max(0, int(seconds // 60))
    if minutes < 1:
        return QCoreApplication.translate("ValueFormats", "<1 min")
    if minutes < 60:
        return QCoreApplication.translate("ValueFormats", "{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    return QCoreApplication.translate("ValueFormats", "{hours} h {minutes:02d}").format(
        hours=hours, minutes=rest
    )


def format_age(placed_at: datetime, now: datetime) -> str:
    """How long ago an order was placed."""
    return format_duration((now - placed_at).total_seconds())


def describe_countdown(deadline: datetime, now: datetime) -> Countdown:
    """Minutes and seconds left before `deadline`, or "Overdue" once it has passed."""
    left = int((deadline - now).total_seconds())
    if left < 0:
        return Countdown(QCoreApplication.translate("ValueFormats", "Overdue"), Urgency.OVERDUE)
    minutes, seconds = divmod(left, 60)
    urgency = Urgency.URGENT if left < URGENT_SECONDS else Urgency.CALM
    return Countdown(f"{minutes}:{seconds:02d}", urgency)


def format_weight(grams: int) -> str:
    """A weight in grams or kilograms."""
    if grams >= 1000:
        return QCoreApplication.translate("ValueFormats", "{kg} kg").format(
            kg=f"{grams / 1000:.3f}".rstrip("0").rstrip(".")
        )
    return QCoreApplication.translate("ValueFormats", "{grams} g").format(grams=grams)
