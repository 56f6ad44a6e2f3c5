"""The line to pick now, big enough to read at arm's length: where, what, how many."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.vocabulary import TaskLineStatus
from app.read_models import TaskLineView
from ui.handheld.picking_words import (
    line_location,
    price_difference_text,
    shortage_decision_text,
    weight_text,
)


class CurrentLineCard(QFrame):
    """Location, name, quantity (or weight) and, for a short line, the manager's answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CurrentLine")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(4)
        self.location_label = QLabel(self)
        self.location_label.setObjectName("LineLocation")
        self.name_label = QLabel(self)
        self.name_label.setObjectName("LineName")
        self.name_label.setWordWrap(True)
        self.quantity_label = QLabel(self)
        self.quantity_label.setObjectName("LineQuantity")
        self.weight_label = QLabel(self)
        self.weight_label.setObjectName("HandheldHint")
        self.weight_label.setWordWrap(True)
        self.waiting_label = QLabel(self)
        self.waiting_label.setObjectName("WaitingManager")
        self.waiting_label.setWordWrap(True)
        for label in (
            self.location_label,
            self.name_label,
            self.quantity_label,
            self.weight_label,
            self.waiting_label,
        ):
            column.addWidget(label)
        self.show_line(None)

    def show_line(self, line: TaskLineView | None, *, all_done_text: str = "") -> None:
        """Show `line`; None shows `all_done_text` (every line is picked or waiting)."""
        if line is None:
            self.location_label.setText("")
            self.name_label.setText(all_done_text)
            for label in (self.quantity_label, self.weight_label, self.waiting_label):
                label.hide()
            return
        self.location_label.setText(line_location(line))
        self.name_label.setText(line.name)
        self.quantity_label.show()
        short = line.status in (TaskLineStatus.SHORT_PENDING, TaskLineStatus.SHORT_RESOLVED)
        if short:
            text = self.tr("Found {picked} of {ordered}").format(
                picked=line.picked_quantity, ordered=line.quantity
            )
        elif line.picked_quantity:
            text = self.tr("{picked} of {ordered} picked").format(
                picked=line.picked_quantity, ordered=line.quantity
            )
        else:
            text = self.tr("Pick {ordered}").format(ordered=line.quantity)
        self.quantity_label.setText(text)
        self.weight_label.setVisible(line.weighed)
        if line.weighed:
            text = weight_text(line.ordered_weight_g, line.actual_weight_g)
            if line.actual_weight_g is not None:
                text += "\n" + price_difference_text(line.price_difference_cents)
            self.weight_label.setText(text)
        self.waiting_label.setVisible(short)
        if short:
            self.waiting_label.setText(
                shortage_decision_text(line.shortage_decision, line.substitute_name)
            )
