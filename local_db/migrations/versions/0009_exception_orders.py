"""Exception orders: what the hub could not read of a channel's order, kept with the order.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: orders cached before were all read in full by the hub; none is an exception.
    op.add_column("orders", sa.Column("exception", sa.JSON(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+), as 0008: a batch copy of `orders` would drop the old table and,
    # with foreign keys on, every order line with it.
    op.drop_column("orders", "exception")
