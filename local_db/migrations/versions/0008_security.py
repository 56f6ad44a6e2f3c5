"""Security and the manager: the hash-chained audit trail, the PIN lockout counters, the
customer's full number, task times, the catalogue and other devices' sync health.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("customer_phone", sa.String(length=32), nullable=True))
    op.add_column("tasks", sa.Column("started_at", sa.String(length=32), nullable=True))
    op.add_column("tasks", sa.Column("done_at", sa.String(length=32), nullable=True))
    op.create_table(
        "products",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("barcode", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=False),
        sa.Column("weighed", sa.Boolean(), nullable=False),
        sa.Column("location_zone", sa.String(length=16), nullable=True),
        sa.Column("location_aisle", sa.Integer(), nullable=True),
        sa.Column("location_shelf", sa.Integer(), nullable=True),
        sa.Column("location_position", sa.Integer(), nullable=True),
        sa.Column("in_stock", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sku", name=op.f("pk_products")),
    )
    op.create_index("ix_products_name", "products", ["name"])
    op.create_index("ix_products_barcode", "products", ["barcode"])
    op.create_table(
        "device_health",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("device_name", sa.String(length=80), nullable=False),
        sa.Column("pending_count", sa.Integer(), nullable=False),
        sa.Column("oldest_pending_at", sa.String(length=32), nullable=True),
        sa.Column("last_pull_at", sa.String(length=32), nullable=True),
        sa.Column("last_push_at", sa.String(length=32), nullable=True),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.Column("quarantined_count", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_health")),
    )
    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("monotonic_ns", sa.Integer(), nullable=False),
        sa.Column("boot_id", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("staff_name", sa.String(length=80), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entries")),
    )
    op.create_index("ix_audit_entries_at", "audit_entries", ["at"])
    op.create_index("ix_audit_entries_staff_at", "audit_entries", ["staff_id", "at"])
    op.create_index("ix_audit_entries_action_at", "audit_entries", ["action", "at"])
    op.create_table(
        "sign_in_guards",
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.String(length=32), nullable=True),
        sa.Column("locked_at", sa.String(length=32), nullable=True),
        sa.Column("clock_high_water", sa.String(length=32), nullable=True),
        sa.Column("locked_elapsed_s", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_sign_in_guards")),
    )


def downgrade() -> None:
    op.drop_table("device_health")
    op.drop_index("ix_products_barcode", table_name="products")
    op.drop_index("ix_products_name", table_name="products")
    op.drop_table("products")
    op.drop_column("tasks", "done_at")
    op.drop_column("tasks", "started_at")
    op.drop_column("orders", "customer_phone")
    op.drop_table("sign_in_guards")
    op.drop_index("ix_audit_entries_action_at", table_name="audit_entries")
    op.drop_index("ix_audit_entries_staff_at", table_name="audit_entries")
    op.drop_index("ix_audit_entries_at", table_name="audit_entries")
    op.drop_table("audit_entries")
