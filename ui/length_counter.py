"""How much of a text's limit a person has used, shown under the field and never cut in silence.

A pasted text longer than the wire takes stays as pasted: the counter turns red and says so,
and the dialog keeps its action disabled until the person shortens it themselves.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from ui.theme import Tone, set_tone


class LengthCounter(QLabel):
    """'12 / 200' under a multi-line field; `changed` tells whether the text now fits."""

    changed = Signal(bool)

    def __init__(self, field: QPlainTextEdit, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Hint")
        self.setWordWrap(True)
        self._field = field
        self._limit = limit
        field.textChanged.connect(self._on_field_text_changed)
        self._show()

    def fits(self) -> bool:
        """Whether the field's text, trimmed, is within the limit."""
        return len(self._field.toPlainText().strip()) <= self._limit

    def _show(self) -> None:
        used = len(self._field.toPlainText().strip())
        if used <= self._limit:
            self.setText(self.tr("{used} / {limit}").format(used=used, limit=self._limit))
            set_tone(self, Tone.NEUTRAL)
        else:
            self.setText(
                self.tr("{used} / {limit}: {over} characters too many").format(
                    used=used, limit=self._limit, over=used - self._limit
                )
            )
            set_tone(self, Tone.ERROR)

    @Slot()
    def _on_field_text_changed(self) -> None:
        self._show()
        self.changed.emit(self.fits())
