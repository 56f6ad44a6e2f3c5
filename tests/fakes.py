"""Hand-written fakes injected through constructors: a settable clock, a recording listener."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from app.domain.sync_events import RejectionNotice, SyncStatus
from app.domain.vocabulary import RecordKind


class FrozenClock:
    """A clock that only moves when told to."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2026, 11, 22, 3, 30, tzinfo=UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by `timedelta(**delta)`; returns the new time."""
        with self._lock:
            self.now += timedelta(**delta)
            return self.now


class RecordingListener:
    """Keeps every sync event, for assertions; safe to call from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.statuses: list[SyncStatus] = []
        self.changes: list[frozenset[RecordKind]] = []
        self.order_ids: list[frozenset[str] | None] = []
        self.rejections: list[RejectionNotice] = []

    def sync_status_changed(self, status: SyncStatus) -> None:
        with self._lock:
            self.statuses.append(status)

    def records_changed(
        self, kinds: frozenset[RecordKind], order_ids: frozenset[str] | None = None
    ) -> None:
        with self._lock:
            self.changes.append(kinds)
            self.order_ids.append(order_ids)

    def command_rejected(self, notice: RejectionNotice) -> None:
        with self._lock:
            self.rejections.append(notice)

    @property
    def last_status(self) -> SyncStatus | None:
        with self._lock:
            return self.statuses[-1] if self.statuses else None
