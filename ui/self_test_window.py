"""The self-test's look at the screen: the main window shown once, in Chinese, then closed.

It proves what a packaged build must carry for the window (a Qt platform plugin, the image
formats, QtCharts, the zh_CN catalogue, the sounds) and puts the application's translators
and default locale back afterwards, so a test session can run it between other tests.
Nothing here is shown to a person for long: it has no words of its own.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImageReader
from PySide6.QtWidgets import QApplication

from ui.alarm.alarm_sound import AlarmSound, open_alarm_sound, sound_file
from ui.languages import Language, install_language, translations_dir
from ui.main_window import MainWindow
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge

_NEEDED_IMAGE_FORMATS = frozenset({"png", "jpeg", "ico"})


class WindowProblem(Exception):
    """The window could not be shown as the app shows it; the message says what is lacking."""


@dataclass(frozen=True, slots=True)
class WindowShown:
    """What showing the window proved."""

    painted_at: float
    """time.monotonic() at the end of the window's first paint."""
    platform: str
    """The Qt platform plugin that drew it (offscreen, xcb, windows...)."""
    catalogues: int
    """Translators installed: ours, and Qt's own for its dialogs when it has one."""
    chinese_font: str
    """A font family with Chinese glyphs, "" when the system has none (boxes instead)."""
    silence_reason: str
    """Why the alarm would be silent here, "" when it plays."""


def show_main_window_once(
    services: ScreenServices, *, store_name: str, time_limit_s: float
) -> WindowShown:
    """Build the main window over `services`, show it until its first paint, close it.

    Raises WindowProblem when a plugin, a catalogue, a sound or QtCharts is missing, or no
    paint came within `time_limit_s`.
    """
    app = _application()
    _check_bundled_parts()
    previous_locale = QLocale()
    translators = install_language(app, Language.CHINESE)
    try:
        window = MainWindow(services, SyncBridge(), store_name=store_name)
        try:
            silence_reason = open_alarm_sound(window).silence_reason
            painted_at = _first_paint(window, time_limit_s)
            menus = [action.text() for action in window.menuBar().actions()]
        finally:
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(previous_locale)
    if not any(_is_chinese(text) for text in menus):
        raise WindowProblem(f"the menus are not in Chinese ({menus}): see {translations_dir()}")
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return WindowShown(
        painted_at=painted_at,
        platform=QGuiApplication.platformName(),
        catalogues=len(translators),
        chinese_font=next(
            (f for f in families if f.endswith(" SC")), families[0] if families else ""
        ),
        silence_reason=silence_reason,
    )


def _application() -> QApplication:
    """The running QApplication, or a new one once its platform plugin is known to exist
    (without it Qt ends the process with no word of which file is missing)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0]
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    if platform and not any(f"q{platform}." in path.name for path in folder.glob("*")):
        raise WindowProblem(f"no Qt platform plugin {platform!r} in {folder}")
    app = QApplication([sys.argv[0]])
    app.setApplicationName("Storeside")
    app.setOrganizationName("Storeside")
    return app


def _check_bundled_parts() -> None:
    """The sounds, the image formats and QtCharts (a manager's dashboard) are there."""
    missing = [str(sound_file(sound)) for sound in AlarmSound if not sound_file(sound).is_file()]
    if missing:
        raise WindowProblem(f"sound files are missing: {', '.join(missing)}")
    formats = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    if not formats >= _NEEDED_IMAGE_FORMATS:
        raise WindowProblem(f"image formats missing: {sorted(_NEEDED_IMAGE_FORMATS - formats)}")
    try:
        import_module("ui.manager.dashboard_charts")
    except ImportError as error:
        raise WindowProblem(f"QtCharts does not load: {error}") from error


class _FirstPaint(QObject):
    """Notes the end of the watched window's first paint and ends `loop` on the next turn."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self._loop = loop
        self._seen = False
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._on_paint_done)  # once this paint pass is over
        return False

    def _on_paint_done(self) -> None:
        self.painted_at = time.monotonic()
        self._loop.quit()


def _first_paint(window: MainWindow, time_limit_s: float) -> float:
    """Show `window` and run the event loop until its first paint is done (or the limit)."""
    loop = QEventLoop()
    watcher = _FirstPaint(loop)
    limit = QTimer(loop)
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    window.installEventFilter(watcher)
    limit.start(max(1, int(time_limit_s * 1000)))
    window.show()
    loop.exec()
    limit.stop()
    window.removeEventFilter(watcher)
    if watcher.painted_at is None:
        raise WindowProblem(f"the main window did not paint within {time_limit_s:.0f} s")
    return watcher.painted_at


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)
