"""Anti-entropy: now and then, compare the cache's open orders with the hub's and repair.

The feed should make this unnecessary; it exists because "should" is not "will" (a bug, a
restored backup, a record lost in a hub failover). The hub sends the ids and versions of the
store's open orders; every order the cache lacks, holds at an older version, or shows open
while the hub has closed it is fetched again and applied through the one way into the cache.
Repairs are counted, so a manager can see that they happen at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.clock import Clock
from app.domain.sync_events import SyncListener
from local_db import order_repository, sync_state_repository
from local_db.database import Database
from sync.errors import SyncError
from sync.feed_apply import apply_raw_records
from sync.hub_client import HubClient

log = logging.getLogger(__name__)

_CHUNK = 200


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What one check found."""

    compared: int
    differing: int
    repaired: int


class AntiEntropy:
    """Runs the check on demand; the scheduler calls `check()` every few minutes."""

    def __init__(
        self, db: Database, client: HubClient, clock: Clock, listener: SyncListener
    ) -> None:
        self._db = db
        self._client = client
        self._clock = clock
        self._listener = listener

    def check(self) -> CheckReport | None:
        """Compare and repair; None when the hub could not be asked (tried again later)."""
        try:
            digest = self._client.order_digest()
            hub_versions = {entry.order_id: entry.version for entry in digest.orders}
            with self._db.read() as session:
                local_open = order_repository.open_order_ids(session)
                stored = order_repository.stored_versions(session, [*hub_versions, *local_open])
            differing = sorted(
                {
                    order_id
                    for order_id, version in hub_versions.items()
                    if order_id not in stored or stored[order_id].newest < version
                }
                | (local_open - hub_versions.keys())
            )
            records = []
            for start in range(0, len(differing), _CHUNK):
                chunk = differing[start : start + _CHUNK]
                records.extend(self._client.order_records(chunk).records)
        except SyncError as error:
            log.info("anti-entropy check skipped: %s", error)
            return None
        now = self._clock()
        with self._db.write() as session:
            report = apply_raw_records(session, records, now)
            repaired = report.applied + report.held
            total = int(
                sync_state_repository.get_value(session, sync_state_repository.REPAIRED_COUNT) or 0
            )
            sync_state_repository.set_value(
                session, sync_state_repository.REPAIRED_COUNT, str(total + repaired)
            )
            sync_state_repository.set_value(
                session, sync_state_repository.LAST_CHECK_AT, now.isoformat()
            )
        if repaired:
            log.warning("anti-entropy repaired %d order(s) the feed had not brought", repaired)
            self._listener.records_changed(report.kinds)
        return CheckReport(compared=len(hub_versions), differing=len(differing), repaired=repaired)
