"""The new-order alarm as rules: which orders ring, how often, how loud, and when it escalates.

Pure data in, a decision out: the Qt alarm (`ui/alarm/order_alarm.py`) asks `decide_alarm`
each tick and plays, flashes and shows what the decision says. See decision 012.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from app.domain.vocabulary import Channel

SOON_BELOW: Final = timedelta(minutes=2)
"""Under this much time left to accept, a countdown turns amber."""
ESCALATE_BELOW: Final = timedelta(seconds=60)
"""Under this much time left, a countdown turns red and the alarm escalates."""
REPEAT_EVERY: Final = timedelta(seconds=15)
"""How often the alarm sounds again while new orders wait."""
ESCALATED_REPEAT_EVERY: Final = timedelta(seconds=5)
"""How often it sounds again while an order's deadline is close."""
ESCALATED_VOLUME: Final = 1.0
"""An escalation always plays at full volume, whatever the chosen volume."""
DEFAULT_VOLUME_PERCENT: Final = 80
"""The alarm volume of a device nobody has set it on."""
MUTE_CHOICES_MIN: Final = (1, 5, 10, 30)
"""The mute durations a person may pick, in minutes."""


class DeadlineUrgency(StrEnum):
    """How pressing an order's acceptance deadline is."""

    CALM = "calm"
    SOON = "soon"
    URGENT = "urgent"
    OVERDUE = "overdue"


def deadline_urgency(accept_by: datetime, now: datetime) -> DeadlineUrgency:
    """CALM, SOON (under SOON_BELOW), URGENT (under ESCALATE_BELOW) or OVERDUE (passed)."""
    left = accept_by - now
    if left < timedelta(0):
        return DeadlineUrgency.OVERDUE
    if left < ESCALATE_BELOW:
        return DeadlineUrgency.URGENT
    if left < SOON_BELOW:
        return DeadlineUrgency.SOON
    return DeadlineUrgency.CALM


class AlarmLevel(StrEnum):
    """What the alarm is doing."""

    QUIET = "quiet"
    """No new order waits."""
    RINGING = "ringing"
    """New orders wait; the alarm repeats every REPEAT_EVERY."""
    ESCALATED = "escalated"
    """An order's deadline is close (or passed): faster, louder, and a banner on every screen."""


@dataclass(frozen=True, slots=True)
class WaitingOrder:
    """A new order as the alarm sees it (an exception order too: it rings like a new one and
    keeps its channel's deadline until it is mapped and accepted, or rejected)."""

    order_id: str
    channel: Channel
    daily_serial: int
    accept_by: datetime


@dataclass(frozen=True, slots=True)
class MuteState:
    """Whether the alarm's routine sound is muted on this device, until when and by whom."""

    until: datetime | None = None
    staff_id: str = ""
    staff_name: str = ""

    def is_muted(self, now: datetime) -> bool:
        """Muting ends by itself at `until`."""
        return self.until is not None and now < self.until


@dataclass(frozen=True, slots=True)
class AlarmDecision:
    """What the alarm should do at one moment."""

    level: AlarmLevel
    ringing: frozenset[str]
    """Ids of the new orders the alarm rings for."""
    pressing: tuple[WaitingOrder, ...]
    """Orders whose deadline is close or passed, soonest first: the banner's lines."""
    repeat_every: timedelta | None
    """None when quiet."""
    audible: bool
    """Sound plays: not muted, or escalated (an escalation sounds through a mute)."""
    volume: float
    """0.0 to 1.0."""
    muted_until: datetime | None
    """Set while a mute is in force, so the window can say so."""

    @property
    def flashes(self) -> bool:
        """The visual alarm runs whenever new orders wait, muted or not."""
        return self.level is not AlarmLevel.QUIET


def decide_alarm(
    waiting: Iterable[WaitingOrder], now: datetime, mute: MuteState, volume_percent: int
) -> AlarmDecision:
    """The alarm for the new orders `waiting` at `now`.

    Every new order rings until it leaves New, whatever took it out (accepted here, on
    another device, rejected, cancelled, expired). Muting silences the routine repeat only:
    when a deadline is close, the sound comes back at full volume (decision 012).
    """
    orders = sorted(waiting, key=lambda order: (order.accept_by, order.order_id))
    muted = mute.is_muted(now)
    muted_until = mute.until if muted else None
    if not orders:
        return AlarmDecision(AlarmLevel.QUIET, frozenset(), (), None, False, 0.0, muted_until)
    pressing = tuple(order for order in orders if order.accept_by - now < ESCALATE_BELOW)
    ringing = frozenset(order.order_id for order in orders)
    if pressing:
        return AlarmDecision(
            AlarmLevel.ESCALATED,
            ringing,
            pressing,
            ESCALATED_REPEAT_EVERY,
            True,
            ESCALATED_VOLUME,
            muted_until,
        )
    volume = max(0, min(100, volume_percent)) / 100
    return AlarmDecision(
        AlarmLevel.RINGING, ringing, (), REPEAT_EVERY, not muted, volume, muted_until
    )


def is_ring_due(
    decision: AlarmDecision,
    now: datetime,
    last_ring_at: datetime | None,
    rung_for: Set[str],
    last_level: AlarmLevel,
) -> bool:
    """Whether the alarm rings now.

    At once for an order it has not rung for yet and when it escalates; otherwise again
    once `repeat_every` has passed since the last ring.
    """
    if decision.repeat_every is None:
        return False
    if decision.ringing - rung_for or last_ring_at is None:
        return True
    if decision.level is AlarmLevel.ESCALATED and last_level is not AlarmLevel.ESCALATED:
        return True
    return now - last_ring_at >= decision.repeat_every
