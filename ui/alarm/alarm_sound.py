"""The alarm's sound: Qt Multimedia's QSoundEffect when it and an audio output exist, else silence.

`open_alarm_sound` says once in the log why a device has no sound; the visual alarm does not
depend on any of this.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl

_log = logging.getLogger(__name__)


class AlarmSound(StrEnum):
    """The device's sounds (the alarm's and the scan feedback's), named after their file in
    ui/sounds/."""

    NEW_ORDER = "new-order"
    """The routine repeat while new orders wait."""
    DEADLINE = "deadline"
    """The escalation: an order's deadline is close."""
    SCAN_ERROR = "scan-error"
    """The handheld refused a scanned code (decision 015)."""
    SCAN_OK = "scan-ok"
    """The handheld counted a scanned code: a short tick."""


class SoundBackend(Protocol):
    """Plays alarm sounds; never raises and never blocks."""

    @property
    def silence_reason(self) -> str:
        """Why this backend plays nothing ("" when it plays)."""

    def play(self, sound: AlarmSound, volume: float) -> None:
        """Start `sound` at `volume` (0.0-1.0)."""


class Silence(StrEnum):
    """Why a device plays no sound: a code the settings word for a person (the log keeps
    the technical detail)."""

    NOT_GIVEN = "not_given"
    """The window was made without a sound backend (tests, tools)."""
    NO_MULTIMEDIA = "no_multimedia"
    """Qt Multimedia, or a system library it needs, is not installed."""
    NO_OUTPUT = "no_output"
    """The system has no audio output device."""
    FILES_MISSING = "files_missing"
    """The shipped alarm sounds are not where the program looks for them."""


class SilentSound:
    """A backend that plays nothing, and knows why."""

    def __init__(self, silence: Silence) -> None:
        self._silence = silence

    @property
    def silence_reason(self) -> str:
        """Why there is no sound: a `Silence` code."""
        return self._silence.value

    def play(self, sound: AlarmSound, volume: float) -> None:
        """Nothing to play."""


def sound_file(sound: AlarmSound) -> Path:
    """The shipped WAV file of `sound` (written by tools/make_alarm_sounds.py)."""
    return Path(str(resources.files("ui").joinpath(f"sounds/{sound.value}.wav")))


class QtSound(QObject):
    """One QSoundEffect per sound, loaded once; a new play restarts the sound."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect  # noqa: PLC0415 (an optional Qt module)

        self._effects = {}
        for sound in AlarmSound:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(sound_file(sound))))
            self._effects[sound] = effect

    @property
    def silence_reason(self) -> str:
        """Always plays."""
        return ""

    def play(self, sound: AlarmSound, volume: float) -> None:
        """Restart `sound` at `volume`."""
        effect = self._effects[sound]
        effect.stop()
        effect.setVolume(max(0.0, min(1.0, volume)))
        effect.play()


def open_alarm_sound(parent: QObject | None = None) -> SoundBackend:
    """The real backend, or a silent one; in the latter case the log says why, once."""
    try:
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 (optional Qt module)
    except ImportError as missing:
        return _silent(Silence.NO_MULTIMEDIA, f"Qt Multimedia is not installed ({missing})")
    if not QMediaDevices.audioOutputs():
        return _silent(Silence.NO_OUTPUT, "no audio output device was found")
    missing_files = [str(sound_file(s)) for s in AlarmSound if not sound_file(s).is_file()]
    if missing_files:
        return _silent(
            Silence.FILES_MISSING, f"sound files are missing: {', '.join(missing_files)}"
        )
    return QtSound(parent)


def _silent(silence: Silence, detail: str) -> SilentSound:
    _log.warning(
        "The new-order alarm has no sound (%s): %s. The visual alarm still works.", silence, detail
    )
    return SilentSound(silence)
