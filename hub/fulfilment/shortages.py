"""The manager's decision on a shortage: found it, substitute, partial refund, cancel order.

The refund comes from what the customer paid for the line after the promotions were
apportioned (app/domain/shortage_refunds.py, the same arithmetic the device previews), and
the channel hears of it in the same transaction (`channel_calls`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import OrderAction, TransitionRefused, next_status
from app.domain.shortage_refunds import partial_refund_cents, substitute_refund_cents
from app.domain.vocabulary import OrderStatus, RecordKind, Role, TaskLineStatus
from hub.catalogue import Catalogue, Product
from hub.channels import ChannelAction
from hub.errors import NotFound, Refusal
from hub.fulfilment import task_records, tasks
from hub.orders import status_reasons
from hub.orders.order_moves import move_order
from hub.orders.order_records import (
    channel_call_values,
    find_order,
    order_of,
    record_channel_call,
    update_order,
)
from hub.orders.order_refusals import order_label
from hub.orders.status_reasons import SHORTAGE_CANCELLED
from hub.publishing import feed
from hub.storage.tables import ChannelCallRow, OrderRow, ShortageRow, TaskRow
from sync.protocol import OrderData, ShortageData, ShortageDecision, TaskLine

_GIVES_BACK: Final = frozenset({"partial_refund", "substitute"})
"""Decisions after which the short units are settled: a later shortage refunds only the rest."""


def resolve(
    session: Session,
    shortage_id: str,
    decision: ShortageDecision,
    now: datetime,
    catalogue: Catalogue,
    *,
    substitute_sku: str = "",
    substitute_name: str = "",
    note: str = "",
    command_id: str | None = None,
) -> ShortageData:
    """Record the decision, update the task line and the order, tell the channel.

    found → the line is open again; substitute → the line is resolved with the substitute
    recorded, the customer asked (or told) through the channel and refunded the difference when
    it is cheaper; partial refund → resolved, the channel refunds paid per unit × units short;
    cancel order → the order and its open tasks are cancelled. The order resumes once no line
    waits. Raises NotFound for an unknown shortage, Refusal for a decided one or a substitute
    the catalogue does not hold.
    """
    row = session.get(ShortageRow, shortage_id)
    if row is None:
        raise NotFound(f"No shortage {shortage_id}.")
    shortage = ShortageData.model_validate(row.body)
    if shortage.decision is not None:
        raise Refusal("shortage_decided", "Another manager has already decided this shortage.")
    task_row = session.get(TaskRow, shortage.task_id)
    if task_row is None:
        raise NotFound(f"No task {shortage.task_id}.")
    task = task_records.task_of(task_row)
    index, line = next((i, ln) for i, ln in enumerate(task.lines) if ln.line_id == shortage.line_id)
    substitute = _substitute(catalogue, line, decision, substitute_sku)
    refund = _refund(session, shortage, line, decision, substitute)
    decided = shortage.model_copy(
        update={
            "decision": decision,
            "refund_cents": refund,
            "substitute_sku": substitute.sku if substitute else "",
            "substitute_name": substitute.name if substitute else substitute_name,
            "decided_at": now,
            "version": shortage.version + 1,
        }
    )
    row.body = decided.model_dump(mode="json")
    row.version = decided.version
    feed.publish(
        session, row.store_id, RecordKind.SHORTAGE, shortage_id, version=row.version, data=row.body
    )
    lines = list(task.lines)
    lines[index] = line.model_copy(update=_line_changes(decided))
    task_records.update_task(session, task_row, lines=lines)
    _tell_channel(session, decided, line, now, note=note, command_id=command_id)
    if decision == "cancel_order":
        _cancel_order(session, shortage.order_id, now, catalogue, command_id)
    elif not any(ln.status is TaskLineStatus.SHORT_PENDING for ln in lines):
        move_order(session, shortage.order_id, OrderAction.RESOLVE_SHORTAGE, now)
        _resume_preparing(session, shortage.order_id)
    return decided


def _resume_preparing(session: Session, order_id: str) -> None:
    """Nothing waits any more: an order a customer's open cancel request holds goes back to
    preparing, not to shortage_pending, if the store refuses the request (else it would wait
    there for a decision nobody has left to take)."""
    order_row = find_order(session, order_id)
    if order_row is None:
        return
    order = order_of(order_row)
    if order.resume_status is OrderStatus.SHORTAGE_PENDING:
        update_order(session, order_row, resume_status=OrderStatus.PREPARING)


def _substitute(
    catalogue: Catalogue, line: TaskLine, decision: ShortageDecision, sku: str
) -> Product | None:
    if decision != "substitute":
        return None
    product = catalogue.find(sku)
    if product is None or product.sku == line.sku:
        raise Refusal("unknown_substitute", f"There is no other item {sku!r} to substitute with.")
    return product


def _refund(
    session: Session,
    shortage: ShortageData,
    line: TaskLine,
    decision: ShortageDecision,
    substitute: Product | None,
) -> int | None:
    """What the customer gets back, from the line's apportioned paid amount; None: nothing."""
    if decision not in _GIVES_BACK:
        return None
    before = _units_settled_before(session, shortage)
    if substitute is not None:
        return substitute_refund_cents(
            line.paid_cents, line.quantity, shortage.quantity_short, substitute.price_cents, before
        )
    return partial_refund_cents(line.paid_cents, line.quantity, shortage.quantity_short, before)


