"""Where the hub keeps its data: engine set-up, SQLite pragmas, sessions and the UTC time column."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import URL, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION: Final = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

_IMMEDIATE: Final = "hub_begin_immediate"
_BUSY_TIMEOUT_MS: Final = 5000


class Base(DeclarativeBase):
    """Declarative base of every hub table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime column; SQLite stores it naive, so UTC is re-attached on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def database_url(database: Path | str) -> URL | str:
    """A SQLAlchemy URL for a file path, or the given URL when it already is one."""
    if isinstance(database, str) and "://" in database:
        return database
    return URL.create("sqlite+pysqlite", database=str(Path(database)))


class Storage:
    """The hub's database: one engine, short read sessions, serialised write transactions."""

    def __init__(self, database: Path | str) -> None:
        url = database_url(database)
        is_sqlite = str(url).startswith("sqlite")
        # The pool hands a connection to one thread at a time, so sharing across threads is safe.
        connect_args = {"check_same_thread": False} if is_sqlite else {}
        self.engine: Engine = create_engine(url, connect_args=connect_args)
        if is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Writers queue here rather than on SQLite's file lock: fairer, and no SQLITE_BUSY.
        self._write_lock = threading.RLock()

    def create_schema(self) -> None:
        """Create any missing table; the reference hub owns its schema outright."""
        Base.metadata.create_all(self.engine)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; its transaction ends (rolled back) when the block ends."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE on SQLite), committed when the block ends.

        Writers in this process are serialised; an exception rolls everything back.
        """
        with self._write_lock, self._sessions() as session, session.begin():
            session.connection(execution_options={_IMMEDIATE: True})
            yield session

    def close(self) -> None:
        """Release pooled connections; the storage reconnects if used again."""
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Take transaction control away from pysqlite so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front: a read-then-write transaction can then never
        # fail half-way with SQLITE_BUSY when another process wrote in between.
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
