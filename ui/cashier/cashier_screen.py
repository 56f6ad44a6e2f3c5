"""The cashier's screen: inbox tabs with counts, the order table, one order and its actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, QTimer, Slot
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.order_lifecycle import InboxTab, OrderAction, inbox_tab
from app.domain.sync_events import SyncStatus
from app.domain.vocabulary import RecordKind
from app.read_models import OrderDetail, SignedInStaff
from app.services.order_actions import ActionRefused
from app.services.order_queries import actions_for
from ui.alarm.alarm_icons import alarm_dot_icon
from ui.cashier.busy_mode_bar import BusyModeBar
from ui.cashier.counter_shortcuts import CounterShortcuts
from ui.cashier.exception_mapping_dialog import ExceptionFlow
from ui.cashier.inbox_table import InboxTable
from ui.cashier.inbox_updates import InboxUpdates
from ui.cashier.order_action_bar import OrderActionBar
from ui.cashier.order_detail_pane import OrderDetailPane
from ui.cashier.order_inbox_model import OrderInboxModel
from ui.cashier.order_search_box import OrderSearchBox
from ui.cashier.reject_dialog import RejectDialog
from ui.cashier.side_flow_handler import SideFlowHandler
from ui.labels import action_name, action_refusal_text, inbox_tab_name, order_title
from ui.message_strip import MessageStrip
from ui.printing.order_print_bar import OrderPrintBar
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge
from ui.theme import Tone

TICK_MS = 1000
"""Ages and countdowns move on once a second."""

_TABS = tuple(InboxTab)
_FIRST_SPLIT = (600, 400)
"""The inbox and the order side before the window gives them its width (shared out 3:2,
each at least its least width) or a restored split replaces them."""
_LEAST_ORDER_WIDTH = 330
"""The order side's least width: what the order pane's content is laid out to fit."""
_FLASHING_TAB = "QTabBar::tab:first { background: #DC2626; color: #FFFFFF; border-radius: 6px; }"
"""The New tab, when it is the first, while the alarm flash is on."""


class CashierScreen(QWidget):
    """Shows the inbox to the signed-in person and carries out their actions on orders.

    Data is re-read when the bridge reports changed orders (only those rows when it names
    them), when the number of actions waiting to sync changes, and after the person's own
    action; there is no refresh button.
    """

    def __init__(
        self, services: ScreenServices, bridge: SyncBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScreenSurface")
        self._services = services
        self._actor: SignedInStaff | None = None
        self._shown: OrderDetail | None = None
        self._pending_count: int | None = None
        self._reloading = False
        self.new_tab_flashing = False
        self.reject_dialog: RejectDialog | None = None
        self.model = OrderInboxModel(services.clock, self)
        self._build()
        self.updates = InboxUpdates(
            services.order_queries,
            self.model,
            self.table,
            self.tab_bar,
            tabs=_TABS,
            on_counts_shown=self._keep_inbox_whole,
        )
        self.side_flows = SideFlowHandler(
            services, self, act=self._act, shown=lambda: self._shown, actor=lambda: self._actor
        )
        self.detail_pane.reminder_reply_chosen.connect(self.side_flows.reply)
        self.exception_flow = ExceptionFlow(
            services, self, act=self._act, shown=lambda: self._shown, actor=lambda: self._actor
        )
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        bridge.orders_updated.connect(self.reload)
        bridge.records_updated.connect(self._on_bridge_records_updated)
        bridge.status_changed.connect(self._on_bridge_status_changed)

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Work for `actor` from now on (None: nobody is signed in; show nothing)."""
        self._actor = actor
        self._shown = None
        self.detail_pane.set_viewer(actor)
        self.detail_pane.show_order(None)
        self.action_bar.show_actions(None, frozenset())
        self.print_bar.show_order(None, None)
        self.message_strip.clear_message()
        if self.search_box is not None:
            self.search_box.clear()
        if self.busy_mode_bar is not None:
            self.busy_mode_bar.set_actor(actor)
        if actor is None:
            self._tick.stop()
            self.updates.clear()
            return
        self.tab_bar.setCurrentIndex(_TABS.index(InboxTab.NEW))
        self.reload()
        self._tick.start()

    @Slot(bool)
    def flash_new_tab(self, on: bool) -> None:
        """The new-order alarm's flash: the New tab turns red and back (ui/alarm)."""
        self.new_tab_flashing = on
        position = _TABS.index(InboxTab.NEW)
        self.tab_bar.setTabIcon(position, alarm_dot_icon() if on else QIcon())
        # A style sheet rule, since the theme's tab colours override setTabTextColor.
        self.tab_bar.setStyleSheet(_FLASHING_TAB if on and position == 0 else "")

    def current_tab(self) -> InboxTab:
        """The inbox tab on show."""
        return _TABS[self.tab_bar.currentIndex()]

    def show_tab(self, tab: InboxTab) -> None:
        """Switch to `tab`."""
        self.tab_bar.setCurrentIndex(_TABS.index(tab))

    def reload(self, order_ids: frozenset[str] | None = None) -> None:
        """Re-read counts, the current tab's rows and the order on show from the cache; with
        `order_ids` (the bridge's `orders_updated`), those orders' rows only, and the order on
        show if it is among them. Search results follow after this event: the rows first."""
        if self._actor is None:
            return
        self._reloading = True
        try:
            if order_ids is None or not self.updates.merge(self.current_tab(), order_ids):
                self.updates.list_tab(self.current_tab())
                order_ids = None
        finally:
            self._reloading = False
        if self._shown is not None and (order_ids is None or self._shown.order_id in order_ids):
            self._show_detail(self._services.order_queries.detail(self._shown.order_id))
        self._sync_selection()
        if self.search_box is not None:
            QTimer.singleShot(0, self.search_box.refresh)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(10)
        # One row above the inbox: the search box, and the channels' busy-mode switches.
        top = QHBoxLayout()
        top.setSpacing(12)
        outer.addLayout(top)
        self.search_box: OrderSearchBox | None = None
        if self._services.order_search is not None:
            self._build_search(top)
        self.message_strip = MessageStrip(self)
        outer.addWidget(self.message_strip)
        self.busy_mode_bar: BusyModeBar | None = None
        if self._services.channel_pauses is not None:
            self.busy_mode_bar = BusyModeBar(
                self._services.channel_pauses, self._services.clock, self.message_strip, self
            )
            top.addWidget(self.busy_mode_bar, 0, Qt.AlignmentFlag.AlignTop)
        # The inbox and the order side by side; the split follows the window and is kept.
        self.columns = QSplitter(Qt.Orientation.Horizontal, self)
        self.columns.setObjectName("CashierColumns")
        self.columns.setChildrenCollapsible(False)
        self.columns.setHandleWidth(12)
        inbox = QWidget(self.columns)
        left = QVBoxLayout(inbox)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(8)
        self.tab_bar = QTabBar(self)
        self.tab_bar.setExpanding(False)
        self.tab_bar.setDrawBase(False)
        for tab in _TABS:
            self.tab_bar.addTab(inbox_tab_name(tab))
        self.tab_bar.currentChanged.connect(self._on_tab_bar_current_changed)
        left.addWidget(self.tab_bar)
        left.addWidget(self._build_table(), 1)
        order_side = QWidget(self.columns)
        right = QVBoxLayout(order_side)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        self.detail_pane = OrderDetailPane(
            self._services.clock, self, contact=self._services.customer_contact
        )
        right.addWidget(self.detail_pane, 1)
        self.action_bar = OrderActionBar(self)
        self.action_bar.action_chosen.connect(self._on_action_bar_action_chosen)
        right.addWidget(self.action_bar)
        self.print_bar = OrderPrintBar(self._services, self.message_strip, self)
        right.addWidget(self.print_bar)
        order_side.setMinimumWidth(_LEAST_ORDER_WIDTH)
        self._inbox_side = inbox
        self.columns.setStretchFactor(0, 3)
        self.columns.setStretchFactor(1, 2)
        self.columns.setSizes(list(_FIRST_SPLIT))
        outer.addWidget(self.columns, 1)
        self.shortcuts = CounterShortcuts(self, self)

    def _keep_inbox_whole(self) -> None:
        """The inbox side is never narrower than its tabs and its columns (they would be cut
        off or scroll sideways); the order side takes the rest, down to its own least width."""
        needed = max(self.tab_bar.sizeHint().width(), self.table.columns_width())
        self._inbox_side.setMinimumWidth(needed)

    def _build_search(self, row: QHBoxLayout) -> None:
        assert self._services.order_search is not None
        self.search_box = OrderSearchBox(self._services.order_search, self._services.clock, self)
        self.search_box.order_chosen.connect(self._on_search_box_order_chosen)
        row.addWidget(self.search_box, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.search_box.focus)

    def show_order(self, order_id: str) -> None:
        """Open `order_id` in the detail pane, on the inbox tab it belongs to."""
        if self._actor is None:
            return
        order = self._services.order_queries.detail(order_id)
        if order is None:
            return
        waiting = order.prepare_at is not None and order.prepare_at > self._services.clock()
        tab = inbox_tab(order.status, order.resume_status, waiting_booked=waiting)
        if tab is not self.current_tab():
            self.show_tab(tab)
        self._show_detail(order)

    def _build_table(self) -> InboxTable:
        self.table = InboxTable(self.model, self)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        return self.table

    def _show_detail(self, order: OrderDetail | None) -> None:
        # Rebuilding an unchanged pane would only lose the person's scroll position.
        if order == self._shown and order == self.detail_pane.order:
            self._sync_selection()
            return
        self._shown = order
        self.detail_pane.show_order(order)
        actions = (
            frozenset() if order is None or self._actor is None else actions_for(self._actor, order)
        )
        self.action_bar.show_actions(order, actions)
        self.print_bar.show_order(order, self._actor)
        self._sync_selection()

    def _sync_selection(self) -> None:
        # The selected row is always the order on show, or none when that order is not on
        # this tab: never a neighbour the view picked when the shown row went away.
        row = None if self._shown is None else self.model.row_of(self._shown.order_id)
        selected = [index.row() for index in self.table.selectionModel().selectedRows()]
        if row is None:
            if selected:
                self.table.clearSelection()
        elif selected != [row]:
            self.table.selectRow(row)

    def _act(
        self, action: OrderAction, perform: Callable[[SignedInStaff, str], OrderDetail]
    ) -> None:
        order, actor = self._shown, self._actor
        if order is None or actor is None:
            return
        title = order_title(order.daily_serial, order.channel)
        try:
            updated = perform(actor, order.order_id)
        except ActionRefused as refused:
            self.message_strip.show_message(
                self.tr("“{action} {order}” was not done: {reason}").format(
                    action=action_name(action),
                    order=title,
                    reason=action_refusal_text(refused.code, refused.status),
                ),
                Tone.ERROR,
            )
            self.reload()
            return
        self.message_strip.show_message(self._done_text(action, updated), Tone.OK)
        self._show_detail(updated)
        self.action_bar.settle()
        self.reload()

    def _done_text(self, action: OrderAction, order: OrderDetail) -> str:
        title = order_title(order.daily_serial, order.channel)
        tab = inbox_tab_name(inbox_tab(order.status, order.resume_status))
        texts = {
            OrderAction.ACCEPT: self.tr("Accepted {order}. It is now under “{tab}”."),
            OrderAction.ACCEPT_EXCEPTION: self.tr(
                "Mapped and accepted {order}. It is now under “{tab}”."
            ),
            OrderAction.REJECT: self.tr("Rejected {order}."),
            OrderAction.MARK_READY: self.tr("{order} is ready. It is now under “{tab}”."),
        }
        if action not in texts:
            return self.side_flows.done_text(action, order) or action_name(action)
        return texts[action].format(order=title, tab=tab)

    def _open_reject_dialog(self) -> None:
        if self._shown is None:
            return
        dialog = RejectDialog(self._shown, self)
        dialog.accepted.connect(self._on_reject_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.reject_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_action_bar_action_chosen(self, action: OrderAction) -> None:
        actions = self._services.order_actions
        if self.side_flows.start(action) or self.exception_flow.start(action):
            return
        if action is OrderAction.ACCEPT:
            self._act(action, actions.accept)
        elif action is OrderAction.MARK_READY:
            self._act(action, actions.mark_ready)
        elif action is OrderAction.REJECT:
            self._open_reject_dialog()

    @Slot()
    def _on_reject_dialog_accepted(self) -> None:
        dialog, self.reject_dialog = self.reject_dialog, None
        reason = None if dialog is None else dialog.chosen_reason()
        # The dialog is window-modal, but the order on show may still change under it.
        if dialog is None or reason is None or self._shown is None:
            return
        if dialog.order.order_id != self._shown.order_id:
            return
        note = dialog.note()
        actions = self._services.order_actions
        self._act(
            OrderAction.REJECT,
            lambda actor, order_id: actions.reject(actor, order_id, reason, note),
        )

    @Slot(int)
    def _on_tab_bar_current_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.table.configure_columns(tab)
        self.reload()
        self._keep_inbox_whole()
        if self._shown is not None and self.model.row_of(self._shown.order_id) is None:
            self._show_detail(None)

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        # Changes made while rows move are the view's doing, not the person's; an empty
        # selection means the order left this tab, and it stays on show.
        if self._reloading or not rows:
            return
        summary = self.model.summary_at(rows[0].row())
        if summary is None or (
            self._shown is not None and self._shown.order_id == summary.order_id
        ):
            return
        if self.message_strip.property("tone") == Tone.ERROR.value:
            # A refusal is about the order that was on show, not the one chosen now.
            self.message_strip.clear_message()
        self._show_detail(self._services.order_queries.detail(summary.order_id))

    @Slot(str)
    def _on_search_box_order_chosen(self, order_id: str) -> None:
        self.show_order(order_id)

    @Slot()
    def _on_tick_timeout(self) -> None:
        self.model.refresh_times()
        if self.busy_mode_bar is not None:
            self.busy_mode_bar.refresh()
        booked = self.updates.next_booked_start
        if booked is not None and self._services.clock() >= booked:
            # A booked order's preparation time came: it moves from Scheduled to New.
            self.reload()

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        if RecordKind.STORE_SETTINGS in kinds and self.busy_mode_bar is not None:
            self.busy_mode_bar.refresh()

    @Slot(object)
    def _on_bridge_status_changed(self, status: SyncStatus) -> None:
        # Orders lose their "waiting to sync" mark when the hub confirms; that shows as a
        # change in the number of actions waiting, not necessarily as changed records.
        if status.pending_count != self._pending_count:
            self._pending_count = status.pending_count
            self.reload()
