"""Initial schema of the device cache.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 04:37:11.023073
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "orders",
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("channel_order_no", sa.String(length=64), nullable=False),
        sa.Column("daily_serial", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("resume_status", sa.String(length=24), nullable=True),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("fulfilment", sa.String(length=16), nullable=False),
        sa.Column("customer_name", sa.String(length=80), nullable=False),
        sa.Column("customer_phone_masked", sa.String(length=32), nullable=False),
        sa.Column("phone_last4", sa.String(length=4), nullable=False),
        sa.Column("out_of_stock_preference", sa.String(length=24), nullable=False),
        sa.Column("subtotal_cents", sa.Integer(), nullable=False),
        sa.Column("discount_cents", sa.Integer(), nullable=False),
        sa.Column("delivery_fee_cents", sa.Integer(), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("placed_at", sa.String(length=32), nullable=False),
        sa.Column("accept_by", sa.String(length=32), nullable=False),
        sa.Column("expected_ready_at", sa.String(length=32), nullable=True),
        sa.Column("accepted_at", sa.String(length=32), nullable=True),
        sa.Column("ready_at", sa.String(length=32), nullable=True),
        sa.Column("handed_over_at", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.String(length=32), nullable=True),
        sa.Column("pickup_code", sa.String(length=16), nullable=True),
        sa.Column("rider", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("held_hub_data", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_orders")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_orders_channel_order_no"), ["channel_order_no"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_orders_phone_last4"), ["phone_last4"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_pickup_code"), ["pickup_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_placed_at"), ["placed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_status"), ["status"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("command_id", sa.String(length=36), nullable=False),
        sa.Column("command_type", sa.String(length=32), nullable=False),
        sa.Column("entity_kind", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("completed_at", sa.String(length=32), nullable=True),
        sa.Column("outcome_reason", sa.String(length=64), nullable=False),
        sa.Column("outcome_message", sa.Text(), nullable=False),
        sa.Column("notice_seen", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("command_id", name=op.f("uq_outbox_command_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index("ix_outbox_state_seq", ["state", "seq"], unique=False)

    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    op.create_table(
        "shortages",
        sa.Column("shortage_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("quantity_short", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("reported_at", sa.String(length=32), nullable=False),
        sa.Column("decision", sa.String(length=24), nullable=True),
        sa.Column("refund_cents", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("shortage_id", name=op.f("pk_shortages")),
    )
    with op.batch_alter_table("shortages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shortages_order_id"), ["order_id"], unique=False)

    op.create_table(
        "staff",
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("pin_algorithm", sa.String(length=16), nullable=False),
        sa.Column("pin_salt_hex", sa.String(length=128), nullable=False),
        sa.Column("pin_hash_hex", sa.String(length=256), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("clocked_in", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff")),
    )
    op.create_table(
        "store_settings",
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_store_settings")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "tasks",
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assignee_staff_id", sa.String(length=64), nullable=True),
        sa.Column("due_at", sa.String(length=32), nullable=True),
        sa.Column("bag_count", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("held_hub_data", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tasks_assignee_staff_id"), ["assignee_staff_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_tasks_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tasks_status"), ["status"], unique=False)

    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("barcode", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=False),
        sa.Column("paid_cents", sa.Integer(), nullable=False),
        sa.Column("weighed", sa.Boolean(), nullable=False),
        sa.Column("ordered_weight_g", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("location_zone", sa.String(length=16), nullable=True),
        sa.Column("location_aisle", sa.Integer(), nullable=True),
        sa.Column("location_shelf", sa.Integer(), nullable=True),
        sa.Column("location_position", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.order_id"],
            name=op.f("fk_order_lines_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("order_id", "line_id", name=op.f("pk_order_lines")),
    )
    op.create_table(
        "task_lines",
        sa.Column("task_id", sa.String(length=64), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("barcode", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("picked_quantity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("location_zone", sa.String(length=16), nullable=True),
        sa.Column("location_aisle", sa.Integer(), nullable=True),
        sa.Column("location_shelf", sa.Integer(), nullable=True),
        sa.Column("location_position", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["tasks.task_id"],
            name=op.f("fk_task_lines_task_id_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("task_id", "line_id", name=op.f("pk_task_lines")),
    )


def downgrade() -> None:

    op.drop_table("task_lines")
    op.drop_table("order_lines")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tasks_status"))
        batch_op.drop_index(batch_op.f("ix_tasks_order_id"))
        batch_op.drop_index(batch_op.f("ix_tasks_assignee_staff_id"))

    op.drop_table("tasks")
    op.drop_table("sync_state")
    op.drop_table("store_settings")
    op.drop_table("staff")
    with op.batch_alter_table("shortages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shortages_order_id"))

    op.drop_table("shortages")
    op.drop_table("quarantine")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_seq")
        batch_op.drop_index(batch_op.f("ix_outbox_entity_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_status"))
        batch_op.drop_index(batch_op.f("ix_orders_placed_at"))
        batch_op.drop_index(batch_op.f("ix_orders_pickup_code"))
        batch_op.drop_index(batch_op.f("ix_orders_phone_last4"))
        batch_op.drop_index(batch_op.f("ix_orders_channel_order_no"))

    op.drop_table("orders")
