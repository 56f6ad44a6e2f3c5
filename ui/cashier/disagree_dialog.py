"""Asks why the store refuses a customer's cancel or refund request; a reason is required."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import wire_limits as limits
from app.read_models import OrderSummary
from ui.dialog_buttons import danger_buttons
from ui.labels import order_title, request_kind_name

REASON_MAX_CHARS = limits.REASON_MAX
"""The wire takes at most this much of the reason."""


class DisagreeDialog(QDialog):
    """Window-modal; open it with `open()` and read `reason()` on accept."""

    def __init__(self, order: OrderSummary, kind: str, parent: QWidget | None = None) -> None:
        """`kind` is the request's kind: "cancel" or "refund"."""
        super().__init__(parent)
        self.order = order
        self.kind = kind
        self.setWindowTitle(
            self.tr("Refuse the {request} of {order}").format(
                request=request_kind_name(kind).lower(),
                order=order_title(order.daily_serial, order.channel),
            )
        )
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        question = QLabel(self.tr("Why does the store refuse? The customer will read this."))
        question.setObjectName("BigValue")
        question.setWordWrap(True)
        layout.addWidget(question)
        self.reason_buttons: list[QPushButton] = []
        # The reasons stores give most often, in the interface's language: the customer reads
        # them as written, and a Chinese store's customers read Chinese.
        common = (
            self.tr("The food is already made."),
            self.tr("The order is ready and the rider has taken it."),
            self.tr("The goods have been opened and cannot be returned."),
        )
        for text in common:
            button = QPushButton(text, self)
            button.setProperty("variant", "option")
            button.setProperty("reason", text)
            button.clicked.connect(self._on_reason_button_clicked)
            layout.addWidget(button)
            self.reason_buttons.append(button)
        self.reason_field = QLineEdit(self)
        self.reason_field.setMaxLength(REASON_MAX_CHARS)
        self.reason_field.setPlaceholderText(self.tr("Or type the reason"))
        self.reason_field.textChanged.connect(self._on_reason_field_text_changed)
        layout.addWidget(self.reason_field)
        buttons, self.refuse_button = danger_buttons(
            self, self.tr("Refuse the request"), self.tr("Back")
        )
        layout.addWidget(buttons)

    def reason(self) -> str:
        """The reason given, trimmed ("" when none)."""
        return self.reason_field.text().strip()

    @Slot()
    def _on_reason_button_clicked(self) -> None:
        sender = self.sender()
        text = sender.property("reason") if sender is not None else None
        if isinstance(text, str):
            self.reason_field.setText(text)

    @Slot(str)
    def _on_reason_field_text_changed(self, _text: str) -> None:
        self.refuse_button.setEnabled(bool(self.reason()))
