"""Order side flows: customer requests, reminders, scheduled orders, handover, pickup codes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 02:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every new column is nullable: orders cached before keep working and the next feed
    # delivery of each fills them in.
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("request", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("reminders", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("scheduled_for", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("prepare_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("handover", sa.JSON(), nullable=True))
        batch.create_index(batch.f("ix_orders_prepare_at"), ["prepare_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_index(batch.f("ix_orders_prepare_at"))
        batch.drop_column("handover")
        batch.drop_column("prepare_at")
        batch.drop_column("scheduled_for")
        batch.drop_column("reminders")
        batch.drop_column("request")
