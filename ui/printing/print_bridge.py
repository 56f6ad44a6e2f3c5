"""Printing events from the print thread, re-emitted as Qt signals on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.printing.print_events import FailoverNotice, PrinterHealth


class PrintBridge(QObject):
    """Implements `PrintListener`; create it on the GUI thread, call it from any thread."""

    health_changed = Signal(object)
    """PrinterHealth: a printer started or stopped working."""
    failed_over = Signal(object)
    """FailoverNotice: a ticket went to a backup printer or waits for one."""
    journal_updated = Signal()
    """Tickets were queued or printed."""

    _health_arrived = Signal(object)
    _failover_arrived = Signal(object)
    _journal_arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._health_arrived.connect(self._on_self_health_arrived, queued)
        self._failover_arrived.connect(self._on_self_failover_arrived, queued)
        self._journal_arrived.connect(self._on_self_journal_arrived, queued)

    def printer_health_changed(self, health: PrinterHealth) -> None:
        """A printer's health changed (any thread)."""
        self._health_arrived.emit(health)

    def ticket_failed_over(self, notice: FailoverNotice) -> None:
        """A ticket failed over (any thread)."""
        self._failover_arrived.emit(notice)

    def journal_changed(self) -> None:
        """The journal changed (any thread)."""
        self._journal_arrived.emit()

    @Slot(object)
    def _on_self_health_arrived(self, health: PrinterHealth) -> None:
        self.health_changed.emit(health)

    @Slot(object)
    def _on_self_failover_arrived(self, notice: FailoverNotice) -> None:
        self.failed_over.emit(notice)

    @Slot()
    def _on_self_journal_arrived(self) -> None:
        self.journal_updated.emit()
