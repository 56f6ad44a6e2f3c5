"""Grouped reads of one day's orders, pick tasks and shortages for the manager's dashboard.

Plain SQL on the session's own connection, like the search repository: every statement
starts from the orders placed in [start, end) through the `placed_at` index and reaches tasks,
lines and shortages by their order id or primary key. Counts are grouped in SQLite; durations
come back one per order or task (a percentile cannot be grouped in SQLite) and are a few
thousand numbers on the busiest day.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy.orm import Session

from local_db.models import UtcDateTime

ORDERS_BY_QUARTER: Final = """
SELECT o.channel,
       substr(o.placed_at, 1, 14)
         || printf('%02d', CAST(substr(o.placed_at, 15, 2) AS INTEGER) / 15 * 15),
       count(*)
FROM orders AS o
WHERE o.placed_at >= :start AND o.placed_at < :end
GROUP BY 1, 2
"""
"""Orders per channel and UTC quarter hour: every real timezone's offset is a whole number
of quarter hours, so each quarter falls in exactly one local hour of the store. (The unary
`+` in the statements below keeps SQLite from reading a status index instead: that index
holds every day's tasks or orders, the day range holds a day's.)"""
ACCEPT_TIMES: Final = """
SELECT o.channel, o.placed_at, (julianday(o.accepted_at) - julianday(o.placed_at)) * 86400.0
FROM orders AS o
WHERE o.placed_at >= :start AND o.placed_at < :end AND o.accepted_at IS NOT NULL
"""
PICK_TIMES: Final = """
SELECT o.placed_at, (julianday(t.done_at) - julianday(t.started_at)) * 86400.0
FROM orders AS o JOIN tasks AS t ON t.order_id = o.order_id
WHERE o.placed_at >= :start AND o.placed_at < :end
  AND t.kind = 'pick' AND +t.status = 'done' AND t.started_at IS NOT NULL AND t.done_at IS NOT NULL
"""
PICKED_LINES_BY_SKU: Final = """
SELECT l.sku, max(l.name), count(*)
FROM orders AS o
JOIN tasks AS t ON t.order_id = o.order_id AND t.kind = 'pick'
JOIN task_lines AS l ON l.task_id = t.task_id
WHERE o.placed_at >= :start AND o.placed_at < :end
GROUP BY l.sku
"""
SHORT_LINES_BY_REASON: Final = """
SELECT s.reason, count(DISTINCT s.task_id || ' ' || s.line_id)
FROM orders AS o JOIN shortages AS s ON s.order_id = o.order_id
WHERE o.placed_at >= :start AND o.placed_at < :end
GROUP BY s.reason
"""
SHORT_LINES_BY_SKU: Final = """
SELECT l.sku, count(DISTINCT s.task_id || ' ' || s.line_id)
FROM orders AS o
JOIN shortages AS s ON s.order_id = o.order_id
JOIN task_lines AS l ON l.task_id = s.task_id AND l.line_id = s.line_id
WHERE o.placed_at >= :start AND o.placed_at < :end
GROUP BY l.sku
"""
LOST_ORDERS: Final = """
SELECT o.order_id, o.channel, o.channel_order_no, o.daily_serial, o.placed_at, o.accept_by,
       o.total_cents
FROM orders AS o
WHERE o.placed_at >= :start AND o.placed_at < :end
  AND +o.status = 'cancelled' AND o.status_code = :expired
ORDER BY o.placed_at
"""
ORDER_ROWS: Final = """
SELECT o.order_id, o.daily_serial, o.channel, o.channel_order_no, o.placed_at, o.accepted_at,
       o.ready_at, o.handed_over_at, o.status, o.total_cents,
       (julianday(o.accepted_at) - julianday(o.placed_at)) * 86400.0,
       (SELECT sum((julianday(t.done_at) - julianday(t.started_at)) * 86400.0)
          FROM tasks AS t WHERE t.order_id = o.order_id AND t.kind = 'pick'
                AND +t.status = 'done' AND t.started_at IS NOT NULL AND t.done_at IS NOT NULL),
       (SELECT group_concat(coalesce(l.name, s.line_id) || ' ×' || s.quantity_short
                            || ' (' || s.reason || ')', '; ')
          FROM shortages AS s
          LEFT JOIN task_lines AS l ON l.task_id = s.task_id AND l.line_id = s.line_id
          WHERE s.order_id = o.order_id),
       (SELECT coalesce(sum(s.refund_cents), 0) FROM shortages AS s WHERE s.order_id = o.order_id)
