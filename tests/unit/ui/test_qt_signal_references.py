"""Qt signals keep Python's references straight: a day of signals must not crash the app.

PySide6 6.12.0 on CPython 3.11 dropped a reference to None (and to True) at every
`Signal.emit()`; after a few hundred emits the process aborted in `none_dealloc`
(decision 043, pinned below 6.12 in pyproject.toml). The sync bridge emits once per feed
page and status change, thousands of times a day.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from ui.sync_bridge import SyncBridge


class _Emitter(QObject):
    value = Signal(object)


def test_emitting_signals_keeps_the_references_of_none_and_true(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)

    for _ in range(50):
        emitter.value.emit(None)

    assert received == [None] * 50
    # Small drift is other code at work; a lost reference per emit is 50 at once.
    assert sys.getrefcount(None) > none_before - 10
    assert sys.getrefcount(True) > true_before - 10


def test_the_bridge_hands_many_pages_to_the_gui_thread_without_losing_references(
    qtbot: QtBot,
) -> None:
    bridge = SyncBridge()
    heard: list[object] = []
    bridge.records_updated.connect(heard.append)
    none_before = sys.getrefcount(None)

    for _ in range(50):
        bridge.records_changed(frozenset())
    qtbot.waitUntil(lambda: len(heard) == 50)

    assert sys.getrefcount(None) > none_before - 10