def _units_settled_before(session: Session, shortage: ShortageData) -> int:
    """Units of the same line refunded or replaced by earlier decisions (they count)."""
    rows = session.scalars(
        select(ShortageRow).where(
            ShortageRow.task_id == shortage.task_id,
            ShortageRow.line_id == shortage.line_id,
            ShortageRow.shortage_id != shortage.shortage_id,
        )
    )
    earlier = (ShortageData.model_validate(row.body) for row in rows)
    return sum(s.quantity_short for s in earlier if s.decision in _GIVES_BACK)


def _line_changes(decided: ShortageData) -> dict[str, object]:
    if decided.decision == "found":
        return {"status": TaskLineStatus.OPEN, "short_quantity": 0, "shortage_decision": "found"}
    return {
        "status": TaskLineStatus.SHORT_RESOLVED,
        "shortage_decision": decided.decision,
        "substitute_sku": decided.substitute_sku,
        "substitute_name": decided.substitute_name,
    }


def _tell_channel(
    session: Session,
    decided: ShortageData,
    line: TaskLine,
    now: datetime,
    *,
    note: str,
    command_id: str | None,
) -> None:
    """Record the channel calls of a substitute or a refund (a cancel is the order's own)."""
    order_row = find_order(session, decided.order_id)
    if order_row is None:
        return
    order = order_of(order_row)
    details: dict[str, Any] = {"sku": line.sku, "quantity": decided.quantity_short}
    if decided.decision == "substitute":
        consent = CHANNEL_RULES[order.channel].substitution_needs_consent
        extra = details | {
            "substitute_sku": decided.substitute_sku,
            "substitute_name": decided.substitute_name,
            "needs_consent": consent,
        }
        _call(session, order, ChannelAction.SUBSTITUTE, now, extra, note, command_id)
    if decided.refund_cents:
        extra = details | {"refund_cents": decided.refund_cents}
        _call(session, order, ChannelAction.PARTIAL_REFUND, now, extra, note, command_id)


def _call(  # noqa: PLR0917 (one call: order, action, time, details, note, command)
    session: Session,
    order: OrderData,
    action: ChannelAction,
    now: datetime,
    details: dict[str, Any],
    note: str,
    command_id: str | None,
) -> None:
    values = channel_call_values(order, action, now, note=note, command_id=command_id)
    # The channel's own call body names the order; the shortage's figures go beside it.
    values["payload"] = {**values["payload"], **details}
    session.add(ChannelCallRow(**values))


def _cancel_order(
    session: Session,
    order_id: str,
    now: datetime,
    catalogue: Catalogue,
    command_id: str | None,
) -> None:
    """Cancel the order; one whose customer asked to cancel has that request agreed.

    Raises Refusal when the order can no longer be cancelled (the device's outbox must get an
    answer, not an error it would retry for ever).
    """
    order_row = find_order(session, order_id)
    if order_row is None:
        return
    order = order_of(order_row)
    if order.status is OrderStatus.CANCEL_REQUESTED:
        _agree_cancel_request(session, order_row, order, now, catalogue, command_id)
        return
    try:
        status = next_status(order.status, OrderAction.CANCEL, Role.MANAGER, order.resume_status)
    except TransitionRefused as refused:
        raise Refusal(
            "order_not_cancellable",
            f"{order_label(order)} can no longer be cancelled ({order.status.value}).",
        ) from refused
    updated = update_order(
        session,
        order_row,
        status=status,
        resume_status=None,
        closed_at=now,
        **status_reasons.shortage_cancelled(),
    )
    record_channel_call(
        session, updated, ChannelAction.CANCEL, now, note=SHORTAGE_CANCELLED, command_id=command_id
    )
    tasks.follow_order(session, updated, now, catalogue)


def _agree_cancel_request(  # noqa: PLR0917 (the order and what cancelling it needs)
    session: Session,
    order_row: OrderRow,
    order: OrderData,
    now: datetime,
    catalogue: Catalogue,
    command_id: str | None,
) -> None:
    """The manager cancelling for a shortage agrees to the customer's own cancel request: the
    customer gets what they asked for, and the channel hears an answer, not a second cancel."""
    status = next_status(order.status, OrderAction.AGREE_CANCEL, Role.MANAGER)
    request = order.request
    changes: dict[str, Any] = {}
    if request is not None:
        changes["request"] = request.model_copy(
            update={"answer": "agreed", "answer_reason": SHORTAGE_CANCELLED, "answered_at": now}
        )
    updated = update_order(
        session,
        order_row,
        status=status,
        resume_status=None,
        closed_at=now,
        **status_reasons.shortage_cancelled(),
        **changes,
    )
    record_channel_call(
        session,
        updated,
        ChannelAction.AGREE_CANCEL,
        now,
        note=SHORTAGE_CANCELLED,
        command_id=command_id,
    )
    tasks.follow_order(session, updated, now, catalogue)
