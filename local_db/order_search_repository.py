"""Indexed look-ups of cached orders for the counter: searches, a day's orders, day figures.

Plain SQL on the session's own connection: a busy day lists thousands of rows, and the
row processing of the ORM or of Core would cost more than the query itself. Every
statement is answered from an index on `orders` (migration 0006 and the query plan test);
none of them reads lines or held hub state.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, TypeVar

from sqlalchemy.orm import Session

from local_db.models import UtcDateTime

_LISTING: Final = (
    "SELECT order_id, channel, channel_order_no, daily_serial, status, resume_status,"
    " fulfilment, customer_phone_masked, total_cents, placed_at, pickup_code FROM orders"
)
_NEWEST: Final = " ORDER BY placed_at DESC LIMIT :limit"

BY_CHANNEL_ORDER_NO: Final = _LISTING + " WHERE channel_order_no = :number" + _NEWEST
BY_CHANNEL_ORDER_PREFIX: Final = (
    _LISTING + " WHERE channel_order_no >= :number AND channel_order_no < :upper" + _NEWEST
)
BY_DAILY_SERIAL: Final = _LISTING + " WHERE daily_serial = :serial" + _NEWEST
BY_PHONE_LAST4: Final = _LISTING + " WHERE phone_last4 = :digits" + _NEWEST
BY_PICKUP_CODE: Final = _LISTING + " WHERE pickup_code = :code" + _NEWEST
PLACED_BETWEEN: Final = (
    "SELECT order_id, channel, channel_order_no, daily_serial, status, total_cents, placed_at"
    " FROM orders WHERE placed_at >= :start AND placed_at < :end ORDER BY placed_at"
)
"""A day list's columns only: turning a stored value into a Python one is most of the cost of
a busy day's thousands of rows, so the list reads what its rows show and no more."""
DAY_FIGURES: Final = """
SELECT channel,
       count(*),
       coalesce(sum(CASE WHEN status IN ('new', 'rejected', 'cancelled') THEN 0
                         ELSE total_cents - coalesce((SELECT sum(s.refund_cents) FROM shortages AS s
                                                      WHERE s.order_id = orders.order_id), 0)
                    END), 0),
       count(accepted_at),
       coalesce(sum((julianday(accepted_at) - julianday(placed_at)) * 86400.0), 0.0),
       coalesce(sum(status = 'cancelled' AND status_code = :expired), 0),
       coalesce(sum(status = 'rejected'), 0),
       coalesce(sum(status = 'cancelled' AND status_code != :expired), 0)
FROM orders
WHERE placed_at >= :start AND placed_at < :end
GROUP BY channel
ORDER BY channel
"""
STATEMENTS: Final = (
    BY_CHANNEL_ORDER_NO,
    BY_CHANNEL_ORDER_PREFIX,
    BY_DAILY_SERIAL,
    BY_PHONE_LAST4,
    BY_PICKUP_CODE,
    PLACED_BETWEEN,
    DAY_FIGURES,
)
"""Every statement of this module (the query plan test checks that each uses an index)."""


T = TypeVar("T")
ListingRow = tuple[str, str, str, int, str, str | None, str, str, int, str, str | None]
"""The columns of a search's statements as stored, in their order: order_id, channel,
channel_order_no, daily_serial, status, resume_status, fulfilment, customer_phone_masked,
total_cents, placed_at (still the stored text: `stored_time` reads it), pickup_code."""
DayRow = tuple[str, str, str, int, str, int, str]
"""The columns of PLACED_BETWEEN as stored, in its order."""
ListingBuilder = Callable[[list[ListingRow]], list[T]]
"""Makes the results from all of a query's rows at once (a caller's own record type, built
in one pass: a call per row of a busy day's thousands cost more than the query itself)."""
DayBuilder = Callable[[list[DayRow]], list[T]]
"""The same for a day list's rows."""
stored_time: Final[Callable[[str], datetime]] = datetime.fromisoformat
"""A time column's stored text as the aware instant it stands for."""


