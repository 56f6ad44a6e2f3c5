"""The simulated outside world: customers ordering on three channels, a few changing their minds."""

from __future__ import annotations

import logging
import random
import threading
from datetime import datetime, timedelta
from typing import Final

from app.domain.order_lifecycle import TransitionRefused
from app.domain.vocabulary import Channel, OrderStatus
from hub.clock import Clock, local_time
from hub.doors.channel_intake import ChannelIntake
from hub.doors.store_admin import StoreAdmin
from hub.errors import NotFound
from hub.world.world import World
from sync.protocol import OrderData

logger = logging.getLogger(__name__)

WARM_UP: Final = (
    (timedelta(seconds=1), Channel.MEITUAN),
    (timedelta(seconds=2), Channel.ELEME),
    (timedelta(seconds=3), Channel.MINIPROGRAM),
)
"""One order per channel in the first seconds, so a freshly opened app shows all three."""
_CHANNELS: Final = (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM)
_CHANNEL_WEIGHTS: Final = (45, 35, 20)
_BOOKED_SHARE: Final = 0.05
"""Orders booked for later (held in the device's Scheduled tab until their preparation time)."""
_REQUEST_SHARE: Final = 0.04
"""Orders whose customer later asks to cancel (in the store) or for a refund (once handed over)."""
_REMINDER_SHARE: Final = 0.08
"""Orders whose customer asks "where is my order" while it is in the store."""
_IN_STORE: Final = frozenset({OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY})
_REQUEST_REASONS: Final = (
    "不想要了 changed my mind",
    "地址填错了 wrong address",
    "等太久了 waited too long",
)
_MAX_ARRIVALS_PER_STEP: Final = 10
"""After a long pause (a jumped clock, a suspended laptop) the backlog is dropped, not flooded."""


def peak_factor(at: datetime) -> float:
    """How much busier than usual the store is at `at`: lunch and dinner peaks."""
    local = local_time(at)
    minutes = local.hour * 60 + local.minute
    if 11 * 60 <= minutes < 13 * 60 + 30 or 17 * 60 <= minutes < 19 * 60 + 30:
        return 2.0
    return 1.0


