"""The manager's tasks-and-staff screen against the real hub: the counter PC (where the manager
signs in) and two pickers' handhelds, each its own enrolled device with its own database. A task
reassigned by menu or by drag lands on the other picker's handheld; a picker clocked out by the
manager has their tasks dispatched again to whoever is on duty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, TaskStatus
from app.main import screen_services
from app.read_models import SignedInStaff
from app.services.picking import Picking
from app.services.task_control import TaskControl, TaskControlRefused
from hub.embedded import EmbeddedHub
from local_db import audit_repository, outbox_repository
from local_db.models import Task
from tests.devices import drain_feed, enrolled_device
from tests.fakes import RecordingListener
from tests.floor_staff import CASHIER, LI, MANAGER, ZHAO, hire_picker
from ui.manager.tasks_view import TasksView


@pytest.fixture
def floor_hub(hub: EmbeddedHub) -> EmbeddedHub:
    """The hub with a second picker on duty."""
    hire_picker(hub, ZHAO)
    return hub


def _device(hub: EmbeddedHub, directory: Path) -> Iterator[Device]:
    device = enrolled_device(hub, directory, RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


@pytest.fixture
def counter(floor_hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """The counter PC: the cashier accepts orders here, the manager runs the floor here."""
    yield from _device(floor_hub, tmp_path / "counter")


@pytest.fixture
def handheld_li(floor_hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """Li Qiang's handheld."""
    yield from _device(floor_hub, tmp_path / "li")


