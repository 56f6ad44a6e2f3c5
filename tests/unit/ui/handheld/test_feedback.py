"""Scan feedback: a red or green flash over the screen that goes away, and the matching sound."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.alarm.alarm_sound import AlarmSound
from ui.handheld.feedback import (
    FLASH_MS,
    ScanFeedback,
    current_flash,
    flash_error,
    flash_ok,
)


@dataclass
class RecordingSound:
    """A sound backend that remembers what it was asked to play."""

    plays: list[tuple[AlarmSound, float]] = field(default_factory=list)
    silence_reason: str = ""

    def play(self, sound: AlarmSound, volume: float) -> None:
        self.plays.append((sound, volume))


@pytest.fixture
def screen(qtbot) -> QWidget:
    screen = QWidget()
    QVBoxLayout(screen).addWidget(QLabel("Pick 3/11"))
    screen.resize(480, 800)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_an_error_flash_covers_the_screen_in_red_then_goes(qtbot, screen):
    flash_error(screen, duration_ms=30)
    overlay = current_flash(screen)
    assert overlay is not None
    assert overlay.isVisible()
    assert overlay.property("tone") == "error"
    assert overlay.geometry() == screen.rect()
    assert "rgba(220, 38, 38" in overlay.styleSheet()
    qtbot.waitUntil(lambda: current_flash(screen) is None)
    qtbot.waitUntil(lambda: not shiboken6.isValid(overlay))  # deleted, not just hidden


def test_an_ok_flash_is_green(qtbot, screen):
    flash_ok(screen)
    overlay = current_flash(screen)
    assert overlay is not None
    assert overlay.property("tone") == "ok"


def test_a_new_flash_replaces_the_running_one(qtbot, screen):
    flash_ok(screen)
    flash_error(screen)
    flash_error(screen)
    overlay = current_flash(screen)
    assert overlay is not None
    assert overlay.property("tone") == "error"
    assert [child for child in screen.children() if child is overlay] == [overlay]
    assert (
        sum(1 for child in screen.findChildren(QWidget) if child.objectName() == "ScanFlash") == 1
    )


def test_the_flash_follows_the_screen_size_and_lets_touches_through(qtbot, screen):
    flash_error(screen)
    screen.resize(480, 600)
    overlay = current_flash(screen)
    assert overlay is not None
    qtbot.waitUntil(lambda: overlay.geometry() == screen.rect())
    assert overlay.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_feedback_pairs_the_flash_with_its_sound(qtbot, screen):
    sound = RecordingSound()
    feedback = ScanFeedback(sound, volume=0.5)
    feedback.refused(screen)
    assert current_flash(screen).property("tone") == "error"
    feedback.counted(screen)
    assert current_flash(screen).property("tone") == "ok"
    assert sound.plays == [(AlarmSound.SCAN_ERROR, 0.5), (AlarmSound.SCAN_OK, 0.5)]


def test_feedback_without_sound_still_flashes(qtbot, screen):
    ScanFeedback().refused(screen)
    assert current_flash(screen) is not None


def test_the_flash_lasts_long_enough_to_be_seen():
    assert 300 <= FLASH_MS <= 1000
