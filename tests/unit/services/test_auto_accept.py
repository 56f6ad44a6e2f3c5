"""Alarm preferences and auto-accept over a real cache: who accepts, what is left to the alarm."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

from app.domain.sync_events import RejectionNotice
from app.domain.vocabulary import Channel, OrderStatus, Role
from app.read_models import SignedInStaff
from app.services.alarm_preferences import AlarmPreferences
from app.services.auto_accept import AutoAccept
from app.services.device_preferences import DevicePreferences, SettingRefused
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.sign_in import SignInService
from local_db import outbox_repository
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, order_record, staff_record
from tests.fakes import FrozenClock

CASHIER = SignedInStaff("s-cashier", "李娜", frozenset({Role.CASHIER}))
PICKER = SignedInStaff("s-picker", "Zhao Min", frozenset({Role.PICKER}))
MANAGER = SignedInStaff("s-manager", "陈静", frozenset({Role.MANAGER}))
"""Volume and auto-accept are settings: a manager approves the counter's changes."""


def _apply(db: Database, records: list[dict[str, Any]]) -> None:
    with db.write() as session:
        report = apply_raw_records(session, records, BASE_TIME)
    assert report.quarantined == 0


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(BASE_TIME + timedelta(minutes=1))


@pytest.fixture
def preferences(db: Database, clock: FrozenClock) -> AlarmPreferences:
    _apply(
        db,
        [
            staff_record(1, "s-cashier", "李娜", ["cashier"], "1111"),
            staff_record(2, "s-picker", "Zhao Min", ["picker"], "2222"),
        ],
    )
    return AlarmPreferences(DevicePreferences(db, clock), clock)


@pytest.fixture
def auto_accept(db: Database, clock: FrozenClock, preferences: AlarmPreferences) -> AutoAccept:
    return AutoAccept(
        preferences=preferences,
        queries=OrderQueries(db),
        actions=OrderActions(db, clock),
        sign_in=SignInService(db),
        notices=RejectionNotices(db),
        clock=clock,
    )


def _status(db: Database, order_id: str) -> OrderStatus:
    order = OrderQueries(db).detail(order_id)
    assert order is not None
    return order.status


def test_volume_and_mute_survive_as_preferences_and_muting_is_logged(
    preferences: AlarmPreferences, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    assert preferences.volume_percent() == 80
    preferences.set_volume_percent(140, CASHIER.approved(MANAGER))
    assert preferences.volume_percent() == 100

    with caplog.at_level(logging.INFO, logger="app.services.alarm_preferences"):
        mute = preferences.mute_for(10, CASHIER)
    assert mute.until == clock() + timedelta(minutes=10)
    assert preferences.mute_state() == mute
    assert any("muted for 10 min" in r.message and "李娜" in r.message for r in caplog.records)
    for wrong in (7, 10.0, "10", True):
        with pytest.raises(SettingRefused) as refused:
            preferences.mute_for(wrong, CASHIER)  # type: ignore[arg-type]
        assert refused.value.code == "wrong_length"

    preferences.unmute(CASHIER)
    assert not preferences.mute_state().is_muted(clock())


def test_only_switched_on_channels_are_accepted_on_behalf_of_who_switched_them_on(
    db: Database, preferences: AlarmPreferences, auto_accept: AutoAccept
) -> None:
    _apply(
        db,
        [
            order_record(10, "o-mt", channel="meituan"),
            order_record(11, "o-el", channel="eleme", serial=2),
        ],
    )
    assert auto_accept.accept_arrivals() == []

    preferences.set_auto_accept(Channel.MEITUAN, True, CASHIER.approved(MANAGER))
    accepted = auto_accept.accept_arrivals()

    assert [order.order_id for order in accepted] == ["o-mt"]
    assert _status(db, "o-mt") is OrderStatus.ACCEPTED
    assert _status(db, "o-el") is OrderStatus.NEW
    with db.read() as session:
        (command,) = outbox_repository.pending_batch(session, 10)
    assert (command.command_type, command.entity_id, command.staff_id) == (
        "accept_order",
        "o-mt",
        "s-cashier",
    )
    # Nothing is accepted twice.
    assert auto_accept.accept_arrivals() == []


def test_an_order_past_its_deadline_is_left_to_the_alarm(
    db: Database, clock: FrozenClock, preferences: AlarmPreferences, auto_accept: AutoAccept
) -> None:
    preferences.set_auto_accept(Channel.MEITUAN, True, CASHIER.approved(MANAGER))
    _apply(db, [order_record(10, "o-late", channel="meituan")])
    clock.advance(minutes=5)

    assert auto_accept.accept_arrivals() == []
    assert _status(db, "o-late") is OrderStatus.NEW


def test_a_person_who_may_not_accept_leaves_the_order_to_the_alarm(
    db: Database, preferences: AlarmPreferences, auto_accept: AutoAccept
) -> None:
    preferences.set_auto_accept(Channel.MEITUAN, True, PICKER.approved(MANAGER))
    _apply(db, [order_record(10, "o-1", channel="meituan")])

    assert auto_accept.accept_arrivals() == []
    assert _status(db, "o-1") is OrderStatus.NEW


def _notice(**overrides: Any) -> RejectionNotice:
    values: dict[str, Any] = {
        "seq": 1,
        "command_type": "accept_order",
        "entity_kind": "order",
        "entity_id": "o-1",
        "staff_id": "s-cashier",
        "reason": "transition_refused",
        "message": "Cannot accept Meituan #1: it is accepted.",
        "at": BASE_TIME,
    }
    values.update(overrides)
    return RejectionNotice(**values)


def test_a_lost_race_of_an_auto_accept_is_absorbed_anything_else_is_not(
    db: Database, preferences: AlarmPreferences, auto_accept: AutoAccept
) -> None:
    preferences.set_auto_accept(Channel.MEITUAN, True, CASHIER.approved(MANAGER))
    _apply(db, [order_record(10, "o-1", channel="meituan", status="accepted", version=2)])

    assert not auto_accept.absorbs(_notice(reason="order_cancelled"))
    assert not auto_accept.absorbs(_notice(command_type="mark_ready"))
    assert not auto_accept.absorbs(_notice(staff_id="s-someone-else"))
    assert auto_accept.absorbs(_notice())

    preferences.set_auto_accept(Channel.MEITUAN, False, CASHIER.approved(MANAGER))
    assert not auto_accept.absorbs(_notice())
