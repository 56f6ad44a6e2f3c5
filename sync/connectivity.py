"""Connectivity as the sync engine experienced it, turned into one SyncStatus value."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta

from app.domain.clock import Clock
from app.domain.sync_events import CatchUpProgress, SyncListener, SyncStatus
from local_db import outbox_repository, quarantine_repository
from local_db.database import Database

DEFAULT_STALL_AFTER = timedelta(minutes=2, seconds=30)
NOT_SENT = "waiting actions have not been sent"


class Connectivity:
    """Thread-safe record of online/offline and the last pull and push; tells the listener.

    It is also the stuck-queue watchdog: when actions wait, the hub answers the feed, and yet
    no action has been confirmed for `stall_after` (two back-off periods and a margin), the
    status says "stalled" with the reason instead of pretending all is well.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        listener: SyncListener,
        *,
        stall_after: timedelta = DEFAULT_STALL_AFTER,
    ) -> None:
        self._db = db
        self._clock = clock
        self._listener = listener
        self._stall_after = stall_after
        self._lock = threading.Lock()
        self._reconnected = False
        self._push_error = ""
        self._status = SyncStatus(
            online=False,
            since=None,
            pending_count=0,
            oldest_pending_at=None,
            last_pull_at=None,
            last_push_at=None,
        )

    @property
    def status(self) -> SyncStatus:
        """The current value."""
        with self._lock:
            return self._status

    @property
    def is_online(self) -> bool:
        """Whether the last exchange with the hub worked."""
        return self.status.online

    def reached_hub(self, *, pulled: bool = False, pushed: bool = False) -> bool:
        """An exchange with the hub worked. Returns True when this ends an offline spell."""
        now = self._clock()
        with self._lock:
            came_back = not self._status.online
            self._reconnected = self._reconnected or came_back
            if pushed:
                self._push_error = ""
            self._status = replace(
                self._status,
                online=True,
                since=now if came_back else self._status.since,
                last_error="",
                needs_enrolment=False,
                last_pull_at=now if pulled else self._status.last_pull_at,
                last_push_at=now if pushed else self._status.last_push_at,
            )
        self.refresh()
        return came_back

    def feed_page_applied(self, catch_up: CatchUpProgress | None) -> bool:
        """A feed page was applied: the hub answered (`reached_hub`), and a long catch-up
        stands at `catch_up` (None: none runs). Returns True when this ends an offline spell."""
        with self._lock:
            self._status = replace(self._status, catch_up=catch_up, syncing=catch_up is not None)
        return self.reached_hub(pulled=True)

    def take_reconnected(self) -> bool:
        """Whether the hub came back since the last call (each return to online is told once)."""
        with self._lock:
            reconnected, self._reconnected = self._reconnected, False
            return reconnected

    def lost_hub(self, error: str) -> None:
        """An exchange with the hub failed for a reason worth retrying."""
        self._go_offline(error, needs_enrolment=False)

    def push_failed(self, error: str) -> None:
        """Sending actions failed for a reason worth retrying (kept as the stall reason)."""
        with self._lock:
            self._push_error = error
        self._go_offline(error, needs_enrolment=False)

    def enrolment_needed(self, error: str) -> None:
        """The hub refused this device's credentials."""
        self._go_offline(error, needs_enrolment=True)

    def storage_failed(self, error: str) -> None:
        """Writing to the device database failed; sync pauses until a write works again."""
        with self._lock:
            self._status = replace(self._status, storage_error=error)
        self.refresh()

    def storage_recovered(self) -> None:
        """A sync step wrote to the database again."""
        with self._lock:
            if not self._status.storage_error:
                return
            self._status = replace(self._status, storage_error="")
        self.refresh()

    def _go_offline(self, error: str, *, needs_enrolment: bool) -> None:
        now = self._clock()
        with self._lock:
            went_away = self._status.online or self._status.since is None
            self._status = replace(
                self._status,
                online=False,
                since=now if went_away else self._status.since,
                needs_enrolment=needs_enrolment or self._status.needs_enrolment,
                last_error=error,
            )
        self.refresh()

    def refresh(self) -> None:
        """Recount what waits and tell the listener (always: ages shown change with time)."""
        with self._db.read() as session:
            pending, oldest = outbox_repository.count_pending(session)
            quarantined = quarantine_repository.count_quarantined(session)
        now = self._clock()
        with self._lock:
            self._status = replace(
                self._status,
                pending_count=pending,
                oldest_pending_at=oldest,
                quarantined_count=quarantined,
            )
            self._status = replace(self._status, stalled_reason=self._stall_reason(now))
            status = self._status
        self._listener.sync_status_changed(status)

    def _stall_reason(self, now: datetime) -> str:
        """Why the queue is stuck, or "" (offline is not stuck: it is told as offline)."""
        status = self._status
        if not status.pending_count or status.oldest_pending_at is None:
            return ""
        progress = max(status.oldest_pending_at, status.last_push_at or status.oldest_pending_at)
        hub_answers = (
            status.last_pull_at is not None and now - status.last_pull_at <= self._stall_after
        )
        if now - progress <= self._stall_after or not hub_answers:
            return ""
        return self._push_error or NOT_SENT

    def offline_for(self, now: datetime) -> float:
        """Seconds since the device went offline (0 when online)."""
        status = self.status
        if status.online or status.since is None:
            return 0.0
        return (now - status.since).total_seconds()
