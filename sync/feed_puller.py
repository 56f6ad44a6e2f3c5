"""Pulls the store's change feed and applies each page with its cursor in one transaction."""

from __future__ import annotations

import logging
from datetime import datetime

from app.domain.clock import Clock
from app.domain.sync_events import SyncListener
from local_db import failpoints, sync_state_repository
from local_db.database import Database
from sync.backoff import Backoff
from sync.catch_up import CatchUp
from sync.connectivity import Connectivity
from sync.errors import (
    AuthExpired,
    CursorInvalid,
    HubUnreachable,
    ProtocolViolation,
    RequestRefused,
)
from sync.feed_apply import apply_raw_records, restart_if_pins_sealed_otherwise
from sync.hub_client import HubClient
from sync.protocol.feed import FIRST_SYNC_RECENT
from sync.savepoints import PASSED_ON

log = logging.getLogger(__name__)


class FeedPuller:
    """One pull step at a time; the scheduler calls `pull()` over and over.

    Each page applied tells connectivity where a long catch-up stands (sync/catch_up.py), so
    the status bar can show how far a device more than a page behind the hub has come.
    """

    def __init__(
        self,
        db: Database,
        client: HubClient,
        clock: Clock,
        connectivity: Connectivity,
        listener: SyncListener,
        *,
        page_limit: int = 500,
        wait_s: float = 20.0,
        backoff: Backoff | None = None,
        pin_pepper: bytes | None = None,
    ) -> None:
        """`pin_pepper` seals staff PIN hashes as they arrive (decision 018)."""
        self._db = db
        self._client = client
        self._clock = clock
        self._connectivity = connectivity
        self._listener = listener
        self._page_limit = page_limit
        self._wait_s = wait_s
        self._backoff = backoff or Backoff()
        self._pin_pepper = pin_pepper
        self._seal_checked = False
        self._catch_up = CatchUp()
        self._failures = 0
        self._next_try: datetime | None = None
        self.brought_records = False
        """Whether the last `pull()` reached the hub and got at least one record."""

    def pull(self, *, wait: bool = True) -> bool:
        """Fetch and apply one page. Returns whether more is waiting right away.

        With `wait`, blocks up to the long-poll time when nothing is new. After a failure,
        does nothing until the back-off has passed. Raises nothing but the database refusing
        writes (OperationalError: the jobs pause sync for it): a reply that cannot be read is
        counted as a protocol error and backed off from as an unreachable hub is, and any
        other failure is logged with its traceback, counted and backed off from too.
        """
        self.brought_records = False
        now = self._clock()
        # A retry time beyond the cap means the clock was set back: try now, never stay stuck.
        if self._next_try is not None and now < self._next_try <= now + self._backoff.longest:
            return False
        try:
            return self._pull_page(wait=wait)
        except PASSED_ON:
            raise
        except Exception:
            log.exception("feed pull failed unexpectedly")
            self._count(
                sync_state_repository.UNEXPECTED_ERRORS,
                sync_state_repository.LAST_UNEXPECTED_ERROR_AT,
            )
            self._back_off()
            return False

    def _pull_page(self, *, wait: bool) -> bool:
        if self._pin_pepper is not None and not self._seal_checked:
            with self._db.write() as session:
                restart_if_pins_sealed_otherwise(session, self._pin_pepper)
            self._seal_checked = True
        with self._db.read() as session:
            cursor = sync_state_repository.get_value(session, sync_state_repository.CURSOR)
        try:
            # With no cursor yet, the store's live set first, then its history (decision 041).
            page = self._client.feed(
                cursor,
                limit=self._page_limit,
                wait_s=self._wait_s if wait else 0,
                first=FIRST_SYNC_RECENT if cursor is None else None,
            )
        except CursorInvalid:
            self._restart_from_zero()
            return True
        except ProtocolViolation as error:
            # The cursor stays: the same page is asked for again after the back-off.
            log.warning("the hub's feed reply cannot be read: %s", error)
            self._count(
                sync_state_repository.PROTOCOL_ERRORS,
                sync_state_repository.LAST_PROTOCOL_ERROR_AT,
                {sync_state_repository.LAST_PROTOCOL_ERROR: error.detail[:500]},
            )
            self._failed(str(error))
            return False
        except HubUnreachable as error:
            self._failed(str(error))
            return False
        except AuthExpired as error:
            self._connectivity.enrolment_needed(str(error))
            self._failed(str(error))
            return False
        except RequestRefused as error:
            log.error("hub refused the feed request: %s", error)
            self._failed(str(error))
            return False
        received_at = self._clock()
        # Only hub data and the cursor: lost to a power cut, the same page comes again.
        with self._db.write(refetchable=True) as session:
            report = apply_raw_records(
                session, page.records, received_at, pin_pepper=self._pin_pepper
            )
            failpoints.hit(failpoints.FEED_BEFORE_CURSOR)
            sync_state_repository.set_values(
                session,
                {
                    sync_state_repository.CURSOR: page.cursor,
                    sync_state_repository.LAST_PULL_AT: received_at.isoformat(),
                },
            )
        if report.quarantined:
            log.warning("quarantined %d feed record(s)", report.quarantined)
        self._failures = 0
        self._next_try = None
        self.brought_records = bool(page.records)
        progress = self._catch_up.page_applied(
            len(page.records), page.remaining, has_more=page.has_more
        )
        # The screens hear of the records first: the status (and its recount of what waits)
        # comes after, so a new order's row is not kept waiting behind it.
        try:
            if report.kinds:
                self._listener.records_changed(report.kinds, report.order_ids)
        finally:
            self._connectivity.feed_page_applied(progress)
        return page.has_more

    def _count(self, count_key: str, at_key: str, also: dict[str, str] | None = None) -> None:
        """One more failure of this kind in sync health, with its time (and `also` values)."""
        with self._db.write() as session:
            sync_state_repository.increment(session, count_key)
            sync_state_repository.set_value(session, at_key, self._clock().isoformat())
            for key, value in (also or {}).items():
                sync_state_repository.set_value(session, key, value)

    def _restart_from_zero(self) -> None:
        log.warning("the hub no longer knows our feed position: re-syncing from zero")
        with self._db.write() as session:
            sync_state_repository.clear_value(session, sync_state_repository.CURSOR)
        self._catch_up.restart()

    def _failed(self, error: str) -> None:
        self._back_off()
        self._connectivity.lost_hub(error)

    def _back_off(self) -> None:
        self._failures += 1
        self._next_try = self._clock() + self._backoff.delay(self._failures)
