"""The task's lines in shelf-route order, one big row each; tapping one makes it current."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import TaskLineStatus
from app.read_models import TaskLineView
from ui.handheld.handheld_style import TOUCH_MIN_PX
from ui.handheld.picking_words import line_location, shortage_decision_text

_MARKS = {
    TaskLineStatus.OPEN: "○",
    TaskLineStatus.PICKED: "✓",
    TaskLineStatus.SHORT_PENDING: "◐",
    TaskLineStatus.SHORT_RESOLVED: "✓",
}


class RouteLine(QPushButton):
    """One line: mark, location, name, units picked of ordered."""

    def __init__(self, line: TaskLineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setObjectName("RouteLine")
        self.setCheckable(True)
        self.setMinimumHeight(TOUCH_MIN_PX)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # No width of its own: a long product name is cut rather than widening the screen.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        text = self.tr("{mark} {location}  {name}  {picked}/{ordered}").format(
            mark=_MARKS.get(line.status, "○"),
            location=line_location(line),
            name=line.name,
            picked=line.picked_quantity,
            ordered=line.quantity,
        )
        if line.status is TaskLineStatus.SHORT_PENDING:
            text += "\n" + shortage_decision_text(None)
        self.setText(text)


class RouteList(QScrollArea):
    """Lines top to bottom as the service orders them (zone, aisle, shelf, position)."""

    line_chosen = Signal(str)
    """line_id: the picker tapped this line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._holder = QWidget()
        self._column = QVBoxLayout(self._holder)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(6)
        self._column.addStretch(1)
        self.setWidget(self._holder)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.buttonClicked.connect(self._on_group_button_clicked)
        self.rows: list[RouteLine] = []

    def show_lines(self, lines: Sequence[TaskLineView], current_line_id: str | None) -> None:
        """Replace the rows; the row of `current_line_id` is checked."""
        for row in self.rows:
            self._group.removeButton(row)
            self._column.removeWidget(row)
            row.hide()  # gone at once, not when the deferred delete comes
            row.deleteLater()
        self.rows = []
        for position, line in enumerate(lines):
            row = RouteLine(line, self._holder)
            self._group.addButton(row)
            self._column.insertWidget(position, row)
            row.setChecked(line.line_id == current_line_id)
            self.rows.append(row)

    def row_of(self, line_id: str) -> RouteLine | None:
        """The row of `line_id`, if on show."""
        return next((r for r in self.rows if r.line.line_id == line_id), None)

    @Slot(QPushButton)
    def _on_group_button_clicked(self, button: QPushButton) -> None:
        if isinstance(button, RouteLine):
            self.line_chosen.emit(button.line.line_id)
