"""What a scan feels like: a red flash and an error sound for a refused code, green for a good one.

The flash is a translucent overlay laid over the widget for `FLASH_MS` and then deleted, so the
widget's own style is never touched and nothing needs restoring. Sounds go through the device's
sound backend (`ui/alarm/alarm_sound.py`), which is silent where there is no audio: the flash
alone still tells the picker.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QWidget

from ui.alarm.alarm_sound import AlarmSound, Silence, SilentSound, SoundBackend

FLASH_MS: Final = 600
"""How long a flash stays: long enough to be seen at arm's length, short enough not to linger."""

FLASH_OBJECT_NAME: Final = "ScanFlash"
"""The overlay's object name (tests and the stylesheet find it by this name)."""

_COLOURS: Final = {
    "error": "rgba(220, 38, 38, 150)",  # theme.URGENT_RED, see-through
    "ok": "rgba(22, 163, 74, 110)",
}


class FlashTone(StrEnum):
    """The two flashes."""

    ERROR = "error"
    OK = "ok"


class ScanFlash(QFrame):
    """The overlay: covers its parent, lets touches through, follows its parent's size."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(FLASH_OBJECT_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        parent.installEventFilter(self)

    def show_tone(self, tone: FlashTone, duration_ms: int) -> None:
        """Show (or re-show) the flash in `tone` for `duration_ms`."""
        self.setProperty("tone", tone.value)
        self.setStyleSheet(f"QFrame#{FLASH_OBJECT_NAME} {{ background: {_COLOURS[tone.value]}; }}")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.timer.start(duration_ms)

    def _on_timer_timeout(self) -> None:
        self.hide()
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep covering the parent when it is resized."""
        if event.type() is QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


def flash(widget: QWidget, tone: FlashTone, duration_ms: int = FLASH_MS) -> None:
    """Lay a flash of `tone` over `widget` for `duration_ms`; a new flash replaces a running one."""
    overlay = current_flash(widget)
    if overlay is None:
        overlay = ScanFlash(widget)
    overlay.show_tone(tone, duration_ms)


def flash_error(widget: QWidget, duration_ms: int = FLASH_MS) -> None:
    """Flash `widget` red: a code was refused."""
    flash(widget, FlashTone.ERROR, duration_ms)


def flash_ok(widget: QWidget, duration_ms: int = FLASH_MS) -> None:
    """Flash `widget` green: a code was counted."""
    flash(widget, FlashTone.OK, duration_ms)


def current_flash(widget: QWidget) -> ScanFlash | None:
    """The flash over `widget` right now, if any."""
    for child in widget.findChildren(
        QFrame, FLASH_OBJECT_NAME, Qt.FindChildOption.FindDirectChildrenOnly
    ):
        if isinstance(child, ScanFlash) and shiboken6.isValid(child) and child.timer.isActive():
            return child
    return None


class ScanFeedback:
    """Flash plus sound, the pair a pick screen gives after each scan."""

    def __init__(self, sound: SoundBackend | None = None, volume: float = 0.8) -> None:
        self._sound: SoundBackend = sound or SilentSound(Silence.NOT_GIVEN)
        self._volume = volume

    def refused(self, widget: QWidget) -> None:
        """A wrong or unreadable code: red flash and the error sound."""
        flash_error(widget)
        self._sound.play(AlarmSound.SCAN_ERROR, self._volume)

    def counted(self, widget: QWidget) -> None:
        """A code that counted: green flash and the short ok sound."""
        flash_ok(widget)
        self._sound.play(AlarmSound.SCAN_OK, self._volume)
