"""The hub's side of the manager's floor: ending someone else's shift, task times, device health."""

from __future__ import annotations

from app.domain.vocabulary import Channel, TaskStatus
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.world.demo_store import DEMO_STORE_ID
from sync.protocol import DeviceHealthReport, TaskData
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import CASHIER, MANAGER, PICKER, CommandFactory, send_command


def _picked_up_task(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> TaskData:
    """An accepted order whose pick task went to the picker on duty."""
    send_command(hub, device, clock, "clock_in", PICKER)
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    [accepted] = hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])
    assert accepted.outcome == "applied"
    task = hub.admin.task(f"{order.order_id}-pick")
    assert task.assignee_staff_id == PICKER
    return task


def _on_duty(hub: Hub, staff_id: str) -> bool:
    return next(
        member for member in hub.admin.staff(hub.world.demo_store_id) if member.staff_id == staff_id
    ).clocked_in


def test_a_manager_ends_a_pickers_shift_and_their_tasks_go_back_to_the_queue(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    task = _picked_up_task(hub, device, clock, make_command)

    result = send_command(hub, device, clock, "clock_out", MANAGER, target_staff_id=PICKER)

    assert result.outcome == "applied"
    assert result.current is not None
    assert result.current.id == PICKER  # the answer carries the picker's record
    assert not _on_duty(hub, PICKER)
    queued = hub.admin.task(task.task_id)
    assert queued.status is TaskStatus.QUEUED
    assert queued.assignee_staff_id is None
    assert queued.status_reason.endswith("clocked out by 陈静 Chen Jing.")


def test_only_a_manager_ends_someone_elses_shift(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    task = _picked_up_task(hub, device, clock, make_command)

    result = send_command(hub, device, clock, "clock_out", CASHIER, target_staff_id=PICKER)

    assert result.outcome == "rejected"
    assert result.reason == "not_permitted"
    assert _on_duty(hub, PICKER)
    assert hub.admin.task(task.task_id).assignee_staff_id == PICKER


def test_task_times_are_stamped_when_started_and_when_finished(
    hub: Hub, device: Device, clock: FrozenClock, make_command: CommandFactory
) -> None:
    task = _picked_up_task(hub, device, clock, make_command)
    assert task.started_at is None
    started = clock.advance(minutes=2)
    assert send_command(hub, device, clock, "start_task", PICKER, task_id=task.task_id).outcome == (
        "applied"
    )
    assert hub.admin.task(task.task_id).started_at == started
    finished = clock.advance(minutes=5)

    hub.intake.customer_cancels(task.order_id)

    cancelled = hub.admin.task(task.task_id)
    assert cancelled.status is TaskStatus.CANCELLED
    assert cancelled.started_at == started
    assert cancelled.done_at == finished


def test_a_devices_health_report_is_published_as_its_next_version(
    hub: Hub, device: Device, clock: FrozenClock
) -> None:
    first = hub.devices.note_device_health(device, DeviceHealthReport(pending_count=3))
    clock.advance(seconds=30)
    second = hub.devices.note_device_health(device, DeviceHealthReport(pending_count=0))

    assert (first.version, second.version) == (1, 2)
    assert second.device_name == "counter"
    assert second.reported_at == clock()
    page = hub.devices.read_feed(DEMO_STORE_ID)
    records = [r for r in page.records if r["kind"] == "device_health"]
    assert [(r["id"], r["version"], r["data"]["pending_count"]) for r in records] == [
        (device.device_id, 2, 0)
    ]
