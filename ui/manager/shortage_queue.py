"""The manager's shortage queue: every open shortage, the most urgent first, with its timer.

The timer counts down to the order's deadline (the rider's arrival, else the expected ready
time) and turns amber, then red, as the inbox's countdown does. Double-click or "Decide…"
opens the decision dialog.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.domain.vocabulary import RecordKind
from app.read_models import SignedInStaff
from app.services.shortage_decisions import ShortageDecisions, ShortageQueueItem
from ui.labels import order_title, out_of_stock_preference_name
from ui.manager.shortage_decision_dialog import ShortageDecisionDialog
from ui.manager.shortage_words import decision_name, reason_name
from ui.sync_bridge import SyncBridge
from ui.theme import MUTED_GREY, URGENT_RED, WAITING_AMBER
from ui.value_formats import describe_countdown, format_age, format_money

AMBER_BELOW: Final = timedelta(minutes=10)
"""Less time than this to the deadline turns the timer amber: the decision is getting late."""
RED_BELOW: Final = timedelta(minutes=5)
"""Less than this (or past it) turns it red: the rider or the customer is about to wait."""
_COLUMNS: Final = 8
_SHOWN_KINDS: Final = frozenset({RecordKind.SHORTAGE, RecordKind.ORDER, RecordKind.STAFF})
"""Kinds of record the queue shows something of (a decision answered comes as a shortage)."""
(DUE, ORDER, ITEM, SHORT, REASON, PICKER, AGE, WISH) = range(_COLUMNS)


class ShortageQueue(QWidget):
    """A table of the open shortages and the button that decides the selected one."""

    decided = Signal(str)
    """A decision was queued for this shortage id."""

    def __init__(
        self,
        service: ShortageDecisions,
        clock: Clock,
        bridge: SyncBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._clock = clock
        self._actor: SignedInStaff | None = None
        self.items: list[ShortageQueueItem] = []
        self.dialog: ShortageDecisionDialog | None = None
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, _COLUMNS, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Due"),
                self.tr("Order"),
                self.tr("Item"),
                self.tr("Short"),
                self.tr("Reason"),
                self.tr("Picker"),
                self.tr("Age"),
                self.tr("Customer wants"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The item's name gives way (elided, full name in its tooltip) so that the customer's
        # wish, the column a manager decides by, is never cut off.
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        bottom = QHBoxLayout()
        self.empty_label = QLabel(self.tr("No shortage waits for a decision."), self)
        self.decide_button = QPushButton(self.tr("Decide…"), self)
        self.decide_button.setProperty("variant", "primary")
        bottom.addWidget(self.empty_label)
        bottom.addStretch(1)
        bottom.addWidget(self.decide_button)
        layout.addLayout(bottom)
        self.decide_button.clicked.connect(self._on_decide_clicked)
        self.table.cellDoubleClicked.connect(self._on_table_double_clicked)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._ticker.start()
        if bridge is not None:
            bridge.records_updated.connect(self._on_bridge_records_updated)
        self.refresh()

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Who decides (the signed-in person); nobody signed in decides nothing."""
        self._actor = actor
        self._on_selection_changed()

    def refresh(self) -> None:
        """Read the queue again, keeping the selected shortage selected."""
        selected = self.selected_item()
        self.items = self._service.queue()
        self.table.setRowCount(len(self.items))
        now = self._clock()
        for row, item in enumerate(self.items):
            self._fill_row(row, item, now)
            if selected is not None and item.shortage_id == selected.shortage_id:
                self.table.selectRow(row)
        if self.items and self.selected_item() is None:
            self.table.selectRow(0)  # the most urgent, ready for "Decide…"
        self.empty_label.setVisible(not self.items)
        self._on_selection_changed()

    def selected_item(self) -> ShortageQueueItem | None:
        """The shortage of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.items):
            return None
        return self.items[rows[0].row()]

    def open_decision(self, shortage_id: str) -> ShortageDecisionDialog | None:
        """Open the decision dialog of a shortage (non-modal, so tests and people drive it)."""
        item = next((i for i in self.items if i.shortage_id == shortage_id), None)
        if item is None or self._actor is None or item.pending_decision is not None:
            return None
        dialog = ShortageDecisionDialog(self._service, self._actor, item, self)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(shortage_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _fill_row(self, row: int, item: ShortageQueueItem, now: datetime) -> None:
        cells = {
            DUE: "",
            ORDER: order_title(item.daily_serial, item.channel),
            ITEM: item.line_name,
            SHORT: self.tr("{short} of {quantity} (line paid {paid})").format(
                short=item.quantity_short,
                quantity=item.line_quantity,
                paid=format_money(item.paid_cents),
            ),
            REASON: reason_name(item.reason),
            PICKER: item.picker_name,
            AGE: format_age(item.reported_at, now),
            WISH: out_of_stock_preference_name(item.preference),
        }
        for column, text in cells.items():
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, item.shortage_id)
            if column == ITEM:
                cell.setToolTip(" · ".join(n for n in (item.line_name, item.line_name_en) if n))
            self.table.setItem(row, column, cell)
        self._fill_due(row, item, now)

    def _fill_due(self, row: int, item: ShortageQueueItem, now: datetime) -> None:
        cell = self.table.item(row, DUE)
        if cell is None:
            return
        if item.pending_decision is not None:
            cell.setText(
                self.tr("Sent: {decision} …").format(decision=decision_name(item.pending_decision))
            )
            cell.setForeground(QBrush(MUTED_GREY))
            return
        if item.deadline is None:
            cell.setText("—")
            return
        cell.setText(describe_countdown(item.deadline, now).text)
        left = item.deadline - now
        if left < RED_BELOW:
            cell.setForeground(QBrush(URGENT_RED))
        elif left < AMBER_BELOW:
            cell.setForeground(QBrush(WAITING_AMBER))
        else:
            cell.setData(Qt.ItemDataRole.ForegroundRole, None)

    def due_colour_of(self, shortage_id: str) -> str | None:
        """The timer's colour name for a shortage ('' when plain), for tests and screenshots."""
        for row, item in enumerate(self.items):
            cell = self.table.item(row, DUE)
            if item.shortage_id == shortage_id and cell is not None:
                brush = cell.data(Qt.ItemDataRole.ForegroundRole)
                return "" if brush is None else QBrush(brush).color().name()
        return None

    @Slot()
    def _on_ticker_timeout(self) -> None:
        now = self._clock()
        for row, item in enumerate(self.items):
            self._fill_due(row, item, now)
            age = self.table.item(row, AGE)
            if age is not None:
                age.setText(format_age(item.reported_at, now))

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & _SHOWN_KINDS and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Read again on coming to the front: feed updates are not read while hidden."""
        super().showEvent(event)
        self.refresh()

    @Slot()
    def _on_selection_changed(self) -> None:
        item = self.selected_item()
        self.decide_button.setEnabled(
            item is not None and self._actor is not None and item.pending_decision is None
        )

    @Slot()
    def _on_decide_clicked(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_decision(item.shortage_id)

    @Slot(int, int)
    def _on_table_double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.items):
            self.open_decision(self.items[row].shortage_id)

    def _on_dialog_accepted(self, shortage_id: str) -> None:
        self.refresh()
        self.decided.emit(shortage_id)
