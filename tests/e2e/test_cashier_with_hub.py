"""End to end: orders arrive in the window by themselves; the cashier's actions reach the hub."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.vocabulary import Channel, OrderStatus
from hub.embedded import EmbeddedHub
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.order_inbox_model import InboxColumn
from ui.main_window import MainWindow

_ARRIVAL_MS = 10_000


def _sign_in_cashier(qtbot, window: MainWindow) -> None:
    screen = window.sign_in_screen
    qtbot.waitUntil(lambda: "staff-wangfang" in screen.listed_staff_ids(), timeout=_ARRIVAL_MS)
    qtbot.mouseClick(screen.staff_button("staff-wangfang"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, "1111")
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.manager_screen
    assert window.manager_screen.currentWidget() is window.cashier_screen


def _click_order(qtbot, screen: CashierScreen, order_id: str) -> None:
    row = screen.model.row_of(order_id)
    assert row is not None
    rect = screen.table.visualRect(screen.model.index(row, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.order_id == order_id


def _click_action(qtbot, screen: CashierScreen, action: OrderAction) -> None:
    button = screen.action_bar.buttons[action]
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _accept_calls(hub: EmbeddedHub, order_id: str) -> int:
    return sum(1 for call in hub.hub.admin.channel_calls(order_id) if call.action == "accept")


def test_simulated_order_appears_and_accept_reaches_the_channel(
    qtbot, hub: EmbeddedHub, window: MainWindow
) -> None:
    _sign_in_cashier(qtbot, window)
    screen = window.cashier_screen
    order = hub.demo.place_order(Channel.MEITUAN)

    qtbot.waitUntil(lambda: screen.model.row_of(order.order_id) is not None, timeout=_ARRIVAL_MS)
    assert screen.current_tab() is InboxTab.NEW
    _click_order(qtbot, screen, order.order_id)
    _click_action(qtbot, screen, OrderAction.ACCEPT)

    qtbot.waitUntil(
        lambda: hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED,
        timeout=_ARRIVAL_MS,
    )
    assert _accept_calls(hub, order.order_id) == 1
    qtbot.waitUntil(lambda: window.sync_status_bar.sync_label.text() == "Online")


def test_accept_while_hub_is_offline_reaches_it_exactly_once_after_it_returns(
    qtbot, hub: EmbeddedHub, window: MainWindow
) -> None:
    _sign_in_cashier(qtbot, window)
    screen = window.cashier_screen
    order = hub.demo.place_order(Channel.ELEME)
    qtbot.waitUntil(lambda: screen.model.row_of(order.order_id) is not None, timeout=_ARRIVAL_MS)

    offline = window.hub_offline_action
    assert offline is not None
    offline.trigger()  # Demo → Hub offline
    status = window.sync_status_bar.sync_label
    qtbot.waitUntil(lambda: status.text().startswith("Offline since"), timeout=_ARRIVAL_MS)

    _click_order(qtbot, screen, order.order_id)
    _click_action(qtbot, screen, OrderAction.ACCEPT)
    qtbot.waitUntil(lambda: "1 action waiting" in status.text(), timeout=_ARRIVAL_MS)
    assert status.text().startswith("Offline since")
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.NEW

    offline.trigger()  # back online
    qtbot.waitUntil(
        lambda: hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED,
        timeout=_ARRIVAL_MS,
    )
    qtbot.waitUntil(lambda: status.text() == "Online", timeout=_ARRIVAL_MS)
    assert _accept_calls(hub, order.order_id) == 1
