"""Which manager screens this window offers, given the services the device was built with."""

from __future__ import annotations

from ui.manager.manager_screen import ManagerTab
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge


def manager_tabs(services: ScreenServices, bridge: SyncBridge) -> list[ManagerTab]:
    """The manager's tabs, each built on first open (its module imported only then)."""
    del services, bridge  # each tab's screen joins here as it lands
    return []
