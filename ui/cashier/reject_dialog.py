"""Asks why an order is rejected, offering only the reasons its channel accepts."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import wire_limits as limits
from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.read_models import OrderSummary
from ui.dialog_buttons import danger_buttons
from ui.labels import channel_name, reject_reason_name
from ui.length_counter import LengthCounter

NOTE_MAX_CHARS = limits.REASON_MAX
"""The wire takes at most this much of a reject note."""


class RejectDialog(QDialog):
    """Window-modal; open it with `open()` and read `chosen_reason()` and `note()` on accept."""

    def __init__(self, order: OrderSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(
            self.tr("Reject #{serial} ({channel})").format(
                serial=order.daily_serial, channel=channel_name(order.channel)
            )
        )
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        question = QLabel(self.tr("Why can the store not take this order?"))
        question.setObjectName("BigValue")
        question.setWordWrap(True)
        layout.addWidget(question)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.reason_buttons: dict[RejectReason, QPushButton] = {}
        for reason in CHANNEL_RULES[order.channel].reject_reasons:
            # Whole-width buttons rather than radio dots: easy to hit on a counter touchscreen.
            button = QPushButton(reject_reason_name(reason), self)
            button.setCheckable(True)
            button.setProperty("variant", "option")
            self._group.addButton(button)
            self.reason_buttons[reason] = button
            layout.addWidget(button)
        self._group.buttonToggled.connect(self._on_group_button_toggled)
        layout.addWidget(QLabel(self.tr("Note for the channel (optional)")))
        self.note_field = QPlainTextEdit(self)
        self.note_field.setFixedHeight(80)
        layout.addWidget(self.note_field)
        self.note_counter = LengthCounter(self.note_field, NOTE_MAX_CHARS, self)
        self.note_counter.changed.connect(self._on_note_counter_changed)
        layout.addWidget(self.note_counter)
        warning = QLabel(self.tr("The customer is told at once; this cannot be undone."))
        warning.setObjectName("Hint")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        layout.addWidget(self._build_buttons())

    def _build_buttons(self) -> QDialogButtonBox:
        buttons, self.reject_button = danger_buttons(
            self, self.tr("Reject order"), self.tr("Keep the order")
        )
        return buttons

    def chosen_reason(self) -> RejectReason | None:
        """The reason picked, if any."""
        for reason, button in self.reason_buttons.items():
            if button.isChecked():
                return reason
        return None

    def note(self) -> str:
        """The note typed, trimmed."""
        return self.note_field.toPlainText().strip()

    def _update_reject_button(self) -> None:
        self.reject_button.setEnabled(self.chosen_reason() is not None and self.note_counter.fits())

    @Slot(QAbstractButton, bool)
    def _on_group_button_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        self._update_reject_button()

    @Slot(bool)
    def _on_note_counter_changed(self, _fits: bool) -> None:
        self._update_reject_button()
