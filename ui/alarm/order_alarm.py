"""The running new-order alarm: a tick timer asks the policy, then sounds, flashes and signals.

What rings, how often and how loud is decided by `app.domain.new_order_alarm`; this object
only drives the timers, the sound backend and the signals the window's widgets follow.

The waiting orders are kept in memory: a feed page's orders are re-read one by one as the
bridge names them, and each tick only counts the waiting orders in the cache (no rows
built) to notice those that left New or came into it unannounced (a person's action here,
a booked order's time coming); a count that differs two ticks running, a change of staff or
`REREAD_TICKS` ticks read them all again (decision 040).
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.domain.clock import Clock
from app.domain.new_order_alarm import (
    AlarmDecision,
    AlarmLevel,
    MuteState,
    WaitingOrder,
    decide_alarm,
    is_ring_due,
)
from app.domain.vocabulary import RecordKind
from app.services.alarm_preferences import AlarmPreferences
from app.services.auto_accept import AutoAccept
from app.services.order_queries import OrderQueries
from ui.alarm.alarm_sound import AlarmSound, SoundBackend
from ui.sync_bridge import SyncBridge

_log = logging.getLogger(__name__)

TICK_MS = 1000
"""How often the alarm looks at the clock and the new orders."""
FLASH_MS = 500
"""Half a period of the visual flash."""
REREAD_TICKS = 60
"""Every this many ticks the waiting orders are read again whatever the count said."""


class OrderAlarm(QObject):
    """Repeats until every new order has left New; escalates near a deadline; obeys a mute."""

    rang = Signal(object)
    """AlarmDecision: the alarm went off (sound played when `audible`)."""
    evaluated = Signal(object)
    """AlarmDecision: emitted every tick and whenever orders changed (banners follow it)."""
    flash_changed = Signal(bool)
    """The visual flash's on/off phase; False once no new order waits."""
    orders_auto_accepted = Signal(object)
    """list[OrderDetail]: orders this device just accepted automatically."""

    def __init__(
        self,
        *,
        queries: OrderQueries,
        preferences: AlarmPreferences,
        auto_accept: AutoAccept | None,
        sound: SoundBackend,
        clock: Clock,
        bridge: SyncBridge,
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._preferences = preferences
        self._auto_accept = auto_accept
        self.sound = sound
        self._clock = clock
        self._mute = preferences.mute_state()
        self._volume = preferences.volume_percent()
        self._waiting: dict[str, WaitingOrder] = {}
        self._ticks = 0
        self._differed = False
        self._last_ring_at: datetime | None = None
        self._rung_for: frozenset[str] = frozenset()
        self._last_level = AlarmLevel.QUIET
        self._flash_on = False
        self.decision = decide_alarm((), self._now(), self._mute, self._volume)
        self._tick = QTimer(self)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._on_tick_timeout)
        self.flash_timer = QTimer(self)
        self.flash_timer.setInterval(FLASH_MS)
        self.flash_timer.timeout.connect(self._on_flash_timer_timeout)
        bridge.orders_updated.connect(self.orders_changed)
        bridge.records_updated.connect(self._on_bridge_records_updated)

    def start(self) -> None:
        """Look at the cache now, then every tick."""
        self.reload()
        self._tick.start()

    def stop(self) -> None:
        """No more ticks, rings or flashes."""
        self._tick.stop()
        self.flash_timer.stop()
        self._set_flash(on=False)

    def reload(self) -> None:
        """Auto-accept what may be, re-read the new orders and the settings, then evaluate."""
        if self._auto_accept is not None:
            accepted = self._auto_accept.accept_arrivals()
            if accepted:
                self.orders_auto_accepted.emit(accepted)
        self._mute = self._preferences.mute_state()
        self._volume = self._preferences.volume_percent()
        self._read_waiting()
        self.evaluate()

    def orders_changed(self, order_ids: frozenset[str] | None) -> None:
        """These orders changed in the cache (None: any may have): re-read those only."""
        if order_ids is None:
            self.reload()
            return
        fresh = {order.order_id: order for order in self._queries.waiting_for_answer(order_ids)}
        if self._auto_accept is not None and fresh.keys() - self._waiting.keys():
            accepted = self._auto_accept.accept_arrivals()
            if accepted:
                self.orders_auto_accepted.emit(accepted)
                gone = {order.order_id for order in accepted}
                fresh = {key: order for key, order in fresh.items() if key not in gone}
        for order_id in order_ids:
            if order_id in fresh:
                self._waiting[order_id] = fresh[order_id]
            else:
                self._waiting.pop(order_id, None)
        self.evaluate()

    def settings_changed(self, mute: MuteState, volume_percent: int) -> None:
        """The settings dialog changed the mute or the volume."""
        self._mute = mute
        self._volume = volume_percent
        self.evaluate()

    def evaluate(self) -> None:
        """Decide from the orders last read and the clock; ring and flash as decided."""
        now = self._now()
        decision = decide_alarm(self._waiting.values(), now, self._mute, self._volume)
        self.decision = decision
        if is_ring_due(decision, now, self._last_ring_at, self._rung_for, self._last_level):
            self._ring(decision, now)
        self._last_level = decision.level
        self._rung_for &= decision.ringing  # orders gone from New are forgotten
        if not decision.ringing:
            self._last_ring_at = None
        if decision.flashes and not self.flash_timer.isActive():
            self.flash_timer.start()
            self._set_flash(on=True)
        elif not decision.flashes and self.flash_timer.isActive():
            self.flash_timer.stop()
            self._set_flash(on=False)
        self.evaluated.emit(decision)

    def _read_waiting(self) -> None:
        self._ticks = 0
        self._differed = False
        self._waiting = {order.order_id: order for order in self._queries.waiting_for_answer()}

    def _ring(self, decision: AlarmDecision, now: datetime) -> None:
        self._last_ring_at = now
        self._rung_for = self._rung_for | decision.ringing
        if decision.audible:
            escalated = decision.level is AlarmLevel.ESCALATED
            self.sound.play(
                AlarmSound.DEADLINE if escalated else AlarmSound.NEW_ORDER, decision.volume
            )
        self.rang.emit(decision)

    def _set_flash(self, *, on: bool) -> None:
        if on != self._flash_on:
            self._flash_on = on
            self.flash_changed.emit(on)

    def _now(self) -> datetime:
        return self._clock()

    @Slot()
    def _on_tick_timeout(self) -> None:
        # An order leaves New by the person's own action too, which no sync event announces
        # at once, and a booked one comes into New when its time comes: a count tells. Two
        # ticks running, as a page written a moment ago is on its way to the bridge.
        self._ticks += 1
        differs = self._queries.waiting_count() != len(self._waiting)
        if self._ticks >= REREAD_TICKS or (differs and self._differed):
            self._read_waiting()
        self._differed = differs
        self.evaluate()

    @Slot()
    def _on_flash_timer_timeout(self) -> None:
        self._set_flash(on=not self._flash_on)

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        # Orders come by `orders_updated`; staff decide who auto-accepts.
        if RecordKind.STAFF in kinds:
            self.reload()
