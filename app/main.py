"""Composition root and the `storeside` command line: builds a device and opens its window."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.clock import Clock, utc_now
from app.domain.sync_events import SyncListener
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.sign_in import SignInService
from app.settings import Settings, default_data_dir
from local_db.database import Database
from sync.backoff import Backoff
from sync.connectivity import Connectivity
from sync.credentials import Credentials, MemoryKeyring, NoSecureStorage, system_keyring
from sync.enrolment import enrol_device, is_enrolled, store_name
from sync.errors import RequestRefused, SyncError
from sync.feed_puller import FeedPuller
from sync.hub_client import HubClient
from sync.outbox_pusher import OutboxPusher
from sync.sync_jobs import SyncJobs
from ui.application import QtApplication
from ui.demo_controls import DemoControls
from ui.labels import roles_text
from ui.main_window import MainWindow
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge


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
    jobs: SyncJobs

    def start(self) -> None:
        """Start syncing in the background."""
        self.jobs.start()

    def stop(self) -> None:
        """Stop syncing and close the database."""
        self.jobs.stop()
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
    if backoff_factory is None:
        backoff_factory = partial(Backoff, cap_s=settings.retry_cap_s)
    verify: bool | str = str(settings.ca_file) if settings.ca_file else True
    pull_client = HubClient(settings.hub_url, credentials.device_token, verify=verify)
    push_client = HubClient(settings.hub_url, credentials.device_token, verify=verify)
    connectivity = Connectivity(db, clock, listener)
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
    jobs = SyncJobs(
        puller,
        pusher,
        connectivity,
        (pull_client, push_client),
        push_interval_s=settings.push_interval_s,
    )
    return Device(
        db=db,
        order_actions=OrderActions(db, clock, on_queued=jobs.wake_pusher),
        order_queries=OrderQueries(db),
        sign_in=SignInService(db),
        notices=RejectionNotices(db),
        connectivity=connectivity,
        puller=puller,
        pusher=pusher,
        jobs=jobs,
    )


if TYPE_CHECKING:
    from hub.embedded import EmbeddedHub

log = logging.getLogger("storeside")


def main(argv: list[str] | None = None) -> int:
    """`storeside demo` or `storeside --hub URL`; returns the process exit code."""
    arguments = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # A long-poll outlasting its job's interval is normal here, not worth a warning per tick.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if arguments.command == "demo":
        return _run_demo(arguments)
    if not arguments.hub:
        _parser().error("give --hub URL, or run `storeside demo`")
    return _run_against_hub(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storeside", description="Storeside store app")
    parser.add_argument("--hub", help="base URL of the order hub")
    parser.add_argument("--data-dir", type=Path, help="where the device database lives")
    parser.add_argument("--ca-file", type=Path, help="extra CA bundle trusted for the hub")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", help="open the app against an embedded reference hub")
    demo.add_argument("--order-interval", type=float, default=15.0, help="seconds between orders")
    demo.add_argument("--seed", type=int, default=7, help="seed of the simulated channels")
    demo.add_argument("--data-dir", type=Path, help="keep demo data here (default: a temp dir)")
    demo.add_argument("--offline", action="store_true", help="start with the hub offline")
    return parser


def _run_demo(arguments: argparse.Namespace) -> int:
    from hub.embedded import EmbeddedHub  # noqa: PLC0415 (FastAPI is loaded for the demo only)

    data_dir: Path = arguments.data_dir or Path(tempfile.mkdtemp(prefix="storeside-demo-"))
    hub = EmbeddedHub(
        data_dir / "hub.db", order_interval_s=arguments.order_interval, seed=arguments.seed
    )
    hub.start()
    log.info("demo data in %s; hub at %s", data_dir, hub.url)
    try:
        # The presenter toggles the network by hand: retry within seconds, not a minute.
        settings = Settings(
            data_dir=data_dir / "device", hub_url=hub.url, long_poll_s=10.0, retry_cap_s=3.0
        )
        credentials, db = enrol_with_embedded_hub(hub, settings)
        if arguments.offline:
            hub.go_offline()
        return _run_window(settings, credentials, db, demo=EmbeddedHubControls(hub))
    finally:
        hub.stop()


def _run_against_hub(arguments: argparse.Namespace) -> int:
    settings = Settings(
        data_dir=arguments.data_dir or default_data_dir(),
        hub_url=arguments.hub,
        ca_file=arguments.ca_file,
    )
    try:
        credentials = Credentials(system_keyring(), account=str(settings.database_path))
    except NoSecureStorage as refusal:
        print(f"storeside: {refusal} Refusing to store the device token.", file=sys.stderr)
        return 2
    db = Database(settings.database_path)
    return _run_window(settings, credentials, db, demo=None)


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


def _run_window(
    settings: Settings, credentials: Credentials, db: Database, demo: DemoControls | None
) -> int:
    qt = QtApplication()
    if not is_enrolled(db, credentials) and not qt.ask_enrolment(
        settings.hub_url,
        lambda store_code, code: enrol_with_codes(
            db, credentials, settings.hub_url, store_code, code
        ),
    ):
        return 1
    bridge = SyncBridge()
    device = build_device(settings, credentials, utc_now, bridge, db=db)
    window = MainWindow(screen_services(device), bridge, store_name=store_name(db), demo=demo)
    device.start()
    window.show()
    try:
        return qt.run()
    finally:
        device.stop()


def screen_services(device: Device) -> ScreenServices:
    """The services a window of `device` calls."""
    return ScreenServices(
        order_actions=device.order_actions,
        order_queries=device.order_queries,
        sign_in=device.sign_in,
        notices=device.notices,
        clock=utc_now,
    )


class EmbeddedHubControls:
    """The demo menu's switches over the embedded hub; slow steps run off the UI thread."""

    def __init__(self, hub: EmbeddedHub) -> None:
        self._hub = hub
        self._online = hub.is_online
        self._worker = ThreadPoolExecutor(max_workers=1)

    def go_offline(self) -> None:
        """Stop the hub's HTTP server, as a dropped network would."""
        self._online = False
        self._worker.submit(self._hub.go_offline)

    def go_online(self) -> None:
        """Serve again on the same address."""
        self._online = True
        self._worker.submit(self._hub.go_online)

    def is_online(self) -> bool:
        """As the switch was last set."""
        return self._online

    def staff_pins(self) -> list[tuple[str, str, str]]:
        """(name, roles, PIN) of the demo staff."""
        return [(name, roles_text(roles), pin) for name, roles, pin in self._hub.demo_staff]


if __name__ == "__main__":
    sys.exit(main())
