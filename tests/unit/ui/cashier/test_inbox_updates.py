"""A feed page that names its orders: the inbox and the alarm re-read those rows only.

The cache is real SQLite, seeded directly; the sync thread's call is `records_changed` with
the page's order ids, as the feed puller makes it, from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import timedelta

from PySide6.QtCore import Qt

from app.domain.new_order_alarm import WaitingOrder
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, RecordKind
from app.services.alarm_preferences import AlarmPreferences
from app.services.device_preferences import DevicePreferences
from app.services.order_queries import OrderQueries
from ui.alarm.alarm_sound import AlarmSound
from ui.alarm.order_alarm import OrderAlarm
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.order_inbox_model import InboxColumn
from ui.sync_bridge import SyncBridge

_HOUR_MS = 3_600_000


def _from_sync_thread(work: Callable[[], None]) -> None:
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()


def _page(seed, bridge: SyncBridge, *orders: dict) -> None:
    """A feed page of `orders` written by a sync thread, which names them to the bridge."""

    def apply() -> None:
        seed.orders(*orders)
        bridge.records_changed(
            frozenset({RecordKind.ORDER}), frozenset(order["order_id"] for order in orders)
        )

    _from_sync_thread(apply)


def _shown_ids(screen: CashierScreen) -> list[str]:
    return [screen.model.summary_at(row).order_id for row in range(screen.model.rowCount())]


def _selected_ids(screen: CashierScreen) -> list[str]:
    rows = screen.table.selectionModel().selectedRows()
    return [screen.model.summary_at(index.row()).order_id for index in rows]


def _seed_new_orders(seed) -> None:
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row("n1", serial=21, placed_ago=timedelta(minutes=3)),
        seed.order_row("n2", channel=Channel.ELEME, serial=22, placed_ago=timedelta(minutes=1)),
        seed.order_row("p1", serial=18, status="preparing"),
    )


def test_a_feed_page_inserts_its_row_in_place_without_a_reset_and_keeps_the_selection(
    qtbot, screen, seed, bridge
) -> None:
    _seed_new_orders(seed)
    screen.set_actor(seed.cashier.signed_in())
    row = screen.model.row_of("n2")
    rect = screen.table.visualRect(screen.model.index(row, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _shown_ids(screen) == ["n1", "n2"]
    resets: list[None] = []
    inserted: list[int] = []
    screen.model.modelReset.connect(lambda: resets.append(None))
    screen.model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))

    # Placed between the two: its deadline falls between theirs.
    _page(seed, bridge, seed.order_row("n3", serial=23, placed_ago=timedelta(minutes=2)))
    qtbot.waitUntil(lambda: screen.model.row_of("n3") is not None)

    assert _shown_ids(screen) == ["n1", "n3", "n2"]
    assert inserted == [1]
    assert resets == []
    assert _selected_ids(screen) == ["n2"]
    assert screen.detail_pane.order.order_id == "n2"
    assert screen.tab_bar.tabText(0) == "New (3)"


def test_an_order_accepted_elsewhere_leaves_new_and_is_counted_under_preparing(
    qtbot, screen, seed, bridge
) -> None:
    _seed_new_orders(seed)
    screen.set_actor(seed.cashier.signed_in())
    resets: list[None] = []
    screen.model.modelReset.connect(lambda: resets.append(None))

    _page(seed, bridge, seed.order_row("n1", serial=21, status="accepted", version=2))
    qtbot.waitUntil(lambda: screen.model.row_of("n1") is None)

    assert _shown_ids(screen) == ["n2"]
    assert resets == []
    assert screen.tab_bar.tabText(0) == "New (1)"
    assert screen.tab_bar.tabText(2) == "Preparing (2)"
    screen.show_tab(InboxTab.IN_PROGRESS)
    assert set(_shown_ids(screen)) == {"n1", "p1"}


def test_the_order_on_show_is_read_again_only_when_the_page_names_it(
    qtbot, screen, seed, bridge
) -> None:
    _seed_new_orders(seed)
    screen.set_actor(seed.cashier.signed_in())
    row = screen.model.row_of("n1")
    rect = screen.table.visualRect(screen.model.index(row, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane_content = screen.detail_pane.widget()

    _page(seed, bridge, seed.order_row("n3", serial=23, placed_ago=timedelta(seconds=5)))
    qtbot.waitUntil(lambda: screen.model.row_of("n3") is not None)
    assert screen.detail_pane.widget() is pane_content

    _page(seed, bridge, seed.order_row("n1", serial=21, note="no chilli", version=2))
    qtbot.waitUntil(lambda: screen.detail_pane.order.note == "no chilli")
    assert _selected_ids(screen) == ["n1"]


def test_a_page_without_order_ids_lists_the_tab_again(qtbot, screen, seed, bridge) -> None:
    _seed_new_orders(seed)
    screen.set_actor(seed.cashier.signed_in())

    def apply() -> None:
        seed.orders(seed.order_row("n3", serial=23, placed_ago=timedelta(seconds=5)))
        bridge.records_changed(frozenset({RecordKind.ORDER}))  # the kinds-only path

    _from_sync_thread(apply)
    qtbot.waitUntil(lambda: screen.model.row_of("n3") is not None)
    assert screen.tab_bar.tabText(0) == "New (3)"


@dataclass
class CountingQueries:
    """The real queries; notes which orders each read of the waiting ones asked for."""

    inner: OrderQueries
    reads: list[frozenset[str] | None] = field(default_factory=list)

    def waiting_for_answer(self, among: Collection[str] | None = None) -> list[WaitingOrder]:
        self.reads.append(None if among is None else frozenset(among))
        return self.inner.waiting_for_answer(among)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


@dataclass
class RecordingSound:
    played: list[AlarmSound] = field(default_factory=list)
    silence_reason: str = ""

    def play(self, sound: AlarmSound, _volume: float) -> None:
        self.played.append(sound)


def _alarm(services, db, clock, bridge, queries, tick_ms: int) -> OrderAlarm:
    return OrderAlarm(
        queries=queries,
        preferences=AlarmPreferences(DevicePreferences(db, clock), clock),
        auto_accept=None,
        sound=RecordingSound(),
        clock=clock,
        bridge=bridge,
        tick_ms=tick_ms,
    )


def test_the_alarm_takes_a_new_order_and_drops_an_accepted_one_from_the_page_alone(
    qtbot, services, db, clock, bridge, seed
) -> None:
    _seed_new_orders(seed)
    queries = CountingQueries(services.order_queries)
    # No tick during the test: what the alarm knows comes from the pages alone.
    alarm = _alarm(services, db, clock, bridge, queries, tick_ms=_HOUR_MS)
    alarm.start()
    assert alarm.decision.ringing == {"n1", "n2"}
    assert queries.reads == [None]  # the one full read, at start

    with qtbot.waitSignal(alarm.rang) as rang:
        _page(seed, bridge, seed.order_row("n3", serial=23, placed_ago=timedelta(seconds=5)))
    assert "n3" in rang.args[0].ringing
    assert alarm.sound.played[-1] is AlarmSound.NEW_ORDER

    with qtbot.waitSignal(alarm.evaluated):
        _page(seed, bridge, seed.order_row("n1", serial=21, status="accepted", version=2))
    assert alarm.decision.ringing == {"n2", "n3"}
    # Each page read its own order, never every waiting one again.
    assert queries.reads == [None, frozenset({"n3"}), frozenset({"n1"})]
    alarm.stop()


def test_the_tick_notices_an_order_that_left_new_without_a_page(
    qtbot, services, db, clock, bridge, seed
) -> None:
    _seed_new_orders(seed)
    alarm = _alarm(services, db, clock, bridge, services.order_queries, tick_ms=50)
    alarm.start()
    assert alarm.decision.ringing == {"n1", "n2"}
    # Accepted at this counter: no feed page tells the alarm, the tick's count does.
    seed.orders(seed.order_row("n2", channel=Channel.ELEME, serial=22, status="accepted"))
    qtbot.waitUntil(lambda: alarm.decision.ringing == {"n1"}, timeout=3000)
    seed.orders(seed.order_row("n1", serial=21, status="rejected"))
    qtbot.waitUntil(lambda: not alarm.decision.ringing, timeout=3000)
    assert not alarm.flash_timer.isActive()
    alarm.stop()
