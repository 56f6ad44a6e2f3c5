"""The manager's day at a glance: orders per hour, time to accept, pick time, shortages, losses.

Everything is read from the device cache in one read transaction per day shown; the counts
are grouped by SQLite (local_db/day_figures_repository.py) and the percentiles and local
hours are worked out by app/domain/day_figures.py. The day's CSV export is app/services/
day_export.py, offered here too so that a screen needs one service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Final

from app.domain.clock import Clock
from app.domain.day_figures import HOURS, Spread, local_hour, rate, spread, spreads_by_hour
from app.domain.store_day import day_bounds, store_date
from app.domain.vocabulary import Channel, ShortageReason
from app.read_models import SignedInStaff
from app.services import day_export
from app.services.day_summary import EXPIRED_CODE
from app.services.store_time import store_zone_of
from local_db import day_figures_repository as figures_repository
from local_db import order_search_repository
from local_db.database import Database
from local_db.day_figures_repository import Duration, QuarterCount, SkuLines

TOP_SKUS: Final = 8
"""How many SKUs the "most often short" chart lists."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelHours:
    """Orders of one channel placed in each local hour 0-23 of the day."""

    channel: Channel
    orders: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelSpread:
    """Time to accept of one channel's orders."""

    channel: Channel
    spread: Spread


@dataclass(frozen=True, slots=True, kw_only=True)
class ReasonShortage:
    """Lines reported short for one reason, as a share of the lines given to pickers."""

    reason: ShortageReason
    short_lines: int
    rate: float | None
    """None when no line was given to a picker that day."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SkuShortage:
    """One SKU's lines given to pickers and how many of them were reported short."""

    sku: str
    name: str
    picked_lines: int
    short_lines: int
    rate: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LostOrder:
    """An order cancelled by the hub because nobody accepted it before the channel's deadline."""

    order_id: str
    channel: Channel
    channel_order_no: str
    daily_serial: int
    placed_at: datetime
    accept_by: datetime
    total_cents: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DayAtAGlance:
    """The figures of one store day for the dashboard; hours are the store's local hours."""

    day: date
    is_today: bool
    zone: tzinfo
    orders: int
    revenue_cents: int
    """What the store keeps of the orders placed that day (as day_summary): accepted ones
    neither rejected nor cancelled, less their shortages' refunds."""
    orders_by_hour: tuple[ChannelHours, ...]
    """Every channel, in a fixed order, even one with no orders."""
    accept: Spread
    accept_by_channel: tuple[ChannelSpread, ...]
    accept_by_hour: tuple[Spread, ...]
    """By the local hour the order was placed."""
    pick: Spread
    """Finished pick tasks with both times known (start to done)."""
    pick_by_hour: tuple[Spread, ...]
    """By the local hour the task's order was placed."""
    picked_lines: int
    """Lines of the day's pick tasks: what the shortage rates are shares of."""
    short_lines: int
    short_by_reason: tuple[ReasonShortage, ...]
    """Every reason, in a fixed order."""
    short_by_sku: tuple[SkuShortage, ...]
    """The SKUs most often short (most short lines first), at most TOP_SKUS."""
    lost_orders: tuple[LostOrder, ...]

    @property
    def short_rate(self) -> float | None:
        """Short lines as a share of the lines given to pickers (None: none given)."""
        return rate(self.short_lines, self.picked_lines)


