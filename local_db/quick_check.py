"""The device database's integrity check, which may start before the program has loaded.

`PRAGMA quick_check` reads the whole file: on a full cache it takes about as long as loading
a third of the program's modules. SQLite runs it without holding Python's lock, so the
`storeside` command starts it on a thread of its own before those imports (app/launch.py)
and the two overlap; `open_checked` then takes its answer instead of checking again. Only
the standard library is imported here (decision 042).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

_LEFTOVERS = (".recovering", ".recovered")
"""Files an interrupted recovery leaves beside the database: finishing it may replace the
file, so an early check would have looked at the wrong one (local_db/database_guard.py)."""


def integrity_problem(path: Path) -> str | None:
    """Why the file is damaged, or None (also None when it does not exist yet)."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error as error:
        return f"cannot open: {error}"
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    findings = [str(row[0]) for row in rows]
    return None if findings == ["ok"] else "; ".join(findings[:5])


class EarlyCheck:
    """`integrity_problem(path)` running on its own thread from `start` on."""

    def __init__(self, path: Path) -> None:
        """Use `start`."""
        self.path = path
        self._problem: str | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="database-check", daemon=True)

    @classmethod
    def start(cls, path: Path) -> EarlyCheck | None:
        """The check of `path` set going; None when an interrupted recovery must finish
        first (then `open_checked` checks the file it puts in place)."""
        if any(path.with_name(path.name + suffix).exists() for suffix in _LEFTOVERS):
            return None
        check = cls(path)
        check._thread.start()
        return check

    def problem(self) -> str | None:
        """Wait for the check; why the file is damaged, or None."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._problem

    def _run(self) -> None:
        try:
            self._problem = integrity_problem(self.path)
        except BaseException as error:  # handed to the thread that waits
            self._error = error
