"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is a sync or hub worker and the garbage holds Qt objects made on the GUI
thread, Qt destroys them from the wrong thread and the process crashes. So automatic
collection is switched off and a timer on the GUI thread collects instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

_INTERVAL_MS = 1_000
_FULL_EVERY = 60
"""Every Nth collection also walks the oldest generation."""


class GuiThreadGarbageCollector(QObject):
    """While alive, collects garbage from the GUI thread and nowhere else."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        """Collect once more and hand collection back to Python."""
        self._timer.stop()
        gc.collect()
        gc.enable()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._count += 1
        gc.collect(2 if self._count % _FULL_EVERY == 0 else 0)
