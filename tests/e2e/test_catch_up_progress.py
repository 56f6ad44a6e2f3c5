"""A new device's first sync as the status bar shows it: the real hub, sync jobs and bridge."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from app.domain.clock import utc_now
from app.domain.sync_events import SyncStatus
from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from tests.devices import enrolled_device
from ui.sync_bridge import SyncBridge
from ui.sync_status_bar import SyncStatusBar

PAGE = 10
ORDERS = 45
WAIT_MS = 30_000


@dataclass(frozen=True)
class Shown:
    """What the status bar showed right after it rendered one status."""

    status: SyncStatus
    bar_visible: bool
    value: int
    maximum: int
    headline: str


def test_a_new_device_shows_its_first_sync_with_counts_then_online(
    qtbot, hub: EmbeddedHub, tmp_path: Path, bridge: SyncBridge
) -> None:
    for channel in islice(cycle(Channel), ORDERS):
        hub.demo.place_order(channel)
    total = len(hub.hub.devices.read_feed(hub.hub.world.demo_store_id, None, limit=1000).records)
    status_bar = SyncStatusBar(utc_now)
    qtbot.addWidget(status_bar)
    status_bar.show()
    qtbot.waitExposed(status_bar)
    shown: list[Shown] = []
    bar = status_bar.catch_up_bar

    def note(status: SyncStatus) -> None:
        shown.append(
            Shown(status, bar.isVisible(), bar.value(), bar.maximum(), status_bar.sync_label.text())
        )

    # Connected in this order: the bar renders each status before it is noted.
    bridge.status_changed.connect(status_bar.show_status)
    bridge.status_changed.connect(note)
    device = enrolled_device(hub, tmp_path / "counter", bridge, feed_page_limit=PAGE)
    device.start()
    try:
        qtbot.waitUntil(
            lambda: (
                any(s.bar_visible for s in shown)
                and shown[-1].status.online
                and shown[-1].status.catch_up is None
            ),
            timeout=WAIT_MS,
        )
    finally:
        device.stop()

    # The status job may tell the same progress twice, and a device's health report, posted
    # meanwhile, adds a record to the feed: hence counts compared once each, totals at least.
    during = [s for s in shown if s.bar_visible]
    values = [s.value for s in during]
    assert values == sorted(values)
    assert sorted(set(values)) == list(range(PAGE, PAGE * len(set(values)) + 1, PAGE))
    assert len(set(values)) >= total // PAGE - 1 >= 3
    assert all(total <= s.maximum and s.value < s.maximum for s in during)
    assert {s.headline for s in during} == {"Syncing…"}
    assert not shown[-1].bar_visible
    assert shown[-1].headline == "Online"
