"""The hub's reasons as codes: every place that sets status_reason sets its code and detail too.

Each story goes through the hub's doors (channel intake, device commands, timed rules,
administration), as a device or a channel would make it happen, and reads the order or task
back from the feed the devices pull.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.status_codes import ORDER_STATUS_CODES, TASK_STATUS_CODES
from app.domain.vocabulary import Channel, FulfilmentMode, ShortageReason, TaskStatus
from hub.channels.spoil import SPOILERS
from hub.composition import Hub
from hub.devices.enrolment import Device
from sync.protocol import CommandResult, OrderData, StatusDetail, TaskData
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import MANAGER, PICKER, CommandFactory, send_command


def _send(
    hub: Hub, device: Device, clock: FrozenClock, kind: str, staff_id: str, **fields: Any
) -> CommandResult:
    result = send_command(hub, device, clock, kind, staff_id, **fields)
    assert result.outcome == "applied", result.message
    return result


def _fed(hub: Hub, kind: str, entity_id: str) -> dict[str, Any]:
    """The entity's data as the store's feed carries it to the devices now."""
    records = hub.devices.read_feed(hub.world.demo_store_id, None, limit=1000).records
    [record] = [r for r in records if r["kind"] == kind and r["id"] == entity_id]
    data: dict[str, Any] = record["data"]
    return data


def _fed_order(hub: Hub, order_id: str) -> OrderData:
    return OrderData.model_validate(_fed(hub, "order", order_id))


def _fed_task(hub: Hub, task_id: str) -> TaskData:
    return TaskData.model_validate(_fed(hub, "task", task_id))


def _accepted_with_picker(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory, **placed: Any
) -> str:
    """An order accepted by the counter whose pick task went to the picker on duty."""
    _send(hub, device, clock, "clock_in", PICKER)
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id, **placed)
    [accepted] = hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])
    assert accepted.outcome == "applied", accepted.message
    assert hub.admin.task(f"{order.order_id}-pick").assignee_staff_id == PICKER
    return order.order_id


def test_a_customer_cancel_codes_the_order_and_its_task_carries_the_orders_code(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)

    hub.intake.customer_cancels(order_id)

    order = _fed_order(hub, order_id)
    assert (order.status_code, order.status_detail) == ("customer_cancelled", StatusDetail())
    assert order.status_reason == "cancelled by the customer"  # for devices before codes
    task = _fed_task(hub, f"{order_id}-pick")
    assert task.status is TaskStatus.CANCELLED
    assert task.status_code == "order_cancelled"
    assert task.status_detail == StatusDetail(order_code="customer_cancelled")
    assert task.status_reason == "cancelled by the customer"


def test_an_order_past_its_deadline_is_coded_not_confirmed_in_time(hub: Hub) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    exception = hub.world.place_order(
        Channel.ELEME, spoiled=sorted(SPOILERS)[0], store_id=hub.world.demo_store_id
    )

    hub.timed.expire_overdue(max(order.accept_by, exception.accept_by))

    for order_id in (order.order_id, exception.order_id):
        expired = _fed_order(hub, order_id)
        assert expired.status_code == "not_confirmed_in_time"
        assert expired.status_detail == StatusDetail()
        assert expired.status_reason == "not confirmed in time"


@pytest.mark.parametrize(("note", "text"), [("no milk left", "no milk left"), ("", "")])
def test_a_rejection_carries_its_reason_code_and_the_note_as_typed(
    hub: Hub, device: Device, make_command: CommandFactory, note: str, text: str
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    command = make_command(
        "reject_order", order.order_id, staff_id=MANAGER, reason="sold_out", note=note
    )
    [result] = hub.devices.apply_commands(device, [command])
    assert result.outcome == "applied", result.message

    rejected = _fed_order(hub, order.order_id)
    assert rejected.status_code == "rejected_by_store"
    assert rejected.status_detail == StatusDetail(reject_reason="sold_out", text=text)


@pytest.mark.parametrize(
    ("handed_to", "code"), [("rider", "handed_to_rider"), ("customer", "picked_up_by_customer")]
)
def test_a_handover_codes_the_order_and_closes_its_open_task_as_left_the_store(
    hub: Hub,
    device: Device,
    clock: FrozenClock,
    make_command: CommandFactory,
    handed_to: str,
    code: str,
) -> None:
    order_id = _accepted_with_picker(
        hub, device, clock, make_command, fulfilment=FulfilmentMode.DELIVERY
    )
    hub.devices.apply_commands(device, [make_command("mark_ready", order_id)])

    [handed] = hub.devices.apply_commands(
        device, [make_command("hand_over", order_id, handed_to=handed_to)]
    )

    assert handed.outcome == "applied", handed.message
    assert _fed_order(hub, order_id).status_code == code
    task = _fed_task(hub, f"{order_id}-pick")
    assert (task.status_code, task.status_detail) == ("order_left_store", StatusDetail())


def test_an_agreed_cancel_request_keeps_the_customers_reason_apart(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)
    hub.intake.customer_requests(order_id, "cancel", reason="地址填错了")

    _send(hub, device, clock, "answer_cancel_request", MANAGER, order_id=order_id, agree=True)

    order = _fed_order(hub, order_id)
    assert (order.status_code, order.status_detail) == (
        "cancel_agreed",
        StatusDetail(text="地址填错了"),
    )
    task = _fed_task(hub, f"{order_id}-pick")
    assert task.status_detail == StatusDetail(text="地址填错了", order_code="cancel_agreed")


def test_a_cancel_request_nobody_answered_is_coded_as_agreed_by_the_channel(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)  # Eleme: 15 minutes
    hub.intake.customer_requests(order_id, "cancel", reason="不想要了")

    clock.advance(minutes=15)
    hub.world.tick()

    order = _fed_order(hub, order_id)
    assert order.status_code == "cancel_auto_agreed"
    assert order.status_detail == StatusDetail(text="不想要了")


@pytest.mark.parametrize("customer_asked", [False, True])
def test_a_manager_cancelling_for_a_shortage_is_coded_shortage_cancelled(
    hub: Hub,
    device: Device,
    clock: FrozenClock,
    make_command: CommandFactory,
    customer_asked: bool,
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)
    task_id = f"{order_id}-pick"
    _send(hub, device, clock, "start_task", PICKER, task_id=task_id)
    line = hub.admin.task(task_id).lines[0]
    _send(
        hub,
        device,
        clock,
        "report_shortage",
        PICKER,
        task_id=task_id,
        line_id=line.line_id,
        quantity_found=0,
        reason=ShortageReason.OUT_OF_STOCK.value,
    )
    if customer_asked:
        hub.intake.customer_requests(order_id, "cancel", reason="too slow")
    [shortage] = hub.admin.shortages(order_id)

    _send(
        hub,
        device,
        clock,
        "decide_shortage",
        MANAGER,
        task_id=task_id,
        shortage_id=shortage.shortage_id,
        decision="cancel_order",
    )

    order = _fed_order(hub, order_id)
    assert (order.status_code, order.status_detail) == ("shortage_cancelled", StatusDetail())
    assert _fed_task(hub, task_id).status_detail.order_code == "shortage_cancelled"


def test_a_reassigned_task_names_the_picker_and_the_manager_and_starting_clears_it(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)
    task_id = f"{order_id}-pick"
    picker = next(s for s in hub.admin.staff(hub.world.demo_store_id) if s.staff_id == PICKER)
    manager = next(s for s in hub.admin.staff(hub.world.demo_store_id) if s.staff_id == MANAGER)

    _send(hub, device, clock, "reassign_task", MANAGER, task_id=task_id, assignee_staff_id=PICKER)

    task = _fed_task(hub, task_id)
    assert task.status_code == "reassigned"
    assert task.status_detail == StatusDetail(name=picker.name, by_name=manager.name)
    _send(hub, device, clock, "start_task", PICKER, task_id=task_id)
    started = _fed_task(hub, task_id)
    assert (started.status_reason, started.status_code) == ("", "")
    assert started.status_detail == StatusDetail()


@pytest.mark.parametrize("by_manager", [False, True])
def test_a_picker_clocking_out_puts_their_tasks_back_with_who_ended_the_shift(
    hub: Hub,
    device: Device,
    clock: FrozenClock,
    make_command: CommandFactory,
    by_manager: bool,
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)
    staff = {s.staff_id: s.name for s in hub.admin.staff(hub.world.demo_store_id)}

    if by_manager:
        _send(hub, device, clock, "clock_out", MANAGER, target_staff_id=PICKER)
    else:
        _send(hub, device, clock, "clock_out", PICKER)

    task = _fed_task(hub, f"{order_id}-pick")
    assert task.status is TaskStatus.QUEUED
    assert task.status_code == "picker_clocked_out"
    by_name = staff[MANAGER] if by_manager else ""
    assert task.status_detail == StatusDetail(name=staff[PICKER], by_name=by_name)


def test_a_picker_taken_off_the_staff_leaves_their_tasks_coded_left_duty(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    order_id = _accepted_with_picker(hub, device, clock, make_command)
    name = next(s.name for s in hub.admin.staff(hub.world.demo_store_id) if s.staff_id == PICKER)

    hub.admin.set_staff_active(PICKER, active=False)

    task = _fed_task(hub, f"{order_id}-pick")
    assert (task.status_code, task.status_detail) == ("picker_left_duty", StatusDetail(name=name))


def test_every_code_in_the_feed_is_one_the_contract_names(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    cancelled = _accepted_with_picker(hub, device, clock, make_command)
    hub.intake.customer_cancels(cancelled)
    hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    clock.advance(hours=1)
    hub.timed.expire_overdue()

    records = hub.devices.read_feed(hub.world.demo_store_id, None, limit=1000).records
    orders = {r["data"].get("status_code", "") for r in records if r["kind"] == "order"}
    tasks = {r["data"].get("status_code", "") for r in records if r["kind"] == "task"}
    assert {"customer_cancelled", "not_confirmed_in_time"} <= orders <= {"", *ORDER_STATUS_CODES}
    assert "order_cancelled" in tasks
    assert tasks <= {"", *TASK_STATUS_CODES}
