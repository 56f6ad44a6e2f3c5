"""A label and a button for text that may be longer than its room (names, data, a reply's
gloss): each shows what fits with "…" and the whole text as its tooltip, never cut off
mid-letter."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

_LEAST_LETTERS = 4
"""The least a squeezed label keeps room for: a few letters and the ellipsis."""
_BUTTON_PADDING = 19
"""Room a button's border and padding take on each side of its text (ui/theme.py: 18 + 1)."""


class ElidedLabel(QLabel):
    """A QLabel whose text is elided on the right to its width; `full_text` is the whole."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        """The text before eliding."""
        return self._full

    def setText(self, text: str) -> None:
        """Show `text`, elided to the label's width."""
        self._full = text
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        least = self.fontMetrics().averageCharWidth() * _LEAST_LETTERS
        return QSize(min(least, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class ElidedButton(QPushButton):
    """A push button whose lines are elided to its width (a narrow pane never widens for
    it); `full_text` is the whole text, which the tooltip shows when a line is cut and the
    button has no tooltip of its own."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setText(text)

    def full_text(self) -> str:
        """The text before eliding."""
        return self._full

    def setText(self, text: str) -> None:
        """Show `text`, each line elided to the button's width."""
        self._full = text
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in self._lines())
        return QSize(widest + 2 * _BUTTON_PADDING, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        least = self.fontMetrics().averageCharWidth() * _LEAST_LETTERS + 2 * _BUTTON_PADDING
        return QSize(min(least, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _lines(self) -> list[str]:
        return self._full.split("\n") or [""]

    def _elide(self) -> None:
        room = self.width() - 2 * _BUTTON_PADDING
        metrics = self.fontMetrics()
        shown = "\n".join(
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in self._lines()
        )
        if shown != super().text():
            super().setText(shown)
        if shown != self._full and not self.toolTip():
            self.setToolTip(self._full)  # unless the caller gave it a tooltip of its own
