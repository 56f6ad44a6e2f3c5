"""The manager's sync health screen against the real hub: two devices report their figures
through the hub (one of them then cut off by a fault proxy, its actions waiting), and records
the counter could not read are retried and dismissed, each leaving an audit entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.main import screen_services
from app.services.picking import Picking
from app.settings import Settings
from hub.embedded import EmbeddedHub
from hub.world.demo_store import DEMO_STORE_ID
from local_db import audit_repository, quarantine_repository
from tests.devices import drain_feed, enrolled_device, quick_backoff
from tests.factories import staff_record
from tests.fakes import RecordingListener
from tests.fault_proxy import REFUSE, FaultProxy
from tests.floor_staff import CASHIER, LI, MANAGER
from tests.hub_controls import append_raw_feed_record
from ui.manager.sync_health_view import SyncHealthView

BAD_ORDER = {"kind": "order", "id": "order-bad", "version": 1, "data": {"order_id": "order-bad"}}
"""An order record the hub should never have sent: no lines, no channel, no times."""


@pytest.fixture
def counter(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """The counter PC where the manager looks; its sync is driven by hand."""
    device = enrolled_device(hub, tmp_path / "counter", RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


@pytest.fixture
def proxy(hub: EmbeddedHub) -> Iterator[FaultProxy]:
    """The handheld's road to the hub, which the test can cut."""
    with FaultProxy(hub.port) as running:
        yield running


@pytest.fixture
def handheld(hub: EmbeddedHub, proxy: FaultProxy, tmp_path: Path) -> Iterator[Device]:
    """A picker's handheld talking to the hub through the fault proxy."""
    settings = Settings(data_dir=tmp_path / "handheld", hub_url=proxy.url, long_poll_s=1.0)
    credentials, db = enrol_with_embedded_hub(hub, settings)
    device = build_device(
        settings, credentials, utc_now, RecordingListener(), db=db, backoff_factory=quick_backoff
    )
    drain_feed(device)
    yield device
    device.stop()


@pytest.fixture
def view(qtbot, counter: Device) -> SyncHealthView:
    """The counter's sync health screen, the manager acting."""
    shown = SyncHealthView(screen_services(counter))
    qtbot.addWidget(shown)
    shown.set_actor(MANAGER)
    shown.resize(1000, 700)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _column(view: SyncHealthView, column: int) -> list[str]:
    table = view.devices
    return [table.item(row, column).text() for row in range(table.rowCount())]


def _audited(device: Device, action: str) -> list[audit_repository.AuditRow]:
    with device.db.read() as session:
        return [row for row in audit_repository.in_chain_order(session) if row.action == action]


def test_the_screen_lists_each_device_with_what_waits_on_it(
    counter: Device, handheld: Device, proxy: FaultProxy, view: SyncHealthView
) -> None:
    picking = Picking(handheld.db, utc_now)
    picking.clock_in(LI)
    picking.clock_out(LI)  # two actions waiting on the handheld, not pushed
    assert handheld.sync.health_reporter is not None
    assert handheld.sync.health_reporter.report(force=True)
    proxy.set_fault(REFUSE)  # the handheld's network drops
    picking.clock_in(LI)
    assert not handheld.sync.health_reporter.report(force=True)  # it cannot tell the hub
    assert counter.sync.health_reporter is not None
    assert counter.sync.health_reporter.report(force=True)

    drain_feed(counter)
    view.refresh()

    assert view.devices.rowCount() == 2
    names, waiting = _column(view, 0), _column(view, 1)
    own = next(row for row, name in enumerate(names) if "this device" in name)
    assert waiting[own] == "0"
    assert waiting[1 - own] == "2"  # what the hub last heard from the handheld
    assert _column(view, 2)[1 - own] != "—"  # how long its oldest action has waited
    assert "ago" in _column(view, 7)[1 - own]


def test_retry_and_dismiss_a_quarantined_record(
    qtbot, hub: EmbeddedHub, counter: Device, view: SyncHealthView
) -> None:
    append_raw_feed_record(hub.hub, DEMO_STORE_ID, BAD_ORDER)
    drain_feed(counter)
    # A record an older release set aside (it did not know the kind); this one reads it.
    readable = {
        "kind": "device_health",
        "id": "device-old",
        "version": 1,
        "seq": 1,
        "data": {
            "device_id": "device-old",
            "device_name": "Back office PC",
            "pending_count": 4,
            "reported_at": datetime.now(UTC).isoformat(),
            "version": 1,
        },
    }
    with counter.db.write() as session:
        quarantine_repository.quarantine(
            session,
            source="feed",
            kind="device_health",
            entity_id="device-old",
            raw=json.dumps(readable),
            reason="kind: unknown record kind",
            received_at=datetime.now(UTC),
        )
    view.refresh()
    assert view.quarantine.rowCount() == 2
    ids = {record.entity_id: record.item_id for record in counter.health.quarantined()}

    # Retry the bad order: it still fails and stays, with its reason.
    view.select_record(ids["order-bad"])
    assert '"order-bad"' in view.raw.toPlainText()
    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert "Still unreadable" in view.message.text()
    assert view.quarantine.rowCount() == 2

    # Retry the old release's record: it applies now and leaves the list.
    view.select_record(ids["device-old"])
    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert view.quarantine.rowCount() == 1
    assert any("Back office PC" in name for name in _column(view, 0))

    # Dismiss the bad order for good.
    view.select_record(ids["order-bad"])
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert view.quarantine.rowCount() == 0
    with counter.db.read() as session:
        assert quarantine_repository.count_quarantined(session) == 0

    entries = [row.detail_values() for row in _audited(counter, "settings")]
    assert [entry["quarantine"] for entry in entries] == ["retried", "retried", "dismissed"]
    assert entries[1]["result"] == "applied"
    assert all(row.staff_id == MANAGER.staff_id for row in _audited(counter, "settings"))


def test_a_cashier_may_not_dismiss_and_the_refusal_is_audited(
    qtbot, hub: EmbeddedHub, counter: Device, view: SyncHealthView
) -> None:
    append_raw_feed_record(hub.hub, DEMO_STORE_ID, BAD_ORDER)
    drain_feed(counter)
    view.refresh()
    view.set_actor(CASHIER)
    view.select_record(counter.health.quarantined()[0].item_id)
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert "Only a manager" in view.message.text()
    assert view.quarantine.rowCount() == 1
    (entry,) = _audited(counter, "settings")
    assert entry.result == "refused"


def test_a_retried_staff_record_brings_its_pin_and_its_hash_is_never_shown(
    qtbot, counter: Device, view: SyncHealthView
) -> None:
    # Set aside whole by an older release (before quarantine dropped PIN hashes).
    newcomer = staff_record(1, "staff-newcomer", "周杰 Zhou Jie", ["cashier"], "2468")
    with counter.db.write() as session:
        quarantine_repository.quarantine(
            session,
            source="feed",
            kind="staff",
            entity_id="staff-newcomer",
            raw=json.dumps(newcomer),
            reason="roles: unknown role",
            received_at=datetime.now(UTC),
        )
    view.refresh()
    (record,) = counter.health.quarantined()
    view.select_record(record.item_id)
    shown = view.raw.toPlainText()
    assert "周杰" in shown
    assert newcomer["data"]["pin"]["hash_hex"] not in shown
    assert newcomer["data"]["pin"]["salt_hex"] not in shown

    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    assert view.quarantine.rowCount() == 0
    # Sealed with the device's pepper, as the feed would have: the newcomer can sign in.
    assert counter.sign_in.sign_in("staff-newcomer", "2468").staff_id == "staff-newcomer"