FROM orders AS o
WHERE o.placed_at >= :start AND o.placed_at < :end
ORDER BY o.placed_at
"""
"""One row per order of the day, for the CSV export (never the customer's phone)."""

STATEMENTS: Final = (
    ORDERS_BY_QUARTER,
    ACCEPT_TIMES,
    PICK_TIMES,
    PICKED_LINES_BY_SKU,
    SHORT_LINES_BY_REASON,
    SHORT_LINES_BY_SKU,
    LOST_ORDERS,
    ORDER_ROWS,
)
"""Every statement of this module (a test checks each one's plan starts from an index)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarterCount:
    """Orders of one channel placed in the UTC quarter hour starting at `start`."""

    channel: str
    start: datetime
    orders: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Duration:
    """A measured duration and the instant it is filed under (the order's placing)."""

    channel: str
    placed_at: datetime
    seconds: float


@dataclass(frozen=True, slots=True, kw_only=True)
class SkuLines:
    """Lines of one SKU given to pickers that day, and how many of them were reported short."""

    sku: str
    name: str
    picked_lines: int
    short_lines: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LostOrderRow:
    """An order the hub cancelled because nobody accepted it before its deadline."""

    order_id: str
    channel: str
    channel_order_no: str
    daily_serial: int
    placed_at: datetime
    accept_by: datetime
    total_cents: int


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderRow:
    """One order of the day as the export writes it."""

    order_id: str
    daily_serial: int
    channel: str
    channel_order_no: str
    placed_at: datetime
    accepted_at: datetime | None
    ready_at: datetime | None
    handed_over_at: datetime | None
    status: str
    total_cents: int
    accept_seconds: float | None
    pick_seconds: float | None
    shortages: str
    """The lines reported short: "name ×N (reason); ..." ("" when none)."""
    refunded_cents: int
    """What the shortages' decisions gave back to the customer (0 when nothing)."""


def orders_by_quarter(session: Session, start: datetime, end: datetime) -> list[QuarterCount]:
    """Order counts per channel and UTC quarter hour of the orders placed in [start, end)."""
    return [
        QuarterCount(
            channel=channel, start=datetime.fromisoformat(quarter).replace(tzinfo=UTC), orders=n
        )
        for channel, quarter, n in _cursor(session, ORDERS_BY_QUARTER, _range(start, end))
    ]


def accept_times(session: Session, start: datetime, end: datetime) -> list[Duration]:
    """Seconds from placing to acceptance of each accepted order placed in [start, end)."""
    return [
        Duration(channel=channel, placed_at=_time(placed), seconds=float(seconds))
        for channel, placed, seconds in _cursor(session, ACCEPT_TIMES, _range(start, end))
    ]


def pick_times(session: Session, start: datetime, end: datetime) -> list[Duration]:
    """Seconds from start to done of each finished pick task of an order placed in [start, end).

    Tasks without both times (cached before the feed carried them) are left out.
    """
    return [
        Duration(channel="", placed_at=_time(placed), seconds=float(seconds))
        for placed, seconds in _cursor(session, PICK_TIMES, _range(start, end))
    ]


def lines_by_sku(session: Session, start: datetime, end: datetime) -> list[SkuLines]:
    """Per SKU: lines of the day's pick tasks and how many of them were reported short."""
    parameters = _range(start, end)
    short = dict(_cursor(session, SHORT_LINES_BY_SKU, parameters).fetchall())
    return [
        SkuLines(sku=sku, name=name, picked_lines=picked, short_lines=int(short.get(sku, 0)))
        for sku, name, picked in _cursor(session, PICKED_LINES_BY_SKU, parameters)
    ]


def short_lines_by_reason(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Lines reported short per reason, over the orders placed in [start, end)."""
    rows = _cursor(session, SHORT_LINES_BY_REASON, _range(start, end))
    return {reason: int(count) for reason, count in rows}


def lost_orders(
    session: Session, start: datetime, end: datetime, *, expired_code: str
) -> list[LostOrderRow]:
    """The orders placed in [start, end) that the hub cancelled at their deadline
    (`expired_code`: the status_code it gives them)."""
    parameters = {**_range(start, end), "expired": expired_code}
    return [
        LostOrderRow(
            order_id=row[0],
            channel=row[1],
            channel_order_no=row[2],
            daily_serial=row[3],
            placed_at=_time(row[4]),
            accept_by=_time(row[5]),
            total_cents=row[6],
        )
        for row in _cursor(session, LOST_ORDERS, parameters)
    ]


def order_rows(session: Session, start: datetime, end: datetime) -> list[OrderRow]:
    """Every order placed in [start, end), oldest first, with its durations and shortages."""
    return [
        OrderRow(
            order_id=row[0],
            daily_serial=row[1],
            channel=row[2],
            channel_order_no=row[3],
            placed_at=_time(row[4]),
            accepted_at=_optional_time(row[5]),
            ready_at=_optional_time(row[6]),
            handed_over_at=_optional_time(row[7]),
            status=row[8],
            total_cents=row[9],
            accept_seconds=row[10],
            pick_seconds=row[11],
            shortages=row[12] or "",
            refunded_cents=row[13],
        )
        for row in _cursor(session, ORDER_ROWS, _range(start, end))
    ]


def _time(stored: str) -> datetime:
    return datetime.fromisoformat(stored)


def _optional_time(stored: str | None) -> datetime | None:
    return None if stored is None else datetime.fromisoformat(stored)


def _range(start: datetime, end: datetime) -> dict[str, Any]:
    return {"start": _stored(start), "end": _stored(end)}


def _cursor(session: Session, sql: str, parameters: dict[str, Any]) -> sqlite3.Cursor:
    # The session's connection, so that every read runs inside the caller's one transaction.
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection.execute(sql, parameters)


_STORED_TIME = UtcDateTime()


def _stored(moment: datetime) -> str:
    """`moment` as the cache stores times (so that text comparison is time order)."""
    stored = _STORED_TIME.process_bind_param(moment, None)  # type: ignore[arg-type]
    assert stored is not None
    return stored
