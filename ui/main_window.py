"""The one window: notices on top, sign-in or cashier screen in the middle, sync status below."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.domain.sync_events import SyncStatus
from app.read_models import SignedInStaff
from ui.cashier.cashier_screen import CashierScreen
from ui.demo_controls import DemoControls
from ui.demo_staff_panel import DemoStaffDialog
from ui.notice_banner import NoticeBanner
from ui.notice_history_dialog import NoticeHistoryDialog
from ui.screen_services import ScreenServices
from ui.sign_in_screen import SignInScreen
from ui.sync_bridge import SyncBridge
from ui.sync_status_bar import SyncStatusBar
from ui.theme import STYLESHEET

DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
    """Wires the screens to the services and the sync bridge; owns who is signed in."""

    def __init__(
        self,
        services: ScreenServices,
        bridge: SyncBridge,
        *,
        store_name: str,
        demo: DemoControls | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._demo = demo
        self._demo_dialog: DemoStaffDialog | None = None
        self.staff: SignedInStaff | None = None
        self.setWindowTitle(self.tr("Storeside — {store}").format(store=store_name))
        self.setStyleSheet(STYLESHEET)
        self.resize(*DEFAULT_SIZE)
        self.notice_banner = NoticeBanner(services, bridge, self)
        demo_staff = demo.staff_pins() if demo is not None else []
        self.sign_in_screen = SignInScreen(services.sign_in, bridge, demo_staff, self)
        self.sign_in_screen.signed_in.connect(self._on_sign_in_screen_signed_in)
        self.cashier_screen = CashierScreen(services, bridge, self)
        self.screens = QStackedWidget(self)
        self.screens.addWidget(self.sign_in_screen)
        self.screens.addWidget(self.cashier_screen)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice_banner)
        column.addWidget(self.screens, 1)
        self.setCentralWidget(central)
        self.sync_status_bar = SyncStatusBar(services.clock, self, health=services.health.health)
        self.sync_status_bar.sign_out_clicked.connect(self._on_sync_status_bar_sign_out_clicked)
        self.setStatusBar(self.sync_status_bar)
        bridge.status_changed.connect(self._on_bridge_status_changed)
        self._build_menus()
        self.notice_banner.load_unseen()

    def sign_out(self) -> None:
        """Back to the sign-in screen; nothing of the last person stays on show."""
        self.staff = None
        self.cashier_screen.set_actor(None)
        self.sign_in_screen.reset()
        self.sync_status_bar.show_person(None)
        self.sign_out_action.setEnabled(False)
        self.screens.setCurrentWidget(self.sign_in_screen)

    def _build_menus(self) -> None:
        account = self.menuBar().addMenu(self.tr("&Account"))
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence(self.tr("Ctrl+Shift+Q")))
        self.sign_out_action.setEnabled(False)
        self.sign_out_action.triggered.connect(self._on_sign_out_action_triggered)
        account.addAction(self.sign_out_action)
        sync = self.menuBar().addMenu(self.tr("&Sync"))
        self.notice_history_action = QAction(self.tr("Refused actions…"), self)
        self.notice_history_action.triggered.connect(self._on_notice_history_action_triggered)
        sync.addAction(self.notice_history_action)
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

    @Slot(object)
    def _on_sign_in_screen_signed_in(self, staff: SignedInStaff) -> None:
        self.staff = staff
        self.sync_status_bar.show_person(staff)
        self.sign_out_action.setEnabled(True)
        self.cashier_screen.set_actor(staff)
        self.screens.setCurrentWidget(self.cashier_screen)

    @Slot()
    def _on_sync_status_bar_sign_out_clicked(self) -> None:
        self.sign_out()

    @Slot()
    def _on_sign_out_action_triggered(self) -> None:
        self.sign_out()

    @Slot()
    def _on_notice_history_action_triggered(self) -> None:
        NoticeHistoryDialog(self._services, self).exec()

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
