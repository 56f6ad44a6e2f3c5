"""The inbox kept in step with the cache: a whole tab at once, or only the orders that changed.

A feed page names the orders it wrote; those rows alone are read and merged into the model
(rows inserted, moved, updated or removed, never a reset) and the open tabs' counts are
read again (few rows). The closed tabs hold most of a long-used cache, so their counts are
read at most once per `CLOSED_RECOUNT_MS` while pages arrive. The GUI thread's work per page
thus follows the page, not the cache (decision 040).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QTabBar

from app.domain.order_lifecycle import InboxTab
from app.services.order_queries import OrderQueries, inbox_key
from ui.cashier.inbox_table import InboxTable
from ui.cashier.order_inbox_model import OrderInboxModel
from ui.labels import inbox_tab_name

CLOSED_RECOUNT_MS = 2000
"""At most this often, while feed pages arrive, the Done and Cancelled tabs are counted."""


class InboxUpdates(QObject):
    """Fills the inbox model and the tab bar's counts for the cashier screen."""

    def __init__(
        self,
        queries: OrderQueries,
        model: OrderInboxModel,
        table: InboxTable,
        tab_bar: QTabBar,
        *,
        tabs: tuple[InboxTab, ...],
        on_counts_shown: Callable[[], None],
    ) -> None:
        """`on_counts_shown` runs when a tab's text changed (its width may have)."""
        super().__init__(table)
        self._queries = queries
        self._model = model
        self._table = table
        self._tab_bar = tab_bar
        self._tabs = tabs
        self._on_counts_shown = on_counts_shown
        self._counts: dict[InboxTab, int] = {}
        self.next_booked_start: datetime | None = None
        """When the next booked order moves from Scheduled to New (None: none waits)."""
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(CLOSED_RECOUNT_MS)
        self._recount.timeout.connect(self._on_recount_timeout)

    def list_tab(self, tab: InboxTab) -> None:
        """Read every count and `tab`'s rows again."""
        self._recount.stop()
        self._show_counts(self._queries.tab_counts())
        self.next_booked_start = self._queries.next_booked_start()
        self._model.set_rows(self._queries.inbox(tab))
        self._table.span_exception_rows()

    def merge(self, tab: InboxTab, order_ids: Collection[str]) -> bool:
        """Read only `order_ids` and merge them into `tab`'s rows and the counts. False when
        that cannot keep the tab whole (a row left a full tab): then call `list_tab`."""
        queries = self._queries
        rows = queries.inbox_among(tab, order_ids)  # the rows first: the person waits for them
        if not self._model.merge_rows(order_ids, rows, inbox_key(tab), queries.tab_limit):
            return False
        self._table.span_exception_rows()
        counted = queries.open_counts()
        self._show_counts(counted.counts)
        if not self._recount.isActive():
            self._recount.start()
        self.next_booked_start = counted.next_booked_start
        return True

    def clear(self) -> None:
        """Nobody is signed in: no rows, no pending recount."""
        self._recount.stop()
        self._model.set_rows([])

    def _show_counts(self, counts: Mapping[InboxTab, int]) -> None:
        self._counts.update(counts)
        changed = False
        for position, tab in enumerate(self._tabs):
            text = QCoreApplication.translate("CashierScreen", "{tab} ({count})").format(
                tab=inbox_tab_name(tab), count=self._counts.get(tab, 0)
            )
            if self._tab_bar.tabText(position) != text:
                self._tab_bar.setTabText(position, text)
                changed = True
        if changed:
            self._on_counts_shown()

    @Slot()
    def _on_recount_timeout(self) -> None:
        self._show_counts(self._queries.tab_counts())
