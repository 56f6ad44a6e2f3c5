"""The store's business day: its local date in the store's timezone, and that day's UTC bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE: Final = "Asia/Shanghai"
"""The store timezone when the hub has not said otherwise (the wire default)."""


def store_zone(name: str | None) -> tzinfo:
    """The timezone called `name`; the default one when `name` is empty or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def store_date(moment: datetime, zone: tzinfo) -> date:
    """The store's calendar date at the aware instant `moment`."""
    return moment.astimezone(zone).date()


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where the store's `day` starts and the next one starts.

    Local midnights are used, so a day is 23 or 25 hours long across a DST change.
    """
    start = datetime.combine(day, time(), zone)
    end = datetime.combine(day + timedelta(days=1), time(), zone)
    return start.astimezone(UTC), end.astimezone(UTC)
