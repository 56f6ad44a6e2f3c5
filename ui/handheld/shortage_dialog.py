"""Report a line short: why, how many were found, with the customer's wish in view."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import OutOfStockPreference, ShortageReason
from ui.handheld.handheld_style import TOUCH_MIN_PX, touch_button
from ui.handheld.picking_words import shortage_reason_name
from ui.handheld.quantity_stepper import QuantityStepper
from ui.labels import out_of_stock_preference_name


class ShortageDialog(QDialog):
    """Accepted with a reason and the quantity found (0 up to one less than ordered)."""

    def __init__(
        self,
        line_name: str,
        ordered: int,
        found_so_far: int,
        preference: OutOfStockPreference,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HandheldDialog")
        self.setWindowTitle(self.tr("Report short"))
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(10)
        title = QLabel(self.tr("{name} is short").format(name=line_name))
        title.setObjectName("HandheldTitle")
        title.setWordWrap(True)
        column.addWidget(title)
        self.preference_label = QLabel(
            self.tr("The customer asked: {preference}").format(
                preference=out_of_stock_preference_name(preference)
            )
        )
        self.preference_label.setObjectName("WaitingManager")
        self.preference_label.setWordWrap(True)
        column.addWidget(self.preference_label)
        column.addWidget(QLabel(self.tr("Why?")))
        self._reasons = QButtonGroup(self)
        self._reasons.setExclusive(True)
        self.reason_buttons: dict[ShortageReason, QPushButton] = {}
        for reason in ShortageReason:
            button = QPushButton(shortage_reason_name(reason), self)
            button.setProperty("variant", "option")
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH_MIN_PX)
            self._reasons.addButton(button)
            self.reason_buttons[reason] = button
            column.addWidget(button)
        self._reasons.buttonClicked.connect(self._on_reasons_button_clicked)
        column.addWidget(
            QLabel(self.tr("How many did you find? (ordered {ordered})").format(ordered=ordered))
        )
        self.stepper = QuantityStepper(0, max(ordered - 1, 0), found_so_far, self)
        column.addWidget(self.stepper)
        column.addStretch(1)
        buttons = QHBoxLayout()
        self.cancel_button = touch_button(self.tr("Cancel"), self)
        self.report_button = touch_button(self.tr("Report short"), self, variant="primary")
        self.report_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.reject)
        self.report_button.clicked.connect(self.accept)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.report_button)
        column.addLayout(buttons)

    def reason(self) -> ShortageReason | None:
        """The reason chosen, if any."""
        checked = self._reasons.checkedButton()
        return next((r for r, b in self.reason_buttons.items() if b is checked), None)

    def quantity_found(self) -> int:
        """Units found."""
        return self.stepper.value()

    @Slot()
    def _on_reasons_button_clicked(self) -> None:
        self.report_button.setEnabled(self.reason() is not None)
