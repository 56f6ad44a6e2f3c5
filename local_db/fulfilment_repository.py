"""Fulfilment tasks, their lines, and shortages as received from the hub."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db.bulk_write import BulkUpsert, placeholders
from local_db.models import Base, Order, OrderLine, Shortage, Staff, Task

_TASKS = BulkUpsert(Base.metadata.tables["tasks"], "task_id")
_TASK_LINES = BulkUpsert(Base.metadata.tables["task_lines"], "task_id, line_id")


def task_versions(session: Session, task_ids: Sequence[str]) -> dict[str, int]:
    """Stored versions of those of `task_ids` already cached."""
    if not task_ids:
        return {}
    rows = session.execute(select(Task.task_id, Task.version).where(Task.task_id.in_(task_ids)))
    return {task_id: version for task_id, version in rows}  # noqa: C416 (rows are Row objects)


def replace_tasks(
    session: Session, tasks: Sequence[dict[str, Any]], lines: Sequence[dict[str, Any]]
) -> None:
    """Insert or overwrite whole tasks and replace all their lines.

    One prepared statement per table (local_db/bulk_write.py): a first sync writes two tasks
    per order, and the ORM's bulk upsert ran one statement per row.
    """
    if not tasks:
        return
    _TASKS.execute(session, [{**row, "held_hub_data": None} for row in tasks])
    session.connection().exec_driver_sql(
        f"DELETE FROM task_lines WHERE task_id IN ({placeholders(len(tasks))})",  # noqa: S608
        tuple(row["task_id"] for row in tasks),
    )
    _TASK_LINES.execute(session, lines)


def replace_shortages(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or overwrite shortages whose version is newer than the stored one."""
    if not rows:
        return
    statement = sqlite_insert(Shortage)
    columns = [c.name for c in Shortage.__table__.columns if c.name != "shortage_id"]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["shortage_id"],
            set_={name: statement.excluded[name] for name in columns},
            where=Shortage.__table__.c.version < statement.excluded.version,
        ),
        list(rows),
    )


@dataclass(frozen=True, slots=True)
class ShortageFacts:
    """A shortage with what the manager needs beside it: the order, the line, the picker."""

    shortage_id: str
    order_id: str
    task_id: str
    line_id: str
    quantity_short: int
    reason: str
    reported_by: str
    reporter_name: str
    reported_at: datetime
    decision: str | None
    refund_cents: int | None
    substitute_name: str
    channel: str
    daily_serial: int
    order_status: str
    out_of_stock_preference: str
    expected_ready_at: datetime | None
    rider: dict[str, Any] | None
    line_sku: str
    line_name: str
    line_name_en: str
    line_quantity: int
    unit_price_cents: int
    paid_cents: int
    units_settled_before: int
    """Units of the same line refunded or replaced by earlier decisions."""


_SETTLED = ("partial_refund", "substitute")
_CLOSED_ORDER = ("cancelled", "rejected")


def shortage_facts(
    session: Session, *, open_only: bool, shortage_id: str | None = None
) -> list[ShortageFacts]:
    """Shortages joined to their order, order line and reporter (open ones: not decided yet).

    A shortage whose order or line this device has not received is left out until it has.
    """
    query = (
        select(Shortage, Order, OrderLine, Staff.name)
        .join(Order, Order.order_id == Shortage.order_id)
        .join(
            OrderLine,
            (OrderLine.order_id == Shortage.order_id) & (OrderLine.line_id == Shortage.line_id),
        )
        .outerjoin(Staff, Staff.staff_id == Shortage.reported_by)
        .order_by(Shortage.reported_at, Shortage.shortage_id)
    )
    if open_only:
        # A cancelled or rejected order's shortage has nothing left to decide (the hub settles
        # it too; until that arrives it must not head the manager's queue).
        query = query.where(Shortage.decision.is_(None), Order.status.not_in(_CLOSED_ORDER))
    if shortage_id is not None:
        query = query.where(Shortage.shortage_id == shortage_id)
    rows = session.execute(query).all()
    settled = _units_settled(session, [shortage for shortage, *_rest in rows])
    return [
        _facts(shortage, order, line, name, settled.get(shortage.shortage_id, 0))
        for shortage, order, line, name in rows
    ]


def _units_settled(session: Session, shortages: Sequence[Shortage]) -> dict[str, int]:
    if not shortages:
        return {}
    lines = {(s.task_id, s.line_id) for s in shortages}
    decided = session.scalars(
        select(Shortage).where(
            Shortage.task_id.in_([task_id for task_id, _line in lines]),
            Shortage.decision.in_(_SETTLED),
        )
    ).all()
    return {
        s.shortage_id: sum(
            d.quantity_short
            for d in decided
            if (d.task_id, d.line_id) == (s.task_id, s.line_id) and d.shortage_id != s.shortage_id
        )
        for s in shortages
    }


def _facts(
    shortage: Shortage, order: Order, line: OrderLine, name: str | None, settled: int
) -> ShortageFacts:
    return ShortageFacts(
        shortage_id=shortage.shortage_id,
        order_id=shortage.order_id,
        task_id=shortage.task_id,
        line_id=shortage.line_id,
        quantity_short=shortage.quantity_short,
        reason=shortage.reason,
        reported_by=shortage.reported_by,
        reporter_name=name or shortage.reported_by,
        reported_at=shortage.reported_at,
        decision=shortage.decision,
        refund_cents=shortage.refund_cents,
        substitute_name=shortage.substitute_name,
        channel=order.channel,
        daily_serial=order.daily_serial,
        order_status=order.status,
        out_of_stock_preference=order.out_of_stock_preference,
        expected_ready_at=order.expected_ready_at,
        rider=order.rider,
        line_sku=line.sku,
        line_name=line.name,
        line_name_en=line.name_en,
        line_quantity=line.quantity,
        unit_price_cents=line.unit_price_cents,
        paid_cents=line.paid_cents,
        units_settled_before=settled,
    )


@dataclass(frozen=True, slots=True)
class LineShortageOutcome:
    """What the manager decided on a line reported short (the latest decision on it)."""

    decision: str
    refund_cents: int | None
    substitute_name: str


def decided_lines(session: Session, order_id: str) -> dict[str, LineShortageOutcome]:
    """The order's lines that had a shortage decided, by line id (the latest decision wins)."""
    rows = session.scalars(
        select(Shortage)
        .where(Shortage.order_id == order_id, Shortage.decision.is_not(None))
        .order_by(Shortage.decided_at, Shortage.shortage_id)
    )
    return {
        row.line_id: LineShortageOutcome(
            decision=str(row.decision),
            refund_cents=row.refund_cents,
            substitute_name=row.substitute_name,
        )
        for row in rows
    }
