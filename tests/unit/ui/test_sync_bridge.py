"""SyncBridge: sync events from any thread arrive as Qt signals on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QThread

from app.domain.sync_events import RejectionNotice, SyncListener, SyncStatus
from app.domain.vocabulary import RecordKind
from ui.sync_bridge import SyncBridge


def _status() -> SyncStatus:
    return SyncStatus(
        online=True,
        since=None,
        pending_count=0,
        oldest_pending_at=None,
        last_pull_at=None,
        last_push_at=None,
    )


def _run_in_thread(target: Callable[[], None]) -> None:
    thread = threading.Thread(target=target)
    thread.start()
    thread.join()


def test_bridge_is_a_sync_listener(bridge: SyncBridge) -> None:
    listener: SyncListener = bridge
    assert listener is bridge


def test_status_from_a_worker_thread_arrives_on_the_gui_thread(qtbot, bridge: SyncBridge) -> None:
    status = _status()
    received_on: list[QThread] = []
    bridge.status_changed.connect(lambda _status: received_on.append(QThread.currentThread()))
    with qtbot.waitSignal(bridge.status_changed) as blocker:
        _run_in_thread(lambda: bridge.sync_status_changed(status))
    assert blocker.args == [status]
    assert received_on == [bridge.thread()]


def test_records_changed_arrive_as_a_frozenset(qtbot, bridge: SyncBridge) -> None:
    with qtbot.waitSignal(bridge.records_updated) as blocker:
        _run_in_thread(lambda: bridge.records_changed({RecordKind.ORDER, RecordKind.STAFF}))
    assert blocker.args == [frozenset({RecordKind.ORDER, RecordKind.STAFF})]


def test_rejection_is_re_emitted(qtbot, bridge: SyncBridge) -> None:
    notice = RejectionNotice(
        seq=7,
        command_type="accept_order",
        entity_kind="order",
        entity_id="o1",
        staff_id="s1",
        reason="order_cancelled",
        message="",
        at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    with qtbot.waitSignal(bridge.rejection_received) as blocker:
        _run_in_thread(lambda: bridge.command_rejected(notice))
    assert blocker.args == [notice]


def test_a_feed_page_names_its_orders_before_the_kinds_are_told(qtbot, bridge: SyncBridge) -> None:
    heard: list[tuple[str, object]] = []
    bridge.orders_updated.connect(lambda ids: heard.append(("orders", ids)))
    bridge.records_updated.connect(lambda kinds: heard.append(("kinds", kinds)))
    with qtbot.waitSignal(bridge.records_updated):
        _run_in_thread(
            lambda: bridge.records_changed({RecordKind.ORDER, RecordKind.STAFF}, ["o-1", "o-2"])
        )
    assert heard == [
        ("orders", frozenset({"o-1", "o-2"})),
        ("kinds", frozenset({RecordKind.ORDER, RecordKind.STAFF})),
    ]


def test_orders_changed_without_ids_are_told_as_any_order(qtbot, bridge: SyncBridge) -> None:
    with qtbot.waitSignal(bridge.orders_updated) as blocker:
        _run_in_thread(lambda: bridge.records_changed({RecordKind.ORDER}))
    assert blocker.args == [None]
    with (
        qtbot.assertNotEmitted(bridge.orders_updated),
        qtbot.waitSignal(bridge.records_updated),
    ):
        _run_in_thread(lambda: bridge.records_changed({RecordKind.STAFF}))


def test_records_queued_behind_a_status_are_told_first(qtbot, bridge: SyncBridge) -> None:
    heard: list[str] = []
    bridge.status_changed.connect(lambda _status: heard.append("status"))
    bridge.orders_updated.connect(lambda _ids: heard.append("orders"))

    def feed_page() -> None:
        bridge.sync_status_changed(_status())
        bridge.records_changed({RecordKind.ORDER}, ["o-1"])

    with qtbot.waitSignal(bridge.status_changed):
        _run_in_thread(feed_page)
    assert heard == ["orders", "status"]
