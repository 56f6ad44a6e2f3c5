"""Indexes for the sync engine's hot lookups: pending commands per order, open quarantine.

With thousands of actions queued offline, every feed page asks which of its orders still
have pending commands; the health view counts quarantined records not yet dismissed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 09:10:00
"""

from collections.abc import Sequence

from alembic import op

from local_db import failpoints

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_outbox_entity_state", "outbox", ["entity_kind", "entity_id", "state"], unique=False
    )
    failpoints.hit(failpoints.MIGRATION_MIDDLE)
    op.create_index(
        "ix_quarantine_dismissed", "quarantine", ["dismissed", "received_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_quarantine_dismissed", table_name="quarantine")
    op.drop_index("ix_outbox_entity_state", table_name="outbox")
