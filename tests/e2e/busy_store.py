"""A busy store to look at: orders from every channel in every state, a refused action, a
customer asking, a picker with a task half picked and one to pack — and the main screens
shown over it, as a counter PC or a handheld shows them, in either language.

Built once per test module (`store` fixture); `COUNTER_SCREENS` and `HANDHELD_SCREENS` name
each main screen and how to bring it up in a fresh window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

from app.device import Device
from app.domain.clock import utc_now
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty, TaskKind
from app.main import screen_services
from app.read_models import SignedInStaff, TaskLineView
from app.services.device_preferences import DevicePreferences
from app.services.picking import Picking
from hub.catalogue import variable_measure_barcode
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from ui.handheld.layout_choice import LAYOUT_KEY, LayoutSetting
from ui.languages import Language, install_language
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge

HANDHELD_SIZE = (480, 800)
LANGUAGES = (Language.ENGLISH, Language.CHINESE)
STORE_NAME = "Storeside 演示店"


@dataclass(frozen=True)
class Store:
    """The busy store: the hub, the counter PC, a handheld, and orders worth looking at."""

    hub: EmbeddedHub
    counter: Device
    handheld: Device
    waiting_order: str
    """An order whose "ready" waits to reach the hub (its detail shows the badge)."""
    asking_order: str
    """An order whose customer asked to cancel and asked where it is."""
    pick_task: str
    pack_task: str


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, qapp: QApplication) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("store")
    with EmbeddedHub(folder / "hub.db", simulate=False, seed=7) as hub:
        counter = enrolled_device(hub, folder / "counter", SyncBridge())
        handheld = enrolled_device(hub, folder / "handheld", SyncBridge())
        try:
            yield _busy(hub, counter, handheld)
        finally:
            handheld.stop()
            counter.stop()


def _busy(hub: EmbeddedHub, counter: Device, handheld: Device) -> Store:
    channels = (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM)
    for channel in channels * 2:
        hub.demo.place_order(channel)
    later = [hub.demo.place_order(channel).order_id for channel in channels]
    pickup = hub.demo.place_order(Channel.MINIPROGRAM, fulfilment=FulfilmentMode.PICKUP)
    asking = hub.demo.place_order(Channel.ELEME).order_id
    DevicePreferences(handheld.db, utc_now).set(LAYOUT_KEY, LayoutSetting.HANDHELD.value)
    drain_feed(handheld)
    picking = Picking(handheld.db, utc_now, on_queued=handheld.wake_pusher)
    picker = sign_in_as(handheld.sign_in, "picker", "2222")
    picking.clock_in(picker)
    handheld.pusher.push()
    drain_feed(counter)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    actions = counter.order_actions
    for order_id in [*later, pickup.order_id, asking]:
        actions.accept(cashier, order_id)
    actions.mark_ready(cashier, pickup.order_id)
    actions.hand_over(cashier, pickup.order_id, HandoverParty.CUSTOMER)
    counter.pusher.push()
    hub.hub.intake.customer_reminds(asking)
    hub.hub.intake.customer_requests(asking, "cancel", reason="地址填错了 wrong address")
    hub.go_offline()
    hub.hub.intake.customer_cancels(later[2])
    actions.mark_ready(cashier, later[2])  # refused when it reaches the hub: a notice
    hub.go_online()
    counter.pusher.push(ignore_backoff=True)
    actions.mark_ready(cashier, later[1])  # stays waiting to sync
    drain_feed(counter)
    drain_feed(handheld)
    picks = [t for t in picking.my_tasks(picker) if t.kind is TaskKind.PICK]
    task = max(
        (picking.task(t.task_id) for t in picks),
        key=lambda t: len(t.lines) if t is not None else 0,
    )
    assert task is not None, "the picker got no pick task"
    picking.start(picker, task.task_id)
    picking.count(picker, task.task_id, task.lines[0].line_id, task.lines[0].quantity)
    packed = next(t for t in picks if t.task_id != task.task_id)
    picking.start(picker, packed.task_id)
    whole = picking.task(packed.task_id)
    assert whole is not None
    for line in whole.lines:
        _pick_whole(picking, picker, packed.task_id, line)
    picking.complete_pick(picker, packed.task_id)
    handheld.pusher.push()
    drain_feed(handheld)
    pack = next((t for t in picking.my_tasks(picker) if t.kind is TaskKind.PACK), None)
    return Store(
        hub=hub,
        counter=counter,
        handheld=handheld,
        waiting_order=later[1],
        asking_order=asking,
        pick_task=task.task_id,
        pack_task=pack.task_id if pack is not None else "",
    )


def _pick_whole(picking: Picking, picker: SignedInStaff, task_id: str, line: TaskLineView) -> None:
    if not line.weighed:
        picking.count(picker, task_id, line.line_id, line.quantity)
        return
    per_unit = (line.ordered_weight_g or 500) // max(line.quantity, 1)
    for _ in range(line.quantity):
        label = variable_measure_barcode(line.barcode[2:7], per_unit)
        picking.scan(picker, task_id, label, prompt_multiples=False)


@pytest.fixture(params=LANGUAGES, ids=lambda language: language.value)
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Language]:
    """The interface speaks this language for the test, English again after it."""
    installed = install_language(qapp, request.param)
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)
    install_language(qapp, Language.ENGLISH)
    QLocale.setDefault(QLocale(Language.ENGLISH.value))


Show = Callable[[MainWindow, Store], QWidget | None]


def shown_window(
    qtbot, store: Store, show: Show, size: tuple[int, int], *, handheld: bool = False
) -> MainWindow:
    """A fresh main window of the counter (or the handheld) at `size`, on the screen `show`
    brings up, laid out and painted."""
    device = store.handheld if handheld else store.counter
    window = MainWindow(screen_services(device), SyncBridge(), store_name=STORE_NAME)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    shown = show(window, store)
    qtbot.waitUntil(lambda: shown is None or shown.isVisible())
    QApplication.processEvents()
    return window


def _sign_in(window: MainWindow, staff_id: str, pin: str) -> None:
    screen = window.sign_in_screen
    screen.staff_button(staff_id).click()
    screen.pin_field.setText(pin)
    screen.sign_in_button.click()


def _nothing(window: MainWindow, store: Store) -> QWidget | None:
    return window.sign_in_screen


def _inbox(window: MainWindow, store: Store) -> QWidget | None:
    _sign_in(window, "staff-wangfang", "1111")
    screen = window.cashier_screen
    screen.show_tab(InboxTab.NEW)
    screen.table.selectRow(0)
    return screen


def _waiting_order(window: MainWindow, store: Store) -> QWidget | None:
    _sign_in(window, "staff-wangfang", "1111")
    window.cashier_screen.show_order(store.waiting_order)
    return window.cashier_screen


def _asking_order(window: MainWindow, store: Store) -> QWidget | None:
    _sign_in(window, "staff-wangfang", "1111")
    window.cashier_screen.show_order(store.asking_order)
    return window.cashier_screen


def _manager_tab(key: str) -> Show:
    def show(window: MainWindow, store: Store) -> QWidget | None:
        _sign_in(window, "staff-chenjing", "9999")
        return window.manager_screen.open_tab(key)

    return show


def _my_tasks(window: MainWindow, store: Store) -> QWidget | None:
    _sign_in(window, "staff-liqiang", "2222")
    return window.handheld_screen


def _task(which: str) -> Show:
    def show(window: MainWindow, store: Store) -> QWidget | None:
        _sign_in(window, "staff-liqiang", "2222")
        screen = window.handheld_screen
        assert screen is not None, "the picker did not get the handheld screen"
        task_id = getattr(store, which)
        assert task_id, f"the store has no {which}"
        screen.open_task_by_id(task_id)
        return screen

    return show


COUNTER_SCREENS: dict[str, Show] = {
    "sign-in": _nothing,
    "inbox": _inbox,
    "order-waiting-to-sync": _waiting_order,
    "order-cancel-request": _asking_order,
    "shortages": _manager_tab("shortages"),
    "tasks": _manager_tab("tasks"),
    "dashboard": _manager_tab("dashboard"),
    "sync-health": _manager_tab("sync_health"),
    "audit": _manager_tab("audit"),
}
HANDHELD_SCREENS: dict[str, Show] = {
    "sign-in": _nothing,
    "my-tasks": _my_tasks,
    "pick": _task("pick_task"),
    "pack": _task("pack_task"),
}
