"""Side flows end to end: device services, outbox, the real hub over 127.0.0.1, and back."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.device import Device
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty, OrderStatus
from app.services.channel_pauses import ChannelPauses
from app.services.order_queries import OrderQueries
from hub.channels import ChannelAction
from hub.embedded import EmbeddedHub
from hub.world.simulator import OrderSimulator
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import FrozenClock, RecordingListener


@pytest.fixture
def hub_clock() -> FrozenClock:
    """The hub's clock: channel deadlines pass when the test says so."""
    return FrozenClock()


@pytest.fixture
def hub(tmp_path: Path, hub_clock: FrozenClock) -> Iterator[EmbeddedHub]:
    """The reference hub on 127.0.0.1 on an injected clock, its simulator thread off."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, clock=hub_clock)
    embedded.start()
    yield embedded
    embedded.stop()


def _accepted(hub: EmbeddedHub, device: Device, channel: Channel) -> str:
    order = hub.demo.place_order(channel, fulfilment=FulfilmentMode.DELIVERY)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)
    device.pusher.push()
    return order.order_id


def test_cancel_request_is_agreed_by_the_hub_at_fifteen_minutes_and_reaches_the_device(
    hub: EmbeddedHub, device: Device, hub_clock: FrozenClock
) -> None:
    order_id = _accepted(hub, device, Channel.ELEME)
    hub.hub.intake.customer_requests(order_id, "cancel", reason="地址填错了 wrong address")
    drain_feed(device)
    shown = device.order_queries.detail(order_id)
    assert shown is not None
    assert shown.status is OrderStatus.CANCEL_REQUESTED
    assert shown.request is not None
    assert shown.request.respond_by == hub_clock() + timedelta(minutes=15)

    hub_clock.advance(minutes=15)
    hub.hub.world.tick()
    drain_feed(device)

    cancelled = device.order_queries.detail(order_id)
    assert cancelled is not None
    assert cancelled.status is OrderStatus.CANCELLED
    assert "wrong address" in cancelled.status_reason
    assert cancelled.request is not None
    assert cancelled.request.answer == "auto_agreed"


def test_agree_and_disagree_reach_the_channel_once_each(hub: EmbeddedHub, device: Device) -> None:
    agreed_id = _accepted(hub, device, Channel.ELEME)
    kept_id = _accepted(hub, device, Channel.MEITUAN)
    hub.hub.intake.customer_requests(agreed_id, "cancel", reason="不想要了")
    hub.hub.intake.customer_requests(kept_id, "cancel")
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    manager = sign_in_as(device.sign_in, "manager", "9999")

    # Agreeing cancels the order: the manager's PIN approves it (the hub checks them again).
    device.order_actions.answer_cancel_request(cashier.approved(manager), agreed_id, agree=True)
    kept = device.order_actions.answer_cancel_request(
        cashier, kept_id, agree=False, reason="已出餐 already cooked"
    )
    assert kept.status is OrderStatus.ACCEPTED
    assert kept.has_pending
    assert device.pusher.push() == 2

    assert hub.hub.admin.order(agreed_id).status is OrderStatus.CANCELLED
    assert hub.hub.admin.order(kept_id).status is OrderStatus.ACCEPTED
    agree_calls = [
        c for c in hub.hub.admin.channel_calls(agreed_id) if c.action is ChannelAction.AGREE_CANCEL
    ]
    refuse_calls = [
        c for c in hub.hub.admin.channel_calls(kept_id) if c.action is ChannelAction.DISAGREE_CANCEL
    ]
    assert len(agree_calls) == len(refuse_calls) == 1
    assert refuse_calls[0].payload["reason"] == "已出餐 already cooked"
    after = device.order_queries.detail(kept_id)
    assert after is not None
    assert not after.has_pending
    assert after.request is not None
    assert after.request.answer == "disagreed"


def test_reminder_reply_is_recorded_at_the_hub_and_shown(hub: EmbeddedHub, device: Device) -> None:
    order_id = _accepted(hub, device, Channel.ELEME)
    hub.hub.intake.customer_reminds(order_id)
    drain_feed(device)
    shown = device.order_queries.detail(order_id)
    assert shown is not None
    [reminder] = shown.reminders
    cashier = sign_in_as(device.sign_in, "cashier", "1111")

    device.order_actions.reply_reminder(cashier, order_id, reminder.reminder_id, "马上就好")
    device.pusher.push()

    [stored] = hub.hub.admin.order(order_id).reminders
    assert stored.reply == "马上就好"
    [call] = [
        c for c in hub.hub.admin.channel_calls(order_id) if c.action is ChannelAction.REPLY_REMINDER
    ]
    assert call.channel_code == "eleme.order.replyReminder"
    after = device.order_queries.detail(order_id)
    assert after is not None
    assert after.reminders[0].reply == "马上就好"


def test_pickup_codes_count_up_per_day_and_each_order_gets_one(
    hub: EmbeddedHub, device: Device
) -> None:
    first = _accepted(hub, device, Channel.MINIPROGRAM)
    second = _accepted(hub, device, Channel.MINIPROGRAM)

    assert hub.hub.admin.order(first).pickup_code == "1"
    assert hub.hub.admin.order(second).pickup_code == "2"
    # The brand's order service hears the code with the acceptance, once.
    [accepted] = hub.hub.admin.channel_calls(first)
    assert (accepted.action, accepted.payload["pickupCode"]) == (ChannelAction.ACCEPT, "1")
    takeout = _accepted(hub, device, Channel.MEITUAN)
    assert hub.hub.admin.order(takeout).pickup_code is None


def test_two_counters_offline_pick_the_same_code_and_the_hub_gives_the_second_the_next(
    hub: EmbeddedHub, device: Device, tmp_path: Path
) -> None:
    told = RecordingListener()
    other = enrolled_device(hub, tmp_path / "counter-2", told)
    first = hub.demo.place_order(Channel.MINIPROGRAM)
    second = hub.demo.place_order(Channel.MINIPROGRAM)
    drain_feed(device)
    drain_feed(other)
    try:
        here = device.order_actions.accept(
            sign_in_as(device.sign_in, "cashier", "1111"), first.order_id
        )
        there_actor = sign_in_as(other.sign_in, "cashier", "1111")
        there = other.order_actions.accept(there_actor, second.order_id)
        assert here.pickup_code == there.pickup_code == "1"

        device.pusher.push()
        other.pusher.push()

        assert hub.hub.admin.order(first.order_id).pickup_code == "1"
        assert hub.hub.admin.order(second.order_id).status is OrderStatus.ACCEPTED
        assert hub.hub.admin.order(second.order_id).pickup_code == "2"
        assert told.rejections == []  # nothing for the cashier to do
        # The second counter shows the code the customer was given, not the one it guessed.
        shown = other.order_queries.detail(second.order_id)
        assert shown is not None
        assert (shown.pickup_code, shown.has_pending) == ("2", False)
        [call] = hub.hub.admin.channel_calls(second.order_id)
        assert call.payload["pickupCode"] == "2"
    finally:
        other.stop()


def test_a_paused_channel_gets_no_orders_and_reopens_by_itself(
    hub: EmbeddedHub, device: Device, hub_clock: FrozenClock
) -> None:
    pauses = ChannelPauses(device.db, hub_clock)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")

    shown = pauses.pause(cashier, Channel.ELEME, 15)
    assert shown.is_paused
    assert shown.has_pending
    device.pusher.push()

    assert hub.demo.channel_paused_until(Channel.ELEME) == hub_clock() + timedelta(minutes=15)
    [eleme] = [view for view in pauses.channels() if view.channel is Channel.ELEME]
    assert eleme.is_paused
    assert not eleme.has_pending
    simulator = OrderSimulator(
        hub.hub.world,
        hub.hub.intake,
        hub.hub.admin,
        store_id=hub.hub.world.demo_store_id,
        rng=random.Random(2),
        clock=hub_clock,
        order_interval_s=5,
        cancel_share=0,
    )
    during = []
    for _ in range(14 * 12):
        during += simulator.step(hub_clock.advance(seconds=5))
    assert during
    assert Channel.ELEME not in {order.channel for order in during}
    hub_clock.advance(minutes=1)
    assert not [view for view in pauses.channels() if view.is_paused]
    after = []
    for _ in range(10 * 12):
        after += simulator.step(hub_clock.advance(seconds=5))
    assert Channel.ELEME in {order.channel for order in after}


def test_booked_order_waits_on_scheduled_and_moves_to_new_at_its_time(
    hub: EmbeddedHub, device: Device, hub_clock: FrozenClock
) -> None:
    booked = hub.demo.place_order(Channel.MEITUAN, scheduled_for=hub_clock() + timedelta(hours=2))
    now_order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    device_clock = FrozenClock(hub_clock())
    queries = OrderQueries(device.db, clock=device_clock)

    assert [o.order_id for o in queries.inbox(InboxTab.SCHEDULED)] == [booked.order_id]
    assert [o.order_id for o in queries.inbox(InboxTab.NEW)] == [now_order.order_id]
    assert queries.tab_counts()[InboxTab.SCHEDULED] == 1
    assert booked.prepare_at is not None
    assert booked.accept_by == booked.prepare_at + timedelta(minutes=5)

    device_clock.now = booked.prepare_at
    assert queries.inbox(InboxTab.SCHEDULED) == []
    assert {o.order_id for o in queries.inbox(InboxTab.NEW)} == {
        booked.order_id,
        now_order.order_id,
    }
    assert queries.tab_counts()[InboxTab.NEW] == 2


def test_handover_says_who_handed_it_to_whom(hub: EmbeddedHub, device: Device) -> None:
    order_id = _accepted(hub, device, Channel.MEITUAN)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.mark_ready(cashier, order_id)

    local = device.order_actions.hand_over(cashier, order_id, HandoverParty.RIDER, "张师傅")
    assert local.handover is not None
    assert local.handover.to_name == "张师傅"
    device.pusher.push()

    handover = hub.hub.admin.order(order_id).handover
    assert handover is not None
    assert (handover.by_staff_id, handover.to, handover.to_name) == (
        cashier.staff_id,
        HandoverParty.RIDER,
        "张师傅",
    )
    shown = device.order_queries.detail(order_id)
    assert shown is not None
    assert shown.handover is not None
    assert shown.handover.by_name == cashier.name
