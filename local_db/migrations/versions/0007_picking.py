"""Picking on the handheld: what a task and its lines carry, shortage decisions, task notices.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 03:30:00
"""

from collections.abc import Sequence
from typing import Any, Final

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.types import TypeEngine

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EMPTY: Final = sa.text("''")
"""The empty string as a server default (a bare "" would be no default at all)."""
_TASK_NOT_NULL: tuple[tuple[str, TypeEngine[Any], str | TextClause], ...] = (
    ("out_of_stock_preference", sa.String(length=24), "contact_me"),
    ("paused", sa.Boolean(), "0"),
    ("status_reason", sa.Text(), _EMPTY),
)
_LINE_NOT_NULL: tuple[tuple[str, TypeEngine[Any], str | TextClause], ...] = (
    ("weighed", sa.Boolean(), "0"),
    ("price_difference_cents", sa.Integer(), "0"),
    ("paid_cents", sa.Integer(), "0"),
    ("short_quantity", sa.Integer(), "0"),
    ("substitute_sku", sa.String(length=64), _EMPTY),
    ("substitute_name", sa.String(length=120), _EMPTY),
)
_SHORTAGE_NOT_NULL: tuple[tuple[str, TypeEngine[Any], str | TextClause], ...] = (
    ("substitute_sku", sa.String(length=64), _EMPTY),
    ("substitute_name", sa.String(length=120), _EMPTY),
)


def upgrade() -> None:
    # Tasks cached before keep working: the required columns come with a server default (the
    # models carry the same), the rest stay NULL until the next feed delivery of each task.
    # Plain ADD COLUMN only: a table rebuild of `tasks` would drop the old table, and with
    # foreign keys on, its lines with it (ON DELETE CASCADE).
    nullable: dict[str, tuple[tuple[str, TypeEngine[Any]], ...]] = {
        "tasks": (
            ("channel", sa.String(length=16)),
            ("daily_serial", sa.Integer()),
            ("handed_to", sa.String(length=16)),
        ),
        "task_lines": (
            ("ordered_weight_g", sa.Integer()),
            ("price_per_kg_cents", sa.Integer()),
            ("actual_weight_g", sa.Integer()),
            ("short_reason", sa.String(length=24)),
            ("shortage_decision", sa.String(length=24)),
        ),
        "shortages": (("decided_at", sa.String(length=32)),),
    }
    required = {
        "tasks": _TASK_NOT_NULL,
        "task_lines": _LINE_NOT_NULL,
        "shortages": _SHORTAGE_NOT_NULL,
    }
    for table, columns in nullable.items():
        for name, kind in columns:
            op.add_column(table, sa.Column(name, kind, nullable=True))
    for table, defaults in required.items():
        for name, required_kind, default in defaults:
            column = sa.Column(name, required_kind, nullable=False, server_default=default)
            op.add_column(table, column)
    op.create_table(
        "task_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("seen", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_notices")),
    )
    op.create_index(
        "ix_task_notices_staff_seen", "task_notices", ["staff_id", "seen"], unique=False
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), for the same reason as the upgrade: no table rebuild.
    op.drop_index("ix_task_notices_staff_seen", table_name="task_notices")
    op.drop_table("task_notices")
    dropped = {
        "shortages": ("substitute_name", "substitute_sku", "decided_at"),
        "task_lines": (
            *(name for name, _kind, _default in reversed(_LINE_NOT_NULL)),
            "shortage_decision",
            "short_reason",
            "actual_weight_g",
            "price_per_kg_cents",
            "ordered_weight_g",
        ),
        "tasks": (
            *(name for name, _kind, _default in reversed(_TASK_NOT_NULL)),
            "handed_to",
            "daily_serial",
            "channel",
        ),
    }
    for table, names in dropped.items():
        for name in names:
            op.drop_column(table, name)
