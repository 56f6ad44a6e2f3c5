"""The Qt table model of one inbox tab: an order per row, kept in step with the cache by id."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.domain.clock import Clock
from app.domain.new_order_alarm import DeadlineUrgency, deadline_urgency
from app.domain.vocabulary import OrderStatus
from app.read_models import OrderSummary
from ui.cashier.exception_words import exception_reason, exception_reasons, needs_checking_text
from ui.labels import channel_name, order_status_name, serial_text
from ui.theme import CHANNEL_COLOURS, MUTED_GREY, URGENT_RED, WAITING_AMBER
from ui.value_formats import (
    describe_countdown,
    format_age,
    format_clock_time,
    format_money,
)

_Index = QModelIndex | QPersistentModelIndex

ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role under which every cell answers its row's order id."""
EXCEPTION_BADGE_ROLE = Qt.ItemDataRole.UserRole + 2
"""Role under which the ITEMS cell of an exception order answers its badge's text; the cell
spans ITEMS to SYNC and shows the reason (the screen sets the span)."""
ANSWER_DUE = frozenset({OrderStatus.NEW, OrderStatus.EXCEPTION})
"""Statuses waiting for the store's answer before the channel's deadline: they count down."""


class InboxColumn(IntEnum):
    """The inbox's columns, left to right."""

    CHANNEL = 0
    SERIAL = 1
    STATUS = 2
    BOOKED = 3
    AGE = 4
    COUNTDOWN = 5
    ITEMS = 6
    TOTAL = 7
    SYNC = 8


