"""Refused actions, dismissed or not, newest first: what the cashier or manager reopens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.notice_words import describe_notice
from ui.screen_services import ScreenServices

_SIZE = (720, 420)


class NoticeHistoryDialog(QDialog):
    """Lists every refused action still on record, each in words; read-only."""

    def __init__(self, services: ScreenServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refused actions"))
        self.resize(*_SIZE)
        column = QVBoxLayout(self)
        notices = services.notices.history()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        listing = QWidget(scroll)
        rows = QVBoxLayout(listing)
        rows.setSpacing(8)
        self.entries: list[QLabel] = []
        for notice in notices:
            text = describe_notice(services, notice)
            if notice.seen:
                text = self.tr("{text} (dismissed)").format(text=text)
            entry = QLabel(text, listing)
            entry.setObjectName("NoticeEntry")
            entry.setWordWrap(True)
            entry.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            entry.setEnabled(not notice.seen)
            rows.addWidget(entry)
            self.entries.append(entry)
        rows.addStretch(1)
        scroll.setWidget(listing)
        column.addWidget(scroll, 1)
        if notices:
            self.summary.setText(
                self.tr(
                    "Actions the hub did not apply, newest first. Each was refused on its own "
                    "(the order had changed at the hub, or the hub could not take it); "
                    "nothing else was held up."
                )
            )
        else:
            self.summary.setText(self.tr("The hub has applied every action from this device."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
