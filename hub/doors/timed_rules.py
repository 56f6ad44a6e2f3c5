"""The hub's rules that act when a deadline passes, with nobody asking: the order clock's door."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final

from app.domain.vocabulary import OrderStatus
from hub.doors.hub_state import HubState
from hub.fulfilment import tasks
from hub.orders import exception_orders, order_events, side_flows
from hub.orders.order_records import orders_in
from sync.protocol import OrderData

logger = logging.getLogger(__name__)

_REQUESTED: Final = (OrderStatus.CANCEL_REQUESTED, OrderStatus.REFUND_REQUESTED)


class TimedRules:
    """Expires orders nobody confirmed in time, agrees to customer requests nobody answered."""

    def __init__(self, state: HubState) -> None:
        self._state = state

    def expire_overdue(self, now: datetime | None = None) -> list[OrderData]:
        """Cancel every new or exception order past its acceptance deadline, telling each
        channel."""
        now = now or self._state.clock()
        with self._state.writing() as session:
            rows = orders_in(session, None, [OrderStatus.NEW])
            expired = [order_events.expire(session, row, now) for row in rows]
            rows = orders_in(session, None, [OrderStatus.EXCEPTION])
            expired += [exception_orders.expire(session, row, now) for row in rows]
        for order in (order for order in expired if order is not None):
            logger.info("Order %s expired: not confirmed in time", order.order_id)
        return [order for order in expired if order is not None]

    def run(self, now: datetime | None = None) -> list[OrderData]:
        """Every rule due at `now`: overdue orders expire, unanswered requests are agreed.

        Returns every order that changed.
        """
        now = now or self._state.clock()
        changed = self.expire_overdue(now)
        with self._state.writing() as session:
            for row in orders_in(session, None, _REQUESTED):
                agreed = side_flows.agree_when_due(session, row, now)
                if agreed is not None:
                    logger.info("Customer request on %s agreed at its deadline", row.order_id)
                    tasks.follow_order(session, agreed, now, self._state.catalogue)
                    changed.append(agreed)
        return changed
