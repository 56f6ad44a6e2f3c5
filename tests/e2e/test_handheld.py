"""The picker's handheld screens against the real hub: a counter device accepts orders, the
handheld (a second enrolled device with its own database) gets the tasks, scans with real key
events through the scan detector, reports a shortage, packs, prints bag labels, hands over."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, ShortageReason, TaskKind, TaskLineStatus, TaskStatus
from app.main import screen_services
from app.printing.print_setup import PrinterConfig, PrintSetup
from app.read_models import OrderDetail, SignedInStaff, TaskDetail, TaskLineView
from app.services.device_preferences import DevicePreferences
from app.services.picking import Picking
from hub.catalogue import variable_measure_barcode
from hub.embedded import EmbeddedHub
from local_db.database import Database
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fake_printer import FakePrinter
from tests.fakes import RecordingListener
from ui.handheld.feedback import FlashTone, current_flash
from ui.handheld.handheld_screen import HandheldScreen
from ui.handheld.handheld_style import HANDHELD_SIZE
from ui.handheld.layout_choice import LAYOUT_KEY, LayoutSetting
from ui.handheld.picking_words import price_difference_text, shortage_decision_text
from ui.labels import out_of_stock_preference_name, serial_text
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge
from ui.value_formats import format_weight

TOUCH_TARGET_PX = 48
"""The smallest a touch target may be (Android and iOS guidelines)."""
WRONG_CODE = "4006381333931"
"""A valid EAN-13 that no demo product carries."""
_CHANNELS = (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM)


@pytest.fixture
def counter(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """The counter PC that accepts the orders; its sync is driven by hand."""
    device = enrolled_device(hub, tmp_path / "counter", RecordingListener())
    drain_feed(device)
    yield device
    device.stop()


@pytest.fixture
def label_printer() -> Iterator[FakePrinter]:
    """The handheld's label printer."""
    printer = FakePrinter()
    yield printer
    printer.stop()


@pytest.fixture
def bridge(qtbot) -> SyncBridge:  # needs the QApplication
    """The handheld's bridge from its sync to its screen."""
    return SyncBridge()


@pytest.fixture
def handheld(
    hub: EmbeddedHub, tmp_path: Path, bridge: SyncBridge, label_printer: FakePrinter
) -> Iterator[Device]:
    """The picker's handheld: a second device, its own database, a label printer."""
    device = enrolled_device(hub, tmp_path / "handheld", bridge)
    drain_feed(device)
    printer = PrinterConfig(
        printer_id="labels",
        name="Labels",
        host=label_printer.address.host,
        port=label_printer.address.port,
        paper_mm=58,
    )
    device.printing.settings.save(PrintSetup(printers=(printer,), label_printer_id="labels"))
    yield device
    device.stop()


@pytest.fixture
def picking(handheld: Device) -> Picking:
    """The picking service of the handheld, as the app wires it."""
    return Picking(handheld.db, utc_now, on_queued=handheld.wake_pusher)


@pytest.fixture
def picker(handheld: Device) -> SignedInStaff:
    """Li Qiang, the demo store's picker, signed in on the handheld."""
    return sign_in_as(handheld.sign_in, "picker", "2222")


