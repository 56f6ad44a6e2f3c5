"""One running device without any screen: database, services and sync jobs, wired once.

The window (`app.main`) and the tests' child processes build devices here, so a device
runs the same with or without Qt loaded.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from app.domain.clock import Clock
from app.domain.sync_events import SyncListener
from app.printing.network_printer import NetworkPrinterLink
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.print_wiring import Printing, build_printing
from app.services.sign_in import SignInService
from app.services.sync_health import SyncHealthQueries
from app.settings import Settings
from local_db.database import Database
from sync.anti_entropy import AntiEntropy
from sync.backoff import Backoff
from sync.connectivity import Connectivity
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import enrol_device, is_enrolled
from sync.errors import RequestRefused, SyncError
from sync.feed_puller import FeedPuller
from sync.hub_client import HubClient
from sync.outbox_pusher import OutboxPusher
from sync.sync_jobs import SyncJobs

if TYPE_CHECKING:
    from hub.embedded import EmbeddedHub


@dataclass(frozen=True)
class Device:
    """Everything a screen or a test needs of one running device."""

    db: Database
    order_actions: OrderActions
    order_queries: OrderQueries
    sign_in: SignInService
    notices: RejectionNotices
    connectivity: Connectivity
    puller: FeedPuller
    pusher: OutboxPusher
    anti_entropy: AntiEntropy
    health: SyncHealthQueries
    jobs: SyncJobs
    printing: Printing

    def start(self) -> None:
        """Start syncing in the background."""
        self.jobs.start()
        self.printing.jobs.start()

    def stop(self) -> None:
        """Stop syncing and close the database."""
        self.jobs.stop()
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
    """Wire a device: one database, two hub clients (puller and pusher threads), the jobs."""
    db = db or Database(settings.database_path)
    printing = build_printing(db, clock, NetworkPrinterLink())
    # Orders accepted or cancelled through the feed may make tickets due.
    listener = printing.waking(listener)
    if backoff_factory is None:
        backoff_factory = partial(Backoff, cap_s=settings.retry_cap_s)
    verify: bool | str = str(settings.ca_file) if settings.ca_file else True
    pull_client = HubClient(settings.hub_url, credentials.device_token, verify=verify)
    push_client = HubClient(settings.hub_url, credentials.device_token, verify=verify)
    check_client = HubClient(settings.hub_url, credentials.device_token, verify=verify)
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
    )
    pusher = OutboxPusher(
        db,
        push_client,
        clock,
        connectivity,
        listener,
        batch_size=settings.push_batch_size,
        backoff=backoff_factory(),
    )
    anti_entropy = AntiEntropy(db, check_client, clock, listener)
    jobs = SyncJobs(
        puller,
        pusher,
        connectivity,
        (pull_client, push_client, check_client),
        anti_entropy=anti_entropy,
        push_interval_s=settings.push_interval_s,
        check_interval_s=settings.anti_entropy_interval_s,
        storage_pause_s=settings.storage_pause_s,
    )
    return Device(
        db=db,
        order_actions=OrderActions(db, clock, on_queued=printing.also_waking(jobs.wake_pusher)),
        order_queries=OrderQueries(db, clock=clock),
        sign_in=SignInService(db),
        notices=RejectionNotices(db),
        connectivity=connectivity,
        puller=puller,
        pusher=pusher,
        anti_entropy=anti_entropy,
        health=SyncHealthQueries(db),
        jobs=jobs,
        printing=printing,
    )


def enrol_with_embedded_hub(
    hub: EmbeddedHub, settings: Settings, credentials: Credentials | None = None
) -> tuple[Credentials, Database]:
    """Open the device database and enrol it with `hub` using a fresh one-time code.

    Secrets stay in memory, chosen on purpose (demo, tests, screenshots). Raises
    RuntimeError with the hub's words when enrolment fails: a demo that cannot sync
    must not open as if it could.
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


def enrol_with_codes(
    db: Database, credentials: Credentials, hub_url: str, store_code: str, code: str
) -> str | None:
    """Enrol this device; None when it worked, else a sentence for the person."""
    client = HubClient(hub_url, credentials.device_token)
    try:
        enrol_device(
            db,
            credentials,
            client,
            store_code=store_code,
            enrolment_code=code,
            device_name=socket.gethostname(),
        )
    except RequestRefused as refusal:
        return refusal.message or str(refusal)
    except SyncError as error:
        return f"The hub could not be reached: {error}"
    finally:
        client.close()
    return None
