"""Qt calls the app makes all day must not use up references to None, True or False.

PySide6 6.12.0 on CPython 3.11 drops one reference to None or True on every `Signal.emit()`,
queued `Signal(object)` call, `QWidget.update()` and painter call. After a few hundred calls the
interpreter frees the constant and the whole app aborts ("bool_dealloc", "none_dealloc"): a
counter PC would die within minutes of a busy lunch. pyproject.toml keeps PySide6 below 6.12
(decision 043); this test fails on a version that brings the bug back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.unit.ui import qt_reference_probe

ROOT = Path(__file__).resolve().parents[3]
SLACK = 5
"""References a constant may lose to unrelated work; one per call would be 50 per scenario."""


def test_signals_sync_events_and_paints_keep_none_true_and_false_alive() -> None:
    child = subprocess.run(
        [sys.executable, "-m", qt_reference_probe.__name__],
        cwd=ROOT,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr

    lost = json.loads(child.stdout.splitlines()[-1])

    assert set(lost) == {"emitting", "queued sync events", "repainting"}
    assert {
        scenario: counts for scenario, counts in lost.items() if max(counts.values()) > SLACK
    } == {}
