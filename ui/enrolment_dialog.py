"""First start against a real hub: the manager types the store code and a one-time code."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

Enrol = Callable[[str, str], str | None]
"""Enrols with (store code, one-time code); returns None on success or a sentence saying why not."""

_POLL_MS = 100


class EnrolmentDialog(QDialog):
    """Asks for the codes and enrols off the UI thread; accepted once the hub said yes."""

    def __init__(self, hub_url: str, enrol: Enrol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enrol = enrol
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._pending: Future[str | None] | None = None
        self.setWindowTitle(self.tr("Enrol this device"))
        intro = QLabel(
            self.tr("This device is not enrolled with the order hub at %1 yet.").replace(
                "%1", hub_url
            )
        )
        intro.setWordWrap(True)
        self._store_code = QLineEdit()
        self._store_code.setPlaceholderText(self.tr("e.g. DEMO01"))
        self._code = QLineEdit()
        self._code.setPlaceholderText(self.tr("one-time enrolment code from the hub"))
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._message.setObjectName("enrolmentMessage")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enrol"))
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Store code"), self._store_code)
        form.addRow(self.tr("Enrolment code"), self._code)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        store_code, code = self._store_code.text().strip(), self._code.text().strip()
        if not store_code or not code:
            self._message.setText(self.tr("Type both the store code and the enrolment code."))
            return
        self._buttons.setEnabled(False)
        self._message.setText(self.tr("Enrolling…"))
        self._pending = self._pool.submit(self._enrol, store_code, code)
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._pending is None or not self._pending.done():
            return
        self._timer.stop()
        problem = self._pending.result()
        self._pending = None
        self._buttons.setEnabled(True)
        if problem is None:
            self.accept()
        else:
            self._message.setText(problem)

    def done(self, result: int) -> None:
        """Close the dialog and its worker thread."""
        self._pool.shutdown(wait=False)
        super().done(result)
