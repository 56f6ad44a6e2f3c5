"""My tasks: the picker's dispatched tasks as large cards, the most pressing deadline first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.domain.vocabulary import TaskStatus
from app.read_models import TaskSummary
from ui.handheld.handheld_style import TOUCH_MIN_PX, touch_button
from ui.handheld.picking_words import task_kind_name, task_status_name, time_left_text
from ui.labels import channel_name, serial_text
from ui.theme import channel_badge_style

CARD_MIN_PX = 2 * TOUCH_MIN_PX
"""A task card is two touch targets high: easy to hit while walking."""


class TaskCard(QPushButton):
    """One task: channel badge, daily serial, kind, lines and the time left."""

    def __init__(self, task: TaskSummary, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = task
        self.setObjectName("TaskCard")
        self.setMinimumHeight(CARD_MIN_PX)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        serial = QLabel(serial_text(task.daily_serial) if task.daily_serial else "—")
        serial.setObjectName("HandheldSerial")
        column = QVBoxLayout()
        column.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(8)
        if task.channel is not None:
            badge = QLabel(channel_name(task.channel))
            badge.setStyleSheet(channel_badge_style(task.channel))
            top.addWidget(badge)
        state = task_kind_name(task.kind)
        if task.status is not TaskStatus.ASSIGNED:
            state = self.tr("{kind} · {status}").format(
                kind=state, status=task_status_name(task.status)
            )
        if task.paused:
            state = self.tr("{state} · paused").format(state=state)
        kind = QLabel(state)
        kind.setObjectName("HandheldHint")
        top.addWidget(kind)
        top.addStretch(1)
        column.addLayout(top)
        self.lines_label = QLabel(
            self.tr("%n line(s)", "", task.line_count) if task.line_count else ""
        )
        column.addWidget(self.lines_label)
        self.time_left_label = QLabel(time_left_text(task.due_at, now))
        self.time_left_label.setObjectName("HandheldHint")
        column.addWidget(self.time_left_label)
        row.addWidget(serial)
        row.addLayout(column, 1)
        for label in self.findChildren(QLabel):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(self.tr("Task {serial}").format(serial=serial.text()))


class TaskListPage(QWidget):
    """Lists tasks as given (the service orders them by deadline); a tap opens one."""

    task_chosen = Signal(str)
    """task_id: the picker tapped this task."""
    clock_out_clicked = Signal()

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.cards: list[TaskCard] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(10)
        self.title = QLabel(self.tr("My tasks"))
        self.title.setObjectName("HandheldTitle")
        column.addWidget(self.title)
        self.empty_label = QLabel(
            self.tr("No tasks for you yet. New ones appear here by themselves.")
        )
        self.empty_label.setObjectName("HandheldHint")
        self.empty_label.setWordWrap(True)
        column.addWidget(self.empty_label)
        self._holder = QWidget()
        self._cards_column = QVBoxLayout(self._holder)
        self._cards_column.setContentsMargins(0, 0, 0, 0)
        self._cards_column.setSpacing(10)
        self._cards_column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._holder)
        column.addWidget(scroll, 1)
        self.clock_out_button = touch_button(self.tr("Clock out"), self)
        self.clock_out_button.clicked.connect(self.clock_out_clicked)
        column.addWidget(self.clock_out_button)

    def show_tasks(self, tasks: Sequence[TaskSummary]) -> None:
        """Replace the cards with `tasks`, in the order given."""
        for card in self.cards:
            self._cards_column.removeWidget(card)
            card.hide()  # gone at once, not when the deferred delete comes
            card.deleteLater()
        now = self._clock()
        self.cards = []
        for position, task in enumerate(tasks):
            card = TaskCard(task, now, self._holder)
            card.clicked.connect(self._on_card_clicked)
            self._cards_column.insertWidget(position, card)
            self.cards.append(card)
        self.empty_label.setVisible(not tasks)

    def task_ids(self) -> list[str]:
        """The tasks on show, top to bottom."""
        return [card.task.task_id for card in self.cards]

    def card_of(self, task_id: str) -> TaskCard | None:
        """The card of `task_id`, if on show."""
        return next((c for c in self.cards if c.task.task_id == task_id), None)

    @Slot()
    def _on_card_clicked(self) -> None:
        card = self.sender()
        if isinstance(card, TaskCard):
            self.task_chosen.emit(card.task.task_id)
