"""The one bridge from the sync engine's threads to the GUI thread: sync events as Qt signals."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

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
    """SyncStatus: the status bar's new value. Emitted once the events already queued are
    handled (a feed page's records come just after its status: the rows go first), and only
    the latest of the statuses that came meanwhile."""
    orders_updated = Signal(object)
    """frozenset[str] | None: the orders written to the cache (None: any cached order may have
    changed). Emitted just before `records_updated` when orders were among the records, so a
    screen that follows it re-reads those rows only and leaves ORDER out of its
    `records_updated` slot."""
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
        self._latest_status: SyncStatus | None = None
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(0)
        self._status_timer.timeout.connect(self._on_status_timer_timeout)

    def sync_status_changed(self, status: SyncStatus) -> None:
        """The sync status changed (any thread)."""
        self._status_arrived.emit(status)

    def records_changed(
        self, kinds: Iterable[RecordKind], order_ids: Iterable[str] | None = None
    ) -> None:
        """Records of these kinds were written to the cache, among them `order_ids` when
        known (any thread)."""
        orders = None if order_ids is None else frozenset(order_ids)
        self._records_arrived.emit((frozenset(kinds), orders))

    def command_rejected(self, notice: RejectionNotice) -> None:
        """The hub refused a person's action (any thread)."""
        self._rejection_arrived.emit(notice)

    @Slot(object)
    def _on_self_status_arrived(self, status: SyncStatus) -> None:
        self._latest_status = status
        self._status_timer.start()

    @Slot()
    def _on_status_timer_timeout(self) -> None:
        status, self._latest_status = self._latest_status, None
        if status is not None:
            self.status_changed.emit(status)

    @Slot(object)
    def _on_self_records_arrived(
        self, changes: tuple[frozenset[RecordKind], frozenset[str] | None]
    ) -> None:
        kinds, order_ids = changes
        if RecordKind.ORDER in kinds:
            self.orders_updated.emit(order_ids)
        self.records_updated.emit(kinds)

    @Slot(object)
    def _on_self_rejection_arrived(self, notice: RejectionNotice) -> None:
        self.rejection_received.emit(notice)
