"""One running device without any screen: database, services and sync jobs, wired once.

The window (`app.main`) and the tests' child processes build devices here, so a device
runs the same with or without Qt loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from app.domain.clock import Clock
from app.domain.sync_events import SyncListener
from app.enrolment import enrol_with_codes
from app.printing.network_printer import NetworkPrinterLink
from app.services import audit
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.print_wiring import Printing, build_printing
from app.services.sign_in import SignInService
from app.services.sync_health import SyncHealthQueries
from app.settings import Settings
from local_db.database import Database
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import is_enrolled

if TYPE_CHECKING:
    from hub.embedded import EmbeddedHub
    from sync.anti_entropy import AntiEntropy
    from sync.backoff import Backoff
    from sync.connectivity import Connectivity
    from sync.feed_puller import FeedPuller
    from sync.health_report import HealthReporter
    from sync.outbox_pusher import OutboxPusher
    from sync.sync_jobs import SyncJobs


@dataclass(frozen=True)
class SyncEngine:
    """The sync side of one device: its hub clients, the puller, the pusher and their jobs."""

    connectivity: Connectivity
    puller: FeedPuller
    pusher: OutboxPusher
    anti_entropy: AntiEntropy
    jobs: SyncJobs
    health_reporter: HealthReporter | None = None
    """Posts this device's sync health to the hub for the manager's screen."""


class LazySyncEngine:
    """Builds the sync engine on first use, once, whichever thread asks first."""

    def __init__(self, build: Callable[[], SyncEngine]) -> None:
        self._build = build
        self._engine: SyncEngine | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> SyncEngine:
        """The engine, built on the first call."""
        with self._lock:
            if self._engine is None:
                self._engine = self._build()
            return self._engine

    @property
    def is_built(self) -> bool:
        """Whether the engine exists yet."""
        with self._lock:
            return self._engine is not None

    def wake_pusher(self) -> None:
        """Push now (after a person's action); before the engine exists there is nothing to
        wake: its first push runs as sync starts."""
        if self.is_built:
            self.engine.jobs.wake_pusher()


@dataclass(frozen=True)
class Device:
    """Everything a screen or a test needs of one running device.

    The sync engine is built on first use (`start`, or any of its parts), not with the
    device: the window paints its first screen before the hub clients are made (about 40 ms
    at start, bench/startup.py).
    """

    db: Database
    order_actions: OrderActions
    order_queries: OrderQueries
    sign_in: SignInService
    notices: RejectionNotices
    health: SyncHealthQueries
    printing: Printing
    lazy_sync: LazySyncEngine
    pin_pepper: bytes | None = field(default=None, repr=False)
    """Seals staff PIN hashes (decision 018); a manager's quarantine retry needs it too."""

    @property
    def sync(self) -> SyncEngine:
        """The sync engine (built on the first call)."""
        return self.lazy_sync.engine

    @property
    def connectivity(self) -> Connectivity:
        """Online or not, as the sync engine experienced it."""
        return self.sync.connectivity

    @property
    def puller(self) -> FeedPuller:
        """Reads the hub's feed into the cache."""
        return self.sync.puller

    @property
    def pusher(self) -> OutboxPusher:
        """Sends the outbox to the hub."""
        return self.sync.pusher

    @property
    def anti_entropy(self) -> AntiEntropy:
        """The consistency check against the hub."""
        return self.sync.anti_entropy

    @property
    def jobs(self) -> SyncJobs:
        """The background jobs that pull, push and check."""
        return self.sync.jobs

    def wake_pusher(self) -> None:
        """Push now (after a person's action); nothing to do before sync started. The print
        journal looks at every order at its next step (the action may have made one due)."""
        self.printing.journal.orders_changed(None)
        self.lazy_sync.wake_pusher()

    def start(self) -> None:
        """Start syncing in the background (building the sync engine if not yet built)."""
        self.sync.jobs.start()
        self.printing.jobs.start()

    def stop(self) -> None:
        """Stop syncing and close the database."""
        if self.lazy_sync.is_built:
            self.sync.jobs.stop()
        self.printing.jobs.stop()
        self.db.close()


def build_device(
    settings: Settings,
    credentials: Credentials,
    clock: Clock,
    listener: SyncListener,
    *,
    db: Database | None = None,
    backoff_factory: Callable[[], Backoff] | None = None,
) -> Device:
    """Wire a device: one database, its services, and the recipe of its sync engine."""
    db = db or Database(settings.database_path)
    printing = build_printing(db, clock, NetworkPrinterLink())
    # Orders accepted or cancelled through the feed may make tickets due.
    listener = printing.waking(listener)
    lazy_sync = LazySyncEngine(
        partial(
            _build_sync_engine,
            settings,
            credentials,
            clock,
            listener,
            db=db,
            backoff_factory=backoff_factory,
        )
    )
    return Device(
        db=db,
        order_actions=OrderActions(
            db, clock, on_queued=printing.also_waking(lazy_sync.wake_pusher)
        ),
        order_queries=OrderQueries(db, clock=clock),
        sign_in=SignInService(db, pin_pepper=credentials.pin_pepper(), clock=clock),
        notices=RejectionNotices(db),
        health=SyncHealthQueries(db),
        printing=printing,
        lazy_sync=lazy_sync,
        pin_pepper=credentials.pin_pepper(),
    )


def _build_sync_engine(
    settings: Settings,
    credentials: Credentials,
    clock: Clock,
    listener: SyncListener,
    *,
    db: Database,
    backoff_factory: Callable[[], Backoff] | None,
) -> SyncEngine:
    """Three hub clients (puller, pusher and checker threads), the engine and its jobs."""
    from sync.anti_entropy import AntiEntropy  # noqa: PLC0415 -- built after the first paint
    from sync.backoff import Backoff  # noqa: PLC0415 -- built after the first paint
    from sync.connectivity import Connectivity  # noqa: PLC0415 -- built after the first paint
    from sync.feed_puller import FeedPuller  # noqa: PLC0415 -- built after the first paint
    from sync.health_report import HealthReporter  # noqa: PLC0415 -- built after the first paint
    from sync.hub_client import HubClient  # noqa: PLC0415 -- built after the first paint
    from sync.outbox_pusher import OutboxPusher  # noqa: PLC0415 -- built after the first paint
    from sync.sync_jobs import SyncJobs  # noqa: PLC0415 -- built after the first paint
    from sync.token_keeper import TokenKeeper  # noqa: PLC0415 -- built after the first paint

    if backoff_factory is None:
        backoff_factory = partial(Backoff, cap_s=settings.retry_cap_s)
    verify = settings.hub_verify
    # One keeper for the three threads: an expired token is refreshed once, not per thread.
    tokens = TokenKeeper(credentials, clock)
    pull_client = HubClient(settings.hub_url, tokens, verify=verify)
    push_client = HubClient(settings.hub_url, tokens, verify=verify)
    check_client = HubClient(settings.hub_url, tokens, verify=verify)
    # Stalled: no action confirmed for two of the longest back-offs, and a margin.
    stall_after = timedelta(seconds=2 * settings.retry_cap_s + 30)
    connectivity = Connectivity(db, clock, listener, stall_after=stall_after)
    puller = FeedPuller(
        db,
        pull_client,
        clock,
        connectivity,
        listener,
        page_limit=settings.feed_page_limit,
        wait_s=settings.long_poll_s,
        backoff=backoff_factory(),
        pin_pepper=credentials.pin_pepper(),
    )
    pusher = OutboxPusher(
        db,
        push_client,
        clock,
        connectivity,
        listener,
        batch_size=settings.push_batch_size,
        backoff=backoff_factory(),
        on_refused=partial(audit.record_hub_refusal, clock=clock),
    )
    anti_entropy = AntiEntropy(db, check_client, clock, listener)
    health_reporter = HealthReporter(db, check_client, clock)
    jobs = SyncJobs(
        puller,
        pusher,
        connectivity,
        (pull_client, push_client, check_client),
        anti_entropy=anti_entropy,
        health_report=health_reporter.report,
        push_interval_s=settings.push_interval_s,
        check_interval_s=settings.anti_entropy_interval_s,
        storage_pause_s=settings.storage_pause_s,
    )
    return SyncEngine(connectivity, puller, pusher, anti_entropy, jobs, health_reporter)


def enrol_with_embedded_hub(
    hub: EmbeddedHub, settings: Settings, credentials: Credentials | None = None
) -> tuple[Credentials, Database]:
    """Open the device database and enrol it with `hub` using a fresh one-time code.

    Secrets stay in memory, chosen on purpose (demo, tests, screenshots). Raises
    RuntimeError naming the problem when enrolment fails (the log has the details): a demo
    that cannot sync must not open as if it could.
    """
    credentials = credentials or Credentials(MemoryKeyring(), account=str(settings.database_path))
    db = Database(settings.database_path)
    if not is_enrolled(db, credentials):
        problem = enrol_with_codes(
            db, credentials, hub.url, hub.store_code, hub.new_enrolment_code()
        )
        if problem is not None:
            db.close()
            raise RuntimeError(f"the device could not enrol with the embedded hub: {problem}")
    return credentials, db
