"""The handheld's pictures at 480×800, from a second device enrolled with the same demo hub."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, ShortageReason, TaskKind, TaskLineStatus
from app.main import screen_services
from app.read_models import SignedInStaff, TaskDetail
from app.services.device_preferences import DevicePreferences
from app.services.picking import Picking
from hub.catalogue import variable_measure_barcode
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from ui.handheld.handheld_screen import HandheldScreen
from ui.handheld.handheld_style import HANDHELD_SIZE
from ui.handheld.layout_choice import LAYOUT_KEY, LayoutSetting
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge

WRONG_CODE = "4006381333931"
"""A valid EAN-13 that no demo product carries."""

Save = Callable[[QWidget, Path], None]
Settle = Callable[[QCoreApplication], None]


def save_handheld_pictures(  # noqa: PLR0917 (the screenshot tool's shared parts)
    hub: EmbeddedHub,
    counter: Device,
    directory: Path,
    app: QCoreApplication,
    out: Path,
    save: Save,
    settle: Settle,
) -> None:
    """My tasks, the pick screen, a refused scan, the shortage dialog, the pack screen."""
    bridge = SyncBridge()
    handheld = enrolled_device(hub, directory / "handheld", bridge)
    try:
        DevicePreferences(handheld.db, utc_now).set(LAYOUT_KEY, LayoutSetting.HANDHELD.value)
        drain_feed(handheld)
        services = screen_services(handheld)
        picking = Picking(handheld.db, utc_now, on_queued=handheld.wake_pusher)
        picker = sign_in_as(handheld.sign_in, "picker", "2222")
        picking.clock_in(picker)
        handheld.pusher.push()
        _accept_orders(hub, counter)
        drain_feed(handheld)
        window = MainWindow(services, bridge, store_name="Storeside 演示店 (Demo Store)")
        window.resize(*HANDHELD_SIZE)
        window.show()
        screen = _sign_in(window, app, settle)
        save(window, out / "handheld-my-tasks.png")
        task = _busiest(picking, picker)
        _pick_a_little(picking, picker, task)
        screen.open_task_by_id(task.task_id)
        settle(app)
        save(window, out / "handheld-pick.png")
        screen.pick_page.scan(WRONG_CODE)
        settle(app)
        save(window, out / "handheld-wrong-scan.png")
        _save_shortage_dialog(screen, app, out, save, settle)
        _save_pack_screen(window, screen, picking, picker, task, app, out, save, settle)
        window.close()
    finally:
        handheld.stop()


def _accept_orders(hub: EmbeddedHub, counter: Device) -> None:
    orders = [
        hub.demo.place_order(channel).order_id
        for channel in (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM, Channel.MEITUAN)
    ]
    drain_feed(counter)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    for order_id in orders:
        counter.order_actions.accept(cashier, order_id)
    counter.pusher.push()


def _sign_in(window: MainWindow, app: QCoreApplication, settle: Settle) -> HandheldScreen:
    sign_in = window.sign_in_screen
    sign_in.staff_button("staff-liqiang").click()
    sign_in.pin_field.setText("2222")
    sign_in.sign_in_button.click()
    settle(app)
    screen = window.handheld_screen
    if screen is None:
        raise RuntimeError("the picker did not get the handheld screen")
    return screen


def _busiest(picking: Picking, picker: SignedInStaff) -> TaskDetail:
    """The pick task with the most lines (the pick screen shows a route)."""
    tasks = [picking.task(t.task_id) for t in picking.my_tasks(picker)]
    picks = [t for t in tasks if t is not None and t.kind is TaskKind.PICK]
    return max(picks, key=lambda t: len(t.lines))


def _pick_a_little(picking: Picking, picker: SignedInStaff, task: TaskDetail) -> None:
    """Start, and pick the first line whole: the progress reads 1/n."""
    picking.start(picker, task.task_id)
    _pick_line(picking, picker, task, 0)


def _pick_line(picking: Picking, picker: SignedInStaff, task: TaskDetail, index: int) -> None:
    line = task.lines[index]
    if not line.weighed:
        picking.count(picker, task.task_id, line.line_id, line.quantity)
        return
    per_unit = (line.ordered_weight_g or 500) // max(line.quantity, 1)
    label = variable_measure_barcode(line.barcode[2:7], per_unit + per_unit // 25)
    for _ in range(line.quantity):
        picking.scan(picker, task.task_id, label, prompt_multiples=False)


def _save_shortage_dialog(
    screen: HandheldScreen, app: QCoreApplication, out: Path, save: Save, settle: Settle
) -> None:
    page = screen.pick_page
    page.short_button.click()
    dialog = page.shortage_dialog
    if dialog is None:
        return
    dialog.reason_buttons[ShortageReason.OUT_OF_STOCK].click()
    settle(app)
    save(dialog, out / "handheld-shortage.png")
    dialog.reject()
    settle(app)


def _save_pack_screen(  # noqa: PLR0917 (the screenshot tool's shared parts)
    window: MainWindow,
    screen: HandheldScreen,
    picking: Picking,
    picker: SignedInStaff,
    task: TaskDetail,
    app: QCoreApplication,
    out: Path,
    save: Save,
    settle: Settle,
) -> None:
    current = picking.task(task.task_id)
    if current is None:
        return
    for index, line in enumerate(current.lines):
        if line.status is TaskLineStatus.OPEN:
            _pick_line(picking, picker, current, index)
    picking.complete_pick(picker, task.task_id)
    pack = next(t for t in picking.my_tasks(picker) if t.kind is TaskKind.PACK)
    screen.open_task_by_id(pack.task_id)
    screen.pack_page.bag_stepper.set_value(2)
    settle(app)
    save(window, out / "handheld-pack.png")