class OrderSimulator:
    """Places orders at a mean interval and plans a few customer cancels; drives `World.tick`.

    `step(now)` does one round deterministically (tests call it directly); `start()` runs it
    every `tick_s` seconds on a daemon thread until `stop()`.
    """

    def __init__(
        self,
        world: World,
        intake: ChannelIntake,
        admin: StoreAdmin,
        *,
        rng: random.Random,
        clock: Clock,
        order_interval_s: float = 15.0,
        cancel_share: float = 0.03,
        tick_s: float = 0.5,
        store_id: str,
        side_rng: random.Random | None = None,
        bad_order_rate: float = 0.0,
    ) -> None:
        """`side_rng` draws bookings, customer requests and reminders, apart from `rng`.

        `bad_order_rate` (0..1) is the share of orders a channel spoils (an unknown item,
        totals off by a few fen, a missing field...): they reach the store as exception
        orders. The warm-up orders are never spoiled.
        """
        if order_interval_s <= 0:
            raise ValueError("order_interval_s must be positive")
        if not 0.0 <= bad_order_rate <= 1.0:
            raise ValueError("bad_order_rate must be within 0..1")
        self._bad_order_rate = bad_order_rate
        self._bad_rng = random.Random(0xBAD0)
        self._world = world
        self._intake = intake
        self._admin = admin
        self._rng = rng
        self._clock = clock
        self._interval_s = order_interval_s
        self._cancel_share = cancel_share
        self._tick_s = tick_s
        self._store_id = store_id
        self._arrivals: list[tuple[datetime, Channel | None]] = []
        self._planned_cancels: dict[str, datetime] = {}
        self._side_rng = side_rng or random.Random(0x51DE)
        self._planned_requests: dict[str, datetime] = {}
        self._planned_reminders: dict[str, datetime] = {}
        self._started_at: datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self, now: datetime | None = None) -> list[OrderData]:
        """Place the orders now due, carry out due customer cancels, tick the hub.

        Returns the orders placed. Failures are logged and never end the simulation.
        """
        now = now or self._clock()
        if self._started_at is None:
            self._started_at = now
            self._arrivals = [(now + delay, channel) for delay, channel in WARM_UP]
        placed = self._place_due(now)
        self._cancel_due(now)
        self._request_due(now)
        self._remind_due(now)
        try:
            self._world.tick(now)
        except Exception:
            logger.exception("Hub tick failed; the simulation goes on")
        return placed

    def start(self) -> None:
        """Run `step` on a daemon thread; a no-op while already running."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="storeside-simulator", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        """Stop the thread and wait for it (at most `timeout_s`)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                logger.warning("Simulator thread did not stop within %.1f s", timeout_s)
            self._thread = None

    @property
    def is_running(self) -> bool:
        """Whether the simulator thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception:
                logger.exception("Simulator step failed; the simulation goes on")
            self._stop.wait(self._tick_s)

    def _place_due(self, now: datetime) -> list[OrderData]:
        placed: list[OrderData] = []
        while self._arrivals and self._arrivals[0][0] <= now:
            due_at, channel = self._arrivals.pop(0)
            if len(placed) >= _MAX_ARRIVALS_PER_STEP:
                self._arrivals.clear()
                break
            order = self._place(channel or self._pick_channel(), now, warm_up=channel is not None)
            if order is not None:
                placed.append(order)
            if not self._arrivals:
                # Chained from when it was due, not when we looked: tick rate must not matter.
                self._arrivals.append((self._next_arrival(due_at), None))
        if not self._arrivals:
            self._arrivals.append((self._next_arrival(now), None))
        return placed

    def _place(self, channel: Channel, now: datetime, *, warm_up: bool) -> OrderData | None:
        try:
            paused_until = self._admin.channel_paused_until(channel, self._store_id, now)
        except Exception:
            logger.exception("Could not read the store's busy mode")
            paused_until = None
        if paused_until is not None:
            logger.info("%s is paused until %s: no order placed", channel.value, paused_until)
            return None
        booked = None
        if self._side_rng.random() < _BOOKED_SHARE:
            ahead = now + timedelta(minutes=self._side_rng.choice((90, 105, 120, 150, 180)))
            booked = ahead.replace(minute=ahead.minute - ahead.minute % 15, second=0, microsecond=0)
        spoiled = not warm_up and self._bad_rng.random() < self._bad_order_rate
        try:
            if spoiled:
                order = self._world.place_order(
                    channel, store_id=self._store_id, scheduled_for=booked, spoiled=True
                )
            else:
                order = self._world.place_order(
                    channel, store_id=self._store_id, scheduled_for=booked
                )
        except Exception:
            logger.exception("Could not place a simulated %s order", channel.value)
            return None
        if self._rng.random() < self._cancel_share:
            # A booked order's customer may cancel while it waits, as soon as anyone else.
            window = (order.accept_by - (order.prepare_at or order.placed_at)).total_seconds()
            delay = self._rng.uniform(20, max(21.0, window * 0.6))
            self._planned_cancels[order.order_id] = order.placed_at + timedelta(seconds=delay)
        start = order.prepare_at or order.placed_at
        if self._side_rng.random() < _REQUEST_SHARE:
            after = timedelta(seconds=self._side_rng.uniform(60, 1500))
            self._planned_requests[order.order_id] = start + after
        if self._side_rng.random() < _REMINDER_SHARE:
            after = timedelta(seconds=self._side_rng.uniform(300, 900))
            self._planned_reminders[order.order_id] = start + after
        logger.info("New %s order #%d (%s)", channel.value, order.daily_serial, order.order_id)
        return order

    def _request_due(self, now: datetime) -> None:
        for order_id, when in list(self._planned_requests.items()):
            if when > now:
                continue
            del self._planned_requests[order_id]
            reason = self._side_rng.choice(_REQUEST_REASONS)
            try:
                status = self._admin.order(order_id).status
                if status in _IN_STORE:
                    self._intake.customer_requests(order_id, "cancel", reason=reason)
                elif status in (OrderStatus.HANDED_OVER, OrderStatus.COMPLETED):
                    self._intake.customer_requests(order_id, "refund", reason=reason)
            except (TransitionRefused, NotFound):
                continue
            except Exception:
                logger.exception("Customer request on %s failed", order_id)

    def _remind_due(self, now: datetime) -> None:
        for order_id, when in list(self._planned_reminders.items()):
            if when > now:
                continue
            del self._planned_reminders[order_id]
            try:
                if self._admin.order(order_id).status in _IN_STORE:
                    self._intake.customer_reminds(order_id)
            except NotFound:
                continue
            except Exception:
                logger.exception("Customer reminder on %s failed", order_id)

    def _cancel_due(self, now: datetime) -> None:
        for order_id, when in list(self._planned_cancels.items()):
            if when > now:
                continue
            del self._planned_cancels[order_id]
            try:
                if self._admin.order(order_id).status is OrderStatus.NEW:
                    self._intake.customer_cancels(order_id)
                    logger.info("Customer cancelled order %s", order_id)
            except (TransitionRefused, NotFound):
                # The store got there first; a cancel request flow will handle that later.
                continue
            except Exception:
                logger.exception("Customer cancel of %s failed", order_id)

    def _pick_channel(self) -> Channel:
        return self._rng.choices(_CHANNELS, _CHANNEL_WEIGHTS)[0]

    def _next_arrival(self, after: datetime) -> datetime:
        mean = self._interval_s / peak_factor(after)
        return after + timedelta(seconds=self._rng.expovariate(1.0 / mean))
