"""Records who at the store hands an order over, and to whom (the rider, or the customer)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import wire_limits as limits
from app.domain.vocabulary import FulfilmentMode, HandoverParty
from app.read_models import OrderDetail, SignedInStaff
from ui.labels import handover_party_name, order_title

NAME_MAX_CHARS = limits.NAME_MAX


class HandoverDialog(QDialog):
    """Window-modal; open it with `open()` and read `party()` and `to_name()` on accept."""

    def __init__(
        self, order: OrderDetail, actor: SignedInStaff, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(
            self.tr("Hand over {order}").format(
                order=order_title(order.daily_serial, order.channel)
            )
        )
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        form = QFormLayout()
        form.addRow(self.tr("Handed over by"), QLabel(actor.name, self))
        layout.addLayout(form)
        self._group = QButtonGroup(self)
        self.party_buttons: dict[HandoverParty, QPushButton] = {}
        for party in HandoverParty:
            button = QPushButton(handover_party_name(party), self)
            button.setCheckable(True)
            button.setProperty("variant", "option")
            self._group.addButton(button)
            self.party_buttons[party] = button
            layout.addWidget(button)
        self._group.buttonClicked.connect(self._on_group_button_clicked)
        self.name_field = QLineEdit(self)
        self.name_field.setMaxLength(NAME_MAX_CHARS)
        self.name_field.setPlaceholderText(self.tr("Name (optional)"))
        layout.addWidget(self.name_field)
        buttons = QDialogButtonBox(self)
        self.hand_over_button = QPushButton(self.tr("Hand over"), self)
        self.hand_over_button.setProperty("variant", "primary")
        buttons.addButton(self.hand_over_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        usual = (
            HandoverParty.RIDER
            if order.fulfilment is FulfilmentMode.DELIVERY
            else HandoverParty.CUSTOMER
        )
        self.choose(usual)

    def choose(self, party: HandoverParty) -> None:
        """Pick `party`, filling in the name the order knows for them."""
        self.party_buttons[party].setChecked(True)
        rider = self.order.rider
        if party is HandoverParty.RIDER:
            self.name_field.setText(rider.name if rider is not None else "")
        else:
            self.name_field.setText(self.order.customer_name)

    def party(self) -> HandoverParty:
        """To whom the order is handed."""
        for party, button in self.party_buttons.items():
            if button.isChecked():
                return party
        return HandoverParty.CUSTOMER

    def to_name(self) -> str:
        """Their name as typed, trimmed."""
        return self.name_field.text().strip()

    @Slot()
    def _on_group_button_clicked(self) -> None:
        self.choose(self.party())
