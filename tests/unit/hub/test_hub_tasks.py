"""Tasks at the hub: dispatch (least loaded, zones, clock-out, queue), commands, shortages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event

from app.domain.vocabulary import (
    Channel,
    HandoverParty,
    OrderStatus,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.fulfilment.dispatch import PickerOnDuty, choose_picker
from sync.protocol import (
    COMMAND,
    Command,
    CommandResult,
    ShortageDecision,
    TaskData,
    TaskLine,
    TaskRecord,
)
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import CASHIER, MANAGER, PICKER, CommandFactory


@dataclass
class Floor:
    """The hub, the counter PC and the clock of one test, so the test reads as its story.

    Staff commands go in one at a time, as the counter PC sends them; the picker is the
    default actor because most of these stories are about picking.
    """

    hub: Hub
    device: Device
    make_command: CommandFactory
    clock: FrozenClock

    def command(self, kind: str, staff_id: str = PICKER, **fields: Any) -> Command:
        """A wire command, built once so a test can send the very same one twice."""
        return COMMAND.validate_python(
            {
                "type": kind,
                "command_id": uuid.uuid4(),
                "staff_id": staff_id,
                "issued_at": self.clock(),
                **fields,
            }
        )

    def send(self, kind: str, staff_id: str = PICKER, **fields: Any) -> CommandResult:
        [result] = self.hub.devices.apply_commands(
            self.device, [self.command(kind, staff_id, **fields)]
        )
        return result

    def clock_in(self, staff_id: str = PICKER) -> CommandResult:
        return self.send("clock_in", staff_id)

    def clock_out(self, staff_id: str = PICKER) -> CommandResult:
        return self.send("clock_out", staff_id)

    def on_task(
        self, kind: str, task: TaskData, staff_id: str = PICKER, **fields: Any
    ) -> CommandResult:
        return self.send(kind, staff_id, task_id=task.task_id, **fields)

    def pick(self, task: TaskData, line: TaskLine, quantity: int, **fields: Any) -> CommandResult:
        return self.on_task("pick_line", task, line_id=line.line_id, quantity=quantity, **fields)

    def accepted_order(self) -> str:
        """A Meituan order the cashier accepted, which makes its pick task."""
        order = self.hub.world.place_order(Channel.MEITUAN, store_id=self.hub.world.demo_store_id)
        [result] = self.hub.devices.apply_commands(
            self.device, [self.make_command("accept_order", order.order_id)]
        )
        assert result.outcome == "applied"
        return order.order_id

    def pick_task(self, order_id: str) -> TaskData:
        return self.hub.admin.task(f"{order_id}-pick")

    def started(self) -> TaskData:
        """The picker on duty, an accepted order, and its pick task started."""
        self.clock_in()
        order_id = self.accepted_order()
        task_id = f"{order_id}-pick"
        assert self.send("start_task", task_id=task_id).outcome == "applied"
        assert self.hub.admin.order(order_id).status is OrderStatus.PREPARING
        return self.hub.admin.task(task_id)

    def pick_all(self, task: TaskData) -> None:
        for line in task.lines:
            result = self.pick(task, line, line.quantity, scanned_code=line.barcode)
            assert result.outcome == "applied", result.message


@pytest.fixture
def floor(hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock) -> Floor:
    return Floor(hub, device, make_command, clock)


# --- dispatch, pure -----------------------------------------------------------------------


def test_dispatch_goes_to_the_least_loaded_picker() -> None:
    pickers = [PickerOnDuty("a", frozenset(), 2), PickerOnDuty("b", frozenset(), 1)]
    assert choose_picker({"A"}, pickers) == "b"


def test_dispatch_respects_zones_and_prefers_the_zone_picker_between_equals() -> None:
    pickers = [
        PickerOnDuty("a", frozenset({"F"}), 0),
        PickerOnDuty("b", frozenset(), 0),
        PickerOnDuty("c", frozenset({"B"}), 0),
    ]
    assert choose_picker({"B"}, pickers) == "c"
    assert choose_picker({"Z"}, pickers) == "b"
    assert choose_picker({"Z"}, [PickerOnDuty("a", frozenset({"F"}), 0)]) is None


def test_no_picker_on_duty_leaves_the_task_waiting() -> None:
    assert choose_picker({"A"}, []) is None


# --- dispatch at the hub ------------------------------------------------------------------


def test_accepted_order_gets_a_pick_task_queued_until_a_picker_clocks_in(floor: Floor) -> None:
    order_id = floor.accepted_order()
    task = floor.pick_task(order_id)
    order = floor.hub.admin.order(order_id)
    assert task.status is TaskStatus.QUEUED
    assert task.assignee_staff_id is None
    assert task.due_at == order.expected_ready_at
    assert task.channel is Channel.MEITUAN
    assert task.daily_serial == order.daily_serial
    assert [line.line_id for line in task.lines] == [line.line_id for line in order.lines]

    result = floor.clock_in()

    assert result.outcome == "applied"
    task = floor.pick_task(order_id)
    assert task.status is TaskStatus.ASSIGNED
    assert task.assignee_staff_id == PICKER


def test_clock_out_redispatches_open_tasks_to_someone_on_duty(floor: Floor) -> None:
    floor.clock_in()
    order_id = floor.accepted_order()
    assert floor.pick_task(order_id).assignee_staff_id == PICKER
    floor.clock_in(MANAGER)  # not a picker: refused
    result = floor.clock_out()

    assert result.outcome == "applied"
    task = floor.pick_task(order_id)
    assert task.status is TaskStatus.QUEUED
    assert "clocked out" in task.status_reason


def test_a_cashier_cannot_clock_in_as_a_picker(floor: Floor) -> None:
    result = floor.clock_in(CASHIER)
    assert result.outcome == "rejected"
    assert result.reason == "not_permitted"


def test_manager_reassigns_a_task_and_only_a_manager_may(floor: Floor) -> None:
    floor.clock_in()
    task_id = f"{floor.accepted_order()}-pick"

    refused = floor.send("reassign_task", PICKER, task_id=task_id, assignee_staff_id=PICKER)
    applied = floor.send("reassign_task", MANAGER, task_id=task_id, assignee_staff_id=PICKER)

    assert refused.reason == "not_permitted"
    assert applied.outcome == "applied"
    assert isinstance(applied.current, TaskRecord)
    assert "Reassigned" in applied.current.data.status_reason


# --- picking commands ---------------------------------------------------------------------


def test_pick_line_adds_units_refuses_too_many_and_replays_once(floor: Floor) -> None:
    hub = floor.hub
    task = floor.started()
    line = task.lines[0]
    command = floor.command(
        "pick_line",
        task_id=task.task_id,
        line_id=line.line_id,
        scanned_code=line.barcode,
        quantity=1,
    )
    [first] = hub.devices.apply_commands(floor.device, [command])
    [again] = hub.devices.apply_commands(floor.device, [command])
    too_many = floor.pick(task, line, line.quantity)

    assert first.outcome == "applied"
    assert again.outcome == "duplicate"
    assert hub.admin.task(task.task_id).lines[0].picked_quantity == 1
    assert too_many.reason == ("line_done" if line.quantity == 1 else "too_many")


def test_a_task_given_back_after_clock_out_must_be_started_again(floor: Floor) -> None:
    task = floor.started()
    floor.clock_out()
    floor.clock_in()
    result = floor.on_task("reassign_task", task, MANAGER, assignee_staff_id=PICKER)
    assert result.outcome == "applied"
    paused = floor.on_task("pause_task", task)
    assert paused.reason == "wrong_status"  # assigned again: start first


def test_shortage_waits_for_the_manager_then_partial_refund_resolves_it(floor: Floor) -> None:
    hub = floor.hub
    task = floor.started()
    line = task.lines[0]
    result = floor.on_task(
        "report_shortage",
        task,
        line_id=line.line_id,
        quantity_found=line.quantity - 1,
        reason=ShortageReason.DAMAGED.value,
    )
    assert result.outcome == "applied", result.message
    assert hub.admin.order(task.order_id).status is OrderStatus.SHORTAGE_PENDING
    [shortage] = hub.admin.shortages(task.order_id)
    assert shortage.quantity_short == 1
    assert hub.admin.task(task.task_id).lines[0].status is TaskLineStatus.SHORT_PENDING
    blocked = floor.on_task("complete_pick", task)
    assert blocked.reason == "lines_open"

    decided = hub.admin.resolve_shortage(shortage.shortage_id, "partial_refund")

    assert decided.refund_cents == line.paid_cents // line.quantity
    assert hub.admin.order(task.order_id).status is OrderStatus.PREPARING
    assert hub.admin.task(task.task_id).lines[0].status is TaskLineStatus.SHORT_RESOLVED


def test_found_reopens_the_line_and_cancel_order_cancels_the_tasks(floor: Floor) -> None:
    hub = floor.hub
    task = floor.started()
    line = task.lines[0]
    decisions: tuple[ShortageDecision, ...] = ("found", "cancel_order")
    for decision in decisions:
        floor.on_task(
            "report_shortage",
            task,
            line_id=line.line_id,
            quantity_found=0,
            reason=ShortageReason.OUT_OF_STOCK.value,
        )
        shortage = hub.admin.shortages(task.order_id)[-1]
        hub.admin.resolve_shortage(shortage.shortage_id, decision)
        if decision == "found":
            assert hub.admin.task(task.task_id).lines[0].status is TaskLineStatus.OPEN
    assert hub.admin.order(task.order_id).status is OrderStatus.CANCELLED
    assert hub.admin.task(task.task_id).status is TaskStatus.CANCELLED


@pytest.mark.parametrize(
    ("handed_to", "status"),
    [(None, OrderStatus.READY), (HandoverParty.RIDER, OrderStatus.HANDED_OVER)],
)
def test_pick_then_pack_makes_the_order_ready_or_hands_it_over(
    floor: Floor, handed_to: HandoverParty | None, status: OrderStatus
) -> None:
    hub = floor.hub
    task = floor.started()
    floor.pick_all(task)
    done = floor.on_task("complete_pick", task)
    assert done.outcome == "applied", done.message
    pack = hub.admin.task(f"{task.order_id}-pack")
    assert pack.kind is TaskKind.PACK
    assert pack.assignee_staff_id == PICKER

    packed = floor.on_task(
        "complete_pack",
        pack,
        bag_count=2,
        handed_to=None if handed_to is None else handed_to.value,
    )

    assert packed.outcome == "applied", packed.message
    assert hub.admin.task(pack.task_id).bag_count == 2
    assert hub.admin.order(task.order_id).status is status


def test_customer_cancel_cancels_the_open_task_in_the_same_change(floor: Floor) -> None:
    task = floor.started()
    floor.pick(task, task.lines[0], 1)

    floor.hub.intake.customer_cancels(task.order_id)

    cancelled = floor.hub.admin.task(task.task_id)
    assert cancelled.status is TaskStatus.CANCELLED
    assert cancelled.lines[0].picked_quantity == 1
    refused = floor.pick(task, task.lines[0], 1)
    assert refused.reason == "task_cancelled"


def test_a_paused_task_takes_no_picks_until_resumed(floor: Floor) -> None:
    task = floor.started()
    line = task.lines[0]
    assert floor.on_task("pause_task", task).outcome == "applied"

    refused = floor.pick(task, line, 1)
    floor.on_task("resume_task", task)
    applied = floor.pick(task, line, 1)

    assert refused.reason == "task_paused"
    assert applied.outcome == "applied"


def test_a_picker_off_duty_cannot_work_a_task(floor: Floor) -> None:
    task = floor.started()
    floor.clock_out()
    result = floor.on_task("start_task", task)
    assert result.reason == "not_clocked_in"
    assert "Clock in first" in result.message


def test_an_order_handed_over_at_the_counter_closes_its_open_task(floor: Floor) -> None:
    hub, device, make_command = floor.hub, floor.device, floor.make_command
    order_id = floor.accepted_order()
    hub.devices.apply_commands(device, [make_command("mark_ready", order_id)])
    [handed] = hub.devices.apply_commands(
        device, [make_command("hand_over", order_id, handed_to="customer")]
    )
    assert handed.outcome == "applied", handed.message
    task = floor.pick_task(order_id)
    assert task.status is TaskStatus.CANCELLED
    assert task.status_reason == "The order already left the store."


def test_a_picker_of_other_zones_gets_no_task_until_their_zones_fit(floor: Floor) -> None:
    floor.hub.admin.set_staff_zones(PICKER, ["nowhere"])
    floor.clock_in()
    order_id = floor.accepted_order()
    assert floor.pick_task(order_id).status is TaskStatus.QUEUED

    zones = {line.location.zone for line in floor.pick_task(order_id).lines if line.location}
    floor.hub.admin.set_staff_zones(PICKER, sorted(zones))
    floor.clock_out()
    floor.clock_in()

    assert floor.pick_task(order_id).assignee_staff_id == PICKER


def test_order_and_picking_commands_in_one_request_apply_in_order(floor: Floor) -> None:
    hub, device = floor.hub, floor.device
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    clock_in = floor.command("clock_in")
    accept = floor.make_command("accept_order", order.order_id)
    start = floor.command("start_task", task_id=f"{order.order_id}-pick")

    results = hub.devices.apply_commands(device, [accept, clock_in, start])
    replayed = hub.devices.apply_commands(device, [accept, clock_in, start])

    assert [r.outcome for r in results] == ["applied", "applied", "applied"]
    assert [r.outcome for r in replayed] == ["duplicate", "duplicate", "duplicate"]
    assert floor.pick_task(order.order_id).status is TaskStatus.IN_PROGRESS
    assert hub.admin.order(order.order_id).status is OrderStatus.PREPARING
    seqs = [
        r["seq"] for r in hub.devices.read_feed(hub.world.demo_store_id, None, limit=1000).records
    ]
    assert len(seqs) == len(set(seqs))


def test_a_task_taken_back_is_refused_in_words(floor: Floor) -> None:
    task = floor.started()
    floor.clock_out()
    floor.hub.admin.set_staff_zones(PICKER, ["nowhere"])
    floor.clock_in()

    result = floor.pick(task, task.lines[0], 1)

    assert result.reason == "not_yours"
    assert result.message == "This task is no longer yours: it waits for a picker."


def test_a_batch_of_accepts_stores_its_dispatched_tasks_in_one_statement_each(
    floor: Floor,
) -> None:
    hub = floor.hub
    floor.clock_in()
    before = hub.devices.read_feed(hub.world.demo_store_id, limit=1000).cursor
    orders = [
        hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id).order_id
        for _ in range(6)
    ]
    task_writes: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith(("INSERT INTO tasks", "UPDATE tasks")):
            task_writes.append(statement)

    engine = hub.state.storage.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        results = hub.devices.apply_commands(
            floor.device, [floor.make_command("accept_order", order_id) for order_id in orders]
        )
    finally:
        event.remove(engine, "before_cursor_execute", note)

    assert [r.outcome for r in results] == ["applied"] * 6
    assert len(task_writes) == 1  # one insert of all six, already dispatched
    page = hub.devices.read_feed(hub.world.demo_store_id, before, limit=1000)
    tasks = [TaskRecord.model_validate(r).data for r in page.records if r["kind"] == "task"]
    assert sorted(task.order_id for task in tasks) == sorted(orders)
    assert {(t.status, t.assignee_staff_id, t.version) for t in tasks} == {
        (TaskStatus.ASSIGNED, PICKER, 2)
    }
    seqs = [record["seq"] for record in page.records]
    assert seqs == sorted(set(seqs))
    after = hub.devices.read_feed(hub.world.demo_store_id, page.cursor, limit=1000)
    assert after.records == []
