"""Fast bulk upserts for the feed: one prepared statement, rows bound as plain tuples.

The ORM's per-row bookkeeping costs more than SQLite's own insert on feed-sized pages;
here each column's bind conversion is looked up once and applied in a tight loop.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.orm import Session

from local_db.models import UtcDateTime

Converter = Callable[[Any], Any]


def _json(value: Any) -> Any:
    if value is None:
        return None
    if not value and type(value) in (dict, list):
        return "{}" if type(value) is dict else "[]"  # most rows: no detail, no reminders
    return json.dumps(value, ensure_ascii=False)


def _converter(table: Table, column: str) -> Converter | None:
    column_type = table.c[column].type
    if isinstance(column_type, UtcDateTime):
        bind = column_type.process_bind_param
        return lambda value: bind(value, None)  # type: ignore[arg-type]
    if isinstance(column_type, JSON):
        return _json
    return None


def placeholders(count: int) -> str:
    """`?, ?, …` for an IN list of `count` values bound one by one (SQLite allows 32,766)."""
    return ", ".join("?" * count)


class BulkUpsert:
    """INSERT … ON CONFLICT DO UPDATE of whole rows of one table, for many rows at once."""

    def __init__(self, table: Table, key: str) -> None:
        """`key` is the conflict target: the primary key's column names, comma-separated."""
        self.columns = tuple(column.name for column in table.columns)
        self._pick = operator.itemgetter(*self.columns)
        converters = [(i, _converter(table, c)) for i, c in enumerate(self.columns)]
        self._converters = [(i, conv) for i, conv in converters if conv is not None]
        updates = ", ".join(f"{c} = excluded.{c}" for c in self.columns if c != key)
        self._sql = (
            f"INSERT INTO {table.name} ({', '.join(self.columns)}) "  # noqa: S608 (names from our schema)
            f"VALUES ({placeholders(len(self.columns))}) "
            f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
        )

    def execute(self, session: Session, rows: Sequence[dict[str, Any]]) -> None:
        """Write `rows` (dicts holding every column) in one executemany."""
        if not rows:
            return
        session.connection().exec_driver_sql(self._sql, [self._values(row) for row in rows])

    def _values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        values: tuple[Any, ...] = self._pick(row)
        if not self._converters:
            return values
        converted = list(values)
        for index, convert in self._converters:
            converted[index] = convert(converted[index])
        return tuple(converted)
