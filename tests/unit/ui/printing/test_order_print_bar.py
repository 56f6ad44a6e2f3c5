"""The order's print buttons on the cashier screen, and what the counter is told on failover."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.order_lifecycle import InboxTab
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup, Station
from app.services.print_wiring import Printing
from tests.fake_printer import FakePrinter
from tests.unit.ui.conftest import Seeder
from ui.cashier.cashier_screen import CashierScreen
from ui.printing.pdf_ticket_writer import PdfTicketWriter
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge


@pytest.fixture
def screen(
    qtbot, printing_services: ScreenServices, bridge: SyncBridge, seed: Seeder, accepted_order: str
) -> CashierScreen:
    screen = CashierScreen(printing_services, bridge)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    screen.set_actor(seed.cashier.signed_in())
    screen.show_tab(InboxTab.IN_PROGRESS)
    screen.show_order(accepted_order)
    return screen


def test_kitchen_ticket_prints_once_however_often_it_is_clicked(
    qtbot, screen: CashierScreen, printing: Printing, printer: FakePrinter
) -> None:
    bar = screen.print_bar
    assert bar.kitchen_button.isEnabled()
    qtbot.mouseClick(bar.kitchen_button, Qt.MouseButton.LeftButton)
    assert "sent to the printer" in screen.message_strip.text()
    qtbot.mouseClick(bar.kitchen_button, Qt.MouseButton.LeftButton)
    assert "already printed" in screen.message_strip.text()
    printing.runner.print_due()

    (ticket,) = printer.tickets()
    assert "#7" in ticket.texts
    assert any("宫保鸡丁" in text for text in ticket.texts)
    qtbot.waitUntil(lambda: "Printed" in bar.tickets_label.text())


def test_second_receipt_click_asks_for_a_reprint_reason(
    qtbot, screen: CashierScreen, printing: Printing, printer: FakePrinter
) -> None:
    bar = screen.print_bar
    qtbot.mouseClick(bar.receipt_button, Qt.MouseButton.LeftButton)
    assert bar.reprint_dialog is None
    qtbot.mouseClick(bar.receipt_button, Qt.MouseButton.LeftButton)
    dialog = bar.reprint_dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_field, "customer asked")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    printing.runner.print_due()

    receipt, reprint = printer.tickets()
    assert receipt.qr_codes == ["o-7"]
    assert not receipt.is_reprint
    assert reprint.is_reprint


def test_counter_is_told_when_a_ticket_goes_to_the_backup_printer(
    qtbot,
    screen: CashierScreen,
    printing: Printing,
    printer: FakePrinter,
    backup_printer: FakePrinter,
) -> None:
    printer.paper_out = True
    qtbot.mouseClick(screen.print_bar.kitchen_button, Qt.MouseButton.LeftButton)
    printing.runner.print_due()

    assert printer.tickets() == []
    assert len(backup_printer.tickets()) == 1
    alert = screen.print_bar.printer_alert
    qtbot.waitUntil(lambda: "printed on “Spare 备用” instead" in alert.text())
    assert "Kitchen 厨房" in alert.text()
    assert "out of paper" in alert.text()


def test_disabled_without_an_accepted_order(
    qtbot, printing_services: ScreenServices, bridge: SyncBridge, seed: Seeder
) -> None:
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("n1", serial=3))
    screen = CashierScreen(printing_services, bridge)
    qtbot.addWidget(screen)
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("n1")
    assert not screen.print_bar.kitchen_button.isEnabled()
    assert screen.print_bar.receipt_button.isEnabled()


def test_pdf_printer_writes_a_ticket_file_with_chinese_text(
    printing: Printing, tmp_path: Path, accepted_order: str
) -> None:
    folder = tmp_path / "tickets"
    pdf = PrinterConfig(printer_id="pdf", name="PDF", kind=PrinterKind.PDF, folder=str(folder))
    printing.settings.save(
        PrintSetup(
            printers=(pdf,),
            stations=(Station(station_id="k", name="厨房 Kitchen", printer_id="pdf"),),
            counter_printer_id="pdf",
        )
    )
    printing.runner.use_file_writer(PdfTicketWriter())
    printing.journal.print_kitchen("staff-cashier", accepted_order)
    assert printing.runner.print_due() == 1

    (written,) = folder.glob("*.pdf")
    data = written.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"CJK" in data  # the Noto CJK font is embedded
    assert "宫".encode("utf-16-be").hex().upper().encode() in _unicode_maps(data)


def _unicode_maps(pdf: bytes) -> bytes:
    """The ToUnicode maps of the PDF's fonts (what a reader copies as text), upper-case."""
    import re  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    maps = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            body = zlib.decompress(match.group(1))
        except zlib.error:
            body = match.group(1)
        if b"beginbf" in body:
            maps.append(body.upper())
    return b"\n".join(maps)
