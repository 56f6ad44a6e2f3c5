"""Shortage decisions end to end against the real hub: the picker's handheld reports a line
short, the manager decides in the real queue and dialog on the counter PC, the hub calls the
channel (recorded by its simulator) and the picker's handheld and the cashier see the result."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import (
    Channel,
    OrderStatus,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from app.read_models import SignedInStaff, TaskDetail, TaskLineView
from app.services.picking import Picking
from app.services.shortage_decisions import DecisionRefused, ShortageDecisions
from hub.channels import ChannelAction
from hub.embedded import EmbeddedHub
from local_db.models import Order, Shortage
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import RecordingListener
from ui.cashier.order_detail_pane import OrderDetailPane
from ui.manager.shortage_decision_dialog import ShortageDecisionDialog
from ui.manager.shortage_queue import ShortageQueue
from ui.theme import URGENT_RED, WAITING_AMBER
from ui.value_formats import format_money


@pytest.fixture
def counter(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """The counter PC where the cashier accepts and the manager decides."""
    device = enrolled_device(hub, tmp_path / "counter", RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


@pytest.fixture
def handheld(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """The picker's handheld: a second enrolled device with its own database."""
    device = enrolled_device(hub, tmp_path / "handheld", RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


@dataclass(frozen=True)
class Reported:
    """A line the picker reported short, one unit found."""

    picking: Picking
    picker: SignedInStaff
    task: TaskDetail
    line: TaskLineView
    order_id: str


def _reported(hub: EmbeddedHub, counter: Device, handheld: Device, channel: Channel) -> Reported:
    """The picker clocks in, orders of `channel` are accepted until one has a line of two or
    more units; the picker starts it and reports that line short with one unit found."""
    picking = Picking(handheld.db, utc_now)
    picker = sign_in_as(handheld.sign_in, "picker", "2222")
    picking.clock_in(picker)
    handheld.pusher.push()
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    for _ in range(12):
        order_id = hub.demo.place_order(channel).order_id
        drain_feed(counter)
        counter.order_actions.accept(cashier, order_id)
        counter.pusher.push()
        drain_feed(handheld)
        summary = next(s for s in picking.my_tasks(picker) if s.order_id == order_id)
        task = picking.start(picker, summary.task_id)
        line = next((ln for ln in task.lines if ln.quantity >= 2 and not ln.weighed), None)
        if line is not None:
            picking.report_shortage(
                picker, task.task_id, line.line_id, 1, ShortageReason.OUT_OF_STOCK
            )
            handheld.pusher.push()
            drain_feed(counter)
            return Reported(picking, picker, task, line, order_id)
    raise AssertionError("no simulated order had a line of two units")


def _queue(qtbot, counter: Device) -> tuple[ShortageQueue, SignedInStaff]:
    queue = ShortageQueue(ShortageDecisions(counter.db, utc_now), utc_now)
    qtbot.addWidget(queue)
    queue.resize(1100, 500)
    queue.show()
    manager = sign_in_as(counter.sign_in, "manager", "9999")
    queue.set_actor(manager)
    return queue, manager


def _open(qtbot, queue: ShortageQueue, order_id: str) -> ShortageDecisionDialog:
    item = next(i for i in queue.items if i.order_id == order_id)
    dialog = queue.open_decision(item.shortage_id)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _confirm(qtbot, dialog: ShortageDecisionDialog, counter: Device) -> None:
    """Confirm; until the hub answers, the queue shows the decision as sent."""
    decision = dialog.decision()
    assert dialog.confirm_button.isEnabled()
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    queue = dialog.parent()
    assert isinstance(queue, ShortageQueue)
    [sent] = [i for i in queue.items if i.shortage_id == dialog.item.shortage_id]
    assert sent.pending_decision == decision
    assert not queue.decide_button.isEnabled() or queue.selected_item() != sent
    counter.pusher.push()


def _line(picking: Picking, task_id: str, line_id: str) -> TaskLineView:
    task = picking.task(task_id)
    assert task is not None
    return next(ln for ln in task.lines if ln.line_id == line_id)


def _cashier_sees(qtbot, counter: Device, order_id: str) -> str:
    """Every text of the cashier's order detail pane, once the counter caught up."""
    drain_feed(counter)
    pane = OrderDetailPane(utc_now)
    qtbot.addWidget(pane)
    pane.show_order(counter.order_queries.detail(order_id))
    return "\n".join(label.text() for label in pane.findChildren(QLabel))


def test_partial_refund_refunds_what_was_paid_for_the_missing_units(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.MEITUAN)
    queue, _manager = _queue(qtbot, counter)
    order_line = next(
        ln
        for ln in hub.hub.admin.order(shortage.order_id).lines
        if ln.line_id == shortage.line.line_id
    )
    short = shortage.line.quantity - 1
    expected = order_line.paid_cents * short // order_line.quantity

    dialog = _open(qtbot, queue, shortage.order_id)
    dialog.decision_buttons["partial_refund"].click()
    assert format_money(expected) in dialog.preview_label.text()
    _confirm(qtbot, dialog, counter)

    refunds = [
        call
        for call in hub.hub.admin.channel_calls(shortage.order_id)
        if call.action is ChannelAction.PARTIAL_REFUND
    ]
    assert [call.payload["refund_cents"] for call in refunds] == [expected]
    assert refunds[0].channel_code == "order/applyPartRefund"
    drain_feed(handheld)
    drain_feed(counter)
    line = _line(shortage.picking, shortage.task.task_id, shortage.line.line_id)
    assert line.status is TaskLineStatus.SHORT_RESOLVED
    assert line.refund_cents == expected
    queue.refresh()
    assert all(item.order_id != shortage.order_id for item in queue.items)
    detail = counter.order_queries.detail(shortage.order_id)
    assert detail is not None
    assert detail.status is OrderStatus.PREPARING
    shown = _cashier_sees(qtbot, counter, shortage.order_id)
    assert f"Short: {format_money(expected)} refunded" in shown


def test_found_it_opens_the_line_again_for_the_picker(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.ELEME)
    queue, _manager = _queue(qtbot, counter)

    dialog = _open(qtbot, queue, shortage.order_id)
    dialog.decision_buttons["found"].click()
    _confirm(qtbot, dialog, counter)

    assert not [
        c
        for c in hub.hub.admin.channel_calls(shortage.order_id)
        if c.action is ChannelAction.PARTIAL_REFUND
    ]
    drain_feed(handheld)
    line = _line(shortage.picking, shortage.task.task_id, shortage.line.line_id)
    assert line.status is TaskLineStatus.OPEN
    # The picker picks the rest of the line now.
    shortage.picking.count(
        shortage.picker, shortage.task.task_id, line.line_id, line.quantity - line.picked_quantity
    )
    assert _line(shortage.picking, shortage.task.task_id, line.line_id).status is (
        TaskLineStatus.PICKED
    )


def test_a_substitute_is_asked_of_the_customer_and_shown_to_the_picker(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.MEITUAN)
    queue, _manager = _queue(qtbot, counter)
    substitute = next(
        p for p in hub.hub.catalogue.products if p.sku != shortage.line.sku and not p.weighed
    )

    dialog = _open(qtbot, queue, shortage.order_id)
    dialog.decision_buttons["substitute"].click()
    assert not dialog.confirm_button.isEnabled()  # no substitute chosen yet
    dialog.search_box.setText(substitute.barcode)
    assert dialog.results.count() == 1
    dialog.results.setCurrentRow(0)
    assert "agree" in dialog.preview_label.text()  # Meituan asks the customer first
    _confirm(qtbot, dialog, counter)

    [call] = [
        c
        for c in hub.hub.admin.channel_calls(shortage.order_id)
        if c.action is ChannelAction.SUBSTITUTE
    ]
    assert call.payload["substitute_sku"] == substitute.sku
    assert call.payload["needs_consent"] is True
    drain_feed(handheld)
    line = _line(shortage.picking, shortage.task.task_id, shortage.line.line_id)
    assert line.shortage_decision == "substitute"
    assert line.substitute_name == substitute.name
    assert f"Substituted with {substitute.name}" in _cashier_sees(qtbot, counter, shortage.order_id)


def test_cancel_order_cancels_the_order_and_the_pickers_task(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.MINIPROGRAM)
    queue, _manager = _queue(qtbot, counter)

    dialog = _open(qtbot, queue, shortage.order_id)
    dialog.decision_buttons["cancel_order"].click()
    _confirm(qtbot, dialog, counter)

    assert ChannelAction.CANCEL in {
        c.action for c in hub.hub.admin.channel_calls(shortage.order_id)
    }
    drain_feed(handheld)
    drain_feed(counter)
    task = shortage.picking.task(shortage.task.task_id)
    assert task is not None
    assert task.status is TaskStatus.CANCELLED
    assert task.kind is TaskKind.PICK
    detail = counter.order_queries.detail(shortage.order_id)
    assert detail is not None
    assert detail.status is OrderStatus.CANCELLED


def test_a_cashier_may_not_refund_without_a_manager(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.ELEME)
    service = ShortageDecisions(counter.db, utc_now)
    queue = ShortageQueue(service, utc_now)
    qtbot.addWidget(queue)
    queue.set_actor(sign_in_as(counter.sign_in, "cashier", "1111"))

    dialog = _open(qtbot, queue, shortage.order_id)
    dialog.decision_buttons["partial_refund"].click()
    dialog.confirm_button.click()

    assert dialog.isVisible()
    assert "manager" in dialog.error_label.text()
    assert [i.pending_decision for i in service.queue()] == [None]


def test_the_queue_shows_who_what_and_why_and_its_timer_turns_amber_then_red(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.MEITUAN)
    order = hub.hub.admin.order(shortage.order_id)
    assert order.expected_ready_at is not None
    offset = {"now": order.expected_ready_at - timedelta(minutes=20)}
    queue = ShortageQueue(ShortageDecisions(counter.db, utc_now), lambda: offset["now"])
    qtbot.addWidget(queue)

    [item] = [i for i in queue.items if i.order_id == shortage.order_id]
    assert (item.picker_name, item.quantity_short) == ("李强 Li Qiang", shortage.line.quantity - 1)
    assert item.preference is order.customer.out_of_stock_preference
    assert item.deadline == order.expected_ready_at
    assert queue.due_colour_of(item.shortage_id) == ""
    offset["now"] = order.expected_ready_at - timedelta(minutes=8)
    queue.refresh()
    assert queue.due_colour_of(item.shortage_id) == WAITING_AMBER.name()
    offset["now"] = order.expected_ready_at - timedelta(minutes=2)
    qtbot.waitUntil(lambda: queue.due_colour_of(item.shortage_id) == URGENT_RED.name())


def test_a_customer_cancel_takes_the_shortage_off_the_managers_queue(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    shortage = _reported(hub, counter, handheld, Channel.MEITUAN)
    queue, _manager = _queue(qtbot, counter)
    assert shortage.order_id in {i.order_id for i in queue.items}

    hub.hub.intake.customer_cancels(shortage.order_id)
    drain_feed(counter)
    queue.refresh()

    assert shortage.order_id not in {i.order_id for i in queue.items}
    [closed] = hub.hub.admin.shortages(shortage.order_id)
    assert closed.decision == "cancel_order"


def test_the_queue_leaves_out_a_cancelled_orders_shortage_the_hub_has_not_closed(
    qtbot, hub: EmbeddedHub, counter: Device, handheld: Device
) -> None:
    # The device's own guard: the order's cancel reached it, the shortage's closing not yet
    # (or an older hub that never closes it).
    shortage = _reported(hub, counter, handheld, Channel.MEITUAN)
    with counter.db.write() as session:
        order = session.get(Order, shortage.order_id)
        assert order is not None
        order.status = OrderStatus.CANCELLED.value

    queue, manager = _queue(qtbot, counter)

    assert shortage.order_id not in {i.order_id for i in queue.items}
    [shortage_id] = _shortage_ids(counter, shortage.order_id)
    with pytest.raises(DecisionRefused) as refused:
        ShortageDecisions(counter.db, utc_now).decide(manager, shortage_id, "partial_refund")
    assert refused.value.code == "already_decided"


def _shortage_ids(counter: Device, order_id: str) -> list[str]:
    with counter.db.read() as session:
        return list(
            session.scalars(select(Shortage.shortage_id).where(Shortage.order_id == order_id))
        )
