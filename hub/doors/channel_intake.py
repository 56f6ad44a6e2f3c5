"""The channels' door: orders and what customers do after ordering, as the platforms report them."""

from __future__ import annotations

from typing import Literal

from app.domain.vocabulary import Channel
from hub.doors.hub_state import HubState, order_row, store_row
from hub.fulfilment import tasks
from hub.orders import order_events, side_flows
from hub.orders.order_intake import take_in
from sync.protocol import OrderData


class ChannelIntake:
    """Takes in what a channel sends: a new order's payload, a cancel, a request, a reminder."""

    def __init__(self, state: HubState) -> None:
        self._state = state

    def receive_channel_payload(
        self, channel: Channel, raw: object, *, store_id: str
    ) -> OrderData | None:
        """Take in a raw channel payload: a new order, an exception order when it cannot be
        read in full, or None when it is no order of the store at all (set aside)."""
        state = self._state
        with state.writing() as session:
            store = store_row(session, store_id)
            return take_in(
                session, store, channel, raw, now=state.clock(), catalogue=state.catalogue
            )

    def customer_cancels(self, order_id: str) -> OrderData:
        """The customer cancels through the channel; raises NotFound or TransitionRefused."""
        state = self._state
        with state.writing() as session:
            row = order_row(session, order_id)
            cancelled = order_events.cancel_by_customer(session, row, state.clock())
            tasks.follow_order(session, cancelled, state.clock(), state.catalogue)
            return cancelled

    def customer_requests(
        self,
        order_id: str,
        kind: Literal["cancel", "refund"],
        *,
        reason: str = "",
        refund_cents: int | None = None,
    ) -> OrderData:
        """The customer asks to cancel (or be refunded); raises NotFound or TransitionRefused.

        A refund request without an amount asks for everything paid.
        """
        with self._state.writing() as session:
            row = order_row(session, order_id)
            return side_flows.request(
                session, row, kind, self._state.clock(), reason=reason, refund_cents=refund_cents
            )

    def customer_reminds(self, order_id: str) -> OrderData:
        """The customer asks where the order is ("催单"); raises NotFound."""
        with self._state.writing() as session:
            row = order_row(session, order_id)
            return side_flows.remind(session, row, self._state.clock())
