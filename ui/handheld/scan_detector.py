"""Keyboard-wedge scanner bursts on a screen, told apart from people typing (decision 015).

A wedge scanner types the code and Enter a few milliseconds per key. `ScanDetector` watches the
key presses that reach a screen (any of its widgets, or its window when nothing has focus), so
the picker never has to focus a field first. It holds printable keys back while it decides:

- keys that keep coming within `MAX_KEY_GAP_MS` of each other and end with Enter (or another
  terminator) after at least `MIN_SCAN_LENGTH` characters are a scan: `scanned(code)` is
  emitted and none of those keys reaches any widget, so a focused line edit is left untouched;
- anything else (a slow key, a short burst, a burst without Enter, a shortcut, an auto-repeat)
  is handed back, in order, to the widget that had focus when it was typed.

A person therefore sees their first key about `MAX_KEY_GAP_MS` late, and never loses one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

MIN_SCAN_LENGTH: Final = 6
"""Fewest characters a scan has: shorter bursts are typing (an EAN-8 has 8, a GTIN-14 14)."""

MAX_KEY_GAP_MS: Final = 30
"""Longest pause between two keys of one scan. Wedge scanners send a key every 2-10 ms; even fast
typists leave 60-150 ms between keys, and rarely 30 ms six times running followed by Enter."""

SCAN_TERMINATORS: Final = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
"""Keys that end a scan by default; scanners set to send Tab pass `Qt.Key.Key_Tab` as well."""

KeyClock = Callable[[], float]
"""Monotonic seconds; injected so that tests decide how fast keys come."""

_SHORTCUT_MODIFIERS: Final = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass(frozen=True, slots=True)
class _HeldKey:
    """A key event held back while deciding, enough to re-send it."""

    receiver: QObject
    event_type: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    text: str

    @property
    def is_press(self) -> bool:
        """Whether this is a press (a character) rather than a release."""
        return self.event_type is QEvent.Type.KeyPress

    def resend(self) -> None:
        """Deliver a copy of the event to its receiver, if that still exists."""
        if shiboken6.isValid(self.receiver):
            copy = QKeyEvent(self.event_type, self.key, self.modifiers, self.text)
            QCoreApplication.sendEvent(self.receiver, copy)


class ScanDetector(QObject):
    """Turns scanner bursts on `screen` into `scanned(code)`; hands typing back untouched.

    The detector is a child of `screen`. While the screen is shown it is an event filter of
    the application (so it sees key presses whatever has focus, and widgets added to the
    screen later) and acts on key events meant for the screen's widgets, unless disabled.
    Held presses keep their releases with them, so a widget never gets a release before its
    press (a push button pressed by Space would otherwise stay down).
    """

    scanned = Signal(str)
    """A complete scan: the characters typed by the scanner, without the terminator.

    Emitted while the terminator key is being delivered: a slot may open a dialog with
    `open()` but must not block in `exec()`.
    """

    def __init__(
        self,
        screen: QWidget,
        *,
        clock: KeyClock = time.monotonic,
        min_length: int = MIN_SCAN_LENGTH,
        max_gap_ms: int = MAX_KEY_GAP_MS,
        terminators: Iterable[Qt.Key] = SCAN_TERMINATORS,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._clock = clock
        self._min_length = min_length
        self._max_gap = max_gap_ms / 1000
        self._terminators = frozenset(int(key.value) for key in terminators)
        self._held: list[_HeldKey] = []
        self._last_press_at = 0.0
        self._replaying = False
        self._enabled = True
        self._watching_keys = False
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max_gap_ms + 1)
        self._flush_timer.timeout.connect(self._on_flush_timer_timeout)
        screen.installEventFilter(self)
        if screen.isVisible():
            self._watch_keys(True)

    def is_enabled(self) -> bool:
        """Whether scans are being detected."""
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Start or stop detecting; stopping hands back any key held at that moment."""
        if not enabled:
            self._release_held()
        self._enabled = enabled

    def is_holding_keys(self) -> bool:
        """Whether some keys are held back, waiting to be judged."""
        return bool(self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the screen's visibility; hold key events meant for it; swallow a scan.

        Every pass-through leaves the state as it found it, so seeing the same event twice
        (as the screen's own filter, or as a key propagates to a parent) changes nothing.
        """
        kind = event.type()
        if watched is self._screen and kind in {QEvent.Type.Show, QEvent.Type.Hide}:
            self._watch_keys(kind is QEvent.Type.Show)
            return False
        if (
            kind not in {QEvent.Type.KeyPress, QEvent.Type.KeyRelease}
            or self._replaying
            or not self._enabled
            or not isinstance(event, QKeyEvent)
            or not self._is_for_screen(watched)
        ):
            return False
        if kind is QEvent.Type.KeyRelease:
            return self._on_key_release(watched, event)
        return self._on_key_press(watched, event)

    def _watch_keys(self, watching: bool) -> None:
        """Be an application event filter only while the screen is shown (it costs a call
        for every event of the program)."""
        app = QCoreApplication.instance()
        if app is None or watching == self._watching_keys:
            return
        self._watching_keys = watching
        if watching:
            app.installEventFilter(self)
        else:
            self._release_held()
            app.removeEventFilter(self)

    def _on_key_press(self, receiver: QObject, event: QKeyEvent) -> bool:
        """Decide about one key press; True when it is taken (held or part of a scan)."""
        now = self._clock()
        in_burst = bool(self._held) and now - self._last_press_at <= self._max_gap
        if int(event.key()) in self._terminators and not event.isAutoRepeat():
            if in_burst and self._held_characters() >= self._min_length:
                self._emit_scan()
                return True
            self._release_held()
            return False
        if _is_modifier_only(event):
            # Shift for a capital or a bracket comes between a scanner's characters too.
            return self._on_key_release(receiver, event)
        if not _is_scannable(event):
            self._release_held()
            return False
        if self._held and not in_burst:
            self._release_held()
        self._hold(receiver, event)
        self._last_press_at = now
        self._flush_timer.start()
        return True

    def _on_key_release(self, receiver: QObject, event: QKeyEvent) -> bool:
        """Keep a release (or a lone modifier) behind the held presses; let it through when
        nothing is held."""
        if not self._held:
            return False
        self._hold(receiver, event)
        return True

    def _hold(self, receiver: QObject, event: QKeyEvent) -> None:
        self._held.append(
            _HeldKey(receiver, event.type(), int(event.key()), event.modifiers(), event.text())
        )

    def _held_characters(self) -> int:
        return sum(1 for key in self._held if key.is_press and key.text)

    def _emit_scan(self) -> None:
        code = "".join(key.text for key in self._held if key.is_press)
        self._held.clear()
        self._flush_timer.stop()
        self.scanned.emit(code)

    def _on_flush_timer_timeout(self) -> None:
        """Hand the held keys back once no key followed them in time."""
        if not self._held:
            return
        if self._clock() - self._last_press_at <= self._max_gap:
            # The injected clock has not moved on yet (a test, or a suspended clock): wait more.
            self._flush_timer.start()
            return
        self._release_held()

    def _release_held(self) -> None:
        """Send the held key events, in order, to the widgets they were meant for."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for key in held:
                key.resend()
        finally:
            self._replaying = False

    def _is_for_screen(self, watched: QObject) -> bool:
        """Whether a key event delivered to `watched` was typed on the screen."""
        if not isinstance(watched, QWidget) or not self._screen.isVisible():
            return False
        if watched is self._screen or self._screen.isAncestorOf(watched):
            return True
        # Nothing focused: the window itself gets the keys.
        return watched is self._screen.window() and QApplication.focusWidget() is None


_MODIFIER_KEYS: Final = frozenset(
    int(key.value)
    for key in (
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
    )
)


def _is_modifier_only(event: QKeyEvent) -> bool:
    """Whether the press is a modifier key on its own (Shift, Ctrl...), typing nothing."""
    return int(event.key()) in _MODIFIER_KEYS


def _is_scannable(event: QKeyEvent) -> bool:
    """Whether a press could be a scanner's character (printable, no shortcut, not held down)."""
    text = event.text()
    return (
        len(text) == 1
        and text.isprintable()
        and not event.isAutoRepeat()
        and not event.modifiers() & _SHORTCUT_MODIFIERS
    )
