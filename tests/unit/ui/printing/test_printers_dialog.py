"""The printers dialog: add a network printer and a station, save; bad entries are named."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableWidgetItem

from app.printing.print_setup import PrinterKind, PrintSetup
from app.services.print_wiring import Printing
from tests.unit.ui.conftest import Seeder
from ui.printing.printers_dialog import PrintersDialog


def test_existing_setup_is_shown_and_saved_unchanged(qtbot, printing: Printing, seed: Seeder):
    before = printing.settings.setup()
    dialog = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(dialog)
    assert dialog.printer_table.rowCount() == 2
    assert dialog.counter_printer.currentText() == "Kitchen 厨房"
    assert dialog.setup().printers[0].backup_id == before.printers[0].backup_id


def test_adding_a_58mm_printer_and_a_station_is_saved(qtbot, printing: Printing, seed: Seeder):
    dialog = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(dialog)
    dialog.add_network_button.click()
    row = dialog.printer_table.rowCount() - 1
    dialog.printer_table.setItem(row, 0, QTableWidgetItem("Bar 吧台"))
    dialog.printer_table.setItem(row, 2, QTableWidgetItem("10.0.0.31:9101"))
    paper = dialog.printer_table.cellWidget(row, 3)
    assert isinstance(paper, QComboBox)
    paper.setCurrentText("58")
    dialog.printer_table.setItem(row, 4, QTableWidgetItem("Spare 备用"))
    dialog.add_station_button.click()
    station_row = dialog.station_table.rowCount() - 1
    dialog.station_table.setItem(station_row, 0, QTableWidgetItem("饮品 Drinks"))
    dialog.station_table.setItem(station_row, 1, QTableWidgetItem("Bar 吧台"))
    dialog.station_table.setItem(station_row, 2, QTableWidgetItem("drinks, dairy"))
    dialog.buttons.accepted.emit()

    saved: PrintSetup = printing.settings.setup()
    bar = next(p for p in saved.printers if p.name == "Bar 吧台")
    assert (bar.kind, bar.host, bar.port, bar.paper_mm) == (
        PrinterKind.NETWORK,
        "10.0.0.31",
        9101,
        58,
    )
    assert saved.printer(bar.backup_id) is not None
    station = saved.station_of("dairy")
    assert station is not None
    assert station.name == "饮品 Drinks"
    assert station.printer_id == bar.printer_id


def test_a_backup_that_is_no_printer_is_refused_in_words(qtbot, printing: Printing, seed: Seeder):
    before = printing.settings.setup()
    dialog = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(dialog)
    dialog.printer_table.setItem(0, 4, QTableWidgetItem("Nowhere"))
    dialog.buttons.accepted.emit()
    assert "backup must be another printer" in dialog.problem.text()
    assert printing.settings.setup() == before


def test_the_bag_label_printer_is_chosen_and_kept(qtbot, printing: Printing, seed: Seeder):
    dialog = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(dialog)
    name = dialog.printer_table.item(1, 0).text()
    dialog.label_printer.setCurrentText(name)
    dialog.buttons.accepted.emit()

    saved = printing.settings.setup()
    assert saved.printer(saved.label_printer_id) is not None
    again = PrintersDialog(printing, seed.manager.signed_in())
    qtbot.addWidget(again)
    assert again.label_printer.currentText() == name
