"""Search and day views over 100,000 cached orders: the app's services against plain sqlite3.

A device cache is filled with ~60 store days of orders (bench/order_cache.py), then each of
the four searches of the counter's search box, the history's day filter and the day summary
are timed through the app's services (`OrderSearch`, `DaySummaries`): median and p95 of many
runs. The baseline asks the same question as plain SQL on its own sqlite3 connection to the
same file, in the same run. Automatic garbage collection is off while timing, as in the app
(ui/garbage_collection.py collects on a timer instead).
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.domain.clock import utc_now
from app.domain.store_day import day_bounds, store_date
from app.services.day_summary import EXPIRED_CODE, DaySummaries
from app.services.order_search import OrderSearch
from bench.order_cache import STORE_ZONE, build_cache
from local_db import order_search_repository as sql
from local_db.database import Database

GOAL_MS = 5.0


@dataclass(frozen=True)
class Question:
    """One thing a cashier asks, through the app and as plain SQL."""

    name: str
    app: Callable[[], object]
    raw_sql: str
    raw_parameters: dict[str, Any]


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


def questions(db: Database, orders: list[dict[str, Any]], today: date) -> list[Question]:
    """The four searches, the day filter and the day summary, each with its SQL twin."""
    rng = random.Random(9)
    todays = [o for o in orders if o["placed_at"] >= day_bounds(today, STORE_ZONE)[0].isoformat()]
    number = rng.choice(todays)["channel_order_no"]
    phone = rng.choice(orders)["customer"]["phone_masked"][-4:]
    code = rng.choice([o for o in todays if o.get("pickup_code")])["pickup_code"]
    search = OrderSearch(db, utc_now)
    summaries = DaySummaries(db, utc_now)
    day = today - timedelta(days=20)
    start, end = (
        moment.isoformat(timespec="microseconds") for moment in day_bounds(day, STORE_ZONE)
    )
    limit = 50
    return [
        Question(
            f"channel order no {number}",
            lambda: search.search(number),
            sql.BY_CHANNEL_ORDER_PREFIX,
            {"number": number, "upper": number[:-1] + chr(ord(number[-1]) + 1), "limit": limit},
        ),
        Question(
            "daily serial #23",
            lambda: search.search("#23"),
            sql.BY_DAILY_SERIAL,
            {"serial": 23, "limit": limit},
        ),
        Question(
            f"phone last 4 {phone}",
            lambda: search.search(phone),
            sql.BY_PHONE_LAST4,
            {"digits": phone, "limit": limit},
        ),
        Question(
            f"pickup code {code}",
            lambda: search.search(code),
            sql.BY_PICKUP_CODE,
            {"code": code, "limit": limit},
        ),
        Question(
            f"day filter {day}",
            lambda: search.day_orders(day),
            sql.PLACED_BETWEEN,
            {"start": start, "end": end},
        ),
        Question(
            f"day summary {day}",
            lambda: summaries.summary(day),
            sql.DAY_FIGURES,
            {"start": start, "end": end, "expired": EXPIRED_CODE},
        ),
    ]


def main() -> None:
    """Build the cache, then print the app's and the baseline's times per question."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--runs", type=int, default=300)
    arguments = parser.parse_args()
    today = store_date(utc_now(), STORE_ZONE)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "device.db"
        started = time.perf_counter()
        orders = build_cache(path, orders=arguments.orders, days=arguments.days, today=today)
        built = time.perf_counter() - started
        db = Database(path)
        raw = sqlite3.connect(path)
        print(
            f"search: {arguments.orders} cached orders over {arguments.days} days "
            f"(built in {built:.1f} s), {arguments.runs} runs each, goal p50 <= {GOAL_MS:.0f} ms"
        )
        print(
            f"  {'question':<38} {'app p50':>8} {'app p95':>8} "
            f"{'raw p50':>8} {'raw p95':>8}  rows  goal"
        )
        gc.collect()
        gc.freeze()
        gc.disable()
        try:
            for question in questions(db, orders, today):
                rows = len(raw.execute(question.raw_sql, question.raw_parameters).fetchall())
                app50, app95 = timed(question.app, arguments.runs)
                raw50, raw95 = timed(
                    lambda q=question: raw.execute(q.raw_sql, q.raw_parameters).fetchall(),  # type: ignore[misc]
                    arguments.runs,
                )
                met = "met" if app50 <= GOAL_MS else "NOT met"  # the goal: p50
                print(
                    f"  {question.name:<38} {app50:8.3f} {app95:8.3f} {raw50:8.3f} {raw95:8.3f} "
                    f"{rows:5d}  {met}"
                )
        finally:
            gc.enable()
            raw.close()
            db.close()
    print("  (ms; app = through the services, raw = the same SQL on a plain sqlite3 connection)")


if __name__ == "__main__":
    main()
