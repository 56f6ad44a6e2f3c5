"""The day summary: orders and revenue by channel, time to accept, orders lost, for a chosen day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.day_summary import DayFigures, DaySummaries, DaySummary
from ui.day_picker import DayPicker
from ui.labels import channel_name
from ui.value_formats import format_money

_SIZE = (1120, 420)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_seconds(seconds: float | None) -> str:
    """A short span to the second: "45 s", "2 min 05 s"; "—" when there is none."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if minutes == 0:
        return QCoreApplication.translate("DaySummaryDialog", "{seconds} s").format(seconds=rest)
    return QCoreApplication.translate("DaySummaryDialog", "{minutes} min {seconds:02d} s").format(
        minutes=minutes, seconds=rest
    )


class DaySummaryDialog(QDialog):
    """One store day's figures, a row per channel and one for the whole store; read-only."""

    def __init__(self, summaries: DaySummaries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summaries = summaries
        self.summary: DaySummary | None = None
        self.setWindowTitle(self.tr("Day summary"))
        self.resize(*_SIZE)
        column = QVBoxLayout(self)
        self.day_picker = DayPicker(self)
        self.day_picker.day_chosen.connect(self.show_day)
        column.addWidget(self.day_picker)
        self.heading = QLabel(self)
        self.heading.setObjectName("SectionTitle")
        column.addWidget(self.heading)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Channel"),
                self.tr("Orders"),
                self.tr("Revenue"),
                self.tr("Average time to accept"),
                self.tr("Lost to deadline"),
                self.tr("Rejected"),
                self.tr("Cancelled"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.table, 1)
        note = QLabel(
            self.tr(
                "Revenue counts the orders neither rejected nor cancelled. Lost to deadline: "
                "cancelled because nobody accepted them in time. Cancelled: by the customer, "
                "the channel or the store."
            ),
            self,
        )
        note.setObjectName("Hint")
        note.setWordWrap(True)
        column.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.show_day(None)

    def show_day(self, day: date | None) -> None:
        """Show the figures of the store's `day` (today when None)."""
        summary = self._summaries.summary(day)
        self.day_picker.display(summary.day)
        self.summary = summary
        heading = self.tr("Today, {day}") if summary.is_today else self.tr("{day}")
        self.heading.setText(heading.format(day=summary.day.isoformat()))
        rows = [*summary.channels, summary.total]
        self.table.setRowCount(len(rows))
        for row, figures in enumerate(rows):
            self._fill_row(row, figures)

    def _fill_row(self, row: int, figures: DayFigures) -> None:
        name = self.tr("All channels") if figures.channel is None else channel_name(figures.channel)
        cells = (
            name,
            str(figures.orders),
            format_money(figures.revenue_cents),
            format_seconds(figures.average_accept_s),
            str(figures.lost_to_deadline),
            str(figures.rejected),
            str(figures.cancelled),
        )
        for position, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if position:
                item.setTextAlignment(_RIGHT)
            if figures.channel is None:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, position, item)
