"""What the cashier screens read: inbox tabs, counts, one order's detail."""

from __future__ import annotations

from datetime import datetime

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
_WAITING = (OrderStatus.NEW.value, OrderStatus.EXCEPTION.value)
"""Orders waiting for the store's answer before the channel's deadline."""


class OrderQueries:
    """Read-only queries over the cache; each call is one short read transaction."""

    def __init__(self, db: Database, *, tab_limit: int = 500, clock: Clock = utc_now) -> None:
        """`clock` decides which booked orders still wait on the Scheduled tab."""
        self._db = db
        self._tab_limit = tab_limit
        self._clock = clock

    def inbox(self, tab: InboxTab) -> list[OrderSummary]:
        """The orders on `tab`: New by accept deadline, the nearest first (the most urgent);
        the other open tabs oldest first; closed tabs newest first. Scheduled lists booked
        orders by preparation time, the soonest first.
        """
        selected = tab_filter(tab)
        now = self._clock()
        with self._db.read() as session:
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
            )
        summaries = [order_summary(snapshot) for snapshot in snapshots]
        if tab is InboxTab.SCHEDULED:
            summaries.sort(key=lambda summary: summary.prepare_at or summary.placed_at)
        return summaries

    def tab_counts(self) -> dict[InboxTab, int]:
        """How many cached orders each tab holds."""
        counts = dict.fromkeys(InboxTab, 0)
        now = self._clock()
        with self._db.read() as session:
            for status, resume_status, count in order_repository.count_by_status(session):
                tab = inbox_tab(
                    OrderStatus(status),
                    None if resume_status is None else OrderStatus(resume_status),
                )
                counts[tab] += count
            waiting = order_repository.count_booked_waiting(session, OrderStatus.NEW.value, now)
        counts[InboxTab.NEW] -= waiting
        counts[InboxTab.SCHEDULED] += waiting
        return counts

    def waiting_for_answer(self) -> list[WaitingOrder]:
        """The orders still new whose time has come (booked ones from their preparation
        time), and the exception orders, nearest deadline first: what the new-order alarm
        watches (an exception order alarms like a new one until it is mapped or rejected)."""
        with self._db.read() as session:
            rows = order_repository.deadlines_of(session, _WAITING, self._clock())
        return [
            WaitingOrder(order_id, Channel(channel), serial, accept_by)
            for order_id, channel, serial, accept_by in rows
        ]

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
