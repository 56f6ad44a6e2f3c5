"""Orders moving without the store: acceptance deadlines, riders and completion."""

from __future__ import annotations

from datetime import timedelta

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus, RiderStatus
from hub.channels import ChannelAction
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.orders.order_events import rider_plan
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import CommandFactory


def test_a_new_order_past_its_deadline_is_cancelled_and_the_channel_told(
    hub: Hub, clock: FrozenClock
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    assert hub.timed.expire_overdue(order.accept_by - timedelta(seconds=1)) == []

    [expired] = hub.timed.expire_overdue(order.accept_by)

    assert expired.order_id == order.order_id
    assert expired.status is OrderStatus.CANCELLED
    assert expired.status_reason == "not confirmed in time"
    assert expired.closed_at == order.accept_by
    assert expired.version == 2
    [call] = hub.admin.channel_calls(order.order_id)
    assert call.action is ChannelAction.EXPIRE
    assert (call.channel_code, call.payload["reason_code"]) == ("order/cancel", "1001")


def test_accepted_orders_do_not_expire(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])

    assert hub.timed.expire_overdue(order.accept_by + timedelta(hours=1)) == []
    assert hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED


def test_accepting_too_late_is_rejected_with_the_deadline_in_words(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order = hub.world.place_order(Channel.MINIPROGRAM, store_id=hub.world.demo_store_id)
    clock.advance(minutes=11)
    hub.world.tick()

    [result] = hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])

    assert result.reason == "order_cancelled"
    assert result.message == (
        "This order was cancelled at 11:41 because it was not confirmed in time."
    )


def test_a_delivery_order_is_fetched_and_delivered_by_its_rider(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    order = hub.world.place_order(
        Channel.MEITUAN, fulfilment=FulfilmentMode.DELIVERY, store_id=hub.world.demo_store_id
    )
    hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])
    plan = rider_plan(hub.seed, order.order_id)

    hub.world.tick(clock.advance(seconds=plan.assign_after.total_seconds()))
    rider = hub.admin.order(order.order_id).rider
    assert rider is not None
    assert rider.status is RiderStatus.ASSIGNED
    assert rider.name == plan.name
    assert "****" in rider.phone_masked
    assert rider.eta == clock() + plan.travel_to_store

    hub.world.tick(clock.advance(seconds=plan.travel_to_store.total_seconds()))
    assert _rider_status(hub, order.order_id) is RiderStatus.AT_STORE

    hub.devices.apply_commands(
        device,
        [
            make_command("mark_ready", order.order_id),
            make_command("hand_over", order.order_id, handed_to="rider"),
        ],
    )
    hub.world.tick()
    assert _rider_status(hub, order.order_id) is RiderStatus.PICKED_UP

    hub.world.tick(clock.advance(seconds=plan.delivery.total_seconds()))
    done = hub.admin.order(order.order_id)
    assert done.status is OrderStatus.COMPLETED
    assert done.closed_at == clock()
    assert _rider_status(hub, order.order_id) is RiderStatus.DELIVERED


def test_a_collected_pickup_order_completes(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(
        Channel.MINIPROGRAM, fulfilment=FulfilmentMode.PICKUP, store_id=hub.world.demo_store_id
    )
    hub.devices.apply_commands(
        device,
        [
            make_command("accept_order", order.order_id),
            make_command("mark_ready", order.order_id),
            make_command("hand_over", order.order_id, handed_to="customer"),
        ],
    )

    [changed] = hub.world.tick()

    assert changed.status is OrderStatus.COMPLETED
    assert changed.rider is None


def test_rider_plans_are_repeatable_per_seed_and_order() -> None:
    assert rider_plan(1, "meituan-1") == rider_plan(1, "meituan-1")
    assert rider_plan(1, "meituan-1") != rider_plan(2, "meituan-1")


def _rider_status(hub: Hub, order_id: str) -> RiderStatus | None:
    rider = hub.admin.order(order_id).rider
    return None if rider is None else rider.status
