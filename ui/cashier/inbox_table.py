"""The cashier's order table: fixed columns where a figure lives, badges, per-tab columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel
from ui.cashier.inbox_cell_delegates import (
    ChannelBadgeDelegate,
    ColouredTextDelegate,
    ExceptionBadgeDelegate,
    badge_width,
)
from ui.cashier.order_inbox_model import (
    EXCEPTION_BADGE_ROLE,
    InboxColumn,
    OrderInboxModel,
    inbox_font,
)
from ui.labels import channel_name
from ui.theme import HEADER_FONT_PX

_COLUMN_WIDTHS = {
    InboxColumn.CHANNEL: 104,
    InboxColumn.SERIAL: 72,
    InboxColumn.STATUS: 140,
    InboxColumn.BOOKED: 200,
    InboxColumn.AGE: 88,
    InboxColumn.COUNTDOWN: 96,
    InboxColumn.ITEMS: 60,
    InboxColumn.TOTAL: 100,
}
"""The least width of each column with a figure; a column is wider when its title needs it
(Chinese titles and English ones differ), and the Sync column takes what is left."""
_TITLE_PADDING = 24
"""The header's padding on both sides of a title (ui/theme.py), with a little room."""


class InboxTable(QTableView):
    """One row per order of the tab on show; single selection, read-only, touch-sized rows."""

    def __init__(self, model: OrderInboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setItemDelegate(ColouredTextDelegate(self))
        self.setItemDelegateForColumn(InboxColumn.CHANNEL, ChannelBadgeDelegate(self))
        badge = ExceptionBadgeDelegate(EXCEPTION_BADGE_ROLE, self)
        self.setItemDelegateForColumn(InboxColumn.ITEMS, badge)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(54)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for column in InboxColumn:
            if column in _COLUMN_WIDTHS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, self._column_width(column))
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self._title_width(InboxColumn.SYNC))
        self.configure_columns(InboxTab.NEW)

    def _title_width(self, column: InboxColumn) -> int:
        title = self._model.headerData(column, Qt.Orientation.Horizontal)
        bold = QFont(self.horizontalHeader().font())
        bold.setPixelSize(HEADER_FONT_PX)
        bold.setBold(True)
        return QFontMetrics(bold).horizontalAdvance(str(title or "")) + _TITLE_PADDING

    def _column_width(self, column: InboxColumn) -> int:
        least = max(_COLUMN_WIDTHS[column], self._title_width(column))
        if column is InboxColumn.CHANNEL:  # the badge holds the channel's whole name
            least = max(least, *(badge_width(channel_name(c), inbox_font()) for c in Channel))
        return least

    def columns_width(self) -> int:
        """The width the shown columns need, the Sync column's title included: the inbox
        side of the counter is never narrower (nothing scrolls sideways)."""
        header = self.horizontalHeader()
        fixed = sum(
            header.sectionSize(column)
            for column in _COLUMN_WIDTHS
            if not header.isSectionHidden(column)
        )
        return fixed + self._title_width(InboxColumn.SYNC) + 2 * self.frameWidth()

    def span_exception_rows(self) -> None:
        """Let each exception order's badge and reason take the room of items, total and sync."""
        self.clearSpans()
        for row in self._model.exception_rows():
            self.setSpan(row, InboxColumn.ITEMS, 1, InboxColumn.SYNC - InboxColumn.ITEMS + 1)

    def configure_columns(self, tab: InboxTab) -> None:
        """Show the columns that matter on `tab`."""
        # A deadline only matters before acceptance; a status column on "New" would only say New.
        self.setColumnHidden(InboxColumn.COUNTDOWN, tab is not InboxTab.NEW)
        self.setColumnHidden(InboxColumn.STATUS, tab in {InboxTab.NEW, InboxTab.SCHEDULED})
        # A booked order waits for its time: that time, not its age, is what the counter needs.
        self.setColumnHidden(InboxColumn.BOOKED, tab is not InboxTab.SCHEDULED)
        self.setColumnHidden(InboxColumn.AGE, tab is InboxTab.SCHEDULED)