@pytest.fixture
def handheld_zhao(floor_hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """Zhao Min's handheld."""
    yield from _device(floor_hub, tmp_path / "zhao")


@pytest.fixture
def li(handheld_li: Device) -> SignedInStaff:
    """Li Qiang, signed in and clocked in on his handheld (the hub has heard it)."""
    Picking(handheld_li.db, utc_now).clock_in(LI)
    handheld_li.pusher.push()
    return LI


@pytest.fixture
def manager(counter: Device) -> SignedInStaff:
    """Chen Jing, the store manager, signed in at the counter."""
    del counter
    return MANAGER


@pytest.fixture
def view(qtbot, counter: Device, manager: SignedInStaff) -> TasksView:
    """The tasks-and-staff screen of the counter, the manager acting."""
    services = screen_services(counter)
    assert services.task_control is not None
    shown = TasksView(services, services.task_control)
    qtbot.addWidget(shown)
    shown.set_actor(manager)
    shown.resize(900, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _accept_orders(hub: EmbeddedHub, counter: Device, count: int) -> list[str]:
    """The cashier accepts `count` new orders; the hub makes and dispatches their pick tasks."""
    orders = [hub.demo.place_order(Channel.MEITUAN).order_id for _ in range(count)]
    drain_feed(counter)
    for order_id in orders:
        counter.order_actions.accept(CASHIER, order_id)
    counter.pusher.push()
    drain_feed(counter)
    return orders


def _hub_assignee(hub: EmbeddedHub, task_id: str) -> str | None:
    return hub.hub.admin.task(task_id).assignee_staff_id


def _my_task_ids(device: Device, picker: SignedInStaff) -> set[str]:
    drain_feed(device)
    return {task.task_id for task in Picking(device.db, utc_now).my_tasks(picker)}


def _audited(device: Device, action: str) -> list[audit_repository.AuditRow]:
    with device.db.read() as session:
        return [row for row in audit_repository.in_chain_order(session) if row.action == action]


def test_the_floor_shows_pickers_on_duty_with_their_load(
    floor_hub: EmbeddedHub, counter: Device, li: SignedInStaff, view: TasksView
) -> None:
    _accept_orders(floor_hub, counter, 3)
    view.refresh()
    loads = {picker.staff_id: picker for picker in view.floor.pickers}
    assert set(loads) == {li.staff_id, ZHAO.staff_id}
    assert sum(p.open_count for p in loads.values()) == 3  # dispatched, least loaded first
    assert {p.open_count for p in loads.values()} == {1, 2}
    assert all(p.lines_left >= p.open_count for p in loads.values())
    assert view.pickers.rowCount() == 2
    assert view.tasks.rowCount() == 3


def test_reassign_by_menu_moves_the_task_to_the_other_pickers_handheld(
    floor_hub: EmbeddedHub,
    counter: Device,
    handheld_li: Device,
    handheld_zhao: Device,
    li: SignedInStaff,
    view: TasksView,
) -> None:
    (order_id,) = _accept_orders(floor_hub, counter, 1)
    task_id = f"{order_id}-pick"
    assert _hub_assignee(floor_hub, task_id) == li.staff_id  # equal loads: lowest staff id
    assert task_id in _my_task_ids(handheld_li, li)
    view.refresh()

    menu = view.task_menu(task_id)
    (reassign,) = [a for a in menu.actions() if a.menu() is not None]
    (to_zhao,) = [a for a in reassign.menu().actions() if a.data() == ZHAO.staff_id]
    to_zhao.trigger()

    shown = view.tasks.item(view.tasks.row_of(task_id) or 0, 2).text()
    assert ZHAO.name in shown
    assert "⏳" in shown  # waiting for the hub
    assert "Zhao Min" in view.message.text()
    counter.pusher.push()
    assert _hub_assignee(floor_hub, task_id) == ZHAO.staff_id
    assert task_id in _my_task_ids(handheld_zhao, ZHAO)
    assert task_id not in _my_task_ids(handheld_li, li)
    (entry,) = _audited(counter, "reassign")
    assert entry.subject == task_id
    assert entry.staff_id == "staff-chenjing"  # the manager who acted


def test_reassign_by_drag_moves_the_task_to_the_picker_dropped_on(
    floor_hub: EmbeddedHub,
    counter: Device,
    handheld_zhao: Device,
    li: SignedInStaff,
    view: TasksView,
) -> None:
    (order_id,) = _accept_orders(floor_hub, counter, 1)
    task_id = f"{order_id}-pick"
    view.refresh()
    row = view.tasks.row_of(task_id)
    target = view.pickers.row_of(ZHAO.staff_id)
    assert row is not None
    assert target is not None

    # What a drag of the task row carries, brought over Zhao Min's row and dropped there: the
    # events a window system's drag delivers (QDrag.exec itself blocks on a real pointer).
    mime = view.tasks.mimeData([view.tasks.item(row, 0)])
    spot = view.pickers.visualItemRect(view.pickers.item(target, 0)).center()
    drag = (
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt's own signatures: the drag events take a QPoint, the drop a QPointF.
    enter, move, drop = (
        QDragEnterEvent(spot, *drag),
        QDragMoveEvent(spot, *drag),
        QDropEvent(QPointF(spot), *drag),
    )
    for event in (enter, move, drop):
        QApplication.sendEvent(view.pickers.viewport(), event)
        assert event.isAccepted()
    held = {p.staff_id: {t.task_id for t in p.tasks} for p in view.floor.pickers}
    assert task_id in held[ZHAO.staff_id]
    counter.pusher.push()
    assert _hub_assignee(floor_hub, task_id) == ZHAO.staff_id
    assert task_id in _my_task_ids(handheld_zhao, ZHAO)


def test_clocking_a_picker_out_puts_their_tasks_back_and_dispatches_them_again(
    floor_hub: EmbeddedHub,
    counter: Device,
    handheld_zhao: Device,
    li: SignedInStaff,
    view: TasksView,
) -> None:
    _accept_orders(floor_hub, counter, 3)
    view.refresh()
    held_by_li = {
        t.task_id for p in view.floor.pickers if p.staff_id == li.staff_id for t in p.tasks
    }
    assert held_by_li

    (clock_out,) = view.picker_menu(li.staff_id).actions()
    clock_out.trigger()

    assert held_by_li <= {t.task_id for t in view.floor.queued}  # shown back in the queue
    counter.pusher.push()
    staff = {member.staff_id: member for member in floor_hub.demo.staff()}
    assert staff[li.staff_id].clocked_in is False
    assert {_hub_assignee(floor_hub, task_id) for task_id in held_by_li} == {ZHAO.staff_id}
    assert held_by_li <= _my_task_ids(handheld_zhao, ZHAO)
    drain_feed(counter)
    view.refresh()
    assert [p.staff_id for p in view.floor.pickers] == [ZHAO.staff_id]
    assert not view.floor.queued
    (entry,) = _audited(counter, "reassign")
    assert entry.subject == li.staff_id


def test_a_cashier_may_not_reassign_and_the_refusal_is_audited(
    floor_hub: EmbeddedHub, counter: Device, li: SignedInStaff
) -> None:
    (order_id,) = _accept_orders(floor_hub, counter, 1)
    control = TaskControl(counter.db, utc_now)
    with pytest.raises(TaskControlRefused) as refused:
        control.reassign(CASHIER, f"{order_id}-pick", ZHAO.staff_id)
    assert refused.value.code == "not_permitted"
    (entry,) = _audited(counter, "reassign")
    assert entry.result == "refused"
    with counter.db.read() as session:
        assert outbox_repository.count_pending(session)[0] == 0
    assert _hub_assignee(floor_hub, f"{order_id}-pick") == li.staff_id
    assert TaskStatus(floor_hub.hub.admin.task(f"{order_id}-pick").status) is TaskStatus.ASSIGNED


def test_task_times_reach_the_managers_device(
    floor_hub: EmbeddedHub, counter: Device, handheld_li: Device, li: SignedInStaff
) -> None:
    (order_id,) = _accept_orders(floor_hub, counter, 1)
    task_id = f"{order_id}-pick"
    drain_feed(handheld_li)
    Picking(handheld_li.db, utc_now).start(li, task_id)
    handheld_li.pusher.push()
    drain_feed(counter)
    with counter.db.read() as session:
        task = session.get(Task, task_id)
        assert task is not None
        assert task.started_at == floor_hub.hub.admin.task(task_id).started_at
        assert task.started_at is not None
        assert task.done_at is None
