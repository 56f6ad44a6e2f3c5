"""The print journal dialog: browse, filter, and reprint only with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.print_wiring import Printing
from tests.fake_printer import FakePrinter
from tests.unit.ui.conftest import NOW, Seeder
from ui.printing.print_journal_dialog import PrintJournalDialog


def _journal_with_two_receipts(printing: Printing, accepted_order: str) -> None:
    printing.journal.print_receipt("staff-cashier", accepted_order)
    printing.journal.print_receipt("staff-cashier", "o-8")
    printing.runner.print_due()


def _dialog(qtbot, printing: Printing, seed: Seeder) -> PrintJournalDialog:
    dialog = PrintJournalDialog(printing, seed.cashier.signed_in(), today=NOW.date())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_journal_lists_the_days_tickets_and_filters_by_order(
    qtbot, printing: Printing, seed: Seeder, accepted_order: str
) -> None:
    _journal_with_two_receipts(printing, accepted_order)
    dialog = _dialog(qtbot, printing, seed)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 5).text() == "Printed"

    qtbot.keyClicks(dialog.order_filter, "#7")
    assert [t.order_id for t in dialog.shown] == ["o-7"]
    assert dialog.table.item(0, 1).text() == "#7 Meituan"  # the interface's name of it
    assert dialog.table.item(0, 3).text() == "Counter"


def test_reprint_needs_a_reason_and_prints_marked_reprint(
    qtbot, printing: Printing, seed: Seeder, accepted_order: str, printer: FakePrinter
) -> None:
    _journal_with_two_receipts(printing, accepted_order)
    dialog = _dialog(qtbot, printing, seed)
    dialog.order_filter.setText("7")
    dialog.table.selectRow(0)
    assert dialog.reprint_button.isEnabled()

    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    reprint = dialog.reprint_dialog
    assert reprint is not None
    assert not reprint.ok_button.isEnabled()  # no reason, no reprint
    qtbot.keyClicks(reprint.reason_field, "   ")
    assert not reprint.ok_button.isEnabled()
    reprint.reason_field.clear()
    reprint.reason_field.insert("纸卡住了")  # key clicks cannot type Chinese
    qtbot.keyClicks(reprint.reason_field, " jammed")
    assert reprint.ok_button.isEnabled()
    qtbot.mouseClick(reprint.ok_button, Qt.MouseButton.LeftButton)

    assert [(t.copy, t.reason) for t in dialog.shown] == [(1, "纸卡住了 jammed"), (0, "")]
    printing.runner.print_due()
    qtbot.waitUntil(lambda: len(printer.tickets()) == 3)
    last = printer.tickets()[-1]
    assert last.is_reprint
    assert "纸卡住了 jammed" in last.text
    assert "#7" in last.texts


def test_nobody_signed_in_cannot_reprint(
    qtbot, printing: Printing, seed: Seeder, accepted_order: str
) -> None:
    _journal_with_two_receipts(printing, accepted_order)
    dialog = PrintJournalDialog(printing, None, today=NOW.date())
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert not dialog.reprint_button.isEnabled()
