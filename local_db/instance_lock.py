"""One writer per device database: a second Storeside on the same data refuses to start.

The lock is an OS file lock (flock on POSIX, a byte-range lock on Windows) on a file beside
the database. The OS drops it when the holder dies, even by SIGKILL or a power cut, so a
crashed instance never leaves a stale lock behind to clear by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Final

LOCK_FILE_NAME: Final = "storeside.lock"
_PID_OFFSET: Final = 16
"""Windows locks byte 0; the holder's pid is written past it, where others may read it."""


class AlreadyRunning(Exception):
    """Another Storeside instance holds this data directory."""

    def __init__(self, directory: Path, holder_pid: int | None) -> None:
        holder = f" (process {holder_pid})" if holder_pid else ""
        super().__init__(
            f"Storeside is already running with the data in {directory}{holder}. "
            "Switch to that window, or close it before starting another."
        )
        self.directory = directory
        self.holder_pid = holder_pid


class InstanceLock:
    """Held from `acquire()` until `release()` (or the process ends)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / LOCK_FILE_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunning at once (never waits)."""
        if self._fd is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            holder = _read_pid(fd)
            os.close(fd)
            raise AlreadyRunning(self.directory, holder) from None
        os.lseek(fd, _PID_OFFSET, os.SEEK_SET)
        os.write(fd, f"{os.getpid():<12}".encode())
        self._fd = fd

    def release(self) -> None:
        """Let another instance start; safe to repeat."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, _PID_OFFSET, os.SEEK_SET)
        text = os.read(fd, 12).decode(errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
