"""The tray icon's menu: show the window, mute the alarm for a minute, quit (saying what waits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from app.domain.permissions import Permission
from app.domain.sync_events import SyncStatus
from app.services.alarm_preferences import AlarmPreferences
from app.services.device_preferences import SettingRefused
from ui.labels import print_refusal_text
from ui.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from ui.main_window import MainWindow

QUICK_MUTE_MIN: Final = 1
"""The tray's mute: long enough to take a phone call, short enough not to miss an order."""


class TrayMenu(QObject):
    """The menu of `window`'s tray icon (built without a tray too, where tests reach it)."""

    def __init__(
        self, window: MainWindow, bridge: SyncBridge, preferences: AlarmPreferences | None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._preferences = preferences
        self._pending = 0
        self.menu = QMenu(window)
        self.show_action = self.menu.addAction(self.tr("Show Storeside"))
        self.show_action.triggered.connect(self._on_show_action_triggered)
        self.mute_action = self.menu.addAction(self.tr("Mute the alarm for 1 minute"))
        self.mute_action.triggered.connect(self._on_mute_action_triggered)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction("")
        self.quit_action.triggered.connect(self._on_quit_action_triggered)
        self.menu.aboutToShow.connect(self._refresh)
        self.question: QMessageBox | None = None
        tray = window.alarm_tray
        if tray is not None and tray.icon is not None:
            tray.icon.setContextMenu(self.menu)
        bridge.status_changed.connect(self._on_bridge_status_changed)
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        window = self._window
        can_mute = None not in (window.order_alarm, window.staff, self._preferences)
        self.mute_action.setEnabled(can_mute)
        if self._pending:
            self.quit_action.setText(
                self.tr("Quit (%n action(s) not sent to the hub yet)", "", self._pending)
            )
        else:
            self.quit_action.setText(self.tr("Quit"))

    @Slot(object)
    def _on_bridge_status_changed(self, status: SyncStatus) -> None:
        self._pending = status.pending_count
        self._refresh()

    @Slot()
    def _on_show_action_triggered(self) -> None:
        window = self._window
        window.showNormal() if window.isMinimized() else window.show()
        window.activateWindow()

    @Slot()
    def _on_mute_action_triggered(self) -> None:
        window, preferences = self._window, self._preferences
        if window.order_alarm is None or preferences is None:
            return
        staff = window.staff_session.authorise(window, Permission.MUTE_ALARM, window.staff)
        if staff is None:
            return
        try:
            mute = preferences.mute_for(QUICK_MUTE_MIN, staff)
        except SettingRefused as refused:
            QMessageBox.warning(window, self.tr("Not muted"), print_refusal_text(refused.code))
            return
        window.order_alarm.settings_changed(mute, preferences.volume_percent())

    @Slot()
    def _on_quit_action_triggered(self) -> None:
        if not self._pending:
            self._quit()
            return
        self.question = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Quit Storeside?"),
            self.tr(
                "%n action(s) have not reached the hub yet. They are kept on this device and"
                " sent when Storeside runs again with the network up.",
                "",
                self._pending,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._window,
        )
        self.question.button(QMessageBox.StandardButton.Yes).setText(self.tr("Quit anyway"))
        self.question.button(QMessageBox.StandardButton.No).setText(self.tr("Keep running"))
        self.question.setDefaultButton(QMessageBox.StandardButton.No)
        self.question.finished.connect(self._on_question_finished)
        self.question.open()

    @Slot(int)
    def _on_question_finished(self, result: int) -> None:
        self.question = None
        if result == QMessageBox.StandardButton.Yes:
            self._quit()

    def _quit(self) -> None:
        self._window.close()
        QApplication.quit()
