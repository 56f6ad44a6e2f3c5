"""What the cashier screens read: inbox tabs, counts, one order's detail."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.clock import Clock, utc_now
from app.domain.new_order_alarm import WaitingOrder
from app.domain.order_lifecycle import (
    REQUEST_DEFAULT_RESUME,
    InboxTab,
    OrderAction,
    allowed_actions,
    inbox_tab,
    tab_filter,
)
from app.domain.vocabulary import Channel, OrderStatus, Role
from app.read_models import OrderDetail, OrderSummary, SignedInStaff
from app.services.order_views import order_detail, order_summary
from local_db import fulfilment_repository, order_repository
from local_db.database import Database

_NEWEST_FIRST = frozenset({InboxTab.DONE, InboxTab.CANCELLED})
CLOSED_TABS = _NEWEST_FIRST
"""Tabs of finished orders: most of a long-used cache, so counted only now and then."""
_OPEN_STATUSES = tuple(
    status.value for status in OrderStatus if inbox_tab(status, None) not in CLOSED_TABS
)
_WAITING = (OrderStatus.NEW.value, OrderStatus.EXCEPTION.value)
"""Orders waiting for the store's answer before the channel's deadline."""


class OrderQueries:
    """Read-only queries over the cache; each call is one short read transaction."""

    def __init__(self, db: Database, *, tab_limit: int = 500, clock: Clock = utc_now) -> None:
        """`clock` decides which booked orders still wait on the Scheduled tab."""
        self._db = db
        self._tab_limit = tab_limit
        self._clock = clock

    @property
    def tab_limit(self) -> int:
        """The most rows `inbox` lists."""
        return self._tab_limit

    def inbox(self, tab: InboxTab) -> list[OrderSummary]:
        """The orders on `tab`: New by accept deadline, the nearest first (the most urgent);
        the other open tabs oldest first; closed tabs newest first. Scheduled lists booked
        orders by preparation time, the soonest first (the order `inbox_key` gives).
        """
        with self._db.read() as session:
            return self._listed(session, tab, None, self._clock())

    def inbox_among(self, tab: InboxTab, order_ids: Collection[str]) -> list[OrderSummary]:
        """The orders of `order_ids` (a feed page's) that belong on `tab`, as `inbox` lists
        them: a read of those rows only, whatever the cache holds."""
        if not order_ids:
            return []
        with self._db.read() as session:
            return self._listed(session, tab, order_ids, self._clock())

    def open_counts(self) -> OpenCounts:
        """The open tabs' counts and the next booked start, in one read of the open orders
        only (the closed ones are most of a long-used cache)."""
        now = self._clock()
        with self._db.read() as session:
            counts = _counts(session, _OPEN_STATUSES, now)
            booked = order_repository.next_prepare_at(session, OrderStatus.NEW.value, now)
        for tab in CLOSED_TABS:
            del counts[tab]
        return OpenCounts(counts, booked)

    def _listed(
        self, session: Session, tab: InboxTab, order_ids: Collection[str] | None, now: datetime
    ) -> list[OrderSummary]:
        selected = tab_filter(tab)
        snapshots = order_repository.list_orders(
            session,
            [status.value for status in selected.statuses],
            requests=[status.value for status in selected.requests],
            request_resumes=[status.value for status in selected.resumes],
            request_default_resume=REQUEST_DEFAULT_RESUME.value,
            newest_first=tab in _NEWEST_FIRST,
            # Waiting for an answer: the order whose channel cancels it soonest comes first.
            by_deadline=tab is InboxTab.NEW,
            limit=self._tab_limit,
            prepare_after=now if selected.booked is True else None,
            prepare_by=now if selected.booked is False else None,
            order_ids=order_ids,
        )
        summaries = [order_summary(snapshot) for snapshot in snapshots]
        if tab is InboxTab.SCHEDULED:
            summaries.sort(key=lambda summary: summary.prepare_at or summary.placed_at)
        return summaries

    def tab_counts(self) -> dict[InboxTab, int]:
        """How many cached orders each tab holds."""
        with self._db.read() as session:
            return _counts(session, None, self._clock())

    def waiting_for_answer(self, among: Collection[str] | None = None) -> list[WaitingOrder]:
        """The orders still new whose time has come (booked ones from their preparation
        time), and the exception orders, nearest deadline first: what the new-order alarm
        watches (an exception order alarms like a new one until it is mapped or rejected).
        Only those of `among` when given: the alarm re-reads the orders a feed page changed."""
        with self._db.read() as session:
            rows = order_repository.deadlines_of(session, _WAITING, self._clock(), among)
        return [
            WaitingOrder(order_id, Channel(channel), serial, accept_by)
            for order_id, channel, serial, accept_by in rows
        ]

    def waiting_count(self) -> int:
        """How many orders `waiting_for_answer` would list, counted without reading them."""
        with self._db.read() as session:
            return order_repository.count_due(session, _WAITING, self._clock())

    def next_booked_start(self) -> datetime | None:
        """When the next booked order leaves the Scheduled tab for New (None: none waits)."""
        with self._db.read() as session:
            return order_repository.next_prepare_at(session, OrderStatus.NEW.value, self._clock())

    def detail(self, order_id: str) -> OrderDetail | None:
        """One order with its lines, or None when it is not cached."""
        with self._db.read() as session:
            snapshot = order_repository.get_order(session, order_id)
            shortages = fulfilment_repository.decided_lines(session, order_id)
        return None if snapshot is None else order_detail(snapshot, shortages)


@dataclass(frozen=True, slots=True)
class OpenCounts:
    """`OrderQueries.open_counts`: what changes on the tab bar as open orders change."""

    counts: dict[InboxTab, int]
    """How many orders the tabs of open orders hold (no `CLOSED_TABS` key)."""
    next_booked_start: datetime | None
    """As `OrderQueries.next_booked_start` says."""


def _counts(
    session: Session, statuses: Collection[str] | None, now: datetime
) -> dict[InboxTab, int]:
    """Orders per tab, of `statuses` only when given."""
    counts = dict.fromkeys(InboxTab, 0)
    for status, resume_status, count in order_repository.count_by_status(session, statuses):
        tab = inbox_tab(
            OrderStatus(status), None if resume_status is None else OrderStatus(resume_status)
        )
        counts[tab] += count
    waiting = order_repository.count_booked_waiting(session, OrderStatus.NEW.value, now)
    counts[InboxTab.NEW] -= waiting
    counts[InboxTab.SCHEDULED] += waiting
    return counts


def inbox_key(tab: InboxTab) -> Callable[[OrderSummary], Any]:
    """The sort key of `tab`'s rows, as `OrderQueries.inbox` lists them: a changed order is
    placed among the rows on show with it, without listing the tab again."""
    if tab is InboxTab.NEW:
        return lambda s: (s.status is not OrderStatus.EXCEPTION, s.accept_by, s.placed_at)
    if tab is InboxTab.SCHEDULED:
        return lambda s: (s.prepare_at or s.placed_at, s.placed_at)
    if tab in _NEWEST_FIRST:
        return lambda s: -s.placed_at.timestamp()
    return lambda s: s.placed_at


_CODE_STATUSES = frozenset({OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY})


def actions_for(actor: SignedInStaff, order: OrderSummary) -> frozenset[OrderAction]:
    """The actions the screens offer `actor` on `order`.

    Besides the life cycle's moves: a new pickup code for an accepted order of a channel that
    takes codes from the store and has none (the hub refused one another counter gave).
    """
    movers = frozenset(actor.roles)
    actions = allowed_actions(order.status, movers)
    if (
        CHANNEL_RULES[order.channel].assigns_pickup_code
        and order.pickup_code is None
        and order.status in _CODE_STATUSES
        and movers & {Role.CASHIER, Role.MANAGER}
    ):
        actions |= {OrderAction.GIVE_PICKUP_CODE}
    return actions
