"""Status codes: why an order or task stands where it does, as the hub's code and its data.

Orders, tasks and task notices cached before carry only the hub's English words; their codes
are read back from those words here (the words the hub of the release before wrote), so a
device upgraded in the middle of a day words them in its language and keeps its day figures
(the orders lost to their deadline are counted by code). Words this revision does not know
keep an empty code and are shown as they are.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-09 09:20:00
"""

import json
import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES: Final = ("orders", "tasks", "task_notices")
_ORDER_WORDS: Final = {
    "cancelled by the customer": "customer_cancelled",
    "not confirmed in time": "not_confirmed_in_time",
    "A manager cancelled the order: items were missing.": "shortage_cancelled",
    "handed to the rider": "handed_to_rider",
    "collected by the customer": "picked_up_by_customer",
}
_CANCEL_REQUESTS: Final = (
    # The longer first: the channel's agreement starts with the store's words.
    ("cancelled at the customer's request, agreed by the channel", "cancel_auto_agreed"),
    ("cancelled at the customer's request", "cancel_agreed"),
)
_REJECT_WORDS: Final = {
    "sold out": "sold_out",
    "too busy": "too_busy",
    "closing": "closing",
    "out of delivery range": "out_of_range",
    "other": "other",
}
_REJECTED: Final = re.compile(
    r"rejected by the store \((?P<words>[^)]*)\)(?:: (?P<note>.*))?", re.S
)
_REASSIGNED: Final = re.compile(r"Reassigned to (?P<name>.+?) by (?P<by>.+)\.", re.S)
_CLOCKED_OUT: Final = re.compile(r"(?P<name>.+?) clocked out(?: by (?P<by>.+))?\.", re.S)
_LEFT_DUTY: Final = re.compile(r"(?P<name>.+) left duty\.", re.S)

Found = tuple[str, dict[str, str]]
RowReader = Callable[[str, str], Found | None]
"""The code and detail of a row's words, given its `extra` column (status, kind) too."""


def order_code_of(words: str) -> Found | None:
    """The code and detail of an order's English `status_reason`, or None when unknown."""
    if words in _ORDER_WORDS:
        return _ORDER_WORDS[words], {}
    for prefix, code in _CANCEL_REQUESTS:
        if words == prefix:
            return code, {}
        if words.startswith(f"{prefix}: "):
            return code, {"text": words[len(prefix) + 2 :]}
    rejected = _REJECTED.fullmatch(words)
    if rejected is not None and rejected["words"] in _REJECT_WORDS:
        detail = {"reject_reason": _REJECT_WORDS[rejected["words"]]}
        if rejected["note"]:
            detail["text"] = rejected["note"]
        return "rejected_by_store", detail
    return None


def task_code_of(words: str, *, cancelled: bool) -> Found | None:
    """The code and detail of a task's English `status_reason` (a notice's message), or None.

    A cancelled task carries its order's words, or "The order was cancelled.".
    """
    if words == "The order already left the store.":
        return "order_left_store", {}
    if cancelled:
        if words == "The order was cancelled.":
            return "order_cancelled", {}
        order = order_code_of(words)
        return None if order is None else ("order_cancelled", {**order[1], "order_code": order[0]})
    patterns = (
        (_REASSIGNED, "reassigned"),
        (_CLOCKED_OUT, "picker_clocked_out"),
        (_LEFT_DUTY, "picker_left_duty"),
    )
    for pattern, code in patterns:
        matched = pattern.fullmatch(words)
        if matched is not None:
            found = {"name": matched["name"], "by_name": matched.groupdict().get("by") or ""}
            return code, {key: value for key, value in found.items() if value}
    return None


def upgrade() -> None:
    # Plain ADD COLUMN with server defaults (0007, 0009): a batch copy of `orders` or `tasks`
    # would drop the old table and, with foreign keys on, every line with it.
    for table in _TABLES:
        op.add_column(
            table,
            sa.Column(
                "status_code", sa.String(length=64), nullable=False, server_default=sa.text("''")
            ),
        )
        op.add_column(
            table,
            sa.Column("status_detail", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
        )
    connection = op.get_bind()
    _backfill(
        connection, "orders", "order_id", "status_reason", lambda words, _: order_code_of(words)
    )
    _backfill(
        connection,
        "tasks",
        "task_id",
        "status_reason",
        lambda words, status: task_code_of(words, cancelled=status == "cancelled"),
        extra="status",
    )
    _backfill(
        connection,
        "task_notices",
        "id",
        "message",
        lambda words, kind: task_code_of(words, cancelled=kind == "cancelled"),
        extra="kind",
    )
    _backfill_held(connection, "orders", "order_id", _held_order)
    _backfill_held(connection, "tasks", "task_id", _held_task)


def _backfill(  # noqa: PLR0917 (a table and how its words are read)
    connection: sa.Connection,
    table: str,
    key: str,
    words_column: str,
    code_of: RowReader,
    extra: str | None = None,
) -> None:
    columns = ", ".join(c for c in (key, words_column, extra) if c)
    rows = connection.execute(
        sa.text(f"SELECT {columns} FROM {table} WHERE {words_column} != ''")  # noqa: S608 (our names)
    ).mappings()
    updates = []
    for row in rows:
        found = code_of(row[words_column], row[extra] if extra else "")
        if found is not None:
            code, detail = found
            updates.append({"key": row[key], "code": code, "detail": _json(detail)})
    if updates:
        connection.execute(
            sa.text(
                f"UPDATE {table} SET status_code = :code, status_detail = :detail"  # noqa: S608 (our names)
                f" WHERE {key} = :key"
            ),
            updates,
        )


def _held_order(data: dict[str, Any]) -> Found | None:
    return order_code_of(str(data.get("status_reason") or ""))


def _held_task(data: dict[str, Any]) -> Found | None:
    words = str(data.get("status_reason") or "")
    return task_code_of(words, cancelled=data.get("status") == "cancelled")


def _backfill_held(
    connection: sa.Connection,
    table: str,
    key: str,
    code_of: Callable[[dict[str, Any]], Found | None],
) -> None:
    """The hub state held back while actions were pending gets its code too: it is what the
    cache shows once they are answered."""
    rows = connection.execute(
        sa.text(f"SELECT {key}, held_hub_data FROM {table} WHERE held_hub_data IS NOT NULL")  # noqa: S608 (our names)
    ).all()
    updates = []
    for row_key, held in rows:
        data = json.loads(held) if isinstance(held, str) else held
        if not isinstance(data, dict) or data.get("status_code"):
            continue
        found = code_of(data)
        if found is not None:
            data = {**data, "status_code": found[0], "status_detail": found[1]}
            updates.append({"key": row_key, "held": _json(data)})
    if updates:
        connection.execute(
            sa.text(f"UPDATE {table} SET held_hub_data = :held WHERE {key} = :key"),  # noqa: S608 (our names)
            updates,
        )


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def downgrade() -> None:
    # In place (SQLite 3.35+), for the same reason as the upgrade: no table rebuild.
    for table in reversed(_TABLES):
        op.drop_column(table, "status_detail")
        op.drop_column(table, "status_code")
