"""A day's figures at the counter: orders and revenue by channel, time to accept, losses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from app.domain.clock import Clock
from app.domain.status_codes import OrderStatusCode
from app.domain.store_day import day_bounds, store_date
from app.domain.vocabulary import Channel
from app.services.store_time import store_zone_of
from local_db import order_search_repository
from local_db.database import Database
from local_db.order_search_repository import ChannelDayFigures

EXPIRED_CODE: Final = OrderStatusCode.NOT_CONFIRMED_IN_TIME.value
"""The status_code the hub gives an order it cancelled at its acceptance deadline
(the EXPIRE action of the order life cycle)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DayFigures:
    """Counts of one channel (or of all, when `channel` is None) over one store day."""

    channel: Channel | None
    orders: int
    """Orders placed that day, any status."""
    revenue_cents: int
    """What the store keeps of the orders placed that day: totals of those accepted and
    neither rejected nor cancelled, less what their shortages refunded. A `new` order may still
    expire, so it counts only once accepted."""
    accepted: int
    average_accept_s: float | None
    """Mean seconds from placing to acceptance over the accepted orders (None: none)."""
    lost_to_deadline: int
    """Cancelled by the hub because nobody accepted them before the channel's deadline."""
    rejected: int
    cancelled: int
    """Cancelled for any other reason (customer, channel, store)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DaySummary:
    """The figures of one store day, per channel (every channel, in a fixed order) and in all."""

    day: date
    is_today: bool
    channels: tuple[DayFigures, ...]
    total: DayFigures


class DaySummaries:
    """Computes day summaries from the cache; each call is one short read transaction."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def summary(self, day: date | None = None) -> DaySummary:
        """The figures of the store's `day` (today, in the store's timezone, when None)."""
        with self._db.read() as session:
            zone = store_zone_of(session)
            today = store_date(self._clock(), zone)
            shown = today if day is None else day
            start, end = day_bounds(shown, zone)
            rows = order_search_repository.day_figures(
                session, start, end, expired_code=EXPIRED_CODE
            )
        by_channel = {row.channel: row for row in rows}
        channels = tuple(_figures(channel, by_channel.get(channel.value)) for channel in Channel)
        return DaySummary(day=shown, is_today=shown == today, channels=channels, total=_total(rows))


def _figures(channel: Channel | None, row: ChannelDayFigures | None) -> DayFigures:
    if row is None:
        return DayFigures(
            channel=channel,
            orders=0,
            revenue_cents=0,
            accepted=0,
            average_accept_s=None,
            lost_to_deadline=0,
            rejected=0,
            cancelled=0,
        )
    return DayFigures(
        channel=channel,
        orders=row.orders,
        revenue_cents=row.revenue_cents,
        accepted=row.accepted,
        average_accept_s=row.accept_seconds / row.accepted if row.accepted else None,
        lost_to_deadline=row.lost_to_deadline,
        rejected=row.rejected,
        cancelled=row.cancelled_other,
    )


def _total(rows: list[ChannelDayFigures]) -> DayFigures:
    return _figures(
        None,
        ChannelDayFigures(
            channel="",
            orders=sum(row.orders for row in rows),
            revenue_cents=sum(row.revenue_cents for row in rows),
            accepted=sum(row.accepted for row in rows),
            accept_seconds=sum(row.accept_seconds for row in rows),
            lost_to_deadline=sum(row.lost_to_deadline for row in rows),
            rejected=sum(row.rejected for row in rows),
            cancelled_other=sum(row.cancelled_other for row in rows),
        ),
    )
