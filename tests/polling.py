"""Waiting for plain (non-Qt) threads in tests: poll a condition, fail at a deadline."""

from __future__ import annotations

import time
from collections.abc import Callable

POLL_S = 0.01


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str = "condition") -> None:
    """Return once `condition()` is true; fail the test if it is not within `timeout_s`.

    For threads with no Qt event loop (hub server, simulator); Qt waits use qtbot.waitUntil.
    """
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"{what} not reached within {timeout_s} s"
        time.sleep(POLL_S)
