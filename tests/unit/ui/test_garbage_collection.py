"""Garbage is collected by the GUI thread's timer, and only while the collector lives."""

from __future__ import annotations

import gc
import weakref

from ui.garbage_collection import GuiThreadGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cyclic_garbage_is_collected_by_the_timer_not_by_python(qtbot) -> None:
    collector = GuiThreadGarbageCollector()
    try:
        assert not gc.isenabled()
        cycle = _Cycle()
        ref = weakref.ref(cycle)
        del cycle
        assert ref() is not None  # nobody collected yet
        qtbot.waitUntil(lambda: ref() is None, timeout=5_000)
    finally:
        collector.stop()
    assert gc.isenabled()
    gc.disable()  # the test session keeps collection on the main thread too
