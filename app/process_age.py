"""When this process started, on the time.monotonic() clock, as the system recorded it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def process_started_at() -> float | None:
    """The process's start as a time.monotonic() value; None where it cannot be read.

    Linux reads /proc (the start in clock ticks since boot), Windows GetProcessTimes; the
    start so includes what ran before Python's first line (a packaged build's loader, the
    interpreter starting, the imports).
    """
    try:
        if sys.platform == "win32":
            age = _windows_age_s()
        elif sys.platform == "linux":
            age = _linux_age_s()
        else:
            return None
    except (OSError, ValueError, IndexError):
        return None
    return time.monotonic() - age


if sys.platform == "linux":

    def _linux_age_s() -> float:
        stat = Path("/proc/self/stat").read_text()
        # Field 22 (starttime); the command name before it may hold spaces: count from ")".
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime_s = float(Path("/proc/uptime").read_text().split()[0])
        return uptime_s - start_ticks / os.sysconf("SC_CLK_TCK")


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    def _windows_age_s() -> float:
        created, ended, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
        kernel32 = ctypes.windll.kernel32
        if not kernel32.GetProcessTimes(
            kernel32.GetCurrentProcess(),
            ctypes.byref(created),
            ctypes.byref(ended),
            ctypes.byref(kernel),
            ctypes.byref(user),
        ):
            raise OSError("GetProcessTimes failed")
        kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))
        return (_ticks(now) - _ticks(created)) / 10_000_000  # FILETIME: 100 ns units

    def _ticks(value: wintypes.FILETIME) -> int:
        return (value.dwHighDateTime << 32) | value.dwLowDateTime
