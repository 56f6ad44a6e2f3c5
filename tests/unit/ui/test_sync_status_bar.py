"""The sync status in words and colour, and the signed-in person with Sign out."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.sync_events import SyncStatus
from app.read_models import QuarantinedView, SyncHealth
from ui.sync_status_bar import SyncStatusBar, describe_sync_status, sync_tone
from ui.theme import Tone

NOW = datetime(2026, 11, 22, 6, 3, tzinfo=UTC)
ONLINE = SyncStatus(
    online=True,
    since=NOW - timedelta(hours=1),
    pending_count=0,
    oldest_pending_at=None,
    last_pull_at=NOW,
    last_push_at=NOW,
)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def test_online(qapp) -> None:
    assert describe_sync_status(ONLINE, NOW) == "Online"
    assert sync_tone(ONLINE) is Tone.OK


def test_offline_with_actions_waiting(qapp) -> None:
    since = NOW - timedelta(minutes=20)
    status = replace(ONLINE, online=False, since=since, pending_count=3, oldest_pending_at=NOW)
    assert describe_sync_status(status, NOW) == f"Offline since {_local(since)} · 3 actions waiting"
    assert sync_tone(status) is Tone.WARNING


def test_one_action_waiting_long_shows_its_age(qapp) -> None:
    status = replace(ONLINE, pending_count=1, oldest_pending_at=NOW - timedelta(minutes=12))
    assert describe_sync_status(status, NOW) == "Online · 1 action waiting (oldest 12 min)"
    assert sync_tone(status) is Tone.BUSY


def test_syncing(qapp) -> None:
    assert describe_sync_status(replace(ONLINE, syncing=True), NOW) == "Syncing…"


def test_stalled_shows_the_reason(qapp) -> None:
    status = replace(ONLINE, stalled_reason="the hub refuses this app version", pending_count=2)
    assert describe_sync_status(status, NOW) == (
        "Sync stalled: the hub refuses this app version · 2 actions waiting"
    )
    assert sync_tone(status) is Tone.ERROR


def test_needs_enrolment_wins_over_everything(qapp) -> None:
    status = replace(ONLINE, online=False, needs_enrolment=True, stalled_reason="x")
    assert describe_sync_status(status, NOW) == "Device must be enrolled again"
    assert sync_tone(status) is Tone.ERROR


def test_quarantined_records_are_mentioned(qapp) -> None:
    assert describe_sync_status(replace(ONLINE, quarantined_count=2), NOW) == (
        "Online · 2 records could not be read"
    )


def test_before_the_first_report(qapp) -> None:
    assert describe_sync_status(None, NOW) == "Starting sync…"


@pytest.fixture
def status_bar(qtbot, clock) -> SyncStatusBar:
    bar = SyncStatusBar(clock)
    qtbot.addWidget(bar)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def test_bar_renders_the_status_in_its_tone(status_bar: SyncStatusBar, clock) -> None:
    status = replace(ONLINE, online=False, since=clock.now, pending_count=3)
    status_bar.show_status(status)
    assert status_bar.sync_label.text() == describe_sync_status(status, clock.now)
    assert status_bar.sync_label.property("tone") == Tone.WARNING.value


def test_bar_shows_the_person_and_signs_out(qtbot, status_bar: SyncStatusBar, seed) -> None:
    assert not status_bar.sign_out_button.isVisible()
    status_bar.show_person(seed.manager.signed_in())
    assert status_bar.person_label.text() == f"Signed in: {seed.manager.name} (Manager · Cashier)"
    with qtbot.waitSignal(status_bar.sign_out_clicked):
        qtbot.mouseClick(status_bar.sign_out_button, Qt.MouseButton.LeftButton)


def test_tooltip_shows_the_health_figures_and_the_last_error(qtbot) -> None:
    health = SyncHealth(
        pending_count=4,
        oldest_pending_at=NOW - timedelta(minutes=6),
        last_pull_at=NOW - timedelta(minutes=1),
        last_push_at=None,
        rejected_count=2,
        set_aside_count=1,
        quarantined=(
            QuarantinedView(
                kind="order",
                entity_id="o-bad",
                reason="total_cents: negative",
                received_at=NOW,
            ),
        ),
        repaired_count=3,
        last_check_at=NOW - timedelta(minutes=2),
    )
    bar = SyncStatusBar(lambda: NOW, health=lambda: health)
    qtbot.addWidget(bar)
    bar.show_status(
        replace(ONLINE, stalled_reason="hub answered 500", last_error="hub answered 500")
    )
    assert bar.sync_label.text().startswith("Sync stalled: hub answered 500")
    assert bar.sync_label.toolTip().splitlines() == [
        "Waiting to send: 4 (oldest 6 min)",
        f"Last received from the hub: {_local(NOW - timedelta(minutes=1))} · last sent: never",
        "Refused by the hub: 2 · set aside: 1",
        f"Repaired by the consistency check: 3 (last check {_local(NOW - timedelta(minutes=2))})",
        "Records that could not be read: 1",
        "  order o-bad: total_cents: negative",
        "Last error: The hub is failing (HTTP 500)",
    ]


def test_a_full_disk_comes_before_everything_else(qapp) -> None:
    status = replace(ONLINE, storage_error="database or disk is full", pending_count=1)
    assert describe_sync_status(status, NOW) == (
        "Disk full: sync paused, new actions cannot be saved · 1 action waiting"
    )
    assert sync_tone(status) is Tone.ERROR


def test_another_database_error_is_named(qapp) -> None:
    status = replace(ONLINE, storage_error="disk I/O error")
    assert describe_sync_status(status, NOW) == "Local database error: disk I/O error"


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("ConnectError: [Errno 111] Connection refused", "The hub cannot be reached"),
        ("ReadTimeout: timed out", "The hub cannot be reached"),
        ("hub answered 503", "The hub is failing (HTTP 503)"),
        ("hub answered 429", "The hub is busy and asked the device to wait"),
        ("no whole answer within 35 s", "The hub did not answer in time"),
        ("unreadable reply: records[3] is not an object", "a reply Storeside cannot read"),
        ("The hub's certificate has expired: whoever runs the hub must renew it", "expired"),
    ],
)
def test_the_last_error_is_told_in_words_not_as_an_exception(qtbot, error, words) -> None:
    bar = SyncStatusBar(lambda: NOW)
    qtbot.addWidget(bar)
    bar.show_status(replace(ONLINE, online=False, since=NOW, last_error=error))
    tooltip = bar.sync_label.toolTip()
    assert words in tooltip
    for raw in ("Errno", "ReadTimeout", "records[3]"):
        assert raw not in tooltip
