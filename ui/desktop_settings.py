"""What this computer remembers of the app between starts, in the platform's settings place.

Kept by QSettings as an INI file under the user's configuration folder (~/.config/Storeside
on Linux, %APPDATA%\\Storeside on Windows): the hub's address, the window's size and place,
and the splitters' positions. What belongs to the device — its language, printers, alarm —
lives in the device database with the rest of its data (decision 034).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

HUB_URL_KEY: Final = "hub/url"
_GEOMETRY_KEY: Final = "window/geometry"
_SPLITTER_PREFIX: Final = "splitters/"


class DesktopSettings:
    """The settings file: the platform's own (`path` None) or the one given (tests, portable)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._settings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Storeside", "storeside"
            )
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        """Where the settings are kept."""
        return Path(self._settings.fileName())

    def hub_url(self) -> str:
        """The hub's address last enrolled with, or "" on a first start."""
        value = self._settings.value(HUB_URL_KEY, "")
        return value if isinstance(value, str) else ""

    def set_hub_url(self, url: str) -> None:
        """Remember the hub's address (after a successful enrolment)."""
        self._settings.setValue(HUB_URL_KEY, url)
        self._settings.sync()

    def restore(self, window: QMainWindow, splitters: Sequence[QSplitter]) -> bool:
        """Put `window` and `splitters` back as they were saved; False when nothing was."""
        geometry = self._settings.value(_GEOMETRY_KEY)
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        for splitter in splitters:
            state = self._settings.value(_SPLITTER_PREFIX + splitter.objectName())
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        return restored

    def save(self, window: QMainWindow, splitters: Sequence[QSplitter]) -> None:
        """Keep `window`'s geometry and the splitters' positions, by the splitters' names."""
        self._settings.setValue(_GEOMETRY_KEY, window.saveGeometry())
        for splitter in splitters:
            self._settings.setValue(_SPLITTER_PREFIX + splitter.objectName(), splitter.saveState())
        self._settings.sync()


class WindowMemory(QObject):
    """Restores `window` (and its named splitters) at once; saves them when it closes."""

    def __init__(self, window: QMainWindow, settings: DesktopSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.restored = settings.restore(window, self._splitters())
        window.installEventFilter(self)

    def _splitters(self) -> list[QSplitter]:
        return [s for s in self._window.findChildren(QSplitter) if s.objectName()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Save on the window's close."""
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._settings.save(self._window, self._splitters())
        return False
