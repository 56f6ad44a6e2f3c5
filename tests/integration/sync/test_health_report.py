"""A device's own sync health reaches the hub's feed: sent when its counts change, and again
once a minute; pull times alone never make it post (every post wakes every device)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.device import Device
from app.domain.clock import utc_now
from app.services.picking import Picking
from hub.embedded import EmbeddedHub
from hub.world.demo_store import DEMO_STORE_ID
from sync.credentials import Credentials
from sync.health_report import HealthReporter
from sync.hub_client import HubClient
from tests.devices import drain_feed
from tests.fakes import FrozenClock
from tests.floor_staff import LI


@pytest.fixture
def reporter(
    hub: EmbeddedHub, device: Device, credentials: Credentials, clock: FrozenClock
) -> Iterator[HealthReporter]:
    """The counter's reporter, telling time by a frozen clock."""
    client = HubClient(hub.url, credentials.device_token)
    yield HealthReporter(device.db, client, clock)
    client.close()


def _published(hub: EmbeddedHub) -> list[tuple[int, int]]:
    """(version, pending count) of every device_health record in the feed."""
    page = hub.hub.devices.read_feed(DEMO_STORE_ID, limit=1000)
    return [
        (record["version"], record["data"]["pending_count"])
        for record in page.records
        if record["kind"] == "device_health"
    ]


def test_reports_when_the_counts_change_and_once_a_minute(
    hub: EmbeddedHub, device: Device, reporter: HealthReporter, clock: FrozenClock
) -> None:
    assert reporter.report()
    assert not reporter.report()  # nothing changed
    drain_feed(device)  # the last pull time moves: still nothing worth a post
    assert not reporter.report()

    Picking(device.db, utc_now).clock_in(LI)  # one action waits
    assert reporter.report()
    assert _published(hub) == [(2, 1)]

    clock.advance(seconds=61)
    assert reporter.report()  # unchanged, but a minute passed
    assert _published(hub) == [(3, 1)]
    drain_feed(device)
    assert [d.pending_count for d in device.health.devices()] == [1]  # the manager's view
