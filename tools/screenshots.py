"""Writes docs/screenshots/*.png from the real widgets over demo data from the reference hub.

Usage: python -m tools.screenshots OUTPUT_DIR  (run offscreen by `make screenshots`, once per
language: STORESIDE_LANGUAGE=en into docs/screenshots/en, =zh_CN into docs/screenshots/zh_CN)
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.device import Device
from app.domain.enrolment_problems import EnrolmentProblem
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty
from app.main import EmbeddedHubControls, screen_services
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup, Station
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tools.handheld_screenshots import save_handheld_pictures
from tools.screenshot_audit import save_audit_pictures
from tools.screenshot_dashboard import save_dashboard_pictures
from tools.screenshot_exception_orders import save_exception_pictures
from tools.screenshot_manager_floor import save_floor_pictures
from tools.screenshot_privacy import save_privacy_pictures
from tools.screenshot_security import save_security_pictures
from tools.screenshot_shortages import save_shortage_pictures
from ui.enrolment_dialog import EnrolmentDialog
from ui.languages import LanguageSetting, chosen_language, install_language
from ui.main_window import MainWindow
from ui.notice_history_dialog import NoticeHistoryDialog
from ui.printing.pdf_ticket_writer import PdfTicketWriter
from ui.printing.ticket_language import TicketLanguages
from ui.sync_bridge import SyncBridge

_CHANNELS = (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM)


def main(argv: list[str]) -> int:
    """Build the demo, take the pictures, print their paths."""
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv)
    install_language(app, chosen_language(LanguageSetting.SYSTEM))
    gc.disable()  # Qt objects must not be collected from the hub's threads
    # First, each with a database of its own: later, the demo's windows keep timers that
    # would tick on after the demo's folder is gone.
    save_privacy_pictures(app, out)
    save_audit_pictures(app, out)
    save_dashboard_pictures(app, out)
    with (
        tempfile.TemporaryDirectory() as directory,
        EmbeddedHub(Path(directory) / "hub.db", simulate=False, seed=7) as hub,
    ):
        bridge = SyncBridge()
        device = enrolled_device(hub, Path(directory) / "counter", bridge)
        try:
            order_ids = _make_a_busy_counter(hub, device)
            window = MainWindow(
                screen_services(device),
                bridge,
                store_name="Storeside 演示店 (Demo Store)",
                demo=EmbeddedHubControls(hub),
            )
            window.show()
            _settle(app)
            _save(window, out / "sign-in.png")
            _sign_in(window, app)
            screen = window.cashier_screen
            screen.show_tab(InboxTab.NEW)
            row = screen.model.row_of(order_ids[0])
            if row is not None:
                screen.table.selectRow(row)
            _settle(app)
            _save(window, out / "cashier-inbox.png")
            _save_counter_sizes(window, app, out)
            history = NoticeHistoryDialog(screen_services(device), window)
            history.show()
            _settle(app)
            _save(history, out / "refused-actions.png")
            history.close()
            _save_search_pictures(window, app, out)
            _save_print_pictures(window, device, app, out, Path(directory) / "tickets")
            _save_side_flow_pictures(window, hub, device, app, out)
            save_security_pictures(window, device, app, out, _save, _settle)
            window.close()
            _save_alarm_pictures(hub, device, app, out)
            save_exception_pictures(hub, device, app, out, _save, _settle)
            save_handheld_pictures(hub, device, Path(directory), app, out, _save, _settle)
            save_shortage_pictures(hub, device, Path(directory), app, out, _save, _settle)
            # Last: it adds a second picker to the demo hub.
            save_floor_pictures(hub, device, Path(directory), app, out, _save, _settle)
        finally:
            device.stop()
        _save_enrolment_dialog(hub.url, app, out / "enrolment.png")
    return 0


COUNTER_SIZES = ((1024, 768), (1366, 768), (1920, 1080))
"""The screens most cashier PCs have (tests/e2e/test_screens_fit.py checks each)."""


def _save_counter_sizes(window: MainWindow, app: QCoreApplication, out: Path) -> None:
    """The counter as it is at each common screen size, then back to the default size."""
    size = window.size()
    for width, height in COUNTER_SIZES:
        window.resize(width, height)
        _settle(app)
        _save(window, out / f"cashier-inbox-{width}x{height}.png")
    window.resize(size)
    _settle(app)


def _save_enrolment_dialog(hub_url: str, app: QCoreApplication, path: Path) -> None:
    """The first-start dialog, as a refused code leaves it."""
    dialog = EnrolmentDialog(hub_url, lambda _url, _store, _code: None)
    dialog.store_code_field.setText("DEMO01")
    dialog.code_field.setText("K7QM-2XPA")
    dialog.show_problem(EnrolmentProblem.WRONG_CODE)
    dialog.show()
    _settle(app)
    _save(dialog, path)
    dialog.done(0)


def _save_alarm_pictures(
    hub: EmbeddedHub, device: Device, app: QCoreApplication, out: Path
) -> None:
    """Lunch peak, seen 4 min 20 s after most orders came: Meituan's deadlines are close."""
    real_clock = hub.hub.clock
    placed_at = real_clock()
    # Two more Eleme orders came in two minutes before the rest: their countdowns are amber.
    hub.hub.state.clock = lambda: placed_at - timedelta(minutes=2)
    for channel in (Channel.ELEME, Channel.ELEME):
        hub.demo.place_order(channel)
    hub.hub.state.clock = real_clock
    for channel in (Channel.MEITUAN, Channel.MINIPROGRAM):
        hub.demo.place_order(channel)
    drain_feed(device)
    seen_at = placed_at + timedelta(minutes=4, seconds=20)
    window = MainWindow(
        screen_services(device, lambda: seen_at),
        SyncBridge(),
        store_name="Storeside 演示店 (Demo Store)",
    )
    window.show()
    _sign_in(window, app)
    window.cashier_screen.show_tab(InboxTab.NEW)
    _settle(app)
    _save(window, out / "inbox-deadline-alarm.png")
    dialog = window.open_alarm_settings()
    dialog.show()
    _settle(app)
    _save(dialog, out / "alarm-settings.png")
    dialog.close()
    window.close()


