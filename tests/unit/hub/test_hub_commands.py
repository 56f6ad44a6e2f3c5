"""Device commands at the hub: applied once, replayed as duplicates, refused in words."""

from __future__ import annotations

import uuid

import pytest

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus
from hub.channels import ChannelAction
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.errors import CommandIdReused
from sync.protocol import OrderRecord
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import MANAGER, PICKER, CommandFactory


def test_accept_is_applied_versioned_and_pushed_to_the_channel(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    clock.advance(seconds=40)
    command = make_command("accept_order", order.order_id)

    [result] = hub.devices.apply_commands(device, [command])

    assert result.outcome == "applied"
    assert result.reason == ""
    assert result.message == f"Meituan #{order.daily_serial} accepted."
    assert result.applied_at == clock()
    assert isinstance(result.current, OrderRecord)
    assert result.current.version == 2
    assert result.current.data.status is OrderStatus.ACCEPTED
    stored = hub.admin.order(order.order_id)
    assert stored.version == 2
    assert stored.accepted_at == clock()
    [call] = hub.admin.channel_calls(order.order_id)
    assert call.action is ChannelAction.ACCEPT
    assert call.channel_code == "order/confirm"
    assert call.payload == {"order_id": order.channel_order_no}
    assert call.command_id == str(command.command_id)
    assert call.at == clock()


def test_replay_answers_duplicate_without_a_second_effect(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    command = make_command("accept_order", order.order_id)
    [first] = hub.devices.apply_commands(device, [command])

    [again] = hub.devices.apply_commands(device, [command])

    assert again.outcome == "duplicate"
    assert again.message == first.message
    assert again.applied_at == first.applied_at
    assert again.current == first.current
    assert hub.admin.order(order.order_id).version == 2
    assert len(hub.admin.channel_calls(order.order_id)) == 1


def test_replay_after_later_changes_shows_the_current_state(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    accept = make_command("accept_order", order.order_id)
    hub.devices.apply_commands(device, [accept, make_command("mark_ready", order.order_id)])

    [again] = hub.devices.apply_commands(device, [accept])

    assert again.outcome == "duplicate"
    assert again.current is not None
    assert again.current.version == 3


def test_reused_id_with_another_body_stops_the_batch_there(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    first, second = (
        hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id),
        hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id),
    )
    reused_id = uuid.uuid4()
    hub.devices.apply_commands(
        device, [make_command("accept_order", first.order_id, command_id=reused_id)]
    )
    before = make_command("accept_order", second.order_id)
    clash = make_command("mark_ready", first.order_id, command_id=reused_id)
    after = make_command("mark_ready", second.order_id)

    with pytest.raises(CommandIdReused) as raised:
        hub.devices.apply_commands(device, [before, clash, after])

    assert raised.value.details == {"command_id": str(reused_id)}
    assert hub.admin.order(second.order_id).status is OrderStatus.ACCEPTED
    assert hub.admin.order(first.order_id).status is OrderStatus.ACCEPTED


def test_accepting_an_order_the_customer_cancelled_is_rejected_in_words(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    clock.advance(minutes=3)
    hub.intake.customer_cancels(order.order_id)

    [result] = hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])

    assert result.outcome == "rejected"
    assert result.reason == "order_cancelled"
    assert result.message == "The customer cancelled this order at 11:33."
    assert result.current is not None
    assert result.current.version == 2
    assert isinstance(result.current, OrderRecord)
    assert result.current.data.status is OrderStatus.CANCELLED
    assert hub.admin.channel_calls(order.order_id) == []


def test_rejection_replays_the_same_answer(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    hub.intake.customer_cancels(order.order_id)
    command = make_command("accept_order", order.order_id)
    [first] = hub.devices.apply_commands(device, [command])

    [again] = hub.devices.apply_commands(device, [command])

    assert (again.outcome, again.reason, again.message) == ("rejected", first.reason, first.message)


def test_a_picker_may_not_accept_orders(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)

    [result] = hub.devices.apply_commands(
        device, [make_command("accept_order", order.order_id, staff_id=PICKER)]
    )

    assert result.outcome == "rejected"
    assert result.reason == "not_permitted"
    assert result.message.startswith("李强 Li Qiang may not accept orders")
    assert hub.admin.order(order.order_id).status is OrderStatus.NEW


def test_reject_with_a_reason_the_channel_does_not_take_is_refused(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MINIPROGRAM, store_id=hub.world.demo_store_id)

    [result] = hub.devices.apply_commands(
        device, [make_command("reject_order", order.order_id, reason="out_of_range")]
    )

    assert result.outcome == "rejected"
    assert result.reason == "reason_not_allowed"
    assert "Mini-program" in result.message
    assert hub.admin.order(order.order_id).status is OrderStatus.NEW


def test_reject_with_an_allowed_reason_closes_the_order_and_tells_the_channel(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    command = make_command(
        "reject_order", order.order_id, staff_id=MANAGER, reason="sold_out", note="no milk left"
    )

    [result] = hub.devices.apply_commands(device, [command])

    assert result.outcome == "applied"
    rejected = hub.admin.order(order.order_id)
    assert rejected.status is OrderStatus.REJECTED
    assert rejected.closed_at == clock()
    assert rejected.status_reason == "rejected by the store (sold out): no milk left"
    [call] = hub.admin.channel_calls(order.order_id)
    assert call.channel_code == "order/cancel"
    assert call.payload["reason_code"] == "2008"


def test_marking_a_new_order_ready_is_refused_by_the_state_machine(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)

    [result] = hub.devices.apply_commands(device, [make_command("mark_ready", order.order_id)])

    assert result.reason == "transition_refused"
    assert result.message == (
        f"Cannot mark ready Eleme #{order.daily_serial}: it is still waiting to be accepted."
    )


def test_unknown_order_and_inactive_staff_are_refused(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    hub.admin.set_staff_active(MANAGER, active=False)

    unknown_order, inactive_staff = hub.devices.apply_commands(
        device,
        [
            make_command("accept_order", "eleme-0000"),
            make_command("accept_order", order.order_id, staff_id=MANAGER),
        ],
    )

    assert (unknown_order.reason, unknown_order.current) == ("unknown_order", None)
    assert inactive_staff.reason == "unknown_staff"
    assert inactive_staff.current is not None


def test_the_whole_counter_flow_sets_each_timestamp(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order = hub.world.place_order(
        Channel.MINIPROGRAM, fulfilment=FulfilmentMode.PICKUP, store_id=hub.world.demo_store_id
    )
    steps = [
        ("accept_order", {}, "accepted_at"),
        ("mark_ready", {}, "ready_at"),
        ("hand_over", {"handed_to": "customer"}, "handed_over_at"),
    ]
    for command_type, fields, stamp in steps:
        clock.advance(minutes=2)
        [result] = hub.devices.apply_commands(
            device, [make_command(command_type, order.order_id, **fields)]
        )
        assert result.outcome == "applied", result.message
        assert getattr(hub.admin.order(order.order_id), stamp) == clock()

    done = hub.admin.order(order.order_id)
    assert done.status is OrderStatus.HANDED_OVER
    assert done.version == 4
    codes = [call.channel_code for call in hub.admin.channel_calls(order.order_id)]
    assert codes == ["20", "70", "90"]


def test_with_dedupe_off_a_replay_is_applied_afresh(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    hub.state.dedupe_enabled = False
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    command = make_command("accept_order", order.order_id)
    hub.devices.apply_commands(device, [command])

    [again] = hub.devices.apply_commands(device, [command])

    # No lookup: the command meets the state machine again instead of its stored answer.
    assert again.outcome == "rejected"
    assert again.reason == "transition_refused"
