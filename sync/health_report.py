"""Reports this device's own sync health to the hub, so the manager sees every device's figures.

The status job calls `report()` every few seconds; it posts only when the counts changed or a
minute passed, so an idle store costs the hub one small request a minute per device. Pull and
push times alone never trigger a post: every report wakes every device's long-poll, each pull
moves its last-pull time, and posting on that would keep all devices reporting to each other
every few seconds. A device
that cannot reach the hub simply is not reporting: the manager's screen shows how long ago each
device last reported, and that age is the sign of a device offline.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Final

from app.domain.clock import Clock
from local_db import outbox_repository, quarantine_repository, sync_state_repository
from local_db.database import Database
from sync.errors import SyncError
from sync.hub_client import HubClient
from sync.protocol import DeviceHealthReport

log = logging.getLogger(__name__)

RESEND_AFTER: Final = timedelta(minutes=1)
"""Unchanged figures are sent again this often, so "last reported" stays fresh."""


class HealthReporter:
    """Reads the device's figures and posts them when worth it; safe to call from a job."""

    def __init__(self, db: Database, client: HubClient, clock: Clock) -> None:
        self._db = db
        self._client = client
        self._clock = clock
        self._last_sent: DeviceHealthReport | None = None
        self._sent_at: datetime | None = None

    def figures(self) -> DeviceHealthReport:
        """The device's figures now, read in one short transaction."""
        with self._db.read() as session:
            counts = outbox_repository.count_by_state(session)
            pending, oldest = outbox_repository.count_pending(session)
            quarantined = quarantine_repository.count_quarantined(session)
            pulled = sync_state_repository.get_value(session, sync_state_repository.LAST_PULL_AT)
            pushed = sync_state_repository.get_value(session, sync_state_repository.LAST_PUSH_AT)
        return DeviceHealthReport(
            pending_count=pending,
            oldest_pending_at=oldest,
            last_pull_at=None if pulled is None else datetime.fromisoformat(pulled),
            last_push_at=None if pushed is None else datetime.fromisoformat(pushed),
            rejected_count=counts.get(outbox_repository.REJECTED, 0)
            + counts.get(outbox_repository.FAILED, 0),
            quarantined_count=quarantined,
        )

    def report(self, *, force: bool = False) -> bool:
        """Post the figures if they changed, a minute passed, or `force`; returns whether sent.

        An unreachable hub is not an error here: the next call tries again.
        """
        figures = self.figures()
        now = self._clock()
        fresh = self._sent_at is not None and now - self._sent_at < RESEND_AFTER
        if not force and fresh and _counts(figures) == _counts(self._last_sent):
            return False
        try:
            self._client.send_device_health(figures)
        except SyncError as error:
            log.info("sync health not reported: %s", error)
            return False
        self._last_sent, self._sent_at = figures, now
        return True


def _counts(figures: DeviceHealthReport | None) -> tuple[object, ...] | None:
    """What makes a report worth sending at once: the counts and the oldest waiting action."""
    if figures is None:
        return None
    return (
        figures.pending_count,
        figures.oldest_pending_at,
        figures.rejected_count,
        figures.quarantined_count,
    )