def _save_search_pictures(window: MainWindow, app: QCoreApplication, out: Path) -> None:
    """The search box finding an order by its serial, the history of today, the day summary."""
    box = window.cashier_screen.search_box
    if box is not None:
        box.line.setText("2")
        _settle(app)
        _save(window, out / "search-results.png")
        box.clear()
    history = window.open_order_history()
    history.show()
    history.table.selectRow(0)
    _settle(app)
    _save(history, out / "order-history.png")
    history.close()
    summary = window.open_day_summary()
    summary.show()
    _settle(app)
    _save(summary, out / "day-summary.png")
    summary.close()


def _save_print_pictures(
    window: MainWindow, device: Device, app: QCoreApplication, out: Path, folder: Path
) -> None:
    """The kitchen printer is off: tickets go to its PDF backup; the journal with a reprint."""
    printing = device.printing
    printing.runner.use_file_writer(PdfTicketWriter())
    printing.runner.use_ticket_words(TicketLanguages(printing.settings))
    kitchen = PrinterConfig(
        printer_id="kitchen", name="厨房 Kitchen", host="127.0.0.1", port=9, backup_id="pdf"
    )
    pdf = PrinterConfig(printer_id="pdf", name="PDF", kind=PrinterKind.PDF, folder=str(folder))
    printing.settings.save(
        PrintSetup(
            printers=(kitchen, pdf),
            stations=(
                Station(station_id="hot", name="热菜 Hot", printer_id="kitchen"),
                Station(
                    station_id="cold", name="冷柜 Cold", printer_id="pdf", categories=("drinks",)
                ),
            ),
            counter_printer_id="pdf",
        )
    )
    screen = window.cashier_screen
    screen.show_tab(InboxTab.READY)
    summary = screen.model.summary_at(0)
    if summary is not None:
        screen.show_order(summary.order_id)
        staff = window.staff.staff_id if window.staff else ""
        printing.journal.print_kitchen(staff, summary.order_id)
        printing.journal.print_receipt(staff, summary.order_id)
    printing.runner.check_health()
    printing.runner.print_due()
    if summary is not None:
        receipt = next(
            t for t in printing.journal.order_tickets(summary.order_id) if t.kind == "receipt"
        )
        if window.staff is not None:
            printing.journal.reprint(window.staff, receipt.ticket_id, "顾客要发票 Customer asked")
        printing.runner.print_due()
    _settle(app)
    _save(window, out / "order-printing.png")
    journal = window.open_print_journal()
    journal.one_day.setCurrentIndex(1)
    journal.show()
    _settle(app)
    _save(journal, out / "print-journal.png")
    journal.close()
    printers = window.open_printers()
    printers.show()
    _settle(app)
    _save(printers, out / "printers.png")
    printers.close()


