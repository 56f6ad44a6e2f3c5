"""The work area: a cashier sees the orders alone; a manager sees the manager's tabs beside them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.clock import utc_now
from app.domain.vocabulary import RecordKind, Role
from app.read_models import SignedInStaff
from app.services.shortage_decisions import ShortageDecisions
from ui.manager.manager_screen import ManagerScreen, ManagerTab
from ui.manager.shortage_queue import ShortageQueue
from ui.sync_bridge import SyncBridge

_CASHIER = SignedInStaff("s-1", "李娜", frozenset({Role.CASHIER}))
_MANAGER = SignedInStaff("s-9", "王芳", frozenset({Role.MANAGER}))


class _Screen(QLabel):
    """A manager screen that notes who it was told works now."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("shortages", parent)
        self.actors: list[SignedInStaff | None] = []

    def set_actor(self, actor: SignedInStaff | None) -> None:
        self.actors.append(actor)


def _screen(qtbot) -> tuple[ManagerScreen, QLabel, list[_Screen]]:
    built: list[_Screen] = []

    def build(parent: QWidget) -> QWidget:
        built.append(_Screen(parent))
        return built[-1]

    orders = QLabel("orders")
    screen = ManagerScreen(orders, [ManagerTab("shortages", "Shortages", build)])
    qtbot.addWidget(screen)
    screen.show()
    return screen, orders, built


def test_a_cashier_sees_the_orders_alone(qtbot) -> None:
    screen, orders, built = _screen(qtbot)
    screen.set_actor(_CASHIER)
    assert screen.tabBar().isHidden()
    assert screen.currentWidget() is orders
    assert not screen.isTabVisible(1)
    assert built == []


def test_a_manager_tab_is_built_on_first_open_and_told_who_works(qtbot) -> None:
    screen, _orders, built = _screen(qtbot)
    screen.set_actor(_MANAGER)
    assert screen.tabBar().isVisible()
    assert [screen.tabText(i) for i in range(screen.count())] == ["Orders", "Shortages"]
    assert built == []
    screen.setCurrentIndex(1)
    assert len(built) == 1
    assert built[0].actors == [_MANAGER]
    assert screen.open_tab("shortages") is built[0]
    assert len(built) == 1


def test_signing_out_hides_the_tabs_and_tells_the_built_screens(qtbot) -> None:
    screen, orders, built = _screen(qtbot)
    screen.set_actor(_MANAGER)
    screen.open_tab("shortages")
    screen.set_actor(None)
    assert screen.currentWidget() is orders
    assert screen.tabBar().isHidden()
    assert built[0].actors == [_MANAGER, None]


def test_a_tab_title_counts_what_waits_there_for_a_manager_only(qtbot) -> None:
    waiting = [3]
    orders = QLabel("orders")
    tab = ManagerTab("shortages", "Shortages", QLabel, waiting=lambda: waiting[0])
    screen = ManagerScreen(orders, [tab])
    qtbot.addWidget(screen)
    screen.set_actor(_CASHIER)
    assert screen.tabText(1) == "Shortages"
    screen.set_actor(_MANAGER)
    assert screen.tabText(1) == "Shortages (3)"
    waiting[0] = 0
    screen.refresh_waiting()
    assert screen.tabText(1) == "Shortages"


def test_a_hidden_queue_reads_nothing_on_feed_updates_and_reads_again_when_shown(qtbot, db) -> None:
    reads: list[int] = []

    class CountingDecisions(ShortageDecisions):
        def queue(self):  # type: ignore[no-untyped-def]
            reads.append(1)
            return super().queue()

    bridge = SyncBridge()
    queue = ShortageQueue(CountingDecisions(db, utc_now), utc_now, bridge)
    qtbot.addWidget(queue)
    queue.show()
    qtbot.waitExposed(queue)
    queue.hide()
    before = len(reads)

    for _ in range(5):
        bridge.records_updated.emit(frozenset({RecordKind.SHORTAGE}))
    assert len(reads) == before  # behind another tab: nothing read for nobody

    queue.show()
    qtbot.waitUntil(lambda: len(reads) == before + 1)
