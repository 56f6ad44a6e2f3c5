"""First start against a real hub: its address, the store code and a one-time code, then enrol."""

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

from app.domain.enrolment_problems import EnrolmentProblem
from ui.enrolment_words import enrolment_problem_text
from ui.theme import STYLESHEET, Tone, set_tone

Enrol = Callable[[str, str, str], EnrolmentProblem | None]
"""Enrols with (hub address, store code, one-time code): None on success, else what stopped it
(app.enrolment.enrol_with_codes)."""

_POLL_MS = 100


class EnrolmentDialog(QDialog):
    """Asks for the codes and enrols off the UI thread; accepted once the hub said yes."""

    def __init__(self, hub_url: str, enrol: Enrol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enrol = enrol
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._pending: Future[EnrolmentProblem | None] | None = None
        self._store_code = ""
        self.hub_url = hub_url
        """The address typed last: the one enrolled with once the dialog is accepted."""
        self.setWindowTitle(self.tr("Enrol this device"))
        self.setStyleSheet(STYLESHEET)
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "This device is not enrolled with the store's order hub yet. Ask the manager"
                " for the hub's address, the store code and a one-time enrolment code."
            )
        )
        intro.setWordWrap(True)
        self.hub_url_field = QLineEdit(hub_url)
        self.hub_url_field.setPlaceholderText(self.tr("e.g. https://hub.example.cn"))
        self.store_code_field = QLineEdit()
        self.store_code_field.setPlaceholderText(self.tr("e.g. DEMO01"))
        self.code_field = QLineEdit()
        self.code_field.setPlaceholderText(self.tr("one-time enrolment code from the hub"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("enrolmentMessage")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.enrol_button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.enrol_button.setText(self.tr("Enrol"))
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Hub address"), self.hub_url_field)
        form.addRow(self.tr("Store code"), self.store_code_field)
        form.addRow(self.tr("Enrolment code"), self.code_field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self._buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        hub_url = self.hub_url_field.text().strip().rstrip("/")
        store_code, code = self.store_code_field.text().strip(), self.code_field.text().strip()
        if not hub_url or not store_code or not code:
            self._show_error(
                self.tr("Type the hub's address, the store code and the enrolment code.")
            )
            return
        self.hub_url = hub_url
        self._store_code = store_code
        self._buttons.setEnabled(False)
        self.message_label.setText(self.tr("Enrolling…"))
        set_tone(self.message_label, Tone.NEUTRAL)
        self._pending = self._pool.submit(self._enrol, hub_url, store_code, code)
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
            self.show_problem(problem)

    def show_problem(self, problem: EnrolmentProblem) -> None:
        """Say in words why the device is not enrolled yet, and what to do about it."""
        self._show_error(
            enrolment_problem_text(problem, address=self.hub_url, store_code=self._store_code)
        )

    def _show_error(self, text: str) -> None:
        self.message_label.setText(text)
        set_tone(self.message_label, Tone.ERROR)

    def done(self, result: int) -> None:
        """Close the dialog and its worker thread."""
        self._pool.shutdown(wait=False)
        super().done(result)
