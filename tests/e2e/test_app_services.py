"""The app's window gets every screen service: none is left to its 'screen offers none' default."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from app.main import screen_services
from hub.embedded import EmbeddedHub
from tests.devices import enrolled_device
from ui.sync_bridge import SyncBridge


def test_the_app_wires_every_screen_service(qtbot, hub: EmbeddedHub, tmp_path: Path) -> None:
    device = enrolled_device(hub, tmp_path / "counter", SyncBridge())
    try:
        services = screen_services(device)
        missing = [f.name for f in fields(services) if getattr(services, f.name) is None]
    finally:
        device.stop()
    # A None here hides a screen or a button in the shipped app while its tests, which build
    # their own services, stay green (the exception orders' mapping dialog went missing so).
    assert missing == []
