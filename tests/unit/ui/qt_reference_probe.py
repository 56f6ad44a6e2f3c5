"""Counts the references None, True and False lose over Qt calls the app makes all day.

Run as a child process by test_qt_signal_references.py, so that nothing else the suite made
(widgets closing, objects deleted later) frees references while it counts. Prints one JSON
object: scenario -> {constant: references lost}.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel

from app.domain.vocabulary import RecordKind
from ui.sync_bridge import SyncBridge

CALLS = 50


def lost_references(work: Callable[[], None]) -> dict[str, int]:
    """How many references None, True and False lost over `work`."""
    constants: dict[str, object] = {"None": None, "True": True, "False": False}
    before = {name: sys.getrefcount(value) for name, value in constants.items()}
    work()
    return {name: before[name] - sys.getrefcount(value) for name, value in constants.items()}


class _Announcer(QObject):
    said = Signal(object)


def emitting() -> None:
    announcer = _Announcer()
    heard: list[object] = []
    announcer.said.connect(heard.append)
    for number in range(CALLS):
        announcer.said.emit(None if number % 2 else number)
    if len(heard) != CALLS:
        raise SystemExit(f"heard {len(heard)} of {CALLS} emits")


def queued_sync_events() -> None:
    bridge = SyncBridge()
    delivered: list[object] = []
    bridge.records_updated.connect(delivered.append)
    for number in range(CALLS):
        bridge.records_changed([RecordKind.ORDER], None if number % 2 else [f"o-{number}"])
    deadline = time.monotonic() + 10
    while len(delivered) < CALLS and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    if len(delivered) != CALLS:
        raise SystemExit(f"delivered {len(delivered)} of {CALLS} sync events")


def repainting() -> None:
    label = QLabel("12 new orders")
    label.show()
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for _ in range(CALLS):
        label.update()
        painter.save()
        painter.setPen(QColor("red"))
        painter.drawLine(0, 0, 39, 39)
        painter.restore()
    painter.end()
    QCoreApplication.processEvents()
    if image.pixelColor(20, 20) != QColor("red"):
        raise SystemExit("the line was not painted")


def main() -> None:
    _app = QApplication([])
    scenarios = {
        "emitting": emitting,
        "queued sync events": queued_sync_events,
        "repainting": repainting,
    }
    # One round first: imports and first-call caches take references that stay.
    for work in scenarios.values():
        work()
    print(json.dumps({name: lost_references(work) for name, work in scenarios.items()}))


if __name__ == "__main__":
    main()
