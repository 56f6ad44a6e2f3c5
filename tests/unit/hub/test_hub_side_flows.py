"""Side flows at the hub: pickup codes, customer requests and reminders, busy mode, bookings."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import timedelta

import pytest

from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty, OrderStatus
from hub.channels import ChannelAction
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.orders.order_commands import command_digest
from hub.world.simulator import OrderSimulator
from sync.protocol import StoreSettingsRecord
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import MANAGER, PICKER, CommandFactory


def _accepted(hub: Hub, device: Device, make_command: CommandFactory, channel: Channel) -> str:
    order = hub.world.place_order(
        channel, fulfilment=FulfilmentMode.DELIVERY, store_id=hub.world.demo_store_id
    )
    [result] = hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])
    assert result.outcome == "applied"
    return order.order_id


def test_pickup_code_is_kept_pushed_and_refused_to_a_second_order_the_same_day(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    first = _accepted(hub, device, make_command, Channel.MINIPROGRAM)
    second = _accepted(hub, device, make_command, Channel.MINIPROGRAM)

    [given] = hub.devices.apply_commands(
        device, [make_command("set_pickup_code", first, pickup_code="1")]
    )
    [taken] = hub.devices.apply_commands(
        device, [make_command("set_pickup_code", second, pickup_code="1")]
    )

    assert given.outcome == "applied"
    assert hub.admin.order(first).pickup_code == "1"
    call = hub.admin.channel_calls(first)[-1]
    assert call.action is ChannelAction.SET_PICKUP_CODE
    assert call.payload["pickupCode"] == "1"
    assert taken.outcome == "rejected"
    assert taken.reason == "pickup_code_taken"
    assert "Pickup code 1" in taken.message
    assert hub.admin.order(second).pickup_code is None
    clock.advance(days=1)
    tomorrow = _accepted(hub, device, make_command, Channel.MINIPROGRAM)
    [again] = hub.devices.apply_commands(
        device, [make_command("set_pickup_code", tomorrow, pickup_code="1")]
    )
    assert again.outcome == "applied"


def test_pickup_code_is_refused_for_a_takeout_channel_and_before_acceptance(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    takeout = _accepted(hub, device, make_command, Channel.MEITUAN)
    new = hub.world.place_order(Channel.MINIPROGRAM, store_id=hub.world.demo_store_id)

    [not_ours, too_early] = hub.devices.apply_commands(
        device,
        [
            make_command("set_pickup_code", takeout, pickup_code="5"),
            make_command("set_pickup_code", new.order_id, pickup_code="5"),
        ],
    )

    assert not_ours.reason == "no_pickup_codes"
    assert too_early.reason == "transition_refused"


def test_eleme_cancel_request_is_agreed_by_the_channel_after_fifteen_minutes(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.ELEME)
    requested = hub.intake.customer_requests(order_id, "cancel", reason="地址填错了")

    assert requested.status is OrderStatus.CANCEL_REQUESTED
    assert requested.resume_status is OrderStatus.ACCEPTED
    assert requested.request is not None
    assert requested.request.respond_by == clock() + timedelta(minutes=15)
    clock.advance(minutes=14, seconds=59)
    hub.world.tick()
    assert hub.admin.order(order_id).status is OrderStatus.CANCEL_REQUESTED
    clock.advance(seconds=1)
    hub.world.tick()
    cancelled = hub.admin.order(order_id)
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.request is not None
    assert cancelled.request.answer == "auto_agreed"
    assert "地址填错了" in cancelled.status_reason
    assert cancelled.closed_at == clock()


def test_meituan_cancel_request_has_no_deadline_and_waits_for_the_store(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.MEITUAN)
    requested = hub.intake.customer_requests(order_id, "cancel")

    clock.advance(hours=1)
    hub.world.tick()

    assert requested.request is not None
    assert requested.request.respond_by is None
    assert hub.admin.order(order_id).status is OrderStatus.CANCEL_REQUESTED


def test_agreeing_to_a_cancel_request_cancels_and_tells_the_channel(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.ELEME)
    hub.intake.customer_requests(order_id, "cancel", reason="不想要了")

    # Agreeing cancels the order: a manager approves the cashier's answer (an override).
    agreed = make_command("answer_cancel_request", order_id, agree=True, approved_by=MANAGER)
    [result] = hub.devices.apply_commands(device, [agreed])

    assert result.outcome == "applied"
    order = hub.admin.order(order_id)
    assert order.status is OrderStatus.CANCELLED
    assert order.request is not None
    assert order.request.answer == "agreed"
    assert order.request.answered_by == "王芳 Wang Fang"
    call = hub.admin.channel_calls(order_id)[-1]
    assert call.action is ChannelAction.AGREE_CANCEL
    assert call.channel_code == "eleme.order.agreeRefundLite"


def test_disagreeing_resumes_the_order_and_sends_the_reason(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.MEITUAN)
    hub.intake.customer_requests(order_id, "cancel")

    [result] = hub.devices.apply_commands(
        device,
        [
            make_command(
                "answer_cancel_request", order_id, agree=False, reason="已出餐 already made"
            )
        ],
    )

    assert result.outcome == "applied"
    order = hub.admin.order(order_id)
    assert order.status is OrderStatus.ACCEPTED
    assert order.resume_status is None
    assert order.request is not None
    assert order.request.answer == "disagreed"
    call = hub.admin.channel_calls(order_id)[-1]
    assert call.action is ChannelAction.DISAGREE_CANCEL
    assert call.channel_code == "order/refund/reject"
    assert call.payload["reason"] == "已出餐 already made"


def test_refund_request_answered_goes_back_to_where_the_order_was(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.MINIPROGRAM)
    hub.devices.apply_commands(
        device,
        [
            make_command("mark_ready", order_id),
            make_command("hand_over", order_id, handed_to="rider"),
        ],
    )
    requested = hub.intake.customer_requests(
        order_id, "refund", reason="少了一瓶水", refund_cents=300
    )

    agreed = make_command("answer_refund_request", order_id, agree=True, approved_by=MANAGER)
    [result] = hub.devices.apply_commands(device, [agreed])

    assert requested.request is not None
    assert requested.request.refund_cents == 300
    assert result.outcome == "applied"
    assert hub.admin.order(order_id).status is OrderStatus.HANDED_OVER
    assert hub.admin.channel_calls(order_id)[-1].action is ChannelAction.AGREE_REFUND


def test_reminder_reply_is_recorded_once_and_reaches_the_channel(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.ELEME)
    reminded = hub.intake.customer_reminds(order_id)
    [reminder] = reminded.reminders

    [replied, again] = hub.devices.apply_commands(
        device,
        [
            make_command(
                "reply_reminder", order_id, reminder_id=reminder.reminder_id, reply="马上就好"
            ),
            make_command(
                "reply_reminder", order_id, reminder_id=reminder.reminder_id, reply="在路上"
            ),
        ],
    )

    assert replied.outcome == "applied"
    assert again.reason == "reminder_answered"
    [stored] = hub.admin.order(order_id).reminders
    assert stored.reply == "马上就好"
    assert stored.replied_by == "王芳 Wang Fang"
    call = hub.admin.channel_calls(order_id)[-1]
    assert call.action is ChannelAction.REPLY_REMINDER
    assert call.payload["content"] == "马上就好"


def test_handover_records_who_handed_it_to_whom(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order_id = _accepted(hub, device, make_command, Channel.MEITUAN)

    hub.devices.apply_commands(
        device,
        [
            make_command("mark_ready", order_id),
            make_command("hand_over", order_id, handed_to="rider", handed_to_name="张师傅"),
        ],
    )

    handover = hub.admin.order(order_id).handover
    assert handover is not None
    assert (handover.by_name, handover.to, handover.to_name) == (
        "王芳 Wang Fang",
        HandoverParty.RIDER,
        "张师傅",
    )


def test_paused_channel_gets_no_simulated_orders_and_reopens_by_itself(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    until = clock() + timedelta(minutes=15)
    [result] = hub.devices.apply_commands(
        device,
        [make_command("pause_channel", "", channel="meituan", paused_until=until.isoformat())],
    )
    assert result.outcome == "applied"
    assert isinstance(result.current, StoreSettingsRecord)
    assert hub.admin.channel_paused_until(Channel.MEITUAN, hub.world.demo_store_id) == until
    simulator = OrderSimulator(
        hub.world,
        hub.intake,
        hub.admin,
        store_id=hub.world.demo_store_id,
        rng=random.Random(3),
        clock=clock,
        order_interval_s=5,
        cancel_share=0,
    )

    placed = []
    for _ in range(14 * 60 // 5):
        placed += simulator.step(clock.advance(seconds=5))
    assert placed
    assert Channel.MEITUAN not in {order.channel for order in placed}
    clock.advance(minutes=2)
    assert hub.admin.channel_paused_until(Channel.MEITUAN, hub.world.demo_store_id) is None
    later = []
    for _ in range(10 * 60 // 5):
        later += simulator.step(clock.advance(seconds=5))
    assert Channel.MEITUAN in {order.channel for order in later}


def test_only_the_counter_may_pause_and_never_for_hours_on_end(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    picker, too_long = hub.devices.apply_commands(
        device,
        [
            make_command(
                "pause_channel",
                "",
                staff_id=PICKER,
                channel="eleme",
                paused_until=(clock() + timedelta(minutes=15)).isoformat(),
            ),
            make_command(
                "pause_channel",
                "",
                channel="eleme",
                paused_until=(clock() + timedelta(hours=9)).isoformat(),
            ),
        ],
    )

    assert picker.reason == "not_permitted"
    assert too_long.reason == "pause_too_long"
    assert hub.admin.channel_paused_until(Channel.ELEME, hub.world.demo_store_id) is None


@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_carries_a_booking_through_its_own_payload(
    hub: Hub, clock: FrozenClock, channel: Channel
) -> None:
    wanted = clock() + timedelta(hours=3)

    order = hub.world.place_order(channel, scheduled_for=wanted, store_id=hub.world.demo_store_id)

    assert order.scheduled_for == wanted
    assert order.prepare_at is not None
    assert order.accept_by > order.prepare_at


def test_booked_order_waits_and_its_acceptance_window_opens_at_preparation_time(
    hub: Hub, clock: FrozenClock
) -> None:
    wanted = clock() + timedelta(hours=2)

    order = hub.world.place_order(
        Channel.ELEME,
        fulfilment=FulfilmentMode.DELIVERY,
        scheduled_for=wanted,
        store_id=hub.world.demo_store_id,
    )

    assert order.scheduled_for == wanted
    assert order.prepare_at == wanted - timedelta(minutes=35)
    assert order.accept_by == order.prepare_at + timedelta(minutes=8)
    clock.advance(minutes=30)
    assert hub.timed.expire_overdue() == []
    assert hub.admin.order(order.order_id).status is OrderStatus.NEW


def test_a_hand_over_stored_before_names_existed_still_replays_as_the_same_command(
    make_command: CommandFactory,
) -> None:
    command = make_command("hand_over", "o-1", handed_to="rider")
    v1_body = command.model_dump(mode="json")
    del v1_body["handed_to_name"]
    del v1_body["approved_by"]  # added later still, for overrides
    v1_digest = hashlib.sha256(
        json.dumps(v1_body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()

    assert command_digest(command) == v1_digest
    named = make_command("hand_over", "o-1", handed_to="rider", handed_to_name="张师傅")
    assert command_digest(named) != v1_digest
