"""The main window's side of the handheld: decide per sign-in, build the screen on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

from app.read_models import SignedInStaff
from ui.alarm.alarm_sound import SoundBackend
from ui.handheld.layout_choice import Layout, LayoutSetting, choose_layout
from ui.screen_services import ScreenServices
from ui.sign_in_screen import SignInScreen
from ui.sync_bridge import SyncBridge
from ui.sync_status_bar import SyncStatusBar

if TYPE_CHECKING:
    from ui.handheld.handheld_screen import HandheldScreen


class HandheldHost:
    """Puts the handheld screen in the window's stack when the person signing in gets it.

    The screen is built the first time a picker signs in, so a counter PC never builds it
    (and never imports it) at start.
    """

    def __init__(
        self,
        services: ScreenServices,
        bridge: SyncBridge,
        stack: QStackedWidget,
        sound: SoundBackend | None = None,
    ) -> None:
        self._services = services
        self._bridge = bridge
        self._stack = stack
        self._sound = sound
        self.screen: HandheldScreen | None = None

    def fit_narrow(self, sign_in: SignInScreen, status_bar: SyncStatusBar) -> None:
        """On a device set to the handheld layout, make the window's own parts fit 480 px:
        the sign-in screen stacked, the status bar's texts wrapped rather than widening it."""
        if (
            self._services.make_picking is None
            or self._services.layout is not LayoutSetting.HANDHELD
        ):
            return
        sign_in.set_narrow(True)
        for label in (status_bar.sync_label, status_bar.person_label):
            label.setWordWrap(True)

    def layout_for(self, staff: SignedInStaff, window: QWidget) -> Layout:
        """The layout `staff` gets on `window`'s screen (counter when this device has no
        picking service)."""
        if self._services.make_picking is None:
            return Layout.COUNTER
        screen = window.screen()
        width = screen.availableGeometry().width() if screen is not None else window.width()
        return choose_layout(self._services.layout, width, staff.roles)

    def take(self, staff: SignedInStaff, window: QWidget) -> bool:
        """Show the handheld screen to `staff` if they get it; whether they did."""
        if self.layout_for(staff, window) is not Layout.HANDHELD:
            return False
        screen = self._built()
        screen.set_actor(staff)
        self._stack.setCurrentWidget(screen)
        return True

    def release(self) -> None:
        """Nobody is signed in: the handheld screen shows nothing of the last person."""
        if self.screen is not None:
            self.screen.set_actor(None)

    def _built(self) -> HandheldScreen:
        if self.screen is None:
            # Imported on first use: a counter PC never loads the handheld's screens.
            from ui.handheld.handheld_screen import HandheldScreen  # noqa: PLC0415

            make_picking = self._services.make_picking
            if make_picking is None:
                raise RuntimeError("the handheld screen needs the picking service")
            picking = make_picking()
            printing = self._services.printing
            self.screen = HandheldScreen(
                picking,
                self._services.clock,
                self._bridge,
                bag_labels=printing.bag_labels if printing is not None else None,
                sound=self._sound,
                parent=self._stack,
            )
            self._stack.addWidget(self.screen)
        return self.screen
