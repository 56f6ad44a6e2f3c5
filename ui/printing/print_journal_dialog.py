"""The print journal: every ticket of a day, filtered by order and state; reprint with a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Permission
from app.read_models import SignedInStaff
from app.services.print_journal import PrintRefused, TicketView
from app.services.print_wiring import Printing
from ui.labels import print_refusal_text, serial_text, ticket_kind_name, ticket_state_name
from ui.printing.journal_words import channel_text, station_text
from ui.printing.print_bridge import PrintBridge
from ui.printing.reprint_dialog import ReprintDialog
from ui.staff_session import authorise
from ui.theme import Tone, set_tone

_SIZE = (1060, 560)
_STATES = ("", "printed", "failed_waiting", "queued", "withdrawn")


class PrintJournalDialog(QDialog):
    """Browses the journal newest first; a printed ticket can be reprinted with a reason."""

    def __init__(
        self,
        printing: Printing,
        actor: SignedInStaff | None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._printing = printing
        self._actor = actor
        self.shown: list[TicketView] = []
        self.reprint_dialog: ReprintDialog | None = None
        self.setWindowTitle(self.tr("Print journal"))
        self.resize(*_SIZE)
        self._build(today)
        self.bridge = PrintBridge(self)
        printing.runner.subscribe(self.bridge)
        self.finished.connect(lambda _result: printing.runner.unsubscribe(self.bridge))
        self.bridge.journal_updated.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Re-read the journal with the filters set."""
        day = self.day_edit.date().toPython() if self.one_day.currentIndex() == 0 else None
        state = self.state_filter.currentData()
        self.shown = self._printing.journal.entries(
            day=day,  # type: ignore[arg-type]
            order_text=self.order_filter.text(),
            states=(state,) if state else (),
        )
        self.table.setRowCount(len(self.shown))
        for row, ticket in enumerate(self.shown):
            for column, text in enumerate(self._cells(ticket)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ticket.ticket_id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("{count} tickets").format(count=len(self.shown)))
        self._on_table_selection_changed()

    def select_ticket(self, ticket_id: int) -> None:
        """Select the row of that ticket (if shown)."""
        for row, ticket in enumerate(self.shown):
            if ticket.ticket_id == ticket_id:
                self.table.selectRow(row)

    def _build(self, today: date) -> None:
        column = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.one_day = QComboBox(self)
        self.one_day.addItems([self.tr("Day"), self.tr("All days")])
        self.one_day.currentIndexChanged.connect(self._on_filter_changed)
        self.day_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.dateChanged.connect(self._on_filter_changed)
        self.order_filter = QLineEdit(self)
        self.order_filter.setPlaceholderText(self.tr("Order: #serial or order number"))
        self.order_filter.textChanged.connect(self._on_filter_changed)
        self.state_filter = QComboBox(self)
        for state in _STATES:
            self.state_filter.addItem(
                ticket_state_name(state) if state else self.tr("Every state"), state
            )
        self.state_filter.currentIndexChanged.connect(self._on_filter_changed)
        for widget in (self.one_day, self.day_edit, self.order_filter, self.state_filter):
            filters.addWidget(widget)
        filters.setStretch(2, 1)
        column.addLayout(filters)
        titles = [
            self.tr("Time"),
            self.tr("Order"),
            self.tr("Ticket"),
            self.tr("Station"),
            self.tr("Rev"),
            self.tr("State"),
            self.tr("Printer"),
            self.tr("Reprint reason"),
        ]
        self.table = QTableWidget(0, len(titles), self)
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(titles) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        column.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("MessageStrip")
        self.message.hide()
        column.addWidget(self.message)
        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        bottom.addWidget(self.count_label, 1)
        self.reprint_button = QPushButton(self.tr("Reprint…"), self)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        bottom.addWidget(self.reprint_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        column.addLayout(bottom)

    def _cells(self, ticket: TicketView) -> list[str]:
        shown_at = (ticket.printed_at or ticket.created_at).astimezone()
        state = ticket_state_name(ticket.state)
        if ticket.state == "failed_waiting" and ticket.last_error:
            state = f"{state} ({ticket.attempts}×)"
        return [
            shown_at.strftime("%m-%d %H:%M:%S"),
            f"{serial_text(ticket.daily_serial)} {channel_text(ticket.channel)}",
            ticket_kind_name(ticket.kind) + (self.tr(" (REPRINT)") if ticket.is_reprint else ""),
            station_text(ticket),
            str(ticket.revision),
            state,
            self._printer_name(ticket.printed_by or ticket.target_printer),
            ticket.reason,
        ]

    def _printer_name(self, printer_id: str) -> str:
        printer = self._printing.settings.setup().printer(printer_id)
        return printer.name if printer is not None else printer_id

    def _selected(self) -> TicketView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def _show_message(self, text: str, tone: Tone) -> None:
        self.message.setText(text)
        set_tone(self.message, tone)
        self.message.show()

    @Slot()
    def _on_filter_changed(self) -> None:
        self.day_edit.setEnabled(self.one_day.currentIndex() == 0)
        self.reload()

    @Slot()
    def _on_table_selection_changed(self) -> None:
        ticket = self._selected()
        self.reprint_button.setEnabled(
            ticket is not None and ticket.state == "printed" and self._actor is not None
        )

    @Slot()
    def _on_reprint_button_clicked(self) -> None:
        ticket = self._selected()
        if ticket is None:
            return
        dialog = ReprintDialog(ticket, self)
        dialog.accepted.connect(self._on_reprint_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.reprint_dialog = dialog
        dialog.open()

    @Slot()
    def _on_reprint_dialog_accepted(self) -> None:
        dialog, self.reprint_dialog = self.reprint_dialog, None
        if dialog is None or self._actor is None:
            return
        # An idle session asks the PIN again first (None: the person cancelled).
        actor = authorise(self, Permission.REPRINT, self._actor)
        if actor is None:
            return
        try:
            self._printing.journal.reprint(actor, dialog.ticket.ticket_id, dialog.reason())
        except PrintRefused as refused:
            self._show_message(print_refusal_text(refused.code), Tone.ERROR)
            return
        self._show_message(self.tr("Reprint sent to the printer."), Tone.OK)
        self.reload()
