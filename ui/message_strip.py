"""A one-line message under a screen's controls: what just happened, or why it did not."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QLabel, QWidget

from ui.theme import Tone, set_tone

_CONFIRMATION_MS = 8000
"""How long a confirmation stays; refusals stay until the next message so none is missed."""


class MessageStrip(QLabel):
    """Hidden until told something; confirmations fade after a few seconds, problems stay."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageStrip")
        self.setWordWrap(True)
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.setInterval(_CONFIRMATION_MS)
        self._expiry.timeout.connect(self._on_expiry_timeout)
        self.hide()

    def show_message(self, text: str, tone: Tone) -> None:
        """Show `text` in `tone`; an OK message clears itself later."""
        self.setText(text)
        set_tone(self, tone)
        self.show()
        if tone is Tone.OK:
            self._expiry.start()
        else:
            self._expiry.stop()

    def clear_message(self) -> None:
        """Hide the strip."""
        self._expiry.stop()
        self.clear()
        self.hide()

    @Slot()
    def _on_expiry_timeout(self) -> None:
        self.clear_message()
