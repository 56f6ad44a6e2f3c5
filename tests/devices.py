"""Devices wired as the app wires them, enrolled with a real reference hub, for tests."""

from __future__ import annotations

from pathlib import Path

from app.domain.clock import utc_now
from app.domain.sync_events import SyncListener
from app.main import Device, build_device
from app.read_models import SignedInStaff
from app.services.sign_in import SignInService
from app.settings import Settings
from hub.embedded import EmbeddedHub
from local_db.database import Database
from sync.backoff import Backoff
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import enrol_device
from sync.hub_client import HubClient


def quick_backoff() -> Backoff:
    """Back-off short enough for tests to see a reconnect within a second."""
    return Backoff(base_s=0.05, cap_s=0.2)


def enrolled_device(
    hub: EmbeddedHub,
    directory: Path,
    listener: SyncListener,
    credentials: Credentials | None = None,
) -> Device:
    """A device enrolled with the hub, its sync driven by hand (the scheduler is not started)."""
    settings = Settings(data_dir=directory, hub_url=hub.url, long_poll_s=1.0, push_interval_s=0.2)
    credentials = credentials or Credentials(MemoryKeyring(), account=str(directory))
    db = Database(settings.database_path)
    client = HubClient(hub.url, credentials.device_token)
    enrol_device(
        db,
        credentials,
        client,
        store_code=hub.hub.store_code(),
        enrolment_code=hub.new_enrolment_code(),
        device_name=directory.name,
    )
    client.close()
    return build_device(
        settings, credentials, utc_now, listener, db=db, backoff_factory=quick_backoff
    )


def drain_feed(device: Device) -> None:
    """Pull until the hub has nothing newer (no long-poll)."""
    for _ in range(100):
        if not device.puller.pull(wait=False):
            return
    raise AssertionError("the feed did not drain in 100 pages")


def sign_in_as(sign_in: SignInService, role_name: str, pin: str) -> SignedInStaff:
    """Sign in the demo staff member whose roles include `role_name`."""
    card = next(c for c in sign_in.staff_cards() if role_name in {r.value for r in c.roles})
    return sign_in.sign_in(card.staff_id, pin)
