"""The hub's sense of time: an injectable UTC clock and the store's local calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], datetime]
"""Returns the current moment as an aware UTC datetime."""

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and
# spares the packaged program a tzdata dependency on Windows.
STORE_TIMEZONE = timezone(timedelta(hours=8), "Asia/Shanghai")
STORE_TIMEZONE_NAME = "Asia/Shanghai"


def system_clock() -> datetime:
    """The real current time, in UTC."""
    return datetime.now(UTC)


def require_aware(at: datetime) -> datetime:
    """Return `at` in UTC; raise ValueError for a naive datetime, which would be ambiguous."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at!r}: the hub only handles aware times")
    return at.astimezone(UTC)


def local_time(at: datetime) -> datetime:
    """`at` on the store's wall clock."""
    return require_aware(at).astimezone(STORE_TIMEZONE)


def service_day(at: datetime) -> str:
    """The store's local calendar day of `at` (ISO date), which daily serial numbers restart on."""
    return local_time(at).date().isoformat()


def clock_face(at: datetime) -> str:
    """`at` as a cashier reads it on the wall clock, e.g. "12:03"."""
    return local_time(at).strftime("%H:%M")
