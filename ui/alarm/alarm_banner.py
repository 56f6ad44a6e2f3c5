"""The alarm's strip across the top of the window: deadlines about to pass, and a mute in force.

It follows `OrderAlarm.evaluated`, so it shows on every screen of the window, whoever is
signed in: each device computes it from its own cache of the store's orders.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.clock import Clock
from app.domain.new_order_alarm import AlarmDecision, WaitingOrder
from ui.alarm.order_alarm import OrderAlarm
from ui.labels import order_title
from ui.value_formats import format_clock_time

MAX_LINES = 3
"""Orders named one by one; the rest are counted."""


class AlarmBanner(QFrame):
    """Red lines for orders about to be cancelled by their channel; a grey line while muted."""

    def __init__(self, alarm: OrderAlarm, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmBanner")
        self._clock = clock
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 8, 20, 8)
        column.setSpacing(4)
        self.deadline_label = QLabel(self)
        self.deadline_label.setObjectName("AlarmDeadlines")
        self.deadline_label.setWordWrap(True)
        self.deadline_label.setStyleSheet(
            "background: #DC2626; color: white; font-size: 20px; font-weight: 700;"
            " padding: 10px 14px; border-radius: 6px;"
        )
        column.addWidget(self.deadline_label)
        self.mute_label = QLabel(self)
        self.mute_label.setObjectName("AlarmMute")
        self.mute_label.setStyleSheet("color: #6B7785; font-size: 14px;")
        column.addWidget(self.mute_label)
        self.deadline_label.hide()
        self.mute_label.hide()
        self.hide()
        alarm.evaluated.connect(self._on_alarm_evaluated)
        self.show_decision(alarm.decision)

    def show_decision(self, decision: AlarmDecision) -> None:
        """Render `decision`: hidden when nothing presses and nothing is muted."""
        now = self._clock()
        deadlines = self._deadline_text(decision.pressing, now)
        self.deadline_label.setText(deadlines)
        self.deadline_label.setVisible(bool(deadlines))
        mute = ""
        if decision.muted_until is not None:
            mute = self.tr("Alarm muted until {time}: new orders still flash.").format(
                time=format_clock_time(decision.muted_until, now)
            )
        self.mute_label.setText(mute)
        self.mute_label.setVisible(bool(mute))
        self.setVisible(bool(deadlines or mute))

    def _deadline_text(self, pressing: tuple[WaitingOrder, ...], now: datetime) -> str:
        lines = [self._deadline_line(order, now) for order in pressing[:MAX_LINES]]
        if len(pressing) > MAX_LINES:
            lines.append(
                self.tr("…and {count} more close to their deadline.").format(
                    count=len(pressing) - MAX_LINES
                )
            )
        return "\n".join(lines)

    def _deadline_line(self, order: WaitingOrder, now: datetime) -> str:
        title = order_title(order.daily_serial, order.channel)
        left = int((order.accept_by - now).total_seconds())
        if left < 0:
            return self.tr(
                "{order} is past its deadline: the channel may cancel it at any moment —"
                " accept or reject now"
            ).format(order=title)
        minutes, seconds = divmod(left, 60)
        return self.tr("{order} will be cancelled in {left} — accept or reject now").format(
            order=title, left=f"{minutes}:{seconds:02d}"
        )

    @Slot(object)
    def _on_alarm_evaluated(self, decision: AlarmDecision) -> None:
        self.show_decision(decision)
