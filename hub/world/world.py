"""The simulated world's door: customers ordering through a channel, riders moving, time passing."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus
from hub.channels.spoil import spoil
from hub.doors.hub_state import HubState, store_row
from hub.doors.timed_rules import TimedRules
from hub.orders import order_events
from hub.orders.order_intake import simulated_payload, take_in
from hub.orders.order_records import orders_in
from hub.world.demo_store import DEMO_STAFF, DEMO_STORE_ID, DemoStaff
from sync.protocol import OrderData

logger = logging.getLogger(__name__)

_ACTIVE: Final = (*order_events.IN_STORE, OrderStatus.HANDED_OVER)


class World:
    """What happens outside the store in the demo and the tests: orders placed, riders riding."""

    def __init__(self, state: HubState, timed_rules: TimedRules) -> None:
        self._state = state
        self._timed_rules = timed_rules

    @property
    def demo_store_id(self) -> str:
        """The demo store's id: the store this hub seeds at its start. No door defaults to it:
        every call that touches a store's data is given the store."""
        return DEMO_STORE_ID

    @property
    def demo_staff(self) -> tuple[DemoStaff, ...]:
        """The demo staff with their PINs, for banners and tests."""
        return DEMO_STAFF

    def place_order(
        self,
        channel: Channel,
        *,
        store_id: str,
        fulfilment: FulfilmentMode | None = None,
        scheduled_for: datetime | None = None,
        spoiled: bool | str = False,
    ) -> OrderData:
        """A simulated customer orders through `channel`, payload and adapter included.

        `scheduled_for` books the order for that time (None: as soon as possible). `spoiled`
        spoils the payload the way channels do (True: a way drawn at random; a key of
        `hub.channels.spoil.SPOILERS`: that way), so it becomes an exception order.
        """
        state = self._state
        with state.writing() as session:
            store = store_row(session, store_id)
            now = state.clock()
            raw = simulated_payload(
                session,
                store,
                channel,
                now=now,
                rng=state.rng,
                catalogue=state.catalogue,
                fulfilment=fulfilment,
                deliver_at=scheduled_for,
            )
            if spoiled:
                how = spoiled if isinstance(spoiled, str) else None
                raw, words = spoil(channel, raw, state.rng, how)
                logger.info("Simulated %s order spoiled: %s", channel.value, words)
            order = take_in(session, store, channel, raw, now=now, catalogue=state.catalogue)
        if order is None:
            raise RuntimeError(f"the hub's own {channel.value} payload was set aside")
        return order

    def tick(self, now: datetime | None = None) -> list[OrderData]:
        """Time passes: the hub's timed rules run, riders move, handovers complete.

        Returns every order that changed.
        """
        now = now or self._state.clock()
        changed = self._timed_rules.run(now)
        with self._state.writing() as session:
            for row in orders_in(session, None, _ACTIVE):
                order = order_events.advance_fulfilment(session, row, now, self._state.seed)
                if order is not None:
                    changed.append(order)
        return changed
