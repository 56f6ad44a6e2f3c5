"""Tickets print in the device's ticket language, read back from the fake printer's bytes.

The words come from a real QTranslator: the program's zh_CN catalogue, or a small catalogue
built for the test where the test is about switching languages, not about the words.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.printing.ticket_words import TicketLanguage
from app.services.print_wiring import Printing
from tests.fake_printer import FakePrinter
from tests.unit.ui.conftest import FrozenClock, Seeder
from ui.printing.printers_dialog import PrintersDialog
from ui.printing.ticket_language import TicketLanguages

_TEST_CATALOGUE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Tickets</name>
    <message><source>Kitchen</source><translation>厨房单</translation></message>
    <message><source>Receipt</source><translation>顾客小票</translation></message>
    <message><source>Meituan</source><translation>美团</translation></message>
    <message><source>Paid</source><translation>实付</translation></message>
</context>
</TS>
"""


@pytest.fixture
def order(seed: Seeder, clock: FrozenClock) -> str:
    """Order #9 of Meituan, accepted now: pickup code A23, a note, two lines."""
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row(
            "o-9",
            serial=9,
            status="accepted",
            accepted_at=clock(),
            pickup_code="A23",
            note="多给餐具",
        ),
        lines=[
            seed.line_row("o-9", 1, "宫保鸡丁", 2, 6400, note="不要花生"),
            seed.line_row("o-9", 2, "米饭", 1, 300),
        ],
    )
    return "o-9"


@pytest.fixture
def small_catalogue(tmp_path: Path) -> Path:
    """A folder holding a zh_CN catalogue of four ticket words, built by Qt's lrelease."""
    source = tmp_path / "storeside_zh_CN.ts"
    source.write_text(_TEST_CATALOGUE, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run(
        [str(lrelease), str(source), "-qm", str(tmp_path / "storeside_zh_CN.qm"), "-silent"],
        check=True,
    )
    return tmp_path


def _kitchen_ticket(printing: Printing, printer: FakePrinter, order_id: str) -> list[str]:
    printing.journal.print_kitchen("staff-cashier", order_id)
    printing.runner.print_due()
    return printer.tickets()[-1].texts


def test_kitchen_ticket_prints_in_chinese_from_the_catalogue(
    printing: Printing, printer: FakePrinter, order: str
) -> None:
    # Passes once the lead's zh_CN catalogue holds the "Tickets" entries.
    printing.runner.use_ticket_words(TicketLanguages(printing.settings))

    texts = _kitchen_ticket(printing, printer, order)

    assert "#9" in texts
    assert "美团 · 厨房单" in texts
    assert "厨房 Kitchen" in texts  # the station's name, as the store wrote it
    assert "取餐码 A23" in texts
    assert any(text.startswith("单号 ME00000009 ") for text in texts)
    assert "外卖配送" in texts
    assert "2 x 宫保鸡丁" in texts
    assert "  * 不要花生" in texts
    assert "1 x 米饭" in texts
    assert "备注：多给餐具" in texts
    printed = "\n".join(texts)
    for english in ("Meituan", "Pickup", "Order no.", "Delivery", "Note:"):
        assert english not in printed


def test_kitchen_ticket_prints_in_english_when_the_store_chose_it(
    printing: Printing, printer: FakePrinter, order: str, seed: Seeder
) -> None:
    printing.runner.use_ticket_words(TicketLanguages(printing.settings))
    printing.settings.change_ticket_language(seed.manager.signed_in(), TicketLanguage.ENGLISH)

    texts = _kitchen_ticket(printing, printer, order)

    assert "Meituan · Kitchen" in texts
    assert "Pickup A23" in texts
    assert any(text.startswith("Order no. ME00000009 ") for text in texts)
    assert "Delivery" in texts
    assert "2 x 宫保鸡丁" in texts
    assert "Note: 多给餐具" in texts


def test_english_receipt_shows_subtotal_paid_and_yuan(
    printing: Printing, printer: FakePrinter, order: str, seed: Seeder
) -> None:
    printing.runner.use_ticket_words(TicketLanguages(printing.settings))
    printing.settings.change_ticket_language(seed.manager.signed_in(), TicketLanguage.ENGLISH)

    printing.journal.print_receipt("staff-cashier", order)
    printing.runner.print_due()
    (receipt,) = printer.tickets()

    assert "Meituan · Receipt" in receipt.texts
    assert any(t.startswith("2 x 宫保鸡丁") and t.endswith(" ¥64.00") for t in receipt.texts)
    assert any(t.startswith("Subtotal") and t.endswith(" ¥56.00") for t in receipt.texts)
    assert any(t.startswith("Discount") and t.endswith(" -¥6.00") for t in receipt.texts)
    assert any(t.startswith("Delivery fee") and t.endswith(" ¥3.00") for t in receipt.texts)
    assert any(t.startswith("Paid") and t.endswith(" ¥53.00") for t in receipt.texts)


def test_choosing_english_in_the_printers_dialog_words_the_next_ticket_in_english(
    qtbot,
    printing: Printing,
    printer: FakePrinter,
    order: str,
    seed: Seeder,
    small_catalogue: Path,
) -> None:
    printing.runner.use_ticket_words(TicketLanguages(printing.settings, small_catalogue))
    assert "美团 · 厨房单" in _kitchen_ticket(printing, printer, order)

    dialog = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(dialog)
    assert dialog.ticket_language.currentData() == "zh_CN"
    dialog.ticket_language.setCurrentIndex(dialog.ticket_language.findData("en"))
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == PrintersDialog.DialogCode.Accepted

    printing.journal.print_receipt("staff-cashier", order)
    printing.runner.print_due()
    receipt = printer.tickets()[-1]
    assert "Meituan · Receipt" in receipt.texts
    assert any(t.startswith("Paid") for t in receipt.texts)
    again = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(again)
    assert again.ticket_language.currentText() == "English"


def test_without_a_catalogue_tickets_print_in_english(
    printing: Printing, printer: FakePrinter, order: str, tmp_path: Path
) -> None:
    printing.runner.use_ticket_words(TicketLanguages(printing.settings, tmp_path))

    texts = _kitchen_ticket(printing, printer, order)

    assert "Meituan · Kitchen" in texts
    assert "2 x 宫保鸡丁" in texts
