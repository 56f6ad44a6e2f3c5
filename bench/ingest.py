"""Feed ingest: the app's real feed-apply path against raw sqlite3, serialisation included.

Both sides write the same 10,000 orders and 50,000 lines into a fresh, migrated database
with the same pragmas (feed pages are not synced to disk at commit: decision 042), one
transaction per feed page, starting from the raw JSON records as the hub sends them. The
app validates each and applies it as the feed puller does; the baseline maps each by hand
to its rows and binds them as the app would. The bench checks that both stored the same
rows. Automatic garbage collection is off on both sides, as in the app; the measurements
take turns and the fastest of each is kept.
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from app.domain.privacy import mask_phone
from bench.raw_insert import RawInsert, migrated_connection
from local_db.database import Database
from sync.feed_apply import apply_raw_records, apply_records
from sync.protocol import FEED_RECORD, FeedRecord
from tests.factories import BASE_TIME, order_record

GOAL_RATIO: Final = 1.5


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
        with db.write(refetchable=True) as session:
            apply_raw_records(session, page, BASE_TIME)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def run_app_write_path(path: Path, pages: list[list[FeedRecord]]) -> float:
    """Seconds for the app's write path alone: records validated before the clock starts."""
    db = Database(path)
    started = time.perf_counter()
    for page in pages:
        with db.write(refetchable=True) as session:
            apply_records(session, page)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def run_baseline(path: Path, pages: list[list[dict[str, Any]]]) -> float:
    """Seconds to store the same rows with plain sqlite3, serialisation included.

    What any ingest of these records must do, and nothing more: each raw record mapped to
    its rows by hand (no validation, no version checks), its values bound as the app binds
    them (times as UTC text, nested values as JSON text; bench/raw_insert.py builds the
    INSERTs from the migrated file's columns) and written with executemany, one
    transaction per page. `same_rows` checks both sides stored the same thing.
    """
    connection = migrated_connection(path, refetchable=True)
    orders, lines = RawInsert(connection, "orders"), RawInsert(connection, "order_lines")
    started = time.perf_counter()
    for page in pages:
        order_rows_: list[dict[str, Any]] = []
        line_rows: list[dict[str, Any]] = []
        for raw in page:
            row, order_lines = raw_order_rows(raw["data"])
            order_rows_.append(row)
            line_rows.extend(order_lines)
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(orders.sql, orders.values(order_rows_))
        connection.executemany(lines.sql, lines.values(line_rows))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


_LINE_DEFAULTS: Final = {"name_en": "", "weighed": False, "ordered_weight_g": None}
_LINE_DEFAULTS_TOO: Final = {"category": "", "note": "", "location": None}
_ORDER_TIMES: Final = (
    "placed_at",
    "accept_by",
    "expected_ready_at",
    "accepted_at",
    "ready_at",
    "handed_over_at",
    "closed_at",
    "scheduled_for",
    "prepare_at",
)
_ORDER_AS_SENT: Final = (
    "order_id",
    "channel",
    "channel_order_no",
    "daily_serial",
    "status",
    "fulfilment",
    "subtotal_cents",
    "discount_cents",
    "delivery_fee_cents",
    "total_cents",
    "version",
)


def raw_order_rows(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `orders` and `order_lines` rows of one raw order, mapped by hand from the JSON."""
    customer = data["customer"]
    masked = mask_phone(customer["phone_masked"])
    row = {name: data[name] for name in _ORDER_AS_SENT}
    for name in _ORDER_TIMES:
        sent = data.get(name)
        row[name] = None if sent is None else datetime.fromisoformat(sent)
    row.update(
        resume_status=data.get("resume_status"),
        status_reason=data.get("status_reason", ""),
        status_code=data.get("status_code", ""),
        status_detail={k: v for k, v in data.get("status_detail", {}).items() if v},
        customer_name=customer["name"],
        customer_phone_masked=masked,
        customer_phone=customer.get("phone") or None,
        phone_last4="".join(ch for ch in customer["phone_masked"] if ch.isdigit())[-4:],
        out_of_stock_preference=customer.get("out_of_stock_preference", "contact_me"),
        note=data.get("note", ""),
        pickup_code=data.get("pickup_code"),
        rider=data.get("rider"),
        request=data.get("request"),
        reminders=data.get("reminders", []),
        handover=data.get("handover"),
        exception=data.get("exception"),
        held_hub_data=None,
    )
    lines = []
    for position, sent in enumerate(data["lines"]):
        line = {**_LINE_DEFAULTS, **_LINE_DEFAULTS_TOO, **sent}
        location = line.pop("location") or {}
        line.update(
            order_id=data["order_id"],
            position=position,
            location_zone=location.get("zone"),
            location_aisle=location.get("aisle"),
            location_shelf=location.get("shelf"),
            location_position=location.get("position"),
        )
        lines.append(line)
    return row, lines


def same_rows(app_path: Path, raw_path: Path) -> bool:
    """Whether both files hold the same orders and lines, value for value."""
    connections = [sqlite3.connect(app_path), sqlite3.connect(raw_path)]
    try:
        for table, key in (("orders", "order_id"), ("order_lines", "order_id, line_id")):
            app, raw = (
                c.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall() for c in connections
            )
            if app != raw:
                return False
        return True
    finally:
        for connection in connections:
            connection.close()


def fastest(
    runs: int, measures: dict[str, Callable[[Path], float]], directory: Path
) -> list[float]:
    """The fastest of `runs` measurements of each of `measures`, each into a fresh database
    file in `directory` (`<name>-0.db` is the first). The measures take turns, so that a
    change in the machine's load falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in measures}
    for run in range(runs):
        for name, measure in measures.items():
            times[name].append(measure(directory / f"{name}-{run}.db"))
    return [min(times[name]) for name in measures]


def main() -> None:
    """Print both times and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=5)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    records = make_records(arguments.orders, arguments.lines)
    # The app runs with automatic garbage collection off, collecting from a GUI timer
    # (ui/garbage_collection.py): the sync thread's apply never pays for a collection. Both
    # sides run so here, the resident input (a device sees one page at a time) frozen.
    gc.collect()
    gc.freeze()
    gc.disable()
    pages = [records[i : i + arguments.page] for i in range(0, len(records), arguments.page)]
    validated = [[FEED_RECORD.validate_python(raw) for raw in page] for page in pages]
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        baseline, app, write_only = fastest(
            arguments.runs,
            {
                "raw": lambda path: run_baseline(path, pages),
                "app": lambda path: run_app_path(path, pages),
                "write": lambda path: run_app_write_path(path, validated),
            },
            directory,
        )
        same = same_rows(directory / "app-0.db", directory / "raw-0.db")
    ratio = app / baseline
    total_lines = arguments.orders * arguments.lines
    print(f"ingest: {arguments.orders} orders, {total_lines} lines, pages of {arguments.page}")
    print(f"  raw sqlite3.executemany : {baseline:7.3f} s (mapping and binding included)")
    print(f"  app feed-apply path     : {app:7.3f} s (validation included)")
    print(f"  app write path only     : {write_only:7.3f} s (records validated beforehand)")
    print(f"  same rows stored        : {'yes' if same else 'NO: the baseline is not comparable'}")
    print(f"  ratio app / raw         : {ratio:7.2f}  (goal <= {GOAL_RATIO})")
    print(f"  ratio write path / raw  : {write_only / baseline:7.2f}")
    met = same and ratio <= GOAL_RATIO
    print(f"  goal: app <= {GOAL_RATIO} x raw : {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
