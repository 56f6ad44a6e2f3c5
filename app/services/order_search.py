"""The counter's one search box and the history by day: which orders match, today's first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy.orm import Session

from app.domain.clock import Clock
from app.domain.store_day import day_bounds, store_date
from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus
from app.services import input_checks
from app.services.input_checks import InputField, InputRefused
from app.services.store_time import store_zone_of
from local_db import order_search_repository
from local_db.database import Database

RESULT_LIMIT = 50
"""At most this many results are shown; the newest win."""

_SERIAL_DIGITS = 4
_PREFIX_MIN = 6
"""A channel order number typed this long or longer also finds numbers it begins."""
_HASH = re.compile(r"^#([0-9]{1,5})$")
_SPACES = re.compile(r"\s+")


class SearchMatch(StrEnum):
    """How a result matched what was typed."""

    CHANNEL_ORDER_NO = "channel_order_no"
    DAILY_SERIAL = "daily_serial"
    PHONE_LAST4 = "phone_last4"
    PICKUP_CODE = "pickup_code"


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """What a typed text is looked up as; None means "not as this"."""

    channel_order_no: str | None = None
    channel_order_prefix: bool = False
    daily_serial: int | None = None
    phone_last4: str | None = None
    pickup_code: str | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing to look up."""
        return (
            self.channel_order_no is None
            and self.daily_serial is None
            and self.phone_last4 is None
            and self.pickup_code is None
        )


def plan_search(text: str) -> SearchPlan:
    """Decide from the shape of `text` what to look up.

    "#23" is a daily serial only; digits are a daily serial (up to four), the last four
    phone digits (exactly four), a pickup code and a channel order number (exact, or its
    beginning from six characters on); anything else is a channel order number or a pickup
    code, compared in upper case. Full-width characters count as their ASCII twins.
    """
    # NFKC: a Chinese input method types full-width digits and signs ("＃２３").
    typed = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    if not typed:
        return SearchPlan()
    hashed = _HASH.match(typed)
    if hashed:
        return SearchPlan(daily_serial=int(hashed.group(1)) or None)
    if typed.isascii() and typed.isdigit():
        return SearchPlan(
            channel_order_no=typed,
            channel_order_prefix=len(typed) >= _PREFIX_MIN,
            daily_serial=int(typed) if len(typed) <= _SERIAL_DIGITS and int(typed) else None,
            phone_last4=typed if len(typed) == _SERIAL_DIGITS else None,
            pickup_code=typed,
        )
    upper = typed.upper()
    return SearchPlan(
        channel_order_no=upper,
        channel_order_prefix=len(upper) >= _PREFIX_MIN,
        pickup_code=upper,
    )


class ListedOrder(NamedTuple):
    """An order as a result list or a day list shows it (one line of text per order).

    A named tuple, unlike the other read models (immutable all the same): a busy day builds
    thousands of them, and a tuple is built several times faster than a frozen dataclass.
    """

    order_id: str
    channel: Channel
    channel_order_no: str
    daily_serial: int
    status: OrderStatus
    resume_status: OrderStatus | None
    fulfilment: FulfilmentMode
    customer_phone_masked: str
    total_cents: int
    placed_at: datetime
    pickup_code: str | None


class DayOrder(NamedTuple):
    """An order as the day list shows it: no more than its row says (see ListedOrder)."""

    order_id: str
    channel: Channel
    channel_order_no: str
    daily_serial: int
    status: OrderStatus
    total_cents: int
    placed_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One result of a search: the order, every way it matched, and whether it is today's."""

    order: ListedOrder
    matches: frozenset[SearchMatch]
    is_today: bool
    """Placed on the store's current day (in the store's timezone)."""


