"""The PIN prompt before a sensitive action: the person's own PIN again, or a manager's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QRegularExpression, Slot
from PySide6.QtGui import QRegularExpressionValidator
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

from app.read_models import SignedInStaff, StaffCard
from app.services.sign_in import NotAllowed, SignInRefused
from ui.message_strip import MessageStrip
from ui.theme import Tone
from ui.value_formats import format_clock_time

PinCheck = Callable[[str, str], SignedInStaff]
"""(staff id, PIN) → the person approved; raises SignInRefused or NotAllowed."""

_PIN_MAX_DIGITS = 8
DIALOG_WIDTH = 420


def refusal_text(refusal: SignInRefused, now: datetime) -> str:
    """What a person reads when a PIN was not accepted (never which part was wrong)."""
    if refusal.storage_full:
        return QCoreApplication.translate(
            "PinPrompt",
            "This device's disk is full: nothing can be saved, so nobody can sign in until "
            "space is freed. Call the manager.",
        )
    if refusal.locked_until is not None:
        until = format_clock_time(refusal.locked_until, now)
        return QCoreApplication.translate(
            "PinPrompt",
            "Locked after too many wrong PINs until {until}, or until a manager unlocks.",
        ).format(until=until)
    return QCoreApplication.translate("PinPrompt", "That PIN is not right. Please try again.")


class PinPromptDialog(QDialog):
    """Asks one of `people` for their PIN; `approved` holds the result once accepted."""

    def __init__(
        self,
        title: str,
        reason: str,
        people: Sequence[StaffCard],
        check: PinCheck,
        *,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PinPromptDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(DIALOG_WIDTH)
        self._check = check
        self._clock = clock
        self.approved: SignedInStaff | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        heading = QLabel(title, self)
        heading.setObjectName("ScreenTitle")
        layout.addWidget(heading)
        explanation = QLabel(reason, self)
        explanation.setWordWrap(True)
        explanation.setObjectName("Hint")
        layout.addWidget(explanation)
        self.person_box = QComboBox(self)
        self.person_box.setAccessibleName(self.tr("Who approves"))
        for card in people:
            self.person_box.addItem(card.name, card.staff_id)
        # One possible person: nothing to pick, their name says whose PIN goes in.
        self.person_box.setVisible(len(people) > 1)
        layout.addWidget(self.person_box)
        self.who_label = QLabel(self)
        self.who_label.setObjectName("BigValue")
        if len(people) == 1:
            self.who_label.setText(self.tr("PIN of {name}").format(name=people[0].name))
        self.who_label.setVisible(len(people) == 1)
        layout.addWidget(self.who_label)
        self.pin_field = QLineEdit(self)
        self.pin_field.setObjectName("PinField")
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(_PIN_MAX_DIGITS)
        self.pin_field.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d*"), self.pin_field)
        )
        self.pin_field.setPlaceholderText(self.tr("PIN"))
        self.pin_field.setAccessibleName(self.tr("PIN"))
        layout.addWidget(self.pin_field)
        self.message_label = MessageStrip(self)
        layout.addWidget(self.message_label)
        buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(self.tr("Confirm"), self)
        self.confirm_button.setProperty("variant", "primary")
        self.confirm_button.setEnabled(bool(people))
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self._on_confirm_button_clicked)
        self.pin_field.returnPressed.connect(self._on_confirm_button_clicked)
        layout.addWidget(buttons)
        if not people:
            self.message_label.show_message(
                self.tr("Nobody on this device may approve this."),
                Tone.WARNING,
            )
        self.pin_field.setFocus()

    def pick(self, staff_id: str) -> None:
        """Choose who types their PIN (KeyError when they are not offered)."""
        index = self.person_box.findData(staff_id)
        if index < 0:
            raise KeyError(staff_id)
        self.person_box.setCurrentIndex(index)

    @Slot()
    def _on_confirm_button_clicked(self) -> None:
        staff_id = self.person_box.currentData()
        pin = self.pin_field.text()
        if not isinstance(staff_id, str):
            return
        if not pin:
            self.message_label.show_message(self.tr("Type the PIN first."), Tone.ERROR)
            return
        self.pin_field.clear()
        try:
            self.approved = self._check(staff_id, pin)
        except SignInRefused as refusal:
            self.message_label.show_message(refusal_text(refusal, self._clock()), Tone.ERROR)
            return
        except NotAllowed:
            self.message_label.show_message(self.tr("This person may not approve it."), Tone.ERROR)
            return
        self.accept()
