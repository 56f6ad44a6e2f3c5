"""Opening the device database safely: integrity check, salvage of a damaged file, pragmas.

At every start `open_checked()` runs `PRAGMA quick_check` on the file before anything else
touches it, or takes the answer of the check the command started early (quick_check.py).
A damaged file is never repaired in place: it is moved aside (with its WAL), the actions
still waiting for the hub are read out of it as far as SQLite can, written to a JSON file
for the record, and queued again in a fresh database, so nothing a person did is lost.
The cache itself is rebuilt from the hub (the feed starts from zero). Then the pragmas the
rest of the program relies on are verified: a file system without WAL support, say, must
stop the start with a clear message rather than run unsafely.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from local_db import outbox_repository, sync_state_repository
from local_db.database import Database
from local_db.quick_check import EarlyCheck, integrity_problem

log = logging.getLogger(__name__)

_KEPT_STATE: Final = (
    sync_state_repository.DEVICE_ID,
    sync_state_repository.STORE_ID,
    sync_state_repository.STORE_NAME,
)
"""What is carried from a damaged file besides the actions: who this device is."""
_EXPECTED_PRAGMAS: Final = {"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1"}
_SALVAGE_QUERY: Final = (
    "SELECT command_id, command_type, entity_kind, entity_id, staff_id, payload, created_at"
    " FROM outbox WHERE state = ? ORDER BY seq"
)


class DatabaseUnusable(Exception):
    """The database cannot be run safely here; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Recovery:
    """What happened to a damaged database file, for the person at the device."""

    problem: str
    kept_at: Path
    """Where the damaged file was moved."""
    exported_to: Path
    """The JSON file listing the actions read out of it."""
    requeued: int
    """How many waiting actions were queued again for the hub."""


def open_checked(
    path: Path, *, now: datetime | None = None, early: EarlyCheck | None = None
) -> tuple[Database, Recovery | None]:
    """Open `path` after checking it; a damaged file is set aside and its actions re-queued.

    `early`: the check of `path` started before the program loaded (local_db/quick_check.py),
    whose answer is taken instead of checking again.
    """
    _finish_interrupted_recovery(path)
    recovery = None
    if early is not None and early.path == path:
        problem = early.problem()
    else:
        problem = integrity_problem(path)
    if problem is not None:
        log.error("device database %s is damaged: %s", path, problem)
        recovery = _recover(path, problem, now or datetime.now(UTC))
    database = Database(path)
    try:
        verify_pragmas(database)
    except DatabaseUnusable:
        database.close()
        raise
    return database, recovery


def verify_pragmas(database: Database) -> None:
    """Raise DatabaseUnusable unless WAL, synchronous=FULL and foreign keys are in force."""
    with database.engine.connect() as connection:
        found = {
            name: str(connection.exec_driver_sql(f"PRAGMA {name}").scalar()).lower()
            for name in _EXPECTED_PRAGMAS
        }
        connection.rollback()
    wrong = {name: value for name, value in found.items() if value != _EXPECTED_PRAGMAS[name]}
    if wrong:
        raise DatabaseUnusable(
            f"The device database at {database.path} cannot run safely here "
            f"({', '.join(f'{name}={value}' for name, value in wrong.items())}). "
            "Keep the data folder on a local disk."
        )


def _recover(path: Path, problem: str, now: datetime) -> Recovery:
    """Rebuild `path` so that a stop at any step leaves a start that can finish the job.

    The fresh database is built beside the damaged one (`.recovering`), renamed `.recovered`
    once complete, and only then does the damaged file move aside and the fresh one take its
    place. An interrupted build is thrown away and done again from the damaged file; a
    complete one is put in place by `_finish_interrupted_recovery` at the next start.
    """
    salvaged, state = _salvage(path)
    stamp = now.strftime("%Y%m%dT%H%M%S.%fZ")
    damaged_dir = path.parent / "damaged"
    damaged_dir.mkdir(exist_ok=True)
    exported_to = damaged_dir / f"pending-actions.{stamp}.json"
    exported_to.write_text(
        json.dumps(
            {"problem": problem, "device_state": state, "pending_actions": salvaged},
            ensure_ascii=False,
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    building = _beside(path, ".recovering")
    _remove_with_companions(building)
    fresh = Database(building)
    try:
        _requeue(fresh, state, salvaged)
    finally:
        fresh.close()
    # Fold the WAL into the file, so that the file alone is the whole fresh database.
    connection = sqlite3.connect(building, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    os.replace(building, _beside(path, ".recovered"))
    kept_at = damaged_dir / f"{path.name}.{stamp}"
    _put_in_place(path, kept_at)
    return Recovery(
        problem=problem, kept_at=kept_at, exported_to=exported_to, requeued=len(salvaged)
    )


def _finish_interrupted_recovery(path: Path) -> None:
    """Complete a recovery stopped after its fresh database was built; drop half-built ones."""
    _remove_with_companions(_beside(path, ".recovering"))
    if _beside(path, ".recovered").exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        (path.parent / "damaged").mkdir(exist_ok=True)
        _put_in_place(path, path.parent / "damaged" / f"{path.name}.{stamp}")


def _put_in_place(path: Path, kept_at: Path) -> None:
    """Move the damaged file (if still there) to `kept_at`, then the recovered one to `path`."""
    for suffix in ("", "-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            shutil.move(companion, Path(f"{kept_at}{suffix}"))
    os.replace(_beside(path, ".recovered"), path)


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _salvage(path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Read what can be read of the waiting actions and the device identity."""
    actions: list[dict[str, Any]] = []
    state: dict[str, str] = {}
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return actions, state
    try:
        actions = _read_rows(
            connection,
            _SALVAGE_QUERY,
            (outbox_repository.PENDING,),
        )
        for row in _read_rows(connection, "SELECT key, value FROM sync_state", ()):
            if row["key"] in _KEPT_STATE:
                state[row["key"]] = row["value"]
    finally:
        connection.close()
    return actions, state


def _read_rows(
    connection: sqlite3.Connection, query: str, parameters: tuple[str, ...]
) -> list[dict[str, Any]]:
    """As many rows as SQLite can still read; a damaged page ends the read, not the start."""
    rows: list[dict[str, Any]] = []
    try:
        cursor = connection.execute(query, parameters)
        names = [column[0] for column in cursor.description]
        for values in cursor:
            rows.append(dict(zip(names, values, strict=True)))
    except sqlite3.DatabaseError as error:
        log.error("salvage stopped after %d rows: %s", len(rows), error)
    return rows


def _requeue(database: Database, state: dict[str, str], actions: list[dict[str, Any]]) -> None:
    with database.write() as session:
        for key, value in state.items():
            sync_state_repository.set_value(session, key, value)
        for action in actions:
            outbox_repository.add_command(
                session,
                command_id=action["command_id"],
                command_type=action["command_type"],
                entity_kind=action["entity_kind"],
                entity_id=action["entity_id"],
                staff_id=action["staff_id"],
                payload=json.loads(action["payload"]),
                created_at=_stored_time(action["created_at"]),
            )


def _stored_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
