"""Auto-accept: new orders of the channels switched on here are accepted through the normal
accept use case, on behalf of the person who switched auto-accept on (decision 012).
"""

from __future__ import annotations

import logging

from app.domain.clock import Clock
from app.domain.order_lifecycle import InboxTab
from app.domain.sync_events import RejectionNotice
from app.domain.vocabulary import Channel, OrderStatus
from app.read_models import OrderDetail, SignedInStaff
from app.services.alarm_preferences import AlarmPreferences, AutoAcceptSetting
from app.services.notices import RejectionNotices
from app.services.order_actions import ActionRefused, OrderActions
from app.services.order_queries import OrderQueries
from app.services.sign_in import SignInService

_log = logging.getLogger(__name__)

_NOT_ACCEPTED = frozenset({OrderStatus.NEW, OrderStatus.REJECTED, OrderStatus.CANCELLED})
"""Statuses in which an order was not accepted by anyone."""


class AutoAccept:
    """Accepts waiting orders of auto-accept channels; quiets refusals that lost a race."""

    def __init__(
        self,
        *,
        preferences: AlarmPreferences,
        queries: OrderQueries,
        actions: OrderActions,
        sign_in: SignInService,
        notices: RejectionNotices,
        clock: Clock,
    ) -> None:
        self._preferences = preferences
        self._queries = queries
        self._actions = actions
        self._sign_in = sign_in
        self._notices = notices
        self._clock = clock
        self._told: set[tuple[Channel, str]] = set()

    def accept_arrivals(self) -> list[OrderDetail]:
        """Accept every new order of an auto-accept channel still before its deadline.

        Each accept is its own transaction with its outbox row (`OrderActions.accept`). An
        order this device already acted on, or one past its deadline, is left alone (the
        alarm rings for it). Refusals are logged, never raised: the alarm stays the fallback.
        """
        switched_on = {c: s for c, s in self._preferences.auto_accept_all().items() if s.on}
        if not switched_on:
            return []
        waiting = [
            order
            for order in self._queries.inbox(InboxTab.NEW)
            if order.status is OrderStatus.NEW
            and order.channel in switched_on
            and not order.has_pending
            and order.accept_by > self._clock()
        ]
        if not waiting:
            return []
        actors = self._actors(switched_on)
        accepted: list[OrderDetail] = []
        for order in waiting:
            actor = actors.get(order.channel)
            if actor is None:
                continue
            try:
                accepted.append(self._actions.accept(actor, order.order_id))
            except ActionRefused as refused:
                _log.warning("auto-accept of %s refused here: %s", order.order_id, refused.code)
                continue
            _log.info(
                "order %s auto-accepted on behalf of %s (%s)",
                order.order_id,
                actor.name,
                actor.staff_id,
            )
        return accepted

    def absorbs(self, notice: RejectionNotice) -> bool:
        """Whether `notice` is an auto-accept that lost a race, acknowledged here quietly.

        The hub refuses an accept when another device accepted first; the order is accepted,
        which is what auto-accept wanted, so nobody is told of a failure (it stays in the
        refused-actions history). Anything else is the person's to see: returns False.
        """
        if (
            notice.command_type != "accept_order"
            or notice.reason != "transition_refused"
            or notice.entity_kind != "order"
        ):
            return False
        order = self._queries.detail(notice.entity_id)
        if order is None or order.status in _NOT_ACCEPTED:
            return False
        setting = self._preferences.auto_accept(order.channel)
        if not setting.on or setting.staff_id != notice.staff_id:
            return False
        self._notices.acknowledge(notice.seq)
        _log.info("auto-accept of %s not needed: already accepted elsewhere", notice.entity_id)
        return True

    def _actors(self, settings: dict[Channel, AutoAcceptSetting]) -> dict[Channel, SignedInStaff]:
        cards = {card.staff_id: card for card in self._sign_in.staff_cards()}
        actors: dict[Channel, SignedInStaff] = {}
        for channel, setting in settings.items():
            card = cards.get(setting.staff_id)
            if card is None:
                if (channel, setting.staff_id) not in self._told:
                    self._told.add((channel, setting.staff_id))
                    _log.warning(
                        "auto-accept of %s is off in effect: %s, who switched it on, is no"
                        " longer active here",
                        channel.value,
                        setting.staff_id,
                    )
                continue
            actors[channel] = SignedInStaff(card.staff_id, card.name, card.roles)
        return actors
