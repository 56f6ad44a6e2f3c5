"""The sync engine's APScheduler jobs: pull, push and status refresh, off the UI thread."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import OperationalError

from sync.anti_entropy import AntiEntropy
from sync.connectivity import Connectivity
from sync.feed_puller import FeedPuller
from sync.hub_client import HubClient
from sync.outbox_pusher import OutboxPusher

log = logging.getLogger(__name__)

_PULL_JOB = "pull"
_PUSH_JOB = "push"
_STATUS_JOB = "status"
_CHECK_JOB = "anti_entropy"
_HEALTH_JOB = "health_report"
_MAX_PAGES_PER_RUN = 50
_MAX_LONG_POLLS_PER_RUN = 10_000


class SyncJobs:
    """Runs the puller and pusher as scheduler jobs; each job opens its own sessions."""

    def __init__(
        self,
        puller: FeedPuller,
        pusher: OutboxPusher,
        connectivity: Connectivity,
        clients: tuple[HubClient, ...],
        *,
        anti_entropy: AntiEntropy | None = None,
        health_report: Callable[[], object] | None = None,
        push_interval_s: float = 1.0,
        pull_interval_s: float = 0.5,
        status_interval_s: float = 5.0,
        check_interval_s: float = 300.0,
        storage_pause_s: float = 30.0,
    ) -> None:
        """`storage_pause_s`: after the database refused a write, steps wait this long."""
        self._puller = puller
        self._pusher = pusher
        self._connectivity = connectivity
        self._clients = clients
        self._paused_until = 0.0
        self._stopping = False
        self._storage_pause_s = storage_pause_s
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(3)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )
        self._scheduler.add_job(self._push, "interval", seconds=push_interval_s, id=_PUSH_JOB)
        self._scheduler.add_job(self._pull, "interval", seconds=pull_interval_s, id=_PULL_JOB)
        self._scheduler.add_job(
            connectivity.refresh, "interval", seconds=status_interval_s, id=_STATUS_JOB
        )
        if anti_entropy is not None:
            self._scheduler.add_job(
                anti_entropy.check, "interval", seconds=check_interval_s, id=_CHECK_JOB
            )
        if health_report is not None:
            # Every device's figures reach the manager's sync health screen through the hub.
            self._scheduler.add_job(
                health_report, "interval", seconds=status_interval_s, id=_HEALTH_JOB
            )

    def start(self) -> None:
        """Start the jobs; the first push and pull run at once."""
        self._scheduler.start()
        self.wake_pusher()
        self._scheduler.modify_job(_PULL_JOB, next_run_time=datetime.now(UTC))

    def wake_pusher(self) -> None:
        """Run the push job now (after a person's action), instead of at its next tick."""
        if self._scheduler.running:
            self._scheduler.modify_job(_PUSH_JOB, next_run_time=datetime.now(UTC))

    def stop(self) -> None:
        """Stop the jobs; a long-poll in flight is cut by closing the clients."""
        self._stopping = True
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        for client in self._clients:
            client.close()

    def _push(self) -> None:
        self._guarded("push", self._pusher.push)

    def _pull(self) -> None:
        self._guarded("pull", self._pull_pages)

    def _guarded(self, name: str, step: Callable[[], object]) -> None:
        """Run a step; a database that refuses writes pauses sync instead of spinning."""
        if time.monotonic() < self._paused_until:
            return
        try:
            step()
        except OperationalError as error:
            log.error("%s step could not write to the device database: %s", name, error.orig)
            self._paused_until = time.monotonic() + self._storage_pause_s
            self._connectivity.storage_failed(str(error.orig))
            return
        except Exception:
            log.exception("%s step failed unexpectedly", name)
            return
        self._connectivity.storage_recovered()

    def _pull_pages(self) -> None:
        # A long-poll that brought records is followed at once by the next one, in this same
        # run: waiting for the job's next tick would leave up to its interval (0.5 s) in
        # which a new order sits at the hub unseen (bench/latency.py, decision 013).
        for _ in range(_MAX_LONG_POLLS_PER_RUN):
            # While actions wait, do not park in a long-poll: the hub should see them first.
            waited = self._connectivity.status.pending_count == 0
            has_more = self._puller.pull(wait=waited)
            if self._connectivity.take_reconnected():
                # The hub is back: send what waited now rather than at the end of its back-off.
                self._pusher.push(ignore_backoff=True)
            pages = 1
            while has_more and pages < _MAX_PAGES_PER_RUN:
                has_more = self._puller.pull(wait=False)
                pages += 1
            if self._stopping or not (waited and self._puller.brought_records):
                return