class OrderSearch:
    """Searches and day lists over the cache; each call is one short read transaction."""

    def __init__(self, db: Database, clock: Clock, *, limit: int = RESULT_LIMIT) -> None:
        self._db = db
        self._clock = clock
        self._limit = limit

    def search(self, text: str) -> list[SearchHit]:
        """The orders `text` finds: today's first, then newest first; at most the limit.

        A text no order can match (longer than any order number or code, holding a control
        character, or no text at all) finds nothing: a search queues nothing, so the box
        needs no refusal to handle.
        """
        try:
            text = input_checks.text(text, InputField.SEARCH)
        except InputRefused:
            return []
        plan = plan_search(text)
        if plan.is_empty:
            return []
        with self._db.read() as session:
            zone = store_zone_of(session)
            found = self._look_up(session, plan)
        today = store_date(self._clock(), zone)
        merged: dict[str, tuple[ListedOrder, set[SearchMatch]]] = {}
        for match, orders in found:
            for order in orders:
                merged.setdefault(order.order_id, (order, set()))[1].add(match)
        hits = [
            SearchHit(
                order=order,
                matches=frozenset(matches),
                is_today=store_date(order.placed_at, zone) == today,
            )
            for order, matches in merged.values()
        ]
        hits.sort(key=lambda hit: (not hit.is_today, -hit.order.placed_at.timestamp()))
        return hits[: self._limit]

    def today(self) -> date:
        """The store's current date."""
        with self._db.read() as session:
            zone = store_zone_of(session)
        return store_date(self._clock(), zone)

    def day_orders(self, day: date) -> list[DayOrder]:
        """Every order placed on the store's `day`, any status, oldest first."""
        with self._db.read() as session:
            start, end = day_bounds(day, store_zone_of(session))
            return order_search_repository.placed_between(session, start, end, _day_listed)

    def _look_up(
        self, session: Session, plan: SearchPlan
    ) -> Iterable[tuple[SearchMatch, list[ListedOrder]]]:
        repo, limit = order_search_repository, self._limit
        found: list[tuple[SearchMatch, list[ListedOrder]]] = []
        if plan.channel_order_no is not None:
            listings = repo.by_channel_order_no(
                session,
                plan.channel_order_no,
                _listed,
                prefix=plan.channel_order_prefix,
                limit=limit,
            )
            found.append((SearchMatch.CHANNEL_ORDER_NO, listings))
        if plan.daily_serial is not None:
            listings = repo.by_daily_serial(session, plan.daily_serial, _listed, limit=limit)
            found.append((SearchMatch.DAILY_SERIAL, listings))
        if plan.phone_last4 is not None:
            listings = repo.by_phone_last4(session, plan.phone_last4, _listed, limit=limit)
            found.append((SearchMatch.PHONE_LAST4, listings))
        if plan.pickup_code is not None:
            listings = repo.by_pickup_code(session, plan.pickup_code, _listed, limit=limit)
            found.append((SearchMatch.PICKUP_CODE, listings))
        return found


_CHANNELS = {channel.value: channel for channel in Channel}
_STATUSES = {status.value: status for status in OrderStatus}
_MODES = {mode.value: mode for mode in FulfilmentMode}


def _listed(rows: list[order_search_repository.ListingRow]) -> list[ListedOrder]:
    """The orders of a query's rows, in one pass: a busy day lists thousands of them."""
    # Dictionary look-ups rather than Enum calls, and the tuple made as tuples are (its
    # generated constructor is one more Python call per row, a third of the cost).
    parse = order_search_repository.stored_time
    channels, statuses, modes = _CHANNELS, _STATUSES, _MODES
    make = tuple.__new__
    return [
        make(
            ListedOrder,
            (
                order_id,
                channels[channel],
                channel_order_no,
                daily_serial,
                statuses[status],
                None if resume_status is None else statuses[resume_status],
                modes[fulfilment],
                customer_phone_masked,
                total_cents,
                parse(placed_at),
                pickup_code,
            ),
        )
        for (
            order_id,
            channel,
            channel_order_no,
            daily_serial,
            status,
            resume_status,
            fulfilment,
            customer_phone_masked,
            total_cents,
            placed_at,
            pickup_code,
        ) in rows
    ]


def _day_listed(rows: list[order_search_repository.DayRow]) -> list[DayOrder]:
    """The day list's orders, in one pass (as `_listed`)."""
    parse = order_search_repository.stored_time
    channels, statuses = _CHANNELS, _STATUSES
    make = tuple.__new__
    return [
        make(
            DayOrder,
            (
                order_id,
                channels[channel],
                number,
                serial,
                statuses[status],
                total_cents,
                parse(placed_at),
            ),
        )
        for order_id, channel, number, serial, status, total_cents, placed_at in rows
    ]
