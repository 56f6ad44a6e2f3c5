"""Asks why a ticket is printed again; no reason, no reprint."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import wire_limits as limits
from app.services.print_journal import TicketView
from ui.labels import serial_text, ticket_kind_name


class ReprintDialog(QDialog):
    """A reason picked from common ones or typed; OK stays disabled while it is empty."""

    def __init__(self, ticket: TicketView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self.setWindowTitle(self.tr("Reprint a ticket"))
        self.setModal(True)
        column = QVBoxLayout(self)
        title = f"{ticket_kind_name(ticket.kind)} {serial_text(ticket.daily_serial)}"
        column.addWidget(
            QLabel(
                self.tr("Print {ticket} again? It will be marked REPRINT with your reason.").format(
                    ticket=title
                ),
                self,
            )
        )
        self.common_reasons = QComboBox(self)
        self.common_reasons.addItem(self.tr("Choose a common reason…"), "")
        for reason in (
            self.tr("Paper jam or unreadable print"),
            self.tr("Customer asked for a copy"),
            self.tr("Ticket lost in the kitchen"),
        ):
            self.common_reasons.addItem(reason, reason)
        self.common_reasons.currentIndexChanged.connect(self._on_common_reasons_changed)
        column.addWidget(self.common_reasons)
        self.reason_field = QLineEdit(self)
        self.reason_field.setMaxLength(limits.REASON_MAX)
        self.reason_field.setPlaceholderText(self.tr("Reason (required)"))
        self.reason_field.textChanged.connect(self._on_reason_field_text_changed)
        column.addWidget(self.reason_field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._update_ok()

    @property
    def ok_button(self) -> QPushButton:
        """The button that reprints."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def reason(self) -> str:
        """The reason given, trimmed."""
        return self.reason_field.text().strip()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    @Slot(int)
    def _on_common_reasons_changed(self, index: int) -> None:
        reason = self.common_reasons.itemData(index)
        if reason:
            self.reason_field.setText(str(reason))

    @Slot(str)
    def _on_reason_field_text_changed(self, _text: str) -> None:
        self._update_ok()
