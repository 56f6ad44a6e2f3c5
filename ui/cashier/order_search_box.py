"""The search box at the top of the cashier screen: one line, results as you type, Enter opens."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock
from app.services.order_search import OrderSearch, SearchHit
from ui.labels import channel_name, order_status_name, search_match_name, serial_text
from ui.value_formats import format_clock_time, format_money

ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role under which each result answers its order id."""
_VISIBLE_RESULTS = 4
_RESULTS_STYLE = """
QListWidget#SearchResults { border: 1px solid #CBD5E1; border-radius: 8px; background: #FFFFFF; }
QListWidget#SearchResults::item { padding: 6px 10px; border-bottom: 1px solid #E5E7EB; }
QListWidget#SearchResults::item:selected { background: #DBEAFE; color: #0F172A; }
"""


class OrderSearchBox(QWidget):
    """Searches the cache as the person types; the results list shows under the line.

    Enter opens the highlighted result (the first one when none is): `order_chosen` is
    emitted with its order id. Down moves into the results, Escape clears the box.
    """

    order_chosen = Signal(str)
    """The person chose this order id among the results."""

    def __init__(self, search: OrderSearch, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._clock = clock
        self.hits: list[SearchHit] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        self.line = QLineEdit(self)
        self.line.setObjectName("OrderSearchLine")
        self.line.setClearButtonEnabled(True)
        self.line.setPlaceholderText(
            self.tr("Search: #serial, last 4 phone digits, pickup code or order number")
        )
        self.line.textChanged.connect(self._on_line_text_changed)
        self.line.returnPressed.connect(self._on_line_return_pressed)
        self.line.installEventFilter(self)
        row.addWidget(self.line, 1)
        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        row.addWidget(self.status)
        column.addLayout(row)
        self.results = QListWidget(self)
        self.results.setObjectName("SearchResults")
        self.results.setUniformItemSizes(True)
        self.results.setStyleSheet(_RESULTS_STYLE)
        self.results.itemActivated.connect(self._on_results_item_activated)
        self.results.installEventFilter(self)
        self.results.hide()
        column.addWidget(self.results)

    def focus(self) -> None:
        """Put the cursor in the box, its text selected (the Ctrl+F of the screen)."""
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def clear(self) -> None:
        """Empty the box and hide the results."""
        self.line.clear()

    def refresh(self) -> None:
        """Search again for what is typed (the cache changed); the highlighted order stays."""
        if not self.line.text().strip():
            return
        current = self.results.currentItem()
        chosen = None if current is None else current.data(ORDER_ID_ROLE)
        self._show_hits(self.line.text())
        for row in range(self.results.count()):
            item = self.results.item(row)
            if chosen is not None and item.data(ORDER_ID_ROLE) == chosen:
                self.results.setCurrentRow(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the line goes into the results; Escape anywhere clears the search."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape and self.line.text():
            self.clear()
            self.line.setFocus()
            return True
        if watched is self.line and key == Qt.Key.Key_Down and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _show_hits(self, text: str) -> None:
        self.hits = self._search.search(text) if text.strip() else []
        self.results.clear()
        now = self._clock()
        for hit in self.hits:
            item = QListWidgetItem(self._describe(hit, now))
            item.setData(ORDER_ID_ROLE, hit.order.order_id)
            item.setToolTip(hit.order.channel_order_no)
            self.results.addItem(item)
        if not text.strip():
            self.status.clear()
            self.results.hide()
            return
        if not self.hits:
            self.status.setText(self.tr("No order matches"))
            self.results.hide()
            return
        self.status.setText(self.tr("Found: {count}").format(count=len(self.hits)))
        row_height = max(self.results.sizeHintForRow(0), 1)
        frame = 2 * self.results.frameWidth() + 2
        self.results.setFixedHeight(min(len(self.hits), _VISIBLE_RESULTS) * row_height + frame)
        self.results.show()

    def _describe(self, hit: SearchHit, now: datetime) -> str:
        order = hit.order
        matched = ", ".join(sorted(search_match_name(match) for match in hit.matches))
        when = format_clock_time(order.placed_at, now)
        if hit.is_today:
            when = self.tr("today {time}").format(time=format_clock_time(order.placed_at, now))
        first = self.tr("{serial}  {channel}  ·  {when}  ·  {status}  ·  {total}").format(
            serial=serial_text(order.daily_serial),
            channel=channel_name(order.channel),
            when=when,
            status=order_status_name(order.status),
            total=format_money(order.total_cents),
        )
        second = self.tr("{number}  ·  {phone}  ·  matched by {matched}").format(
            number=order.channel_order_no, phone=order.customer_phone_masked, matched=matched
        )
        if order.pickup_code:
            second = self.tr("Pickup {code}  ·  {rest}").format(code=order.pickup_code, rest=second)
        return f"{first}\n{second}"

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.order_chosen.emit(str(item.data(ORDER_ID_ROLE)))

    @Slot(str)
    def _on_line_text_changed(self, text: str) -> None:
        self._show_hits(text)

    @Slot()
    def _on_line_return_pressed(self) -> None:
        current = self.results.currentItem()
        self._choose(current if current is not None else self.results.item(0))

    @Slot(QListWidgetItem)
    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        self._choose(item)