class ScannerPace:
    """Key times of a wedge scanner: each key 3 ms after the one before, whatever the load on
    the test machine (the detector reads the time once per key)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += 0.003
        return self.now


@pytest.fixture
def screen(qtbot, picking: Picking, handheld: Device, bridge: SyncBridge) -> HandheldScreen:
    """The handheld screen at 480×800, shown; keys come at a scanner's pace."""
    shown = HandheldScreen(
        picking,
        utc_now,
        bridge,
        bag_labels=handheld.printing.bag_labels,
        key_clock=ScannerPace(),
    )
    qtbot.addWidget(shown)
    shown.resize(480, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@dataclass
class Floor:
    """The store the handheld tests play in: the hub, the counter that accepts orders, and the
    handheld with its picker signed in. Keeps the dispatch steps out of each test's story."""

    hub: EmbeddedHub
    counter: Device
    handheld: Device
    picking: Picking
    picker: SignedInStaff

    def sync(self) -> None:
        """The handheld sends what it did and takes in what the hub sent back."""
        self.handheld.pusher.push()
        drain_feed(self.handheld)

    def dispatch(self) -> list[str]:
        """The picker clocks in; the counter accepts one order per channel; the handheld
        pulls the pick tasks the hub dispatched. Returns the order ids."""
        if not self.picking.is_clocked_in(self.picker):
            self.picking.clock_in(self.picker)
            self.handheld.pusher.push()
        orders = [self.hub.demo.place_order(channel).order_id for channel in _CHANNELS]
        drain_feed(self.counter)
        cashier = sign_in_as(self.counter.sign_in, "cashier", "1111")
        for order_id in orders:
            self.counter.order_actions.accept(cashier, order_id)
        self.counter.pusher.push()
        drain_feed(self.handheld)
        return orders

    def task_with(self, wanted: Callable[[TaskDetail], bool]) -> TaskDetail:
        """A pick task of the picker's for which `wanted` holds (orders are placed until one
        is)."""
        for _ in range(8):
            self.dispatch()
            for summary in self.picking.my_tasks(self.picker):
                task = self.picking.task(summary.task_id)
                if task is not None and task.kind is TaskKind.PICK and wanted(task):
                    return task
        raise AssertionError("the simulated orders never had such a task")

    def task_with_line(
        self, wanted: Callable[[TaskLineView], bool]
    ) -> tuple[TaskDetail, TaskLineView]:
        """A pick task with a line for which `wanted` holds, and the first such line."""
        task = self.task_with(lambda t: any(wanted(ln) for ln in t.lines))
        return task, next(ln for ln in task.lines if wanted(ln))

    def order_at_counter(self, order_id: str) -> OrderDetail | None:
        """The order as the counter sees it once the handheld has synced and the counter has
        taken in the hub's feed."""
        self.sync()
        drain_feed(self.counter)
        return self.counter.order_queries.detail(order_id)

    def picked(self, task_id: str) -> dict[str, int]:
        """How many units of each line of the task are picked, by line id."""
        return _picked(self.picking, task_id)


@pytest.fixture
def floor(
    hub: EmbeddedHub, counter: Device, handheld: Device, picking: Picking, picker: SignedInStaff
) -> Floor:
    """The hub, the counter and the handheld with Li Qiang signed in, ready to dispatch."""
    return Floor(hub, counter, handheld, picking, picker)


def _plain(line: TaskLineView) -> bool:
    return not line.weighed and line.status is TaskLineStatus.OPEN


def _single(line: TaskLineView) -> bool:
    """A plain line of one unit: one scan picks it whole."""
    return _plain(line) and line.quantity == 1


def _open_weighed(line: TaskLineView) -> bool:
    return line.weighed and line.status is TaskLineStatus.OPEN


def _label_for(line: TaskLineView) -> str:
    """What the scanner reads off the product of `line`: its barcode, or a scale label."""
    if line.weighed:
        per_unit = (line.ordered_weight_g or 500) // max(line.quantity, 1)
        return variable_measure_barcode(line.barcode[2:7], per_unit)
    return line.barcode


def _scan(widget: QWidget, code: str) -> None:
    """A keyboard-wedge scanner's burst: the code's keys back to back, then Enter."""
    QTest.keyClicks(widget, code)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _open(screen: HandheldScreen, picker: SignedInStaff, task: TaskDetail) -> None:
    screen.set_actor(picker)
    screen.open_task_by_id(task.task_id)
    assert screen.pages.currentWidget() is screen.pick_page


def _choose(screen: HandheldScreen, line_id: str) -> None:
    row = screen.pick_page.route.row_of(line_id)
    assert row is not None
    row.click()
    current = screen.pick_page.current_line()
    assert current is not None
    assert current.line_id == line_id


def _picked(picking: Picking, task_id: str) -> dict[str, int]:
    task = picking.task(task_id)
    assert task is not None
    return {line.line_id: line.picked_quantity for line in task.lines}


def _handheld_window(handheld: Device, bridge: SyncBridge, qtbot) -> MainWindow:
    """The whole app on the handheld, at a handheld's size, at the sign-in screen."""
    window = MainWindow(screen_services(handheld), bridge, store_name="Storeside 演示店")
    qtbot.addWidget(window)
    window.resize(*HANDHELD_SIZE)
    window.show()
    return window


def _sign_in(window: MainWindow, staff_id: str, pin: str) -> None:
    """Tap the staff member's button, type the PIN, press sign in."""
    sign_in = window.sign_in_screen
    sign_in.staff_button(staff_id).click()
    sign_in.pin_field.setText(pin)
    sign_in.sign_in_button.click()


def test_my_tasks_are_listed_by_deadline_with_serial_and_lines(
    floor: Floor, screen: HandheldScreen
) -> None:
    screen.set_actor(floor.picker)
    assert screen.pages.currentWidget() is screen.clock_page
    screen.clock_page.clock_in_button.click()
    floor.handheld.pusher.push()
    floor.dispatch()
    screen.show_tasks()

    cards = screen.task_list_page.cards
    assert len(cards) == 3
    deadlines = [card.task.due_at for card in cards]
    assert None not in deadlines
    assert deadlines == sorted(deadlines)  # type: ignore[type-var]
    first = cards[0].task
    assert first.daily_serial is not None
    assert str(first.line_count) in cards[0].lines_label.text()
    assert serial_text(first.daily_serial) in cards[0].accessibleName()


def test_a_scanner_burst_anywhere_counts_one_unit(floor: Floor, screen: HandheldScreen) -> None:
    task, line = floor.task_with_line(_single)
    _open(screen, floor.picker, task)
    _choose(screen, line.line_id)

    _scan(screen.pick_page.current_card, line.barcode)

    assert floor.picked(task.task_id)[line.line_id] == 1
    assert screen.pick_page.code_field.text() == ""
    flash = current_flash(screen.pick_page.current_card)
    assert flash is not None
    assert flash.property("tone") == FlashTone.OK.value


def test_a_multiple_opens_the_quantity_prompt(floor: Floor, screen: HandheldScreen, qtbot) -> None:
    task, line = floor.task_with_line(lambda ln: _plain(ln) and ln.quantity > 1)
    _open(screen, floor.picker, task)
    _choose(screen, line.line_id)

    _scan(screen.pick_page, line.barcode)
    dialog = screen.pick_page.quantity_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert floor.picked(task.task_id)[line.line_id] == 0
    assert dialog.quantity() == line.quantity
    dialog.stepper.minus_button.click()
    dialog.count_button.click()

    assert floor.picked(task.task_id)[line.line_id] == line.quantity - 1


def test_a_wrong_code_flashes_red_and_counts_nothing(floor: Floor, screen: HandheldScreen) -> None:
    task = floor.task_with(lambda t: bool(t.lines))
    _open(screen, floor.picker, task)
    before = floor.picked(task.task_id)
    waiting = floor.handheld.health.health().pending_count

    _scan(screen.pick_page.current_card, WRONG_CODE)

    assert floor.picked(task.task_id) == before
    assert floor.handheld.health.health().pending_count == waiting
    flash = current_flash(screen.pick_page.current_card)
    assert flash is not None
    assert flash.property("tone") == FlashTone.ERROR.value
    assert "Wrong item" in screen.pick_page.message_strip.text()


def test_a_typed_code_is_checked_like_a_scan(floor: Floor, screen: HandheldScreen) -> None:
    task = floor.task_with(lambda t: bool(t.lines))
    _open(screen, floor.picker, task)
    page = screen.pick_page

    page.code_field.setText("4006381333932")  # check digit wrong
    page.check_button.click()

    assert "could not be read" in page.message_strip.text()
    assert page.code_field.text() == ""


def test_a_short_line_waits_for_the_manager_while_others_are_picked(
    floor: Floor, screen: HandheldScreen, qtbot
) -> None:
    task = floor.task_with(lambda t: len(t.lines) >= 2 and any(_single(ln) for ln in t.lines))
    other = next(ln for ln in task.lines if _single(ln))
    short = next(ln for ln in task.lines if ln.line_id != other.line_id)
    _open(screen, floor.picker, task)
    _choose(screen, short.line_id)

    screen.pick_page.short_button.click()
    dialog = screen.pick_page.shortage_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    preference = out_of_stock_preference_name(task.out_of_stock_preference)
    assert preference in dialog.preference_label.text()
    dialog.reason_buttons[ShortageReason.OUT_OF_STOCK].click()
    dialog.report_button.click()

    waiting = screen.pick_page.route.row_of(short.line_id)
    assert waiting is not None
    assert shortage_decision_text(None) in waiting.text()
    _choose(screen, other.line_id)
    _scan(screen.pick_page.current_card, other.barcode)
    assert floor.picked(task.task_id)[other.line_id] == 1

    floor.sync()
    shortage_id = floor.hub.hub.admin.shortages(task.order_id)[0].shortage_id
    floor.hub.hub.admin.resolve_shortage(shortage_id, "partial_refund")
    drain_feed(floor.handheld)

    decided = shortage_decision_text("partial_refund")
    qtbot.waitUntil(
        lambda: (
            (row := screen.pick_page.route.row_of(short.line_id)) is not None and "✓" in row.text()
        )
    )
    shown = screen.pick_page.task
    assert shown is not None
    line = next(ln for ln in shown.lines if ln.line_id == short.line_id)
    assert line.status is TaskLineStatus.SHORT_RESOLVED
    _choose(screen, short.line_id)
    assert decided in screen.pick_page.current_card.waiting_label.text()


def test_packing_prints_one_label_per_bag_and_the_handover_closes_the_task(
    floor: Floor, screen: HandheldScreen, label_printer: FakePrinter
) -> None:
    picking, picker = floor.picking, floor.picker
    task = floor.task_with(lambda t: bool(t.lines))
    picking.start(picker, task.task_id)
    for line in task.lines:
        if line.weighed:
            for _ in range(line.quantity):  # one scale label per unit
                picking.scan(picker, task.task_id, _label_for(line), prompt_multiples=False)
        else:
            picking.count(picker, task.task_id, line.line_id, line.quantity)
    _open(screen, picker, task)
    screen.pick_page.done_button.click()  # every line is picked: on to packing
    page = screen.pack_page
    assert screen.pages.currentWidget() is page
    pack = page.task
    assert pack is not None
    assert pack.kind is TaskKind.PACK

    page.bag_stepper.set_value(3)
    page.print_button.click()
    page.print_button.click()  # a second press prints nothing more
    floor.handheld.printing.runner.print_due()
    labels = label_printer.tickets()
    assert len(labels) == 3
    assert "Bag 2 of 3" in labels[1].text
    assert serial_text(task.daily_serial or 0) in labels[1].texts
    page.counter_button.click()

    assert screen.pages.currentWidget() is screen.task_list_page
    done = picking.task(pack.task_id)
    assert done is not None
    assert done.status is TaskStatus.DONE
    order = floor.order_at_counter(task.order_id)
    assert order is not None
    assert order.status.value == "ready"


def test_a_cancelled_order_is_told_in_a_banner_and_the_scans_stay(
    floor: Floor, screen: HandheldScreen, qtbot
) -> None:
    task, line = floor.task_with_line(_single)
    _open(screen, floor.picker, task)
    _choose(screen, line.line_id)
    _scan(screen.pick_page.current_card, line.barcode)
    floor.sync()

    floor.hub.hub.intake.customer_cancels(task.order_id)
    drain_feed(floor.handheld)

    qtbot.waitUntil(lambda: not screen.banner.isHidden())
    assert "cancelled" in screen.banner.text_label.text()
    assert serial_text(task.daily_serial or 0) in screen.banner.text_label.text()
    assert screen.pages.currentWidget() is screen.task_list_page
    assert task.task_id not in screen.task_list_page.task_ids()
    assert floor.picked(task.task_id)[line.line_id] == 1


def test_after_a_restart_the_task_in_progress_opens_where_it_was(
    floor: Floor, screen: HandheldScreen, bridge: SyncBridge, qtbot
) -> None:
    task, line = floor.task_with_line(_single)
    _open(screen, floor.picker, task)
    _choose(screen, line.line_id)
    _scan(screen.pick_page.current_card, line.barcode)
    screen.close()

    # The program stops (nothing pushed); a new one opens the same database file.
    reopened = Database(floor.handheld.db.path)
    try:
        again = HandheldScreen(Picking(reopened, utc_now), utc_now, bridge, key_clock=ScannerPace())
        qtbot.addWidget(again)
        again.set_actor(floor.picker)

        assert again.pages.currentWidget() is again.pick_page
        shown = again.pick_page.task
        assert shown is not None
        assert shown.task_id == task.task_id
        assert _picked(Picking(reopened, utc_now), task.task_id)[line.line_id] == 1
        assert again.pick_page.header.progress_label.text().startswith(
            f"{shown.done_lines}/{len(shown.lines)}"
        )
    finally:
        reopened.close()


def test_a_weighed_label_shows_the_weight_and_the_price_difference(
    floor: Floor, screen: HandheldScreen
) -> None:
    task = floor.task_with(lambda t: any(_open_weighed(ln) for ln in t.lines))
    line = next(ln for ln in task.lines if ln.weighed)
    per_unit = (line.ordered_weight_g or 500) // max(line.quantity, 1)
    heavier = variable_measure_barcode(line.barcode[2:7], per_unit + per_unit // 20)
    _open(screen, floor.picker, task)
    _choose(screen, line.line_id)

    _scan(screen.pick_page.current_card, heavier)

    shown = floor.picking.task(task.task_id)
    assert shown is not None
    weighed = next(ln for ln in shown.lines if ln.line_id == line.line_id)
    assert weighed.picked_quantity == 1
    assert weighed.actual_weight_g == per_unit + per_unit // 20
    _choose(screen, line.line_id)
    card = screen.pick_page.current_card
    assert format_weight(per_unit + per_unit // 20) in card.weight_label.text()
    assert price_difference_text(weighed.price_difference_cents) in card.weight_label.text()


def test_a_label_far_from_the_ordered_weight_counts_nothing(
    floor: Floor, screen: HandheldScreen
) -> None:
    task = floor.task_with(lambda t: any(_open_weighed(ln) for ln in t.lines))
    line = next(ln for ln in task.lines if ln.weighed)
    per_unit = (line.ordered_weight_g or 500) // max(line.quantity, 1)
    _open(screen, floor.picker, task)

    _scan(screen.pick_page, variable_measure_barcode(line.barcode[2:7], per_unit * 2))

    assert floor.picked(task.task_id)[line.line_id] == 0
    flash = current_flash(screen.pick_page.current_card)
    assert flash is not None
    assert flash.property("tone") == FlashTone.ERROR.value
    assert "Weight too far" in screen.pick_page.message_strip.text()


def test_a_paused_task_takes_no_scans_until_resumed(floor: Floor, screen: HandheldScreen) -> None:
    task, line = floor.task_with_line(_single)
    _open(screen, floor.picker, task)
    _choose(screen, line.line_id)
    page = screen.pick_page

    page.pause_button.click()
    assert page.header.paused_pill.isVisibleTo(page)
    _scan(page.current_card, line.barcode)
    assert floor.picked(task.task_id)[line.line_id] == 0
    assert "paused" in page.message_strip.text()

    page.pause_button.click()
    _scan(page.current_card, line.barcode)
    assert floor.picked(task.task_id)[line.line_id] == 1


def _scan_line_whole(screen: HandheldScreen, qtbot, line: TaskLineView) -> None:
    """Scan every unit of `line` as a picker would: one label per weighed unit, one scan and
    the quantity prompt for a multiple."""
    page = screen.pick_page
    _choose(screen, line.line_id)
    if line.weighed:
        for _ in range(line.quantity):
            _scan(page.current_card, _label_for(line))
        return
    _scan(page.current_card, line.barcode)
    if line.quantity > 1:
        dialog = page.quantity_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        dialog.count_button.click()


def test_the_whole_flow_from_the_counter_to_ready_with_a_shortage(
    floor: Floor, screen: HandheldScreen, label_printer: FakePrinter, qtbot
) -> None:
    task = floor.task_with(lambda t: len(t.lines) >= 2)
    short, *others = task.lines
    _open(screen, floor.picker, task)
    page = screen.pick_page

    _choose(screen, short.line_id)
    page.short_button.click()
    dialog = page.shortage_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.reason_buttons[ShortageReason.DAMAGED].click()
    dialog.report_button.click()
    for line in others:
        _scan_line_whole(screen, qtbot, line)
    assert not page.done_button.isEnabled()  # the short line still waits
    floor.sync()
    hub = floor.hub.hub
    hub.admin.resolve_shortage(hub.admin.shortages(task.order_id)[0].shortage_id, "partial_refund")
    drain_feed(floor.handheld)
    qtbot.waitUntil(page.done_button.isEnabled)
    page.done_button.click()
    pack = screen.pack_page
    assert screen.pages.currentWidget() is pack
    pack.bag_stepper.set_value(2)
    pack.print_button.click()
    floor.handheld.printing.runner.print_due()
    pack.counter_button.click()
    order = floor.order_at_counter(task.order_id)

    assert ["Bag 2 of 2" in t.text for t in label_printer.tickets()] == [False, True]
    assert order is not None
    assert order.status.value == "ready"


def test_a_picker_signing_in_gets_the_handheld_screens(
    handheld: Device, bridge: SyncBridge, qtbot
) -> None:
    window = _handheld_window(handheld, bridge, qtbot)

    _sign_in(window, "staff-liqiang", "2222")

    screen = window.handheld_screen
    assert screen is not None
    assert window.screens.currentWidget() is screen
    assert screen.pages.currentWidget() is screen.clock_page
    window.sign_out()
    assert window.screens.currentWidget() is window.sign_in_screen
    _sign_in(window, "staff-wangfang", "1111")
    assert window.screens.currentWidget() is window.manager_screen
    assert window.manager_screen.currentWidget() is window.cashier_screen


def test_every_handheld_button_is_a_touch_target_at_480_px(
    floor: Floor, bridge: SyncBridge, qtbot
) -> None:
    task = floor.task_with(lambda t: bool(t.lines))
    DevicePreferences(floor.handheld.db, utc_now).set(LAYOUT_KEY, LayoutSetting.HANDHELD.value)
    window = _handheld_window(floor.handheld, bridge, qtbot)
    _sign_in(window, "staff-liqiang", "2222")
    screen = window.handheld_screen
    assert screen is not None

    for page in (screen.task_list_page, screen.pick_page):
        if page is screen.pick_page:
            screen.open_task_by_id(task.task_id)
        qtbot.waitUntil(page.isVisible)
        buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
        assert buttons
        assert min(b.height() for b in buttons) >= TOUCH_TARGET_PX
    assert window.width() == HANDHELD_SIZE[0]