_COLUMNS: Final = tuple(InboxColumn)
"""The columns by position (an index's column() is an int)."""
_TIME_COLUMNS = (InboxColumn.AGE, InboxColumn.COUNTDOWN)
_TIME_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
]
_COUNTDOWN_COLOURS: dict[DeadlineUrgency, QColor | None] = {
    DeadlineUrgency.CALM: None,
    DeadlineUrgency.SOON: WAITING_AMBER,
    DeadlineUrgency.URGENT: URGENT_RED,
    DeadlineUrgency.OVERDUE: URGENT_RED,
}
"""Countdown text colour by urgency (thresholds in app.domain.new_order_alarm)."""
_CHANNEL_TEXT: Final = {
    channel: QColor(colours.text) for channel, colours in CHANNEL_COLOURS.items()
}
_CHANNEL_BACKGROUND: Final = {
    channel: QColor(colours.background) for channel, colours in CHANNEL_COLOURS.items()
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter


def inbox_font(pixels: int = 14, *, bold: bool = False) -> QFont:
    """An inbox font: 14 px for its small text (channel, sync), bigger bold ones besides."""
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


class OrderInboxModel(QAbstractTableModel):
    """Rows of OrderSummary; `set_rows` moves, inserts and removes rows so selections survive."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[OrderSummary] = []
        self._serial_font = inbox_font(24, bold=True)
        self._bold_font = inbox_font(18, bold=True)
        self._small_font = inbox_font()
        # A view asks for each role of each cell it paints (a few thousand calls a repaint):
        # one look-up decides, and roles nobody answers return before anything is read.
        self._answers: dict[int, Callable[[OrderSummary, InboxColumn], Any]] = {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Qt.ItemDataRole.BackgroundRole: _background,
            Qt.ItemDataRole.FontRole: self._font,
            Qt.ItemDataRole.TextAlignmentRole: _alignment,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            ORDER_ID_ROLE: lambda order, _column: order.order_id,
            EXCEPTION_BADGE_ROLE: _exception_badge,
        }

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(InboxColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _column_title(InboxColumn(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(None, InboxColumn(section))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        answer = self._answers.get(role)
        row = index.row()
        if answer is None or not index.isValid() or row >= len(self._rows):
            return None
        return answer(self._rows[row], _COLUMNS[index.column()])

    def exception_rows(self) -> list[int]:
        """The rows showing exception orders (their ITEMS cell spans to SYNC)."""
        return [row for row, order in enumerate(self._rows) if is_exception(order)]

    def summary_at(self, row: int) -> OrderSummary | None:
        """The order shown on `row`, if there is such a row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, order_id: str) -> int | None:
        """The row showing `order_id`, if it is shown."""
        for row, order in enumerate(self._rows):
            if order.order_id == order_id:
                return row
        return None

    def set_rows(self, orders: Sequence[OrderSummary]) -> None:
        """Show `orders` in this order, changing only the rows that differ.

        Rows are matched by order id and moved, inserted, removed or updated one by one, so
        views keep their selection and scroll position. A wholly different list (another
        tab) resets the model instead.
        """
        wanted_ids = {order.order_id for order in orders}
        if self._rows and not wanted_ids & {order.order_id for order in self._rows}:
            self.beginResetModel()
            self._rows = list(orders)
            self.endResetModel()
            return
        for row in reversed(range(len(self._rows))):
            if self._rows[row].order_id not in wanted_ids:
                self._remove(row)
        for target, order in enumerate(orders):
            self._place(target, order)

    def merge_rows(
        self,
        order_ids: Collection[str],
        orders: Sequence[OrderSummary],
        key: Callable[[OrderSummary], Any],
        limit: int,
    ) -> bool:
        """Bring the rows of `order_ids` up to date without listing the tab again.

        `orders` are those of `order_ids` that belong on this tab now; each is updated in
        place, moved or inserted where `key` (the tab's sort order) puts it, and the rows of
        the other changed orders are removed; the rest stay untouched. At most `limit` rows
        are kept, as the tab lists them. Returns False when a row left a full tab: the order
        that would come into view is not known here, and the caller lists the tab again.
        """
        wanted = {order.order_id: order for order in orders}
        whole = True
        for order_id in order_ids:
            row = self.row_of(order_id)
            order = wanted.get(order_id)
            if order is None:
                if row is not None:
                    whole = whole and len(self._rows) < limit
                    self._remove(row)
            elif row is None:
                self._insert_sorted(order, key, limit)
            else:
                self._move_sorted(row, order, key)
        return whole

    def _insert_sorted(
        self, order: OrderSummary, key: Callable[[OrderSummary], Any], limit: int
    ) -> None:
        target = bisect.bisect_right(self._rows, key(order), key=key)
        if target >= limit:
            return  # beyond the rows the tab lists
        self.beginInsertRows(QModelIndex(), target, target)
        self._rows.insert(target, order)
        self.endInsertRows()
        if len(self._rows) > limit:
            self._remove(len(self._rows) - 1)

    def _update(self, row: int, order: OrderSummary) -> None:
        if self._rows[row] != order:
            self._rows[row] = order
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(InboxColumn) - 1))

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _move_sorted(
        self, row: int, order: OrderSummary, key: Callable[[OrderSummary], Any]
    ) -> None:
        others = self._rows[:row] + self._rows[row + 1 :]
        target = bisect.bisect_right(others, key(order), key=key)
        if target != row:
            # Qt counts the destination among the rows before the move.
            destination = target + 1 if target > row else target
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            self._rows.insert(target, self._rows.pop(row))
            self.endMoveRows()
        self._update(target, order)

    def refresh_times(self) -> None:
        """Tell views that ages and countdowns moved on; nothing is re-read from the cache."""
        if not self._rows:
            return
        top_left = self.index(0, min(_TIME_COLUMNS))
        bottom_right = self.index(len(self._rows) - 1, max(_TIME_COLUMNS))
        self.dataChanged.emit(top_left, bottom_right, _TIME_ROLES)

    def _place(self, target: int, order: OrderSummary) -> None:
        # Rows above `target` are already in place, so a match is always at or below it.
        current = next(
            (
                row
                for row in range(target, len(self._rows))
                if self._rows[row].order_id == order.order_id
            ),
            None,
        )
        if current is None:
            self.beginInsertRows(QModelIndex(), target, target)
            self._rows.insert(target, order)
            self.endInsertRows()
            return
        if current != target:
            self.beginMoveRows(QModelIndex(), current, current, QModelIndex(), target)
            self._rows.insert(target, self._rows.pop(current))
            self.endMoveRows()
        self._update(target, order)

    def _display(self, order: OrderSummary, column: InboxColumn) -> str:
        return _TEXTS[column](order, self._clock())

    def _foreground(self, order: OrderSummary, column: InboxColumn) -> QColor | None:
        if column is InboxColumn.CHANNEL:
            return _CHANNEL_TEXT[order.channel]
        if column is InboxColumn.COUNTDOWN and order.status in ANSWER_DUE:
            return _COUNTDOWN_COLOURS[deadline_urgency(order.accept_by, self._clock())]
        if column is InboxColumn.SYNC:
            return WAITING_AMBER
        if column is InboxColumn.AGE:
            return MUTED_GREY
        return None

    def _font(self, order: OrderSummary, column: InboxColumn) -> QFont | None:
        if column is InboxColumn.SERIAL:
            return self._serial_font
        if column is InboxColumn.COUNTDOWN and order.status in ANSWER_DUE:
            return self._bold_font
        if column in (InboxColumn.CHANNEL, InboxColumn.SYNC):
            return self._small_font
        return None

    def _tooltip(self, order: OrderSummary, column: InboxColumn) -> str | None:
        if column in {InboxColumn.STATUS, InboxColumn.BOOKED}:
            # A narrow column cuts a long status ("Cancel requested"): hovering reads it whole.
            return self._display(order, column) or None
        if column is InboxColumn.ITEMS and is_exception(order):
            return "\n".join(exception_reasons(order.exception))
        return self._moment_tooltip(order, column)

    def _moment_tooltip(self, order: OrderSummary, column: InboxColumn) -> str | None:
        now = self._clock()
        if column is InboxColumn.CHANNEL:
            return QCoreApplication.translate("OrderInboxModel", "Channel order {number}").format(
                number=order.channel_order_no
            )
        if column is InboxColumn.COUNTDOWN and order.status in ANSWER_DUE:
            return QCoreApplication.translate(
                "OrderInboxModel", "Accept by {time}, or the channel cancels the order"
            ).format(time=format_clock_time(order.accept_by, now))
        if column is InboxColumn.AGE:
            return QCoreApplication.translate("OrderInboxModel", "Placed at {time}").format(
                time=format_clock_time(order.placed_at, now)
            )
        if column is InboxColumn.SYNC and order.has_pending:
            return QCoreApplication.translate(
                "OrderInboxModel",
                "This device has actions on this order that the hub has not confirmed yet.",
            )
        return None


