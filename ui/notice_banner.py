"""The red banner across the top: actions the hub refused, each shown until someone dismisses it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.sync_events import RejectionNotice
from ui.notice_words import describe_notice
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge


class NoticeRow(QWidget):
    """One refused action in words, with its Dismiss button."""

    def __init__(self, notice: RejectionNotice, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        row.addWidget(self.dismiss_button)


class NoticeBanner(QFrame):
    """Non-modal: lists unacknowledged hub rejections; Dismiss acknowledges one for good."""

    def __init__(
        self, services: ScreenServices, bridge: SyncBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBanner")
        self._services = services
        self.rows: dict[int, NoticeRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 10, 20, 10)
        self._layout.setSpacing(6)
        bridge.rejection_received.connect(self._on_bridge_rejection_received)
        self.hide()

    def load_unseen(self) -> None:
        """Show every rejection not yet acknowledged (those from before a restart included)."""
        for notice in self._services.notices.unseen():
            self.add_notice(notice)

    def add_notice(self, notice: RejectionNotice) -> None:
        """Show `notice` unless it is already shown, or auto-accept absorbs it (decision 012)."""
        if notice.seq in self.rows:
            return
        auto_accept = self._services.auto_accept
        if auto_accept is not None and auto_accept.absorbs(notice):
            return
        row = NoticeRow(notice, self.describe(notice), self)
        row.dismiss_button.clicked.connect(self._on_row_dismiss_clicked)
        self.rows[notice.seq] = row
        self._layout.addWidget(row)
        self.show()

    def describe(self, notice: RejectionNotice) -> str:
        """The notice in words: which order, whose action, when, and why it was not applied."""
        return describe_notice(self._services, notice)

    @Slot()
    def _on_row_dismiss_clicked(self) -> None:
        button = self.sender()
        row = button.parent() if button is not None else None
        if not isinstance(row, NoticeRow):
            return
        self._services.notices.acknowledge(row.notice.seq)
        del self.rows[row.notice.seq]
        self._layout.removeWidget(row)
        row.deleteLater()
        self.setVisible(bool(self.rows))

    @Slot(object)
    def _on_bridge_rejection_received(self, notice: RejectionNotice) -> None:
        self.add_notice(notice)
