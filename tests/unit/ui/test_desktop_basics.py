"""What the desktop keeps between starts, and the tray's menu: show, mute a minute, quit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.sync_events import SyncStatus
from app.services.alarm_preferences import AlarmPreferences
from app.services.device_preferences import DevicePreferences
from ui.desktop_settings import DesktopSettings, WindowMemory
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.tray_menu import TrayMenu


def _window(qtbot, services, bridge) -> MainWindow:
    window = MainWindow(services, bridge, store_name="静安寺店")
    qtbot.addWidget(window)
    return window


def _status(pending: int) -> SyncStatus:
    return SyncStatus(
        online=False,
        since=None,
        pending_count=pending,
        oldest_pending_at=None,
        last_pull_at=None,
        last_push_at=None,
    )


def test_the_window_and_its_split_come_back_as_they_were_left(
    qtbot, services, bridge, tmp_path: Path
) -> None:
    settings = DesktopSettings(tmp_path / "storeside.ini")
    first = _window(qtbot, services, bridge)
    memory = WindowMemory(first, settings)
    assert not memory.restored
    first.resize(760, 560)  # within the offscreen screen (800×600), as on a real one
    first.show()
    qtbot.waitExposed(first)
    columns = first.cashier_screen.columns
    columns.setSizes([250, 480])
    split, size = columns.sizes(), (first.width(), first.height())
    first.close()

    again = _window(qtbot, services, bridge)
    memory = WindowMemory(again, DesktopSettings(tmp_path / "storeside.ini"))
    again.show()
    qtbot.waitExposed(again)

    assert memory.restored
    assert (again.width(), again.height()) == size
    assert again.cashier_screen.columns.sizes() == split
    assert size != DEFAULT_SIZE


def test_the_hub_address_is_remembered_in_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "storeside.ini"
    assert DesktopSettings(path).hub_url() == ""
    DesktopSettings(path).set_hub_url("https://hub.example.cn")
    assert DesktopSettings(path).hub_url() == "https://hub.example.cn"
    assert "https://hub.example.cn" in path.read_text(encoding="utf-8")


@pytest.fixture
def alarmed(services, db, clock):
    preferences = AlarmPreferences(DevicePreferences(db, clock), clock)
    return replace(services, alarm_preferences=preferences), preferences


def test_the_tray_mutes_the_alarm_for_a_minute_as_the_person_signed_in(
    qtbot, alarmed, bridge, seed, clock
) -> None:
    services, preferences = alarmed
    seed.staff(seed.cashier)
    window = _window(qtbot, services, bridge)
    tray = TrayMenu(window, bridge, preferences)
    tray.menu.aboutToShow.emit()
    assert not tray.mute_action.isEnabled()  # nobody signed in: nobody to mute as

    window.staff = seed.cashier.signed_in()
    tray.menu.aboutToShow.emit()
    tray.mute_action.trigger()

    mute = preferences.mute_state()
    assert mute.staff_id == seed.cashier.staff_id
    assert mute.until is not None
    assert (mute.until - clock()).total_seconds() == 60
    assert window.order_alarm is not None
    assert window.order_alarm.decision.muted_until == mute.until


def test_quit_says_how_many_actions_wait_and_asks_first(qtbot, services, bridge) -> None:
    window = _window(qtbot, services, bridge)
    window.show()
    tray = TrayMenu(window, bridge, None)
    assert tray.quit_action.text() == "Quit"

    bridge.sync_status_changed(_status(3))
    qtbot.waitUntil(lambda: tray.quit_action.text() == "Quit (3 actions not sent to the hub yet)")
    tray.quit_action.trigger()

    question = tray.question
    assert question is not None
    assert question.text().startswith("3 actions have not reached the hub yet.")
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tray.question is None)
    assert window.isVisible()
