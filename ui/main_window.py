"""The one window: notices on top, sign-in or cashier screen in the middle, sync status below."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from app.domain.sync_events import SyncStatus
from app.domain.vocabulary import RecordKind, Role
from app.read_models import OrderDetail, SignedInStaff
from ui.alarm.alarm_banner import AlarmBanner
from ui.alarm.alarm_sound import Silence, SilentSound, SoundBackend
from ui.alarm.alarm_tray import AlarmTray
from ui.alarm.order_alarm import OrderAlarm
from ui.cashier.cashier_screen import CashierScreen
from ui.demo_controls import DemoControls
from ui.demo_staff_panel import DemoStaffDialog
from ui.handheld.handheld_host import HandheldHost
from ui.language_menu import LanguageMenu
from ui.manager.manager_screen import ManagerScreen
from ui.manager.manager_tabs import manager_tabs
from ui.notice_banner import NoticeBanner
from ui.screen_services import ScreenServices
from ui.screen_stack import ScreenStack
from ui.sign_in_screen import SignInScreen
from ui.staff_session import StaffSession
from ui.sync_bridge import SyncBridge
from ui.sync_status_bar import SyncStatusBar
from ui.theme import STYLESHEET

if TYPE_CHECKING:
    from ui.alarm.alarm_settings_dialog import AlarmSettingsDialog
    from ui.day_summary_dialog import DaySummaryDialog
    from ui.handheld.handheld_screen import HandheldScreen
    from ui.order_history_dialog import OrderHistoryDialog
    from ui.printing.print_journal_dialog import PrintJournalDialog
    from ui.printing.printers_dialog import PrintersDialog

DEFAULT_SIZE = (1280, 800)
FIRST_PAINT_WAIT_MS = 2000
"""How long `call_after_first_paint` waits for a paint (a window shown minimised gets none)."""


class MainWindow(QMainWindow):
    """Wires the screens to the services and the sync bridge; owns who is signed in."""

    def __init__(
        self,
        services: ScreenServices,
        bridge: SyncBridge,
        *,
        store_name: str,
        demo: DemoControls | None = None,
        sound: SoundBackend | None = None,
        open_handheld: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`sound` plays the new-order alarm and the scan sounds (app.main opens the real
        one); None: silent. `open_handheld` (demo only) opens a handheld device's window."""
        super().__init__(parent)
        self._services = services
        self._demo = demo
        self._demo_dialog: DemoStaffDialog | None = None
        self._bridge = bridge
        self._after_first_paint: list[Callable[[], None]] = []
        self._first_paint_timer = QTimer(self)
        self._first_paint_timer.setSingleShot(True)
        self._first_paint_timer.timeout.connect(self._on_first_paint_timer_timeout)
        self.staff: SignedInStaff | None = None
        self.setWindowTitle(self.tr("Storeside — {store}").format(store=store_name))
        self.setStyleSheet(STYLESHEET)
        self.resize(*DEFAULT_SIZE)
        self.notice_banner = NoticeBanner(services, bridge, self)
        demo_staff = demo.staff_pins() if demo is not None else []
        self.sign_in_screen = SignInScreen(
            services.sign_in, bridge, demo_staff, self, clock=services.clock
        )
        self.sign_in_screen.signed_in.connect(self._on_sign_in_screen_signed_in)
        # Watches input on this window; screens ask it for PINs before sensitive actions.
        self.staff_session = StaffSession(services.sign_in, services.clock, self)
        self.cashier_screen = CashierScreen(services, bridge, self)
        self.manager_screen = ManagerScreen(
            self.cashier_screen, manager_tabs(services, bridge), self
        )
        self.screens = ScreenStack(self)
        self.screens.addWidget(self.sign_in_screen)
        self.screens.addWidget(self.manager_screen)
        self._open_handheld = open_handheld
        self.handheld = HandheldHost(services, bridge, self.screens, sound)
        self._build_alarm(sound or SilentSound(Silence.NOT_GIVEN))
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice_banner)
        if self.alarm_banner is not None:
            column.addWidget(self.alarm_banner)
        column.addWidget(self.screens, 1)
        self.setCentralWidget(central)
        self.sync_status_bar = SyncStatusBar(services.clock, self, health=services.health.health)
        self.sync_status_bar.sign_out_clicked.connect(self._on_sync_status_bar_sign_out_clicked)
        self.sync_status_bar.switch_user_clicked.connect(
            self._on_sync_status_bar_switch_user_clicked
        )
        self.setStatusBar(self.sync_status_bar)
        self.handheld.fit_narrow(self.sign_in_screen, self.sync_status_bar)
        bridge.status_changed.connect(self._on_bridge_status_changed)
        bridge.records_updated.connect(self._on_bridge_records_updated)
        self._build_menus()
        self.notice_banner.load_unseen()
        if self.order_alarm is not None:
            self.order_alarm.start()

    def call_after_first_paint(self, call: Callable[[], None]) -> None:
        """Call `call` once, from the event loop, when the window's first paint is done.

        For work the first screen does not need (starting sync): it would otherwise delay that
        paint. Called anyway `FIRST_PAINT_WAIT_MS` from now if no paint came by then.
        """
        self._after_first_paint.append(call)
        if not self._first_paint_timer.isActive():
            self._first_paint_timer.start(FIRST_PAINT_WAIT_MS)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint; after the first paint, the calls waiting for it run (next event-loop turn)."""
        super().paintEvent(event)
        if self._after_first_paint:
            # The children paint after their window, in this same pass: hence the next turn.
            self._first_paint_timer.start(0)

    def sign_out(self) -> None:
        """Back to the sign-in screen; nothing of the last person stays on show."""
        if self.staff is not None:
            self._services.sign_in.sign_out(self.staff)
        self.staff_session.begin(None)
        self.staff = None
        self.cashier_screen.set_actor(None)
        self.manager_screen.set_actor(None)
        self.handheld.release()
        self.sign_in_screen.reset()
        self.sync_status_bar.show_person(None)
        self.sign_out_action.setEnabled(False)
        self.order_history_action.setEnabled(False)
        self.day_summary_action.setEnabled(False)
        self.alarm_settings_action.setEnabled(False)
        self.screens.setCurrentWidget(self.sign_in_screen)

    def _build_alarm(self, sound: SoundBackend) -> None:
        # The alarm belongs to the window, not to a screen: it rings, and its banner shows,
        # whoever is signed in and whatever screen is on show (decision 012).
        self.order_alarm: OrderAlarm | None = None
        self.alarm_banner: AlarmBanner | None = None
        self.alarm_tray: AlarmTray | None = None
        preferences = self._services.alarm_preferences
        if preferences is None:
            return
        self.order_alarm = OrderAlarm(
            queries=self._services.order_queries,
            preferences=preferences,
            auto_accept=self._services.auto_accept,
            sound=sound,
            clock=self._services.clock,
            bridge=self._bridge,
            parent=self,
        )
        self.order_alarm.flash_changed.connect(self.cashier_screen.flash_new_tab)
        self.order_alarm.orders_auto_accepted.connect(self._on_order_alarm_orders_auto_accepted)
        self.alarm_banner = AlarmBanner(self.order_alarm, self._services.clock, self)
        self.alarm_tray = AlarmTray(self.order_alarm, self)

    def _build_menus(self) -> None:
        account = self.menuBar().addMenu(self.tr("&Account"))
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence(self.tr("Ctrl+Shift+Q")))
        self.sign_out_action.setEnabled(False)
        self.sign_out_action.triggered.connect(self._on_sign_out_action_triggered)
        account.addAction(self.sign_out_action)
        self._build_orders_menu()
        self._build_printing_menu()
        sync = self.menuBar().addMenu(self.tr("&Sync"))
        self.notice_history_action = QAction(self.tr("Refused actions…"), self)
        self.notice_history_action.triggered.connect(self._on_notice_history_action_triggered)
        sync.addAction(self.notice_history_action)
        self.alarm_settings_action = QAction(self.tr("Alarm && auto-accept…"), self)
        self.alarm_settings_action.setEnabled(False)
        self.alarm_settings_action.triggered.connect(self._on_alarm_settings_action_triggered)
        if self.order_alarm is not None or self._services.preferences is not None:
            settings = self.menuBar().addMenu(self.tr("Se&ttings"))
            if self.order_alarm is not None:
                settings.addAction(self.alarm_settings_action)
            if self._services.preferences is not None:
                self.language_menu = LanguageMenu(
                    self._services.preferences, lambda: self.staff, self
                )
                settings.addMenu(self.language_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.keys_action = help_menu.addAction(self.tr("Keys at the counter (F1)…"))
        self.keys_action.triggered.connect(self.cashier_screen.shortcuts.show_help)
        self.hub_offline_action: QAction | None = None
        if self._demo is None:
            return
        demo = self.menuBar().addMenu(self.tr("&Demo"))
        self.hub_offline_action = QAction(self.tr("Hub offline"), self)
        self.hub_offline_action.setCheckable(True)
        self.hub_offline_action.setChecked(not self._demo.is_online())
        self.hub_offline_action.toggled.connect(self._on_hub_offline_action_toggled)
        demo.addAction(self.hub_offline_action)
        show_pins = QAction(self.tr("Show demo staff && PINs…"), self)
        show_pins.triggered.connect(self._on_show_pins_action_triggered)
        demo.addAction(show_pins)
        if self._open_handheld is not None:
            open_handheld = QAction(self.tr("Open a handheld"), self)
            open_handheld.triggered.connect(self._on_open_handheld_action_triggered)
            demo.addAction(open_handheld)

    def _build_printing_menu(self) -> None:
        self.print_journal_action = QAction(self.tr("Print &journal…"), self)
        self.print_journal_action.triggered.connect(self._on_print_journal_action_triggered)
        self.printers_action = QAction(self.tr("&Printers and stations…"), self)
        self.printers_action.triggered.connect(self._on_printers_action_triggered)
        if self._services.printing is not None:
            printing = self.menuBar().addMenu(self.tr("&Printing"))
            printing.addAction(self.print_journal_action)
            printing.addAction(self.printers_action)

    def open_print_journal(self) -> PrintJournalDialog:
        """The print journal on today (not yet shown)."""
        if self._services.printing is None:
            raise RuntimeError("the print journal needs printing")
        from ui.printing.print_journal_dialog import (  # noqa: PLC0415 -- opened from a menu
            PrintJournalDialog,
        )

        today = self._services.clock().astimezone().date()
        return PrintJournalDialog(self._services.printing, self.staff, today=today, parent=self)

    def open_printers(self) -> PrintersDialog:
        """The printers and stations dialog (not yet shown)."""
        if self._services.printing is None:
            raise RuntimeError("the printers dialog needs printing")
        from ui.printing.printers_dialog import PrintersDialog  # noqa: PLC0415 -- from a menu

        return PrintersDialog(self._services.printing, self.staff, self)

    @Slot()
    def _on_print_journal_action_triggered(self) -> None:
        dialog = self.open_print_journal()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _on_printers_action_triggered(self) -> None:
        dialog = self.open_printers()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _build_orders_menu(self) -> None:
        self.order_history_action = QAction(self.tr("Order &history…"), self)
        self.order_history_action.setEnabled(False)
        self.order_history_action.triggered.connect(self._on_order_history_action_triggered)
        self.day_summary_action = QAction(self.tr("&Day summary…"), self)
        self.day_summary_action.setEnabled(False)
        self.day_summary_action.triggered.connect(self._on_day_summary_action_triggered)
        if self._services.order_search is None and self._services.day_summaries is None:
            return
        orders = self.menuBar().addMenu(self.tr("&Orders"))
        if self._services.order_search is not None:
            orders.addAction(self.order_history_action)
        if self._services.day_summaries is not None:
            orders.addAction(self.day_summary_action)

    def open_order_history(self) -> OrderHistoryDialog:
        """The history-by-day dialog (not yet shown)."""
        if self._services.order_search is None:
            raise RuntimeError("the order history needs the search service")
        from ui.order_history_dialog import OrderHistoryDialog  # noqa: PLC0415 -- from a menu

        return OrderHistoryDialog(self._services.order_search, self._services, self)

    def open_day_summary(self) -> DaySummaryDialog:
        """The day summary dialog, on today (not yet shown)."""
        if self._services.day_summaries is None:
            raise RuntimeError("the day summary needs its service")
        from ui.day_summary_dialog import DaySummaryDialog  # noqa: PLC0415 -- from a menu

        return DaySummaryDialog(self._services.day_summaries, self)

    @Slot()
    def _on_order_history_action_triggered(self) -> None:
        self.open_order_history().exec()

    @Slot()
    def _on_day_summary_action_triggered(self) -> None:
        self.open_day_summary().exec()

    @Slot(object)
    def _on_sign_in_screen_signed_in(self, staff: SignedInStaff) -> None:
        self.staff = staff
        self.staff_session.begin(staff)
        self.sync_status_bar.show_person(staff)
        self.sign_out_action.setEnabled(True)
        self.order_history_action.setEnabled(self._services.order_search is not None)
        self.day_summary_action.setEnabled(self._services.day_summaries is not None)
        self.alarm_settings_action.setEnabled(
            self.order_alarm is not None and bool({Role.CASHIER, Role.MANAGER} & staff.roles)
        )
        if self.handheld.take(staff, self):
            return
        self.cashier_screen.set_actor(staff)
        self.manager_screen.set_actor(staff)
        self.screens.setCurrentWidget(self.manager_screen)

    @Slot(object)
    def _on_bridge_records_updated(self, kinds: frozenset[RecordKind]) -> None:
        if RecordKind.SHORTAGE in kinds or RecordKind.TASK in kinds:
            self.manager_screen.refresh_waiting()

    @Slot()
    def _on_first_paint_timer_timeout(self) -> None:
        calls, self._after_first_paint = self._after_first_paint, []
        for call in calls:
            call()

    @property
    def handheld_screen(self) -> HandheldScreen | None:
        """The picker's handheld screen, once someone got it."""
        return self.handheld.screen

    @Slot()
    def _on_open_handheld_action_triggered(self) -> None:
        if self._open_handheld is not None:
            self._open_handheld()

    @Slot()
    def _on_sync_status_bar_sign_out_clicked(self) -> None:
        self.sign_out()

    @Slot()
    def _on_sync_status_bar_switch_user_clicked(self) -> None:
        # The screens stay built; the next person's PIN hands them over (audited switch_user).
        if self.staff is not None:
            self.sign_in_screen.begin_switch(self.staff)
            self.screens.setCurrentWidget(self.sign_in_screen)

    @Slot()
    def _on_sign_out_action_triggered(self) -> None:
        self.sign_out()

    @Slot()
    def _on_notice_history_action_triggered(self) -> None:
        from ui.notice_history_dialog import NoticeHistoryDialog  # noqa: PLC0415 -- from a menu

        NoticeHistoryDialog(self._services, self).exec()

    @Slot()
    def _on_alarm_settings_action_triggered(self) -> None:
        self.open_alarm_settings().exec()

    def open_alarm_settings(self) -> AlarmSettingsDialog:
        """The alarm settings dialog for the signed-in person (not yet shown)."""
        preferences = self._services.alarm_preferences
        if self.order_alarm is None or preferences is None or self.staff is None:
            raise RuntimeError("alarm settings need a running alarm and a signed-in person")
        from ui.alarm.alarm_settings_dialog import (  # noqa: PLC0415 -- opened from a menu
            AlarmSettingsDialog,
        )

        return AlarmSettingsDialog(
            preferences, self.order_alarm, self.staff, self._services.clock, self
        )

    @Slot(object)
    def _on_order_alarm_orders_auto_accepted(self, _orders: list[OrderDetail]) -> None:
        self.cashier_screen.reload()

    @Slot(object)
    def _on_bridge_status_changed(self, status: SyncStatus) -> None:
        self.sync_status_bar.show_status(status)

    @Slot(bool)
    def _on_hub_offline_action_toggled(self, offline: bool) -> None:
        if self._demo is None:
            return
        if offline:
            self._demo.go_offline()
        else:
            self._demo.go_online()

    @Slot()
    def _on_show_pins_action_triggered(self) -> None:
        if self._demo is None:
            return
        if self._demo_dialog is None:
            self._demo_dialog = DemoStaffDialog(self._demo.staff_pins(), self)
        self._demo_dialog.show()
        self._demo_dialog.raise_()
