"""A number picked with two big buttons, for thumbs rather than keyboards."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.handheld.handheld_style import TOUCH_MIN_PX


class QuantityStepper(QWidget):
    """− value +, between `minimum` and `maximum`."""

    value_changed = Signal(int)

    def __init__(
        self, minimum: int, maximum: int, value: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._minimum = minimum
        self._maximum = max(minimum, maximum)
        self._value = min(max(value, self._minimum), self._maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.minus_button = QPushButton("−", self)
        self.plus_button = QPushButton("+", self)
        for button in (self.minus_button, self.plus_button):
            button.setFixedSize(TOUCH_MIN_PX + 16, TOUCH_MIN_PX + 8)
            button.setStyleSheet("font-size: 30px; font-weight: 800;")
            button.setAutoRepeat(True)
        self.minus_button.setAccessibleName(self.tr("One less"))
        self.plus_button.setAccessibleName(self.tr("One more"))
        self.value_label = QLabel(self)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value_label.setStyleSheet("font-size: 40px; font-weight: 800;")
        row.addWidget(self.minus_button)
        row.addWidget(self.value_label, 1)
        row.addWidget(self.plus_button)
        self.minus_button.clicked.connect(self._on_minus_button_clicked)
        self.plus_button.clicked.connect(self._on_plus_button_clicked)
        self._show()

    def value(self) -> int:
        """The number chosen."""
        return self._value

    def set_value(self, value: int) -> None:
        """Choose `value` (kept within the bounds)."""
        self._value = min(max(value, self._minimum), self._maximum)
        self._show()
        self.value_changed.emit(self._value)

    def _show(self) -> None:
        self.value_label.setText(str(self._value))
        self.minus_button.setEnabled(self._value > self._minimum)
        self.plus_button.setEnabled(self._value < self._maximum)

    @Slot()
    def _on_minus_button_clicked(self) -> None:
        self.set_value(self._value - 1)

    @Slot()
    def _on_plus_button_clicked(self) -> None:
        self.set_value(self._value + 1)
