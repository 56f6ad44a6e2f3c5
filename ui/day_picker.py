"""A store day chooser: previous day, a calendar, next day, today; used by the day views."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget


def to_qdate(day: date) -> QDate:
    """The same calendar date as a QDate."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    """The same calendar date as a datetime.date."""
    return date(day.year(), day.month(), day.day())


class DayPicker(QWidget):
    """Emits `day_chosen` with the day the person moved to, or None for "today".

    "Today" is left to the owner: it is the store's day (its timezone), which only a service
    knows. `display` sets the day on display without emitting.
    """

    day_chosen = Signal(object)
    """A datetime.date, or None when the person asked for today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(QLabel(self.tr("Day:"), self))
        self.previous_button = QPushButton(self.tr("◀ Previous day"), self)
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.row.addWidget(self.previous_button)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.row.addWidget(self.date_edit)
        self.next_button = QPushButton(self.tr("Next day ▶"), self)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.row.addWidget(self.next_button)
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.row.addWidget(self.today_button)
        self.row.addStretch(1)

    def day(self) -> date:
        """The day on display."""
        return from_qdate(self.date_edit.date())

    def display(self, day: date) -> None:
        """Display `day` without telling anyone."""
        if self.day() != day:
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(to_qdate(day))
            self.date_edit.blockSignals(False)

    @Slot(QDate)
    def _on_date_edit_date_changed(self, day: QDate) -> None:
        self.day_chosen.emit(from_qdate(day))

    @Slot()
    def _on_previous_button_clicked(self) -> None:
        self.day_chosen.emit(self.day() - timedelta(days=1))

    @Slot()
    def _on_next_button_clicked(self) -> None:
        self.day_chosen.emit(self.day() + timedelta(days=1))

    @Slot()
    def _on_today_button_clicked(self) -> None:
        self.day_chosen.emit(None)
