"""Indexes for the cashier's searches and day views.

A daily serial ("#23") is looked up with the newest first; the other searches (channel
order number, last four phone digits, pickup code) and the day views (placed_at ranges)
already have single-column indexes from 0001. The inbox's tab counts (by status and
resume status, at every reload) read a covering index instead of 100,000 rows.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 02:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_orders_serial_placed", "orders", ["daily_serial", "placed_at"], unique=False
    )
    op.create_index("ix_orders_status_resume", "orders", ["status", "resume_status"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_orders_status_resume", table_name="orders")
    op.drop_index("ix_orders_serial_placed", table_name="orders")
