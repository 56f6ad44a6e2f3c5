"""Desktop notices of the alarm: a tray balloon where a tray exists, a taskbar alert always."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from app.domain.new_order_alarm import AlarmDecision, AlarmLevel
from ui.alarm.order_alarm import OrderAlarm
from ui.app_icon import app_icon
from ui.labels import order_title

BALLOON_MS = 8000
"""How long a tray balloon stays up."""


class AlarmTray(QObject):
    """Tells the desktop when the alarm rings: once per newly arrived order, and on escalation."""

    def __init__(self, alarm: OrderAlarm, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._told: frozenset[str] = frozenset()
        self._escalated = False
        self.messages: list[tuple[str, str]] = []
        """Every (title, text) told, newest last: what a tray would have shown."""
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(self)
            self.icon.setIcon(app_icon())
            self.icon.setToolTip(self.tr("Storeside"))
            self.icon.show()
        alarm.rang.connect(self._on_alarm_rang)

    @Slot(object)
    def _on_alarm_rang(self, decision: AlarmDecision) -> None:
        # The taskbar entry asks for attention on every ring; balloons only say what is new.
        QApplication.alert(self._window)
        escalated = decision.level is AlarmLevel.ESCALATED
        fresh = decision.ringing - self._told
        self._told = decision.ringing
        if escalated and not self._escalated and decision.pressing:
            first = decision.pressing[0]
            self._tell(
                self.tr("Deadline close"),
                self.tr("{order}: accept or reject now, or the channel cancels it.").format(
                    order=order_title(first.daily_serial, first.channel)
                ),
            )
        elif fresh:
            self._tell(
                self.tr("New orders"),
                self.tr("%n new order(s) waiting to be accepted.", "", len(decision.ringing)),
            )
        self._escalated = escalated

    def _tell(self, title: str, text: str) -> None:
        self.messages.append((title, text))
        if self.icon is not None:
            self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, BALLOON_MS)
