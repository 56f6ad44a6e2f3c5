"""The buttons of a dialog that confirms something the customer hears of at once."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def danger_buttons(
    dialog: QDialog, confirm_text: str, back_text: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """A red confirm button, disabled until the dialog enables it, and a back button that is
    the default (Enter never confirms by accident). Returns the box and the confirm button."""
    buttons = QDialogButtonBox(dialog)
    confirm = QPushButton(confirm_text, dialog)
    confirm.setProperty("variant", "danger")
    confirm.setEnabled(False)
    buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
    back = buttons.addButton(back_text, QDialogButtonBox.ButtonRole.RejectRole)
    back.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, confirm