def _save_side_flow_pictures(
    window: MainWindow, hub: EmbeddedHub, device: Device, app: QCoreApplication, out: Path
) -> None:
    """A customer's cancel request with its countdown, booked orders, a channel paused."""
    actions = device.order_actions
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    asked = hub.demo.place_order(Channel.ELEME, fulfilment=FulfilmentMode.DELIVERY)
    drain_feed(device)
    actions.accept(cashier, asked.order_id)
    device.pusher.push()
    hub.hub.intake.customer_reminds(asked.order_id)
    hub.hub.intake.customer_requests(asked.order_id, "cancel", reason="地址填错了 wrong address")
    now = hub.hub.clock()
    for hours in (2, 3):
        hub.demo.place_order(Channel.MEITUAN, scheduled_for=now + timedelta(hours=hours))
    drain_feed(device)
    screen = window.cashier_screen
    screen.reload()
    screen.show_order(asked.order_id)
    _settle(app)
    _save(window, out / "order-cancel-request.png")
    screen.show_tab(InboxTab.SCHEDULED)
    screen.table.selectRow(0)
    _settle(app)
    _save(window, out / "scheduled-tab.png")
    pauses = screen_services(device).channel_pauses
    bar = screen.busy_mode_bar
    if pauses is not None and bar is not None:
        pauses.pause(cashier, Channel.MEITUAN, 30)
        bar.refresh()
        screen.show_tab(InboxTab.NEW)
        _settle(app)
        _save(window, out / "busy-mode.png")
        pauses.reopen(cashier, Channel.MEITUAN)
        bar.refresh()


def _make_a_busy_counter(hub: EmbeddedHub, device: object) -> list[str]:
    """New orders from every channel, some accepted, one ready, one handed over."""
    new = [hub.demo.place_order(channel).order_id for channel in _CHANNELS * 2]
    later = [hub.demo.place_order(channel).order_id for channel in _CHANNELS]
    pickup = hub.demo.place_order(Channel.MINIPROGRAM, fulfilment=FulfilmentMode.PICKUP)
    drain_feed(device)  # type: ignore[arg-type]
    actions = device.order_actions  # type: ignore[attr-defined]
    cashier = sign_in_as(device.sign_in, "cashier", "1111")  # type: ignore[attr-defined]
    for order_id in later:
        actions.accept(cashier, order_id)
    actions.mark_ready(cashier, later[0])
    actions.accept(cashier, pickup.order_id)
    actions.mark_ready(cashier, pickup.order_id)
    actions.hand_over(cashier, pickup.order_id, HandoverParty.CUSTOMER)
    device.pusher.push()  # type: ignore[attr-defined]
    # The customer cancels while the counter is cut off; the cashier's "ready" is refused.
    hub.go_offline()
    hub.hub.intake.customer_cancels(later[2])
    actions.mark_ready(cashier, later[2])
    hub.go_online()
    device.pusher.push(ignore_backoff=True)  # type: ignore[attr-defined]
    actions.mark_ready(cashier, later[1])  # stays waiting: shows the "waiting to sync" mark
    drain_feed(device)  # type: ignore[arg-type]
    return new


def _sign_in(window: MainWindow, app: QCoreApplication) -> None:
    screen = window.sign_in_screen
    screen.staff_button("staff-wangfang").click()
    screen.pin_field.setText("1111")
    screen.sign_in_button.click()
    _settle(app)


def _settle(app: QCoreApplication) -> None:
    for _ in range(10):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
