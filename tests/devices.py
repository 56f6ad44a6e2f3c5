"""Devices wired as the app wires them, enrolled with a real reference hub, for tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.domain.sync_events import SyncListener
from app.read_models import SignedInStaff
from app.services.sign_in import SignInService
from app.settings import Settings
from hub.embedded import EmbeddedHub
from sync.backoff import Backoff
from sync.credentials import Credentials


def quick_backoff() -> Backoff:
    """Back-off short enough for tests to see a reconnect within a second."""
    return Backoff(base_s=0.05, cap_s=0.2)


def enrolled_device(
    hub: EmbeddedHub,
    directory: Path,
    listener: SyncListener,
    credentials: Credentials | None = None,
    *,
    feed_page_limit: int | None = None,
) -> Device:
    """A device enrolled with the hub, its sync driven by hand (the scheduler is not started);
    `feed_page_limit`: records it asks for per feed page (None: the app's default)."""
    settings = Settings(
        data_dir=directory,
        hub_url=hub.url,
        long_poll_s=1.0,
        push_interval_s=0.2,
        storage_pause_s=0.5,
    )
    if feed_page_limit is not None:
        settings = replace(settings, feed_page_limit=feed_page_limit)
    credentials, db = enrol_with_embedded_hub(hub, settings, credentials)
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