class DayDashboard:
    """Computes a day at a glance and exports a day as CSV; never touches the network."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def day_at_a_glance(self, day: date | None = None) -> DayAtAGlance:
        """The figures of the store's `day` (today, in the store's timezone, when None)."""
        with self._db.read() as session:
            zone = store_zone_of(session)
            today = store_date(self._clock(), zone)
            shown = today if day is None else day
            start, end = day_bounds(shown, zone)
            totals = order_search_repository.day_figures(
                session, start, end, expired_code=EXPIRED_CODE
            )
            quarters = figures_repository.orders_by_quarter(session, start, end)
            accepts = figures_repository.accept_times(session, start, end)
            picks = figures_repository.pick_times(session, start, end)
            skus = figures_repository.lines_by_sku(session, start, end)
            by_reason = figures_repository.short_lines_by_reason(session, start, end)
            lost = figures_repository.lost_orders(session, start, end, expired_code=EXPIRED_CODE)
        picked_lines = sum(sku.picked_lines for sku in skus)
        return DayAtAGlance(
            day=shown,
            is_today=shown == today,
            zone=zone,
            orders=sum(row.orders for row in totals),
            revenue_cents=sum(row.revenue_cents for row in totals),
            orders_by_hour=_orders_by_hour(quarters, zone),
            accept=spread(sample.seconds for sample in accepts),
            accept_by_channel=tuple(
                ChannelSpread(
                    channel=channel,
                    spread=spread(s.seconds for s in accepts if s.channel == channel.value),
                )
                for channel in Channel
            ),
            accept_by_hour=_by_hour(accepts, zone),
            pick=spread(sample.seconds for sample in picks),
            pick_by_hour=_by_hour(picks, zone),
            picked_lines=picked_lines,
            short_lines=sum(by_reason.values()),
            short_by_reason=tuple(
                ReasonShortage(
                    reason=reason,
                    short_lines=by_reason.get(reason.value, 0),
                    rate=rate(by_reason.get(reason.value, 0), picked_lines),
                )
                for reason in ShortageReason
            ),
            short_by_sku=_most_often_short(skus),
            lost_orders=tuple(
                LostOrder(
                    order_id=row.order_id,
                    channel=Channel(row.channel),
                    channel_order_no=row.channel_order_no,
                    daily_serial=row.daily_serial,
                    placed_at=row.placed_at,
                    accept_by=row.accept_by,
                    total_cents=row.total_cents,
                )
                for row in lost
                if row.channel in _CHANNEL_VALUES
            ),
        )

    def export_csv(
        self, path: Path, person: SignedInStaff, day: date | None = None
    ) -> day_export.DayExport:
        """Write the store's `day` (today when None) to `path` as CSV, one row per order.

        Raises ExportRefused when `person` may not export (the refusal is audited) and
        OSError when the file cannot be written (nothing is left behind, nothing audited).
        """
        return day_export.export_day(self._db, self._clock, path, person, day)


_CHANNEL_VALUES: Final = frozenset(channel.value for channel in Channel)


def _orders_by_hour(quarters: list[QuarterCount], zone: tzinfo) -> tuple[ChannelHours, ...]:
    counts = {channel.value: [0] * HOURS for channel in Channel}
    for quarter in quarters:
        if quarter.channel in counts:
            counts[quarter.channel][local_hour(quarter.start, zone)] += quarter.orders
    return tuple(
        ChannelHours(channel=channel, orders=tuple(counts[channel.value])) for channel in Channel
    )


def _by_hour(samples: list[Duration], zone: tzinfo) -> tuple[Spread, ...]:
    return spreads_by_hour((local_hour(s.placed_at, zone), s.seconds) for s in samples)


def _most_often_short(skus: list[SkuLines]) -> tuple[SkuShortage, ...]:
    short = [sku for sku in skus if sku.short_lines]
    # Most short lines first; a rarer SKU short every time it was ordered comes before a
    # best seller short as often, and the SKU code settles ties so the order is stable.
    short.sort(key=lambda sku: (-sku.short_lines, -sku.short_lines / sku.picked_lines, sku.sku))
    return tuple(
        SkuShortage(
            sku=sku.sku,
            name=sku.name,
            picked_lines=sku.picked_lines,
            short_lines=sku.short_lines,
            rate=rate(sku.short_lines, sku.picked_lines),
        )
        for sku in short[:TOP_SKUS]
    )
