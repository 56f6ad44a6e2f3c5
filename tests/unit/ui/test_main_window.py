"""The main window: sign-in leads to the cashier screen; sync status, notices, demo menu."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMenu

from app.domain.sync_events import SyncStatus
from ui.main_window import MainWindow


@dataclass
class FakeDemo:
    """DemoControls that remember what they were told."""

    online: bool = True
    calls: list[str] = field(default_factory=list)

    def go_offline(self) -> None:
        self.calls.append("offline")
        self.online = False

    def go_online(self) -> None:
        self.calls.append("online")
        self.online = True

    def is_online(self) -> bool:
        return self.online

    def staff_pins(self) -> list[tuple[str, str, str]]:
        return [("李娜", "Cashier", "1234")]


def _window(qtbot, services, bridge, demo=None) -> MainWindow:
    window = MainWindow(services, bridge, store_name="静安寺店", demo=demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _sign_in(qtbot, window: MainWindow, person, pin: str) -> None:
    screen = window.sign_in_screen
    qtbot.mouseClick(screen.staff_button(person.staff_id), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, pin)
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def seeded(seed):
    seed.staff(seed.cashier, seed.manager)
    seed.orders(seed.order_row("o1", serial=23))
    return seed


def test_title_size_and_first_screen(qtbot, services, bridge) -> None:
    window = _window(qtbot, services, bridge)
    assert window.windowTitle() == "Storeside — 静安寺店"
    assert (window.width(), window.height()) == (1280, 800)
    assert window.screens.currentWidget() is window.sign_in_screen
    assert [action.text() for action in window.menuBar().actions()] == [
        "&Account",
        "&Sync",
        "&Help",
    ]


def test_right_pin_opens_the_cashier_screen(qtbot, services, bridge, seeded) -> None:
    window = _window(qtbot, services, bridge)
    _sign_in(qtbot, window, seeded.cashier, seeded.cashier.pin)
    assert window.screens.currentWidget() is window.manager_screen
    assert window.manager_screen.currentWidget() is window.cashier_screen
    assert window.staff == seeded.cashier.signed_in()
    assert window.cashier_screen.model.row_of("o1") == 0
    assert (
        window.sync_status_bar.person_label.text() == f"Signed in: {seeded.cashier.name} (Cashier)"
    )


def test_wrong_pin_stays_on_sign_in(qtbot, services, bridge, seeded) -> None:
    window = _window(qtbot, services, bridge)
    _sign_in(qtbot, window, seeded.cashier, "0000")
    assert window.screens.currentWidget() is window.sign_in_screen
    assert window.staff is None
    assert window.sign_in_screen.message_label.isVisible()


def test_sign_out_from_the_status_bar(qtbot, services, bridge, seeded) -> None:
    window = _window(qtbot, services, bridge)
    _sign_in(qtbot, window, seeded.manager, seeded.manager.pin)
    qtbot.mouseClick(window.sync_status_bar.sign_out_button, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.sign_in_screen
    assert window.staff is None
    assert window.cashier_screen.model.rowCount() == 0
    assert not window.sign_out_action.isEnabled()


def test_sync_status_from_the_bridge_reaches_the_status_bar(qtbot, services, bridge) -> None:
    window = _window(qtbot, services, bridge)
    status = SyncStatus(
        online=True,
        since=None,
        pending_count=0,
        oldest_pending_at=None,
        last_pull_at=None,
        last_push_at=None,
        needs_enrolment=True,
    )
    bridge.sync_status_changed(status)
    qtbot.waitUntil(
        lambda: window.sync_status_bar.sync_label.text() == "Device must be enrolled again"
    )


def test_unseen_rejections_show_at_start(qtbot, services, bridge, seeded) -> None:
    notice = seeded.rejected_command(
        "o1", staff_id=seeded.cashier.staff_id, reason="transition_refused"
    )
    window = _window(qtbot, services, bridge)
    assert window.notice_banner.isVisible()
    assert list(window.notice_banner.rows) == [notice.seq]


def test_demo_menu_switches_the_hub_and_lists_pins(qtbot, services, bridge, seeded) -> None:
    demo = FakeDemo()
    window = _window(qtbot, services, bridge, demo)
    assert window.hub_offline_action is not None
    assert not window.hub_offline_action.isChecked()
    window.hub_offline_action.trigger()
    window.hub_offline_action.trigger()
    assert demo.calls == ["offline", "online"]
    pins = [label.text() for label in window.sign_in_screen.findChildren(QLabel)]
    assert "1234" in pins


def test_work_waiting_for_the_first_paint_runs_once_after_it(qtbot, services, bridge) -> None:
    window = MainWindow(services, bridge, store_name="静安寺店")
    qtbot.addWidget(window)
    calls: list[str] = []
    window.call_after_first_paint(lambda: calls.append("sync started"))
    assert calls == []  # nothing runs before the window is even shown

    window.show()

    qtbot.waitUntil(lambda: calls == ["sync started"], timeout=3000)
    window.repaint()
    QCoreApplication.processEvents()
    # A later paint arms nothing: no call is waiting, so nothing can run again.
    assert not window._first_paint_timer.isActive()
    assert calls == ["sync started"]


def test_demo_menu_opens_a_handheld(qtbot, services, bridge) -> None:
    demo = FakeDemo()
    opened: list[str] = []
    window = MainWindow(
        services,
        bridge,
        store_name="静安寺店",
        demo=demo,
        open_handheld=lambda: opened.append("handheld"),
    )
    qtbot.addWidget(window)
    actions = {a.text(): a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()}

    actions["Open a handheld"].trigger()

    assert opened == ["handheld"]


def test_the_help_menu_lists_the_counter_keys(qtbot, services, bridge, seeded) -> None:
    window = _window(qtbot, services, bridge)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Help" in titles

    window.keys_action.trigger()

    dialog = window.cashier_screen.shortcuts.help_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    keys = [key.text() for key, _what in dialog.rows]
    assert {"F1", "F2", "F6"} <= set(keys)
