"""The one bridge from the sync engine's threads to the GUI thread: sync events as Qt signals."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.domain.sync_events import RejectionNotice, SyncStatus
from app.domain.vocabulary import RecordKind


class SyncBridge(QObject):
    """Implements `SyncListener` for the sync engine and re-emits each event on the GUI thread.

    Create it on the GUI thread. Its listener methods may be called from any thread and never
    block: each hands an immutable value to a queued connection, so the public signals below
    are always emitted on the GUI thread, whatever the receivers connect to.

    The public signals cannot share the protocol's method names (a Qt signal and a method are
    both class attributes), hence `records_updated` and `rejection_received`.
    """

    status_changed = Signal(object)
    """SyncStatus: the status bar's new value."""
    records_updated = Signal(object)
    """frozenset[RecordKind]: kinds of record written to the cache."""
    rejection_received = Signal(object)
    """RejectionNotice: the hub refused a person's action."""

    _status_arrived = Signal(object)
    _records_arrived = Signal(object)
    _rejection_arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued even when the caller is the GUI thread, so delivery order never depends on
        # which thread happened to call.
        queued = Qt.ConnectionType.QueuedConnection
        self._status_arrived.connect(self._on_self_status_arrived, queued)
        self._records_arrived.connect(self._on_self_records_arrived, queued)
        self._rejection_arrived.connect(self._on_self_rejection_arrived, queued)

    def sync_status_changed(self, status: SyncStatus) -> None:
        """The sync status changed (any thread)."""
        self._status_arrived.emit(status)

    def records_changed(self, kinds: Iterable[RecordKind]) -> None:
        """Records of these kinds were written to the cache (any thread)."""
        self._records_arrived.emit(frozenset(kinds))

    def command_rejected(self, notice: RejectionNotice) -> None:
        """The hub refused a person's action (any thread)."""
        self._rejection_arrived.emit(notice)

    @Slot(object)
    def _on_self_status_arrived(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)

    @Slot(object)
    def _on_self_records_arrived(self, kinds: frozenset[RecordKind]) -> None:
        self.records_updated.emit(kinds)

    @Slot(object)
    def _on_self_rejection_arrived(self, notice: RejectionNotice) -> None:
        self.rejection_received.emit(notice)
