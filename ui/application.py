"""The Qt application object: created once, themed, translated, and run."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.app_icon import app_icon
from ui.garbage_collection import GuiThreadGarbageCollector
from ui.languages import Language, install_language

if TYPE_CHECKING:
    from ui.enrolment_dialog import Enrol

log = logging.getLogger(__name__)


class QtApplication:
    """Owns the QApplication; the composition root builds the window and calls `run`."""

    def __init__(
        self, argv: list[str] | None = None, language: Language = Language.ENGLISH
    ) -> None:
        """`language`: what the interface speaks (ui/languages.py chooses it)."""
        existing = QApplication.instance()
        self.app = (
            existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
        )
        self.app.setApplicationName("Storeside")
        self.app.setOrganizationName("Storeside")
        self.app.setWindowIcon(app_icon())
        font = QFont(self.app.font())
        font.setPointSize(max(font.pointSize(), 11))
        self.app.setFont(font)
        self._translators = install_language(self.app, language)
        self._collector = GuiThreadGarbageCollector(self.app)

    def ask_enrolment(self, hub_url: str, enrol: Enrol) -> str | None:
        """Show the enrolment dialog until the hub enrols the device or the person cancels;
        the hub's address enrolled with, or None."""
        from ui.enrolment_dialog import EnrolmentDialog  # noqa: PLC0415 -- first start only

        dialog = EnrolmentDialog(hub_url, enrol)
        if dialog.exec() != EnrolmentDialog.DialogCode.Accepted:
            return None
        return dialog.hub_url

    def tell_database_recovered(self, *, requeued: int, kept_at: str, exported_to: str) -> None:
        """Tell the person, before anything else, that the device database was damaged."""
        DatabaseRecoveredBox(requeued=requeued, kept_at=kept_at, exported_to=exported_to).exec()

    def run(self) -> int:
        """Run the event loop until the last window closes; returns the exit code."""
        try:
            return self.app.exec()
        finally:
            self._collector.stop()


class DatabaseRecoveredBox(QMessageBox):
    """The warning that the device database was damaged, set aside and its actions rescued
    (a class of its own so that its counted sentence is a `self.tr()` call: decision 043)."""

    def __init__(self, *, requeued: int, kept_at: str, exported_to: str) -> None:
        super().__init__(QMessageBox.Icon.Warning, "", "")
        self.setWindowTitle(self.tr("The local data was damaged"))
        self.setText(
            self.tr(
                "This device's database was damaged and has been set aside. "
                "%n action(s) that had not reached the hub yet were rescued and will be "
                "sent; the orders are being loaded again from the hub.\n\n"
                "Damaged file: {kept_at}\nRescued actions: {exported_to}",
                "",
                requeued,
            ).format(kept_at=kept_at, exported_to=exported_to)
        )
