"""The alarm's sound backend: the shipped files, and a reason in the log when there is no sound."""

from __future__ import annotations

import logging
import wave

import pytest

from ui.alarm.alarm_sound import AlarmSound, QtSound, open_alarm_sound, sound_file


@pytest.mark.parametrize("sound", list(AlarmSound))
def test_every_sound_is_shipped_as_a_playable_wav(sound: AlarmSound) -> None:
    with wave.open(str(sound_file(sound))) as wav:
        assert wav.getnchannels() == 1
        seconds = wav.getnframes() / wav.getframerate()
    # The alarm must be heard across a kitchen; the scan tick must not slow the next scan.
    shortest = 0.05 if sound is AlarmSound.SCAN_OK else 0.5
    assert seconds > shortest


# Qt Multimedia reports missing audio services (PulseAudio, VA-API) as warnings while it
# looks for an output; what matters here is what the program itself says.
@pytest.mark.qt_log_level_fail("CRITICAL")
def test_the_backend_plays_or_the_log_says_once_why_not(
    qapp, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.alarm.alarm_sound"):
        backend = open_alarm_sound()

    if isinstance(backend, QtSound):
        assert backend.silence_reason == ""
        backend.play(AlarmSound.NEW_ORDER, 0.0)
        return
    assert backend.silence_reason
    (record,) = caplog.records
    assert backend.silence_reason in record.getMessage()
    assert "visual alarm still works" in record.getMessage()
