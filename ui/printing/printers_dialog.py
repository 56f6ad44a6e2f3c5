"""Printers and stations of this device: network printers (host:port, paper), PDF folders,
backups, the stations and the categories they make, the counter printer, the ticket language."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Permission
from app.printing.network_printer import DEFAULT_PORT
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup, Station
from app.printing.ticket_words import TicketLanguage
from app.read_models import SignedInStaff
from app.services.device_preferences import SettingRefused
from app.services.print_wiring import Printing
from ui.labels import print_refusal_text
from ui.staff_session import authorise
from ui.theme import Tone, set_tone

_SIZE = (1040, 680)
_PRINTER_WIDTHS = (170, 200, 250, 110)
_STATION_WIDTHS = (190, 190)
_PAPER = (80, 58)


class PrintersDialog(QDialog):
    """Edits the whole `PrintSetup` and saves it in one go; bad rows are named, not saved."""

    def __init__(
        self, printing: Printing, actor: SignedInStaff | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._printing = printing
        self._actor = actor
        self.setWindowTitle(self.tr("Printers and stations"))
        self.resize(*_SIZE)
        self._build()
        self._load(printing.settings.setup())

    def setup(self) -> PrintSetup:
        """The setup as edited; raises ValueError naming the first bad entry."""
        printers: list[PrinterConfig] = []
        for row in range(self.printer_table.rowCount()):
            printers.append(self._printer_at(row))
        names = {p.name: p.printer_id for p in printers}
        if len(names) != len(printers):
            raise ValueError(self.tr("Two printers have the same name."))
        printers = [self._with_backup(p, row, names) for row, p in enumerate(printers)]
        stations = [self._station_at(row, names) for row in range(self.station_table.rowCount())]
        counter = names.get(self.counter_printer.currentText(), "")
        return PrintSetup(
            printers=tuple(printers),
            stations=tuple(stations),
            counter_printer_id=counter,
            label_printer_id=names.get(self.label_printer.currentText(), ""),
            auto_kitchen=self.auto_kitchen.isChecked(),
        )

    def add_printer(self, printer: PrinterConfig) -> None:
        """Add a row for `printer`."""
        row = self.printer_table.rowCount()
        self.printer_table.insertRow(row)
        self.printer_table.setItem(row, 0, _named(printer.name, printer.printer_id))
        kind = QComboBox(self.printer_table)
        kind.addItem(self.tr("Network (ESC/POS)"), PrinterKind.NETWORK.value)
        kind.addItem(self.tr("PDF folder"), PrinterKind.PDF.value)
        kind.setCurrentIndex(0 if printer.kind is PrinterKind.NETWORK else 1)
        self.printer_table.setCellWidget(row, 1, kind)
        self.printer_table.setItem(row, 2, QTableWidgetItem(printer.describe()))
        paper = QComboBox(self.printer_table)
        for mm in _PAPER:
            paper.addItem(f"{mm}", mm)
        paper.setCurrentIndex(_PAPER.index(printer.paper_mm) if printer.paper_mm in _PAPER else 0)
        self.printer_table.setCellWidget(row, 3, paper)
        self.printer_table.setItem(row, 4, QTableWidgetItem(printer.backup_id))
        self._refresh_printer_choices()

    def add_station(self, station: Station, printer_name: str = "") -> None:
        """Add a row for `station`."""
        row = self.station_table.rowCount()
        self.station_table.insertRow(row)
        self.station_table.setItem(row, 0, _named(station.name, station.station_id))
        self.station_table.setItem(row, 1, QTableWidgetItem(printer_name))
        self.station_table.setItem(row, 2, QTableWidgetItem(", ".join(station.categories)))

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Printers"), self))
        self.printer_table = self._table(
            (
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Address or folder"),
                self.tr("Paper (mm)"),
                self.tr("Backup"),
            ),
            _PRINTER_WIDTHS,
        )
        column.addWidget(self.printer_table, 1)
        printer_buttons = QHBoxLayout()
        self.add_network_button = QPushButton(self.tr("Add network printer"), self)
        self.add_network_button.clicked.connect(self._on_add_network_clicked)
        self.add_pdf_button = QPushButton(self.tr("Add PDF folder"), self)
        self.add_pdf_button.clicked.connect(self._on_add_pdf_clicked)
        remove_printer = QPushButton(self.tr("Remove printer"), self)
        remove_printer.clicked.connect(self._on_remove_printer_clicked)
        for button in (self.add_network_button, self.add_pdf_button, remove_printer):
            printer_buttons.addWidget(button)
        printer_buttons.addStretch(1)
        column.addLayout(printer_buttons)
        column.addWidget(QLabel(self.tr("Kitchen stations"), self))
        self.station_table = self._table(
            (
                self.tr("Station"),
                self.tr("Printer"),
                self.tr("Categories (comma-separated; empty = the rest)"),
            ),
            _STATION_WIDTHS,
        )
        column.addWidget(self.station_table, 1)
        station_buttons = QHBoxLayout()
        self.add_station_button = QPushButton(self.tr("Add station"), self)
        self.add_station_button.clicked.connect(self._on_add_station_clicked)
        remove_station = QPushButton(self.tr("Remove station"), self)
        remove_station.clicked.connect(self._on_remove_station_clicked)
        station_buttons.addWidget(self.add_station_button)
        station_buttons.addWidget(remove_station)
        station_buttons.addStretch(1)
        column.addLayout(station_buttons)
        counter_row = QHBoxLayout()
        counter_row.addWidget(QLabel(self.tr("Receipts print on"), self))
        self.counter_printer = QComboBox(self)
        counter_row.addWidget(self.counter_printer, 1)
        column.addLayout(counter_row)
        label_row = QHBoxLayout()
        label_row.addWidget(QLabel(self.tr("Bag labels print on (empty: the receipt printer)")))
        self.label_printer = QComboBox(self)
        label_row.addWidget(self.label_printer, 1)
        column.addLayout(label_row)
        column.addLayout(self._language_row())
        self.auto_kitchen = QCheckBox(
            self.tr("Print kitchen tickets by themselves when an order is accepted"), self
        )
        column.addWidget(self.auto_kitchen)
        self.problem = QLabel(self)
        self.problem.setObjectName("MessageStrip")
        self.problem.setWordWrap(True)
        self.problem.hide()
        column.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)

    def _language_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Ticket language"), self))
        self.ticket_language = QComboBox(self)
        # Each language in its own words, as the language menu names them.
        chinese = QLocale(QLocale.Language.Chinese).nativeLanguageName()
        self.ticket_language.addItem(chinese, TicketLanguage.CHINESE.value)
        self.ticket_language.addItem("English", TicketLanguage.ENGLISH.value)
        row.addWidget(self.ticket_language, 1)
        return row

    def _table(self, titles: tuple[str, ...], widths: tuple[int, ...]) -> QTableWidget:
        table = QTableWidget(0, len(titles), self)
        table.setHorizontalHeaderLabels(list(titles))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(46)
        for column, width in enumerate(widths):
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSectionResizeMode(
            len(titles) - 1, QHeaderView.ResizeMode.Stretch
        )
        return table

    def _load(self, setup: PrintSetup) -> None:
        by_id = {p.printer_id: p.name for p in setup.printers}
        for printer in setup.printers:
            self.add_printer(printer)
            row = self.printer_table.rowCount() - 1
            self.printer_table.setItem(row, 4, QTableWidgetItem(by_id.get(printer.backup_id, "")))
        for station in setup.stations:
            self.add_station(station, by_id.get(station.printer_id, ""))
        self._refresh_printer_choices()
        self.counter_printer.setCurrentText(by_id.get(setup.counter_printer_id, ""))
        self.label_printer.setCurrentText(by_id.get(setup.label_printer_id, ""))
        self.auto_kitchen.setChecked(setup.auto_kitchen)
        language = self._printing.settings.ticket_language()
        self.ticket_language.setCurrentIndex(self.ticket_language.findData(language.value))

    def _refresh_printer_choices(self) -> None:
        for choice in (self.counter_printer, self.label_printer):
            current = choice.currentText()
            choice.clear()
            choice.addItem("")
            for row in range(self.printer_table.rowCount()):
                choice.addItem(self._text(self.printer_table, row, 0))
            choice.setCurrentText(current)

    def _printer_at(self, row: int) -> PrinterConfig:
        name = self._text(self.printer_table, row, 0)
        if not name:
            raise ValueError(self.tr("Printer {row} has no name.").format(row=row + 1))
        kind_box = self.printer_table.cellWidget(row, 1)
        paper_box = self.printer_table.cellWidget(row, 3)
        assert isinstance(kind_box, QComboBox)
        assert isinstance(paper_box, QComboBox)
        kind = PrinterKind(kind_box.currentData())
        where = self._text(self.printer_table, row, 2)
        printer_id = self._id_at(self.printer_table, row)
        if kind is PrinterKind.PDF:
            if not where:
                raise ValueError(self.tr("“{name}” needs a folder.").format(name=name))
            return PrinterConfig(
                printer_id=printer_id,
                name=name,
                kind=kind,
                folder=where,
                paper_mm=paper_box.currentData(),
            )
        host, _, port_text = where.partition(":")
        if not host or (port_text and not port_text.isdigit()):
            raise ValueError(
                self.tr("“{name}”: give the address as host or host:port.").format(name=name)
            )
        return PrinterConfig(
            printer_id=printer_id,
            name=name,
            kind=kind,
            host=host.strip(),
            port=int(port_text) if port_text else DEFAULT_PORT,
            paper_mm=int(paper_box.currentData()),
        )

    def _with_backup(
        self, printer: PrinterConfig, row: int, names: dict[str, str]
    ) -> PrinterConfig:
        backup = self._text(self.printer_table, row, 4)
        if not backup:
            return printer
        if backup not in names or names[backup] == printer.printer_id:
            raise ValueError(
                self.tr("“{name}”: the backup must be another printer's name.").format(
                    name=printer.name
                )
            )
        return PrinterConfig(
            printer_id=printer.printer_id,
            name=printer.name,
            kind=printer.kind,
            host=printer.host,
            port=printer.port,
            paper_mm=printer.paper_mm,
            folder=printer.folder,
            backup_id=names[backup],
        )

    def _station_at(self, row: int, names: dict[str, str]) -> Station:
        name = self._text(self.station_table, row, 0)
        printer = self._text(self.station_table, row, 1)
        if not name or printer not in names:
            raise ValueError(
                self.tr("Station {row} needs a name and one of the printers' names.").format(
                    row=row + 1
                )
            )
        categories = tuple(
            c.strip() for c in self._text(self.station_table, row, 2).split(",") if c.strip()
        )
        return Station(
            station_id=self._id_at(self.station_table, row),
            name=name,
            printer_id=names[printer],
            categories=categories,
        )

    @staticmethod
    def _id_at(table: QTableWidget, row: int) -> str:
        # Ids never change once given: the journal and the backups refer to them.
        item = table.item(row, 0)
        kept = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return str(kept) if kept else uuid.uuid4().hex[:12]

    @staticmethod
    def _text(table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return "" if item is None else item.text().strip()

    @Slot()
    def _on_add_network_clicked(self) -> None:
        count = self.printer_table.rowCount() + 1
        self.add_printer(
            PrinterConfig(
                printer_id=uuid.uuid4().hex[:12],
                name=self.tr("Printer {n}").format(n=count),
                host="192.168.1.100",
            )
        )

    @Slot()
    def _on_add_pdf_clicked(self) -> None:
        count = self.printer_table.rowCount() + 1
        self.add_printer(
            PrinterConfig(
                printer_id=uuid.uuid4().hex[:12],
                name=self.tr("PDF {n}").format(n=count),
                kind=PrinterKind.PDF,
                folder="tickets",
            )
        )

    @Slot()
    def _on_remove_printer_clicked(self) -> None:
        for index in sorted(self.printer_table.selectionModel().selectedRows(), reverse=True):
            self.printer_table.removeRow(index.row())
        self._refresh_printer_choices()

    @Slot()
    def _on_add_station_clicked(self) -> None:
        count = self.station_table.rowCount() + 1
        self.add_station(
            Station(
                station_id=uuid.uuid4().hex[:12],
                name=self.tr("Station {n}").format(n=count),
                printer_id="",
            )
        )

    @Slot()
    def _on_remove_station_clicked(self) -> None:
        for index in sorted(self.station_table.selectionModel().selectedRows(), reverse=True):
            self.station_table.removeRow(index.row())

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self._refresh_printer_choices()
        try:
            setup = self.setup()
        except ValueError as problem:
            self.problem.setText(str(problem))
            set_tone(self.problem, Tone.ERROR)
            self.problem.show()
            return
        actor = authorise(self, Permission.SETTINGS, self._actor)
        if actor is None and self._actor is not None:
            return  # the PIN prompt was cancelled: the dialog stays as it is
        try:
            if actor is None:
                raise SettingRefused("not_permitted", "printing.setup")
            self._printing.settings.change(actor, setup)
            language = TicketLanguage(self.ticket_language.currentData())
            if language is not self._printing.settings.ticket_language():
                self._printing.settings.change_ticket_language(actor, language)
        except SettingRefused as refused:
            self.problem.setText(print_refusal_text(refused.code))
            set_tone(self.problem, Tone.ERROR)
            self.problem.show()
            return
        self.accept()


def _named(name: str, item_id: str) -> QTableWidgetItem:
    """A name cell carrying the entry's stable id."""
    item = QTableWidgetItem(name)
    item.setData(Qt.ItemDataRole.UserRole, item_id)
    return item
