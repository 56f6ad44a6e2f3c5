"""The one place that opens the device database: pragmas, and BEGIN IMMEDIATE for writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 10_000
READ_ONLY_OPTION = "storeside_read_only"


def open_engine(path: Path) -> Engine:
    """Open (creating if needed) the SQLite file at `path` with the house pragmas.

    Every transaction starts with BEGIN IMMEDIATE, so two writers never deadlock on a
    lock upgrade; a connection bound with `read_only_engine()` starts a plain deferred
    BEGIN instead, so screens reading under WAL never wait for a writer.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def read_only_engine(engine: Engine) -> Engine:
    """The same engine, but its transactions take no write lock."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # The driver's own implicit transactions would defeat BEGIN IMMEDIATE; we issue BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
