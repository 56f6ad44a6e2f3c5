"""The manager's shortage pictures: the queue and a decision dialog showing a partial refund."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, Role, ShortageReason
from app.main import screen_services
from app.services.picking import Picking
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from ui.main_window import MainWindow
from ui.manager.shortage_queue import ShortageQueue
from ui.sync_bridge import SyncBridge

Save = Callable[[QWidget, Path], None]
Settle = Callable[[QCoreApplication], None]
_LATER = timedelta(minutes=9)
"""The pictures are taken as if nine minutes had passed, so the timers have turned amber."""
_REASONS = (ShortageReason.OUT_OF_STOCK, ShortageReason.DAMAGED, ShortageReason.EXPIRED)


def save_shortage_pictures(  # noqa: PLR0917 (the screenshot tool's shared parts)
    hub: EmbeddedHub,
    counter: Device,
    directory: Path,
    app: QCoreApplication,
    out: Path,
    save: Save,
    settle: Settle,
) -> None:
    """shortage-queue.png and shortage-decision.png (partial refund chosen, not confirmed)."""
    drain_feed(counter)
    handheld = enrolled_device(hub, directory / "shortage-handheld", SyncBridge())
    try:
        drain_feed(handheld)
        _report_shortages(hub, counter, handheld)
        drain_feed(counter)
        # The manager's view as it is: the main window, the Shortages tab beside the orders.
        window = MainWindow(
            screen_services(counter, _later),
            SyncBridge(),
            store_name="Storeside 演示店 (Demo Store)",
        )
        window.show()
        card = next(c for c in counter.sign_in.staff_cards() if Role.MANAGER in c.roles)
        window.sign_in_screen.staff_button(card.staff_id).click()
        window.sign_in_screen.pin_field.setText("9999")
        window.sign_in_screen.sign_in_button.click()
        settle(app)
        queue = window.manager_screen.open_tab("shortages")
        if not isinstance(queue, ShortageQueue):
            raise TypeError("the Shortages tab holds no shortage queue")
        settle(app)
        save(window, out / "shortage-queue.png")
        refund = next(
            (item for item in queue.items if item.quantity_short < item.line_quantity),
            queue.items[0],
        )
        dialog = queue.open_decision(refund.shortage_id)
        if dialog is None:
            raise RuntimeError("the decision dialog did not open")
        dialog.decision_buttons["partial_refund"].click()
        dialog.adjustSize()
        settle(app)
        save(dialog, out / "shortage-decision.png")
        dialog.reject()
        window.close()
    finally:
        handheld.stop()


def _later() -> datetime:
    return utc_now() + _LATER


def _report_shortages(hub: EmbeddedHub, counter: Device, handheld: Device) -> None:
    """Orders of each channel are accepted; the picker reports one line of each short."""
    picking = Picking(handheld.db, utc_now)
    picker = sign_in_as(handheld.sign_in, "picker", "2222")
    if not picking.is_clocked_in(picker):
        picking.clock_in(picker)
        handheld.pusher.push()
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    orders = [hub.demo.place_order(channel).order_id for channel in Channel]
    drain_feed(counter)
    for order_id in orders:
        counter.order_actions.accept(cashier, order_id)
    counter.pusher.push()
    drain_feed(handheld)
    for reason, summary in zip(
        _REASONS, [s for s in picking.my_tasks(picker) if s.order_id in orders], strict=False
    ):
        task = picking.start(picker, summary.task_id)
        line = max(task.lines, key=lambda ln: ln.quantity)
        picking.report_shortage(picker, task.task_id, line.line_id, line.quantity // 2, reason)
    handheld.pusher.push()
