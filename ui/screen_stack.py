"""The window's screens, one shown at a time, the window sized by the one on show.

A plain QStackedWidget is as wide as its widest page: the counter's hidden order screen
would keep a handheld's window wider than the handheld. Pages not on show ask for no room.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget


class ScreenStack(QStackedWidget):
    """A QStackedWidget whose size hints are those of the page on show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._on_current_changed)

    def addWidget(self, page: QWidget) -> int:
        """Add `page`; it asks for room only while it is on show."""
        index = super().addWidget(page)
        self._on_current_changed(self.currentIndex())
        return index

    @Slot(int)
    def _on_current_changed(self, _index: int) -> None:
        shown = self.currentWidget()
        for index in range(self.count()):
            page = self.widget(index)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.updateGeometry()
