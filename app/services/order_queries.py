"""What the cashier screens read: inbox tabs, counts, one order's detail."""

from __future__ import annotations

from app.domain.order_lifecycle import (
    REQUEST_DEFAULT_RESUME,
    InboxTab,
    OrderAction,
    allowed_actions,
    inbox_tab,
    tab_filter,
)
from app.domain.vocabulary import OrderStatus
from app.read_models import OrderDetail, OrderSummary, SignedInStaff
from app.services.order_views import order_detail, order_summary
from local_db import order_repository
from local_db.database import Database

_NEWEST_FIRST = frozenset({InboxTab.DONE, InboxTab.CANCELLED})


class OrderQueries:
    """Read-only queries over the cache; each call is one short read transaction."""

    def __init__(self, db: Database, *, tab_limit: int = 500) -> None:
        self._db = db
        self._tab_limit = tab_limit

    def inbox(self, tab: InboxTab) -> list[OrderSummary]:
        """The orders on `tab`: open tabs oldest first (most urgent), closed tabs newest first."""
        selected = tab_filter(tab)
        with self._db.read() as session:
            snapshots = order_repository.list_orders(
                session,
                [status.value for status in selected.statuses],
                requests=[status.value for status in selected.requests],
                request_resumes=[status.value for status in selected.resumes],
                request_default_resume=REQUEST_DEFAULT_RESUME.value,
                newest_first=tab in _NEWEST_FIRST,
                limit=self._tab_limit,
            )
        return [order_summary(snapshot) for snapshot in snapshots]

    def tab_counts(self) -> dict[InboxTab, int]:
        """How many cached orders each tab holds."""
        counts = dict.fromkeys(InboxTab, 0)
        with self._db.read() as session:
            for status, resume_status, count in order_repository.count_by_status(session):
                tab = inbox_tab(
                    OrderStatus(status),
                    None if resume_status is None else OrderStatus(resume_status),
                )
                counts[tab] += count
        return counts

    def detail(self, order_id: str) -> OrderDetail | None:
        """One order with its lines, or None when it is not cached."""
        with self._db.read() as session:
            snapshot = order_repository.get_order(session, order_id)
        return None if snapshot is None else order_detail(snapshot)


def actions_for(actor: SignedInStaff, order: OrderSummary) -> frozenset[OrderAction]:
    """The actions the screens offer `actor` on `order`."""
    return allowed_actions(order.status, frozenset(actor.roles))
