"""The manager's day at a glance over a busy day of 2,000 orders, against plain COUNT(*).

A device cache is filled with `--days` busy days (2,000 orders each, with pick tasks and
shortages: tests/day_seed.py) so that the day's rows must be found among others. Then, in the
same run, on the same file: the dashboard's figures for one day (`DayDashboard.
day_at_a_glance`, every query in one read transaction plus the percentiles), the day's CSV
export (written and audited), and the baselines: a plain sqlite3 `COUNT(*)` of that day's
orders (the least any day view costs) and a plain `SELECT` of that day's rows. Median and p95
of many runs; garbage collection off while timing, as in the app.

Usage: python -m bench.dashboard [--days N] [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.domain.store_day import day_bounds
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services.day_dashboard import DayDashboard
from local_db.database import Database
from tests.day_seed import SHANGHAI, PlannedOrder, busy_day, seed_day

ORDERS_A_DAY = 2000
LAST_DAY = date(2026, 11, 22)
MANAGER = SignedInStaff("m-1", "王经理", frozenset({Role.MANAGER}))


def timed(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and p95 milliseconds of `runs` calls (after one warm-up call)."""
    run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> None:
    """Fill a cache, time the dashboard, the export and the baselines, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=10, help="busy days in the cache")
    parser.add_argument("--runs", type=int, default=50, help="timed runs of each")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        db = Database(Path(directory) / "device.db")
        started = time.perf_counter()
        for back in range(arguments.days):
            day = LAST_DAY - timedelta(days=back)
            orders = busy_day(day, ORDERS_A_DAY, seed=back)
            seed_day(db, _renamed(orders, day), datetime.now(UTC))
        print(
            f"cache: {arguments.days} days x {ORDERS_A_DAY} orders"
            f" ({time.perf_counter() - started:.1f} s to fill)"
        )
        evening = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
        dashboard = DayDashboard(db, lambda: evening)
        start, end = (_stored(moment) for moment in day_bounds(LAST_DAY, SHANGHAI))
        raw = sqlite3.connect(db.path)
        glance = dashboard.day_at_a_glance(LAST_DAY)
        print(
            f"day {LAST_DAY}: {glance.orders} orders, {glance.picked_lines} lines picked,"
            f" {glance.short_lines} short, {len(glance.lost_orders)} lost"
        )
        csv_path = Path(directory) / "day.csv"
        cases: list[tuple[str, Callable[[], object]]] = [
            ("day at a glance (service)", lambda: dashboard.day_at_a_glance(LAST_DAY)),
            ("day CSV export (service)", lambda: dashboard.export_csv(csv_path, MANAGER, LAST_DAY)),
            (
                "baseline COUNT(*) of the day",
                lambda: raw.execute(
                    "SELECT count(*) FROM orders WHERE placed_at >= ? AND placed_at < ?",
                    (start, end),
                ).fetchone(),
            ),
            (
                "baseline SELECT of the day's rows",
                lambda: raw.execute(
                    "SELECT * FROM orders WHERE placed_at >= ? AND placed_at < ?", (start, end)
                ).fetchall(),
            ),
        ]
        gc.disable()
        try:
            print(f"{'':36} {'median ms':>10} {'p95 ms':>10}")
            for name, run in cases:
                median, p95 = timed(run, arguments.runs)
                print(f"{name:36} {median:10.2f} {p95:10.2f}")
        finally:
            gc.enable()
            raw.close()
            db.close()


def _renamed(orders: list[PlannedOrder], day: date) -> list[PlannedOrder]:
    """The same plan with ids unique across days."""
    return [replace(order, order_id=f"{day.isoformat()}-{order.order_id}") for order in orders]


def _stored(moment: datetime) -> str:
    """`moment` as the cache stores it (the baseline compares text, as SQLite does)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


if __name__ == "__main__":
    main()
