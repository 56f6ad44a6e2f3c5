"""The alarm policy: who rings, how often and how loud, escalation and mute, without Qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.new_order_alarm import (
    ESCALATE_BELOW,
    ESCALATED_REPEAT_EVERY,
    ESCALATED_VOLUME,
    REPEAT_EVERY,
    SOON_BELOW,
    AlarmLevel,
    DeadlineUrgency,
    MuteState,
    WaitingOrder,
    deadline_urgency,
    decide_alarm,
    is_ring_due,
)
from app.domain.vocabulary import Channel

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def _order(order_id: str, left: timedelta, serial: int = 1) -> WaitingOrder:
    return WaitingOrder(order_id, Channel.MEITUAN, serial, NOW + left)


@pytest.mark.parametrize(
    ("left", "urgency"),
    [
        (timedelta(minutes=4), DeadlineUrgency.CALM),
        (SOON_BELOW, DeadlineUrgency.CALM),
        (SOON_BELOW - timedelta(seconds=1), DeadlineUrgency.SOON),
        (ESCALATE_BELOW, DeadlineUrgency.SOON),
        (ESCALATE_BELOW - timedelta(seconds=1), DeadlineUrgency.URGENT),
        (timedelta(0), DeadlineUrgency.URGENT),
        (timedelta(seconds=-1), DeadlineUrgency.OVERDUE),
    ],
)
def test_deadline_urgency_thresholds(left: timedelta, urgency: DeadlineUrgency) -> None:
    assert deadline_urgency(NOW + left, NOW) is urgency


def test_no_new_order_is_quiet() -> None:
    decision = decide_alarm([], NOW, MuteState(), 80)

    assert decision.level is AlarmLevel.QUIET
    assert not decision.flashes
    assert decision.repeat_every is None
    assert not is_ring_due(decision, NOW, None, frozenset(), AlarmLevel.QUIET)


def test_new_orders_ring_at_the_chosen_volume_and_repeat() -> None:
    decision = decide_alarm(
        [_order("a", timedelta(minutes=4)), _order("b", timedelta(minutes=3))], NOW, MuteState(), 80
    )

    assert decision.level is AlarmLevel.RINGING
    assert decision.ringing == {"a", "b"}
    assert decision.audible
    assert decision.volume == pytest.approx(0.8)
    assert decision.repeat_every == REPEAT_EVERY
    assert decision.flashes
    assert decision.pressing == ()


def test_a_ring_repeats_after_the_interval_and_at_once_for_a_fresh_order() -> None:
    decision = decide_alarm([_order("a", timedelta(minutes=4))], NOW, MuteState(), 80)
    assert is_ring_due(decision, NOW, None, frozenset(), AlarmLevel.QUIET)

    rung = frozenset({"a"})
    later = NOW + REPEAT_EVERY - timedelta(seconds=1)
    assert not is_ring_due(decision, later, NOW, rung, AlarmLevel.RINGING)
    assert is_ring_due(decision, NOW + REPEAT_EVERY, NOW, rung, AlarmLevel.RINGING)

    with_fresh = decide_alarm(
        [_order("a", timedelta(minutes=4)), _order("b", timedelta(minutes=5))],
        later,
        MuteState(),
        80,
    )
    assert is_ring_due(with_fresh, later, NOW, rung, AlarmLevel.RINGING)


def test_a_close_deadline_escalates_louder_and_faster_soonest_first() -> None:
    orders = [
        _order("calm", timedelta(minutes=4), serial=3),
        _order("late", timedelta(seconds=-5), serial=1),
        _order("close", timedelta(seconds=45), serial=2),
    ]
    decision = decide_alarm(orders, NOW, MuteState(), 20)

    assert decision.level is AlarmLevel.ESCALATED
    assert [order.order_id for order in decision.pressing] == ["late", "close"]
    assert decision.repeat_every == ESCALATED_REPEAT_EVERY
    assert decision.volume == ESCALATED_VOLUME
    assert decision.ringing == {"calm", "late", "close"}
    # Escalating rings at once, even right after a routine ring.
    assert is_ring_due(decision, NOW, NOW, decision.ringing, AlarmLevel.RINGING)


def test_mute_silences_the_routine_ring_but_not_the_flash_and_expires() -> None:
    mute = MuteState(NOW + timedelta(minutes=5), "staff-1", "李娜")
    orders = [_order("a", timedelta(minutes=4))]

    muted = decide_alarm(orders, NOW, mute, 80)
    assert not muted.audible
    assert muted.flashes
    assert muted.muted_until == mute.until

    after = decide_alarm(orders, NOW + timedelta(minutes=5), mute, 80)
    assert after.audible
    assert after.muted_until is None


def test_an_escalation_sounds_through_a_mute() -> None:
    mute = MuteState(NOW + timedelta(minutes=30), "staff-1", "李娜")

    decision = decide_alarm([_order("a", timedelta(seconds=30))], NOW, mute, 0)

    assert decision.audible
    assert decision.volume == ESCALATED_VOLUME
    assert decision.muted_until == mute.until


def test_volume_is_clamped() -> None:
    orders = [_order("a", timedelta(minutes=4))]
    assert decide_alarm(orders, NOW, MuteState(), 150).volume == 1.0
    assert decide_alarm(orders, NOW, MuteState(), -3).volume == 0.0
