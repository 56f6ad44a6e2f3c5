"""Print journal: one ticket per (order, revision, station); print jobs and printers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 02:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "print_revisions",
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("seen_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("order_id", "revision", name=op.f("pk_print_revisions")),
    )
    op.create_index(
        "ix_print_revisions_digest", "print_revisions", ["order_id", "digest"], unique=True
    )
    op.create_table(
        "print_tickets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("copy", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("target_printer", sa.String(length=40), nullable=False),
        sa.Column("printed_by", sa.String(length=40), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=32), nullable=True),
        sa.Column("printed_at", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("interrupted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_tickets")),
    )
    op.create_index(
        "ix_print_tickets_key",
        "print_tickets",
        ["order_id", "revision", "station", "kind", "copy"],
        unique=True,
    )
    op.create_index("ix_print_tickets_state", "print_tickets", ["state", "next_attempt_at"])
    op.create_index("ix_print_tickets_created", "print_tickets", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_print_tickets_created", table_name="print_tickets")
    op.drop_index("ix_print_tickets_state", table_name="print_tickets")
    op.drop_index("ix_print_tickets_key", table_name="print_tickets")
    op.drop_table("print_tickets")
    op.drop_index("ix_print_revisions_digest", table_name="print_revisions")
    op.drop_table("print_revisions")
