"""The cashier's order table: fixed columns where a figure lives, badges, per-tab columns."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.order_lifecycle import InboxTab
from ui.cashier.inbox_cell_delegates import (
    ChannelBadgeDelegate,
    ColouredTextDelegate,
    ExceptionBadgeDelegate,
)
from ui.cashier.order_inbox_model import EXCEPTION_BADGE_ROLE, InboxColumn, OrderInboxModel

_COLUMN_WIDTHS = {
    InboxColumn.CHANNEL: 140,
    InboxColumn.SERIAL: 84,
    InboxColumn.STATUS: 150,
    InboxColumn.BOOKED: 230,
    InboxColumn.AGE: 92,
    InboxColumn.COUNTDOWN: 112,
    InboxColumn.ITEMS: 66,
    InboxColumn.TOTAL: 104,
}


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
                header.resizeSection(column, _COLUMN_WIDTHS[column])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.configure_columns(InboxTab.NEW)

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
