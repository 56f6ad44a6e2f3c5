"""The status bar's catch-up bar: how far a long catch-up has come, its counts in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QProgressBar, QSizePolicy, QWidget

from app.domain.sync_events import CatchUpProgress

_PADDING_PX = 20
"""Room beside the words inside the bar (its border and rounded ends)."""
_NARROWEST_PX = 64
"""The least room the bar takes: a bar alone, the words in its tooltip, still says "busy"."""


def describe_catch_up(progress: CatchUpProgress) -> str:
    """The catch-up in words: "Receiving changes from the hub: 1,200 of 5,000" (numbers
    grouped as the language writes them)."""
    received, total = _numbers(progress)
    return QCoreApplication.translate(
        "CatchUpBar", "Receiving changes from the hub: {received} of {total}"
    ).format(received=received, total=total)


def describe_catch_up_briefly(progress: CatchUpProgress) -> str:
    """The counts alone, "1,200 of 5,000", for a bar left too little room for the sentence."""
    received, total = _numbers(progress)
    return QCoreApplication.translate("CatchUpBar", "{received} of {total}").format(
        received=received, total=total
    )


def _numbers(progress: CatchUpProgress) -> tuple[str, str]:
    locale = QLocale()
    return locale.toString(progress.received), locale.toString(progress.total)


class CatchUpBar(QProgressBar):
    """A determinate bar of records received out of the catch-up's total, with the counts in
    words on it (the whole sentence also as its tooltip).

    It asks for room for the sentence and makes do with less, so that in a narrow window the
    signed-in person and Sign out stay on screen: then it says only "1,200 of 5,000", or,
    narrower still, nothing (the tooltip keeps the sentence). Its width follows the total,
    not the growing count, so the widgets beside it do not move at every page.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CatchUpBar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._words = ""
        self._brief = ""
        self._widest = ""

    def show_progress(self, progress: CatchUpProgress) -> None:
        """Show `progress`: the bar filled to received out of total, the counts in words."""
        self._words = describe_catch_up(progress)
        self._brief = describe_catch_up_briefly(progress)
        widest = describe_catch_up(CatchUpProgress(received=progress.total, remaining=0))
        if widest != self._widest:
            self._widest = widest
            self.updateGeometry()
        # QProgressBar.setValue repaints at once (a synchronous paint of the bar and what
        # lies under it, ~15 ms a page during a first sync); with updates off it schedules
        # nothing, and turning them on again asks for one ordinary, coalesced update.
        self.setUpdatesEnabled(False)
        try:
            self.setRange(0, max(progress.total, 1))
            self.setValue(progress.received)
            self.setToolTip(self._words)
            self._fit_words()
        finally:
            self.setUpdatesEnabled(True)

    def sizeHint(self) -> QSize:
        """Room for the whole sentence at the catch-up's end."""
        return QSize(self._text_width(self._widest), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """A short bar with no words."""
        return QSize(_NARROWEST_PX, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Choose the sentence or the counts alone for the room the bar was given."""
        super().resizeEvent(event)
        self._fit_words()

    def _fit_words(self) -> None:
        # The words are set as the format: Qt's own %v and %m would drop the group separators.
        fitting = [text for text in (self._words, self._brief) if self._fits(text)]
        self.setFormat(fitting[0] if fitting else "")
        self.setTextVisible(bool(fitting))

    def _fits(self, text: str) -> bool:
        return self._text_width(text) <= self.width()

    def _text_width(self, text: str) -> int:
        self.ensurePolished()
        return self.fontMetrics().horizontalAdvance(text) + _PADDING_PX
