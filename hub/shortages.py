"""The manager's decision on a shortage: found it, substitute, partial refund, cancel order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.order_lifecycle import OrderAction, next_status
from app.domain.vocabulary import OrderStatus, RecordKind, Role, TaskLineStatus
from hub import feed, tasks
from hub.catalogue import Catalogue
from hub.errors import NotFound
from hub.order_records import find_order, order_of, update_order
from hub.tables import ShortageRow, TaskRow
from hub.task_commands import move_order
from sync.protocol import ShortageData, ShortageDecision

SHORTAGE_CANCELLED = "A manager cancelled the order: items were missing."


def resolve(
    session: Session,
    shortage_id: str,
    decision: ShortageDecision,
    now: datetime,
    catalogue: Catalogue,
    *,
    substitute_sku: str = "",
    substitute_name: str = "",
) -> ShortageData:
    """Record the decision, update the task line and the order; raises NotFound or ValueError.

    found → the line is open again; substitute → the line is resolved with the substitute
    recorded; partial refund → resolved, refund = paid per unit × units short; cancel order →
    the order and its open tasks are cancelled. The order resumes once no line waits.
    """
    row = session.get(ShortageRow, shortage_id)
    if row is None:
        raise NotFound(f"No shortage {shortage_id}.")
    shortage = ShortageData.model_validate(row.body)
    if shortage.decision is not None:
        raise ValueError(f"shortage {shortage_id} already decided: {shortage.decision}")
    task_row = session.get(TaskRow, shortage.task_id)
    if task_row is None:
        raise NotFound(f"No task {shortage.task_id}.")
    task = tasks.task_of(task_row)
    index, line = next((i, ln) for i, ln in enumerate(task.lines) if ln.line_id == shortage.line_id)
    refund = None
    if decision == "partial_refund":
        refund = line.paid_cents * shortage.quantity_short // line.quantity
    decided = shortage.model_copy(
        update={
            "decision": decision,
            "refund_cents": refund,
            "substitute_sku": substitute_sku,
            "substitute_name": substitute_name,
            "decided_at": now,
            "version": shortage.version + 1,
        }
    )
    row.body = decided.model_dump(mode="json")
    row.version = decided.version
    feed.publish(
        session, row.store_id, RecordKind.SHORTAGE, shortage_id, version=row.version, data=row.body
    )
    changes: dict[str, object] = {"shortage_decision": decision}
    if decision == "found":
        changes |= {"status": TaskLineStatus.OPEN, "short_quantity": 0}
    else:
        changes |= {
            "status": TaskLineStatus.SHORT_RESOLVED,
            "substitute_sku": substitute_sku,
            "substitute_name": substitute_name,
        }
    lines = list(task.lines)
    lines[index] = line.model_copy(update=changes)
    tasks.update_task(session, task_row, lines=lines)
    if decision == "cancel_order":
        _cancel_order(session, shortage.order_id, now, catalogue)
    elif not any(ln.status is TaskLineStatus.SHORT_PENDING for ln in lines):
        move_order(session, shortage.order_id, OrderAction.RESOLVE_SHORTAGE, now)
    return decided


def _cancel_order(session: Session, order_id: str, now: datetime, catalogue: Catalogue) -> None:
    order_row = find_order(session, order_id)
    if order_row is None:
        return
    order = order_of(order_row)
    status = next_status(order.status, OrderAction.CANCEL, Role.MANAGER, order.resume_status)
    if status is OrderStatus.CANCELLED:
        updated = update_order(
            session,
            order_row,
            status=status,
            resume_status=None,
            status_reason=SHORTAGE_CANCELLED,
            closed_at=now,
        )
        tasks.follow_order(session, updated, now, catalogue)
