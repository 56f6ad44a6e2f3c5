"""Feed ingest: the app's real feed-apply path against raw sqlite3.executemany, same rows.

Both sides write the same 10,000 orders and 50,000 lines into a fresh, migrated database
with the same pragmas, one transaction per feed page. The app side starts from raw JSON
records as the hub sends them and validates each; the baseline inserts prepared tuples.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.raw_insert import RawInsert, migrated_connection
from local_db.database import Database
from sync.feed_apply import apply_raw_records, apply_records
from sync.protocol import FEED_RECORD, FeedRecord, OrderRecord
from sync.record_mapping import order_rows
from tests.factories import BASE_TIME, order_record


def make_records(orders: int, lines_per_order: int) -> list[dict[str, Any]]:
    """Raw feed records as the hub would send them."""
    return [
        order_record(
            n + 1,
            f"o-{n:06d}",
            serial=n % 999 + 1,
            lines=lines_per_order,
            placed_at=BASE_TIME + timedelta(seconds=n),
            channel=("meituan", "eleme", "miniprogram")[n % 3],
        )
        for n in range(orders)
    ]


def run_app_path(path: Path, pages: list[list[dict[str, Any]]]) -> float:
    """Seconds to apply every page through sync.feed_apply, one write transaction each."""
    db = Database(path)
    started = time.perf_counter()
    for page in pages:
        with db.write() as session:
            apply_raw_records(session, page, BASE_TIME)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def run_app_write_path(path: Path, pages: list[list[FeedRecord]]) -> float:
    """Seconds for the app's write path alone: records validated before the clock starts."""
    db = Database(path)
    started = time.perf_counter()
    for page in pages:
        with db.write() as session:
            apply_records(session, page)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def run_baseline(path: Path, pages: list[list[dict[str, Any]]]) -> float:
    """Seconds to insert the same rows with sqlite3.executemany, one transaction per page.

    The statements come from the migrated file's own columns (bench/raw_insert.py); rows
    are mapped and bound as the app would before the clock starts.
    """
    connection = migrated_connection(path)
    orders, lines = RawInsert(connection, "orders"), RawInsert(connection, "order_lines")
    prepared = [_prepared_rows(orders, lines, page) for page in pages]
    started = time.perf_counter()
    for order_values, line_values in prepared:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(orders.sql, order_values)
        connection.executemany(lines.sql, line_values)
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def _prepared_rows(
    orders: RawInsert, lines: RawInsert, page: list[dict[str, Any]]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    order_dicts: list[dict[str, Any]] = []
    line_dicts: list[dict[str, Any]] = []
    for raw in page:
        record = FEED_RECORD.validate_python(raw)
        assert isinstance(record, OrderRecord)
        row, order_lines = order_rows(record.data)
        order_dicts.append({**row, "held_hub_data": None})
        line_dicts.extend(order_lines)
    return orders.values(order_dicts), lines.values(line_dicts)


def best_of(runs: int, measure: Callable[[Path], float]) -> float:
    """The fastest of `runs` measurements, each into a fresh database file."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as directory:
            times.append(measure(Path(directory) / "bench.db"))
    return min(times)


def main() -> None:
    """Print both times and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=5)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    records = make_records(arguments.orders, arguments.lines)
    # The input stays resident for the whole run; keep it out of the garbage collector's scans
    # so neither side pays for a heap a device never holds (it sees one page at a time).
    gc.collect()
    gc.freeze()
    pages = [records[i : i + arguments.page] for i in range(0, len(records), arguments.page)]
    baseline = best_of(arguments.runs, lambda path: run_baseline(path, pages))
    app = best_of(arguments.runs, lambda path: run_app_path(path, pages))
    validated = [[FEED_RECORD.validate_python(raw) for raw in page] for page in pages]
    write_only = best_of(arguments.runs, lambda path: run_app_write_path(path, validated))
    total_lines = arguments.orders * arguments.lines
    print(f"ingest: {arguments.orders} orders, {total_lines} lines, pages of {arguments.page}")
    print(f"  raw sqlite3.executemany : {baseline:7.3f} s")
    print(f"  app feed-apply path     : {app:7.3f} s (validation included)")
    print(f"  app write path only     : {write_only:7.3f} s (records validated beforehand)")
    print(f"  ratio app / raw         : {app / baseline:7.2f}  (goal <= 1.5)")
    print(f"  ratio write path / raw  : {write_only / baseline:7.2f}")


if __name__ == "__main__":
    main()
