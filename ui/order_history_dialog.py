"""History by day: pick a store date, see every order placed that day, open one beside the list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.order_search import DayOrder, OrderSearch
from ui.cashier.order_detail_pane import OrderDetailPane
from ui.day_picker import DayPicker
from ui.labels import channel_name, order_status_name, serial_text
from ui.screen_services import ScreenServices
from ui.value_formats import format_money

ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role under which the first cell of each row answers the order id."""
_SIZE = (1320, 760)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class OrderHistoryDialog(QDialog):
    """Lists the orders of one store day (all statuses); the chosen one shows on the right."""

    def __init__(
        self,
        search: OrderSearch,
        services: ScreenServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._queries = services.order_queries
        self.orders: list[DayOrder] = []
        self.setWindowTitle(self.tr("Order history"))
        self.resize(*_SIZE)
        column = QVBoxLayout(self)
        self.day_picker = DayPicker(self)
        self.day_picker.day_chosen.connect(self.show_day)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("Hint")
        self.day_picker.row.addWidget(self.count_label)
        column.addWidget(self.day_picker)
        body = QHBoxLayout()
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Channel"),
                self.tr("Serial"),
                self.tr("Status"),
                self.tr("Total"),
                self.tr("Order number"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        body.addWidget(self.table, 5)
        self.detail_pane = OrderDetailPane(services.clock, self)
        body.addWidget(self.detail_pane, 4)
        column.addLayout(body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.show_day(search.today())

    def show_day(self, day: date | None) -> None:
        """List the orders placed on the store's `day` (today when None)."""
        day = self._search.today() if day is None else day
        self.day_picker.display(day)
        self.orders = self._search.day_orders(day)
        self.detail_pane.show_order(None)
        self.table.setRowCount(len(self.orders))
        for row, order in enumerate(self.orders):
            cells = (
                order.placed_at.astimezone().strftime("%H:%M"),
                channel_name(order.channel),
                serial_text(order.daily_serial),
                order_status_name(order.status),
                format_money(order.total_cents),
                order.channel_order_no,
            )
            for position, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if position == 4:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(row, position, item)
            first = self.table.item(row, 0)
            if first is not None:
                first.setData(ORDER_ID_ROLE, order.order_id)
        total = sum(order.total_cents for order in self.orders)
        self.count_label.setText(
            self.tr("Orders: {count} · total {total}").format(
                count=len(self.orders), total=format_money(total)
            )
        )

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.table.item(rows[0].row(), 0)
        order_id = None if item is None else item.data(ORDER_ID_ROLE)
        if order_id is not None:
            self.detail_pane.show_order(self._queries.detail(str(order_id)))
