"""The exception-order pictures: the badged inbox row and the mapping dialog, from the real hub."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.device import Device
from app.domain.channel_rules import RejectReason
from app.domain.clock import utc_now
from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.vocabulary import Channel
from app.main import screen_services
from app.services.exception_orders import ExceptionOrders
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, sign_in_as
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge

Save = Callable[[QWidget, Path], None]
Settle = Callable[[QCoreApplication], None]


def save_exception_pictures(  # noqa: PLR0917 (the screenshot tool's shared parts)
    hub: EmbeddedHub,
    device: Device,
    app: QCoreApplication,
    out: Path,
    save: Save,
    settle: Settle,
) -> None:
    """exception-order-inbox.png and exception-mapping-dialog.png; the orders are rejected
    afterwards, so the pictures taken later do not show them."""
    spoiled = [
        hub.demo.place_order(Channel.MEITUAN, spoiled="unknown_sku"),
        hub.demo.place_order(Channel.ELEME, spoiled="totals_off"),
    ]
    drain_feed(device)
    services = replace(
        screen_services(device),
        exception_orders=ExceptionOrders(device.db, utc_now, on_queued=device.wake_pusher),
    )
    window = MainWindow(services, SyncBridge(), store_name="Storeside 演示店 (Demo Store)")
    window.show()
    screen = window.sign_in_screen
    screen.staff_button("staff-wangfang").click()
    screen.pin_field.setText("1111")
    screen.sign_in_button.click()
    settle(app)
    cashier_screen = window.cashier_screen
    cashier_screen.show_tab(InboxTab.NEW)
    cashier_screen.show_order(spoiled[0].order_id)
    settle(app)
    save(window, out / "exception-order-inbox.png")
    cashier_screen.action_bar.buttons[OrderAction.ACCEPT_EXCEPTION].click()
    settle(app)
    dialog = cashier_screen.exception_flow.dialog
    if dialog is None:
        raise RuntimeError("the mapping dialog did not open")
    if dialog.rows:
        row = dialog.rows[0]
        row.search_field.setText("茶")  # the line is a tea: a tea of the catalogue
        if row.picker.count():
            row.picker.setCurrentIndex(0)
    settle(app)
    save(dialog, out / "exception-mapping-dialog.png")
    dialog.reject()
    window.close()
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    for order in spoiled:
        device.order_actions.reject(cashier, order.order_id, RejectReason.SOLD_OUT)
    device.pusher.push(ignore_backoff=True)
    drain_feed(device)
