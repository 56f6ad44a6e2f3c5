"""Raw sqlite3 baselines' INSERTs, built from the columns of a database migrated to head.

A baseline that spells its own column list drifts from the schema (a new column, a JSON
column bound as a Python list). Here the columns are read from the migrated file itself
(PRAGMA table_info) and checked against the table in `local_db.models`; each value is bound
as the app's feed path binds it (local_db/bulk_write.py): JSON columns as `json.dumps(...,
ensure_ascii=False)`, times as `UtcDateTime` stores them, everything else as it is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import TypeEngine

from local_db.database import Database
from local_db.engine import BUSY_TIMEOUT_MS
from local_db.models import Base, UtcDateTime

Converter = Callable[[Any], Any]
_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON")


def migrated_connection(path: Path, *, refetchable: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection to `path`, migrated to Alembic head first, the app's pragmas.

    Autocommit mode: the caller issues BEGIN IMMEDIATE / COMMIT itself, as the app does.
    `refetchable`: commits not synced to disk, as the app writes feed pages (decision 042).
    """
    Database(path).close()  # creates the file and runs every migration
    connection = sqlite3.connect(path, isolation_level=None)
    synchronous = "NORMAL" if refetchable else "FULL"
    for pragma in (*_PRAGMAS, f"synchronous={synchronous}", f"busy_timeout={BUSY_TIMEOUT_MS}"):
        connection.execute(f"PRAGMA {pragma}")
    return connection


class RawInsert:
    """A plain `INSERT INTO table (every column) VALUES (?, ...)` and the tuples it binds.

    Raises RuntimeError when the migrated table and the model differ (a migration or a model
    missing), and from `values` when a row lacks one of the table's columns, as the app's
    own bulk write would. Keys a row holds beyond the table's columns are ignored.
    """

    def __init__(self, connection: sqlite3.Connection, table: str) -> None:
        stored = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        model = Base.metadata.tables[table]
        if not stored or set(stored) != set(model.columns.keys()):
            only_file = sorted(set(stored) - set(model.columns.keys()))
            only_model = sorted(set(model.columns.keys()) - set(stored))
            raise RuntimeError(
                f"{table}: the migrated file and local_db.models differ "
                f"(only in the file: {only_file}, only in the model: {only_model})"
            )
        self.table = table
        self.columns = tuple(stored)
        self.sql = (
            f"INSERT INTO {table} ({', '.join(self.columns)}) "
            f"VALUES ({', '.join('?' * len(self.columns))})"
        )
        self._converters = [_converter(model.columns[name].type) for name in self.columns]

    def values(self, rows: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Each row as the tuple `sql` binds, converted as the app converts it."""
        return [self._value(row) for row in rows]

    def _value(self, row: dict[str, Any]) -> tuple[Any, ...]:
        try:
            return tuple(
                value if convert is None else convert(value)
                for convert, value in zip(
                    self._converters, (row[name] for name in self.columns), strict=True
                )
            )
        except KeyError as missing:
            raise RuntimeError(f"{self.table}: a row lacks column {missing}") from None


def _converter(column_type: TypeEngine[Any]) -> Converter | None:
    if isinstance(column_type, UtcDateTime):
        dialect = sqlite.dialect()
        return lambda value: column_type.process_bind_param(value, dialect)
    if isinstance(column_type, JSON):
        return _json
    return None


def _json(value: Any) -> Any:
    return None if value is None else json.dumps(value, ensure_ascii=False)