def _column_title(column: InboxColumn) -> str:
    return {
        InboxColumn.CHANNEL: QCoreApplication.translate("OrderInboxModel", "Channel"),
        InboxColumn.SERIAL: QCoreApplication.translate("OrderInboxModel", "No."),
        InboxColumn.STATUS: QCoreApplication.translate("OrderInboxModel", "Status"),
        InboxColumn.BOOKED: QCoreApplication.translate("OrderInboxModel", "Booked for"),
        InboxColumn.AGE: QCoreApplication.translate("OrderInboxModel", "Age"),
        InboxColumn.COUNTDOWN: QCoreApplication.translate("OrderInboxModel", "Time left"),
        InboxColumn.ITEMS: QCoreApplication.translate("OrderInboxModel", "Items"),
        InboxColumn.TOTAL: QCoreApplication.translate("OrderInboxModel", "Total"),
        InboxColumn.SYNC: QCoreApplication.translate("OrderInboxModel", "Sync"),
    }[column]


def _booked_text(order: OrderSummary, now: datetime) -> str:
    """The customer's time, and when the order moves to New to be prepared."""
    if order.scheduled_for is None:
        return ""
    booked = format_clock_time(order.scheduled_for, now)
    if order.prepare_at is None:
        return booked
    return QCoreApplication.translate("OrderInboxModel", "{booked} (to New {prepare})").format(
        booked=booked, prepare=format_clock_time(order.prepare_at, now)
    )


def is_exception(order: OrderSummary) -> bool:
    """Whether the row is an exception order still waiting to be mapped or rejected."""
    return order.status is OrderStatus.EXCEPTION


def _countdown_text(order: OrderSummary, now: datetime) -> str:
    if order.status not in ANSWER_DUE:
        return ""
    return describe_countdown(order.accept_by, now).text


def _sync_text(order: OrderSummary) -> str:
    if not order.has_pending:
        return ""
    # Short: the column is narrow and headed "Sync"; the tooltip says it in full.
    return QCoreApplication.translate("OrderInboxModel", "Waiting")


def _background(order: OrderSummary, column: InboxColumn) -> QColor | None:
    if column is InboxColumn.CHANNEL:
        return _CHANNEL_BACKGROUND[order.channel]
    return None


def _exception_badge(order: OrderSummary, column: InboxColumn) -> str | None:
    return needs_checking_text() if column is InboxColumn.ITEMS and is_exception(order) else None


_TEXTS: Final[dict[InboxColumn, Callable[[OrderSummary, datetime], str]]] = {
    InboxColumn.CHANNEL: lambda order, _now: channel_name(order.channel),
    InboxColumn.SERIAL: lambda order, _now: serial_text(order.daily_serial),
    InboxColumn.STATUS: lambda order, _now: order_status_name(order.status),
    InboxColumn.BOOKED: _booked_text,
    InboxColumn.AGE: lambda order, now: format_age(order.placed_at, now),
    InboxColumn.COUNTDOWN: _countdown_text,
    InboxColumn.ITEMS: lambda order, _now: (
        exception_reason(order.exception) if is_exception(order) else str(order.item_count)
    ),
    InboxColumn.TOTAL: lambda order, _now: format_money(order.total_cents),
    InboxColumn.SYNC: lambda order, _now: _sync_text(order),
}
"""Each column's text of a row, at the time given."""


def _alignment(order: OrderSummary | None, column: InboxColumn) -> Qt.AlignmentFlag:
    if column is InboxColumn.ITEMS and order is not None and is_exception(order):
        return _LEFT
    if column in (InboxColumn.ITEMS, InboxColumn.TOTAL):
        return _RIGHT
    if column in (InboxColumn.CHANNEL, InboxColumn.COUNTDOWN):
        return _CENTRE
    return _LEFT
