"""The whole app: a real window over an enrolled device whose sync runs, and the real hub."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.device import Device
from app.main import EmbeddedHubControls, screen_services
from hub.embedded import EmbeddedHub
from tests.devices import enrolled_device
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge


@pytest.fixture
def bridge(qtbot) -> SyncBridge:
    """The bridge that carries sync events to the window."""
    return SyncBridge()


@pytest.fixture
def running_device(hub: EmbeddedHub, tmp_path: Path, bridge: SyncBridge) -> Iterator[Device]:
    """The counter PC with its sync jobs running, as in the app."""
    device = enrolled_device(hub, tmp_path / "counter", bridge)
    device.start()
    yield device
    device.stop()


@pytest.fixture
def window(qtbot, hub: EmbeddedHub, running_device: Device, bridge: SyncBridge) -> MainWindow:
    """The main window as `storeside demo` shows it, demo menu included."""
    shown = MainWindow(
        screen_services(running_device),
        bridge,
        store_name="Storeside 演示店",
        demo=EmbeddedHubControls(hub),
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown
