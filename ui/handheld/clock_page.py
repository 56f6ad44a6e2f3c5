"""Clock in: a picker off duty gets no tasks; one big button at the bottom puts them on duty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.handheld.handheld_style import touch_button


class ClockPage(QWidget):
    """Greets the picker and offers to clock in."""

    clock_in_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 24, 16, 16)
        column.setSpacing(14)
        self.greeting = QLabel()
        self.greeting.setObjectName("HandheldTitle")
        self.greeting.setWordWrap(True)
        column.addWidget(self.greeting)
        self.explanation = QLabel(
            self.tr(
                "You are off duty. Clock in to receive picking and packing tasks; clock out"
                " when you leave and your open tasks go to someone else."
            )
        )
        self.explanation.setObjectName("HandheldHint")
        self.explanation.setWordWrap(True)
        column.addWidget(self.explanation)
        column.addStretch(1)
        self.clock_in_button = touch_button(self.tr("Clock in"), self, variant="primary")
        self.clock_in_button.clicked.connect(self.clock_in_clicked)
        column.addWidget(self.clock_in_button)

    def greet(self, name: str) -> None:
        """Say hello to `name`."""
        self.greeting.setText(self.tr("Hello, {name}").format(name=name))
