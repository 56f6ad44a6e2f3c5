"""How many of a multiple were picked: asked after a scan of a line ordered more than once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.handheld.handheld_style import touch_button
from ui.handheld.quantity_stepper import QuantityStepper


class QuantityDialog(QDialog):
    """Asks for 1..`remaining` units of `line_name`; accepted with the count chosen."""

    def __init__(self, line_name: str, remaining: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HandheldDialog")
        self.setWindowTitle(self.tr("How many?"))
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(14)
        title = QLabel(self.tr("How many of {name} are in your hand?").format(name=line_name))
        title.setObjectName("HandheldTitle")
        title.setWordWrap(True)
        column.addWidget(title)
        hint = QLabel(
            self.tr("{remaining} still to pick on this line.").format(remaining=remaining)
        )
        hint.setObjectName("HandheldHint")
        column.addWidget(hint)
        self.stepper = QuantityStepper(1, remaining, remaining, self)
        column.addWidget(self.stepper)
        column.addStretch(1)
        buttons = QHBoxLayout()
        self.cancel_button = touch_button(self.tr("Cancel"), self)
        self.count_button = touch_button(self.tr("Count"), self, variant="primary")
        self.cancel_button.clicked.connect(self.reject)
        self.count_button.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.count_button)
        column.addLayout(buttons)

    def quantity(self) -> int:
        """The count chosen."""
        return self.stepper.value()