@dataclass(frozen=True, slots=True)
class ChannelDayFigures:
    """One channel's counts over a span of placing times."""

    channel: str
    orders: int
    revenue_cents: int
    """What the store keeps: totals of the orders accepted and neither rejected nor cancelled,
    less what their shortages refunded. A `new` order may still expire, so it is not counted."""
    accepted: int
    """Orders with an acceptance time."""
    accept_seconds: float
    """Sum over the accepted orders of the seconds from placing to acceptance."""
    lost_to_deadline: int
    rejected: int
    cancelled_other: int
    """Cancelled for any reason but the acceptance deadline."""


def by_channel_order_no(
    session: Session, number: str, build: ListingBuilder[T], *, prefix: bool, limit: int
) -> list[T]:
    """Orders whose channel order number is `number` (or starts with it), newest first."""
    if prefix and number:
        # A range on the indexed column: LIKE would not use the index (it ignores case).
        upper = number[:-1] + chr(ord(number[-1]) + 1)
        parameters = {"number": number, "upper": upper, "limit": limit}
        return _listings(session, BY_CHANNEL_ORDER_PREFIX, parameters, build)
    parameters = {"number": number, "limit": limit}
    return _listings(session, BY_CHANNEL_ORDER_NO, parameters, build)


def by_daily_serial(
    session: Session, serial: int, build: ListingBuilder[T], *, limit: int
) -> list[T]:
    """Orders with daily serial `serial` (any day, any channel), newest first."""
    return _listings(session, BY_DAILY_SERIAL, {"serial": serial, "limit": limit}, build)


def by_phone_last4(
    session: Session, digits: str, build: ListingBuilder[T], *, limit: int
) -> list[T]:
    """Orders whose customer's phone ends in `digits` (four digits), newest first."""
    return _listings(session, BY_PHONE_LAST4, {"digits": digits, "limit": limit}, build)


def by_pickup_code(session: Session, code: str, build: ListingBuilder[T], *, limit: int) -> list[T]:
    """Orders with pickup code `code`, newest first."""
    return _listings(session, BY_PICKUP_CODE, {"code": code, "limit": limit}, build)


def placed_between(
    session: Session, start: datetime, end: datetime, build: DayBuilder[T]
) -> list[T]:
    """Every order placed in [start, end) (aware instants), any status, oldest first."""
    parameters = {"start": _stored(start), "end": _stored(end)}
    return build(_cursor(session, PLACED_BETWEEN, parameters).fetchall())


def day_figures(
    session: Session, start: datetime, end: datetime, *, expired_code: str
) -> list[ChannelDayFigures]:
    """Per channel counts of the orders placed in [start, end) (aware instants).

    `expired_code` is the status_code the hub gives an order it cancelled because the
    store did not accept it before the channel's deadline.
    """
    parameters = {"start": _stored(start), "end": _stored(end), "expired": expired_code}
    return [
        ChannelDayFigures(
            channel=channel,
            orders=int(orders),
            revenue_cents=int(revenue),
            accepted=int(accepted),
            accept_seconds=float(seconds),
            lost_to_deadline=int(lost),
            rejected=int(rejected),
            cancelled_other=int(other),
        )
        for channel, orders, revenue, accepted, seconds, lost, rejected, other in _cursor(
            session, DAY_FIGURES, parameters
        )
    ]


def _listings(
    session: Session, sql: str, parameters: dict[str, Any], build: ListingBuilder[T]
) -> list[T]:
    return build(_cursor(session, sql, parameters).fetchall())


def _cursor(session: Session, sql: str, parameters: dict[str, Any]) -> sqlite3.Cursor:
    # The session's connection, so the read runs inside the caller's transaction.
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection.execute(sql, parameters)


_STORED_TIME = UtcDateTime()


def _stored(moment: datetime) -> str:
    """`moment` as the cache stores times (so that text comparison is time order)."""
    stored = _STORED_TIME.process_bind_param(moment, None)  # type: ignore[arg-type]
    assert stored is not None
    return stored
