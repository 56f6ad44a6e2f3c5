"""The app's own icon (a bag with a tick), for the window, the taskbar and the tray."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtGui import QIcon

ICON_PATH: Final = Path(__file__).resolve().parent / "icons" / "storeside.png"
"""Drawn by `python -m tools.make_icon`; bundled with the app by packaging/."""


def app_icon() -> QIcon:
    """The icon; a null icon (Qt's default shows) should the file be missing."""
    return QIcon(str(ICON_PATH)) if ICON_PATH.is_file() else QIcon()
