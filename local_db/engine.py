"""The one place that opens the device database: pragmas, and BEGIN IMMEDIATE for writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 10_000
READ_ONLY_OPTION = "storeside_read_only"
REFETCHABLE_OPTION = "storeside_refetchable"
_RELAXED = "storeside_synchronous_normal"
"""Marks a pooled connection left at synchronous=NORMAL by a refetchable write."""


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
    event.listen(engine, "checkin", _on_checkin)
    return engine


def read_only_engine(engine: Engine) -> Engine:
    """The same engine, but its transactions take no write lock."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def refetchable_engine(engine: Engine) -> Engine:
    """The same engine, for writes of what the hub can send again: not synced to disk at
    commit (decision 042).

    Such a transaction runs with `synchronous=NORMAL`: SQLite's WAL keeps the file whole
    whatever happens, but a power cut may lose the last such commits, all of each or none;
    the next FULL commit (any other write) or checkpoint makes them durable too. Only a
    transaction that holds nothing but hub data and the feed cursor that brought it may use
    it: if it is lost, the cursor goes back with it and the same records come again.
    """
    return engine.execution_options(**{REFETCHABLE_OPTION: True})


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
    options = connection.get_execution_options()
    if options.get(READ_ONLY_OPTION, False):
        connection.exec_driver_sql("BEGIN")
        return
    if options.get(REFETCHABLE_OPTION, False):
        # Before BEGIN: SQLite refuses to change it inside a transaction. Back to FULL as
        # the connection returns to the pool (`_on_checkin`).
        connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
        connection.info[_RELAXED] = True
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_checkin(dbapi_connection: Any, record: ConnectionPoolEntry | None) -> None:
    if record is not None and record.info.pop(_RELAXED, False):
        dbapi_connection.execute("PRAGMA synchronous=FULL")
