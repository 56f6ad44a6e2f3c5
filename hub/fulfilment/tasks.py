"""Tasks follow their orders: a pick task for an accepted order, none left open for a closed one.

A task is stored as its TaskData JSON (`TaskRow.body`, task_records.py) and every change bumps
its version and its feed row, like orders. A cancelled or rejected order has its open tasks
cancelled in the same transaction; new tasks are dispatched at once (dispatch.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.domain.vocabulary import OrderStatus, RecordKind, TaskKind, TaskStatus
from hub.catalogue import Catalogue
from hub.fulfilment import task_reasons
from hub.fulfilment.dispatch import assign_new
from hub.fulfilment.task_records import (
    OPEN,
    next_task_version,
    task_id_of,
    task_of,
    tasks_of_orders,
)
from hub.publishing import feed
from hub.storage.engine import Base
from hub.storage.tables import ShortageRow, TaskRow
from sync.protocol import OrderData, ShortageData, TaskData, TaskLine

_NEEDS_PICKING: Final = frozenset({OrderStatus.ACCEPTED, OrderStatus.PREPARING})
_CLOSED_ORDER: Final = frozenset({OrderStatus.CANCELLED, OrderStatus.REJECTED})
_GONE_ORDER: Final = frozenset({OrderStatus.HANDED_OVER, OrderStatus.COMPLETED})
"""Handed over at the counter while still being picked: nothing left to pick or pack."""
_TASKS: Final = Base.metadata.tables["tasks"]
_UPDATE_TASK: Final = (
    update(_TASKS)
    .where(_TASKS.c.task_id == bindparam("key_task_id"))
    .values(
        status=bindparam("new_status"),
        assignee_staff_id=bindparam("new_assignee_staff_id"),
        version=bindparam("new_version"),
        body=bindparam("new_body"),
    )
)


def pick_task(order: OrderData, catalogue: Catalogue) -> TaskData:
    """A new, queued pick task for every line of `order`."""
    lines = []
    for line in order.lines:
        product = catalogue.find(line.sku)
        lines.append(
            TaskLine(
                line_id=line.line_id,
                sku=line.sku,
                name=line.name,
                barcode=line.barcode,
                quantity=line.quantity,
                location=line.location,
                weighed=line.weighed,
                ordered_weight_g=line.ordered_weight_g,
                price_per_kg_cents=None if product is None else product.price_per_kg_cents,
                paid_cents=line.paid_cents,
            )
        )
    return TaskData(
        task_id=task_id_of(order.order_id, TaskKind.PICK),
        order_id=order.order_id,
        kind=TaskKind.PICK,
        status=TaskStatus.QUEUED,
        lines=lines,
        due_at=order.expected_ready_at,
        channel=order.channel,
        daily_serial=order.daily_serial,
        out_of_stock_preference=order.customer.out_of_stock_preference,
        version=1,
    )


def follow_order(session: Session, order: OrderData, now: datetime, catalogue: Catalogue) -> None:
    """Bring the order's tasks in line with the order, in the caller's transaction.

    An accepted order without tasks gets its pick task (dispatched at once if someone is on
    duty); a cancelled or rejected order, or one handed over at the counter, has its open
    tasks cancelled.
    """
    follow_orders(session, [order], now, catalogue)


def follow_orders(
    session: Session, orders: Sequence[OrderData], now: datetime, catalogue: Catalogue
) -> None:
    """`follow_order` for many orders (each once) at once: one read of their tasks, one
    dispatch per store, and the task and feed rows written with one statement per kind of
    write (a batch of 100 accepts is 100 new tasks, not 100 dispatch rounds nor 100 flushes)."""
    if not orders:
        return
    session.flush()  # what follows reads and writes rows past the ORM
    existing = tasks_of_orders(session, [order.order_id for order in orders])
    for store_id in dict.fromkeys(order.store_id for order in orders):
        _follow(
            session,
            store_id=store_id,
            orders=[o for o in orders if o.store_id == store_id],
            existing=existing,
            now=now,
            catalogue=catalogue,
        )


def _follow(
    session: Session,
    *,
    store_id: str,
    orders: Sequence[OrderData],
    existing: dict[str, list[TaskRow]],
    now: datetime,
    catalogue: Catalogue,
) -> None:
    """`follow_orders` for the orders of one store.

    Seqs are taken in the order the ORM path took them (cancels and new tasks order by order,
    then dispatch), so a new task dispatched at once is stored once, at version 2 as before.
    """
    published = feed.FeedBatch(session, store_id)
    cancelled: list[_Change] = []
    new: dict[str, _Change] = {}
    for order in orders:
        rows = existing.get(order.order_id, [])
        if order.status in _CLOSED_ORDER or order.status in _GONE_ORDER:
            cancelled.extend(_cancel_tasks(session, order, rows, now, published))
        elif order.status in _NEEDS_PICKING and not rows:
            task = pick_task(order, catalogue)
            new[task.task_id] = _Change(None, task, seq=published.reserve())
    _store_changes(session, cancelled)
    assigned: list[_Change] = []
    for row, task in assign_new(session, store_id, [c.task for c in new.values()]):
        if row is None:
            new[task.task_id] = _Change(None, task).publish(published)
        else:
            assigned.append(_Change(row, task).publish(published))
    for change in new.values():
        if not change.body:  # not dispatched: published at the seq it took when made
            change.publish(published)
    _store_changes(session, assigned)
    if new:
        session.execute(
            insert(_TASKS),
            [
                {
                    "task_id": change.task.task_id,
                    "store_id": store_id,
                    "order_id": change.task.order_id,
                    "kind": change.task.kind.value,
                    "status": change.task.status.value,
                    "assignee_staff_id": change.task.assignee_staff_id,
                    "created_at": now,
                    "version": change.task.version,
                    "body": change.body,
                }
                for change in new.values()
            ],
        )
    published.write()


def _cancel_tasks(
    session: Session,
    order: OrderData,
    rows: Sequence[TaskRow],
    now: datetime,
    published: feed.FeedBatch,
) -> list[_Change]:
    """The cancelled next versions of a closed or handed-over order's open tasks, published;
    a closed order's undecided shortages are settled too."""
    if order.status in _GONE_ORDER:
        reason = task_reasons.order_left_store()
    else:
        reason = task_reasons.order_cancelled(order)
    cancelled = [
        _Change(
            row,
            next_task_version(task_of(row), now=now, status=TaskStatus.CANCELLED, **reason),
        ).publish(published)
        for row in rows
        if TaskStatus(row.status) in OPEN
    ]
    if order.status in _CLOSED_ORDER and rows:  # a shortage needs a pick task
        close_shortages_of(session, order.order_id, now, published)
    return cancelled


class _Change:
    """A task's next version, dumped once, and the stored row it replaces (None: a new task)."""

    def __init__(self, row: TaskRow | None, task: TaskData, seq: int | None = None) -> None:
        self.row = row
        self.task = task
        self.seq = seq
        self.body: dict[str, Any] = {}

    def publish(self, published: feed.FeedBatch) -> _Change:
        """Dump the task and put it in the feed (at its reserved seq, if any)."""
        self.body = self.task.model_dump(mode="json")
        published.publish(
            RecordKind.TASK,
            self.task.task_id,
            version=self.task.version,
            data=self.body,
            seq=self.seq,
        )
        return self


def _store_changes(session: Session, changes: Sequence[_Change]) -> None:
    """Write the next versions of stored tasks in one statement; keep their rows in step."""
    if not changes:
        return
    session.execute(
        _UPDATE_TASK,
        [
            {
                "key_task_id": change.task.task_id,
                "new_status": change.task.status.value,
                "new_assignee_staff_id": change.task.assignee_staff_id,
                "new_version": change.task.version,
                "new_body": change.body,
            }
            for change in changes
        ],
    )
    for change in changes:
        row = change.row
        assert row is not None
        set_committed_value(row, "status", change.task.status.value)
        set_committed_value(row, "assignee_staff_id", change.task.assignee_staff_id)
        set_committed_value(row, "version", change.task.version)
        set_committed_value(row, "body", change.body)


def close_shortages_of(
    session: Session, order_id: str, now: datetime, published: feed.FeedBatch | None = None
) -> None:
    """Settle the undecided shortages of a cancelled or rejected order as `cancel_order`:
    nothing is left to decide, and an open one would head the manager's queue for ever with
    every decision refused. Published (through `published` when given), so devices drop
    them from the queue too."""
    rows = session.scalars(
        select(ShortageRow)
        .where(ShortageRow.order_id == order_id)
        .order_by(ShortageRow.shortage_id)
    )
    for row in rows:
        shortage = ShortageData.model_validate(row.body)
        if shortage.decision is not None:
            continue
        closed = shortage.model_copy(
            update={"decision": "cancel_order", "decided_at": now, "version": shortage.version + 1}
        )
        row.body = closed.model_dump(mode="json")
        row.version = closed.version
        if published is not None:
            published.publish(
                RecordKind.SHORTAGE, row.shortage_id, version=row.version, data=row.body
            )
            continue
        feed.publish(
            session,
            row.store_id,
            RecordKind.SHORTAGE,
            row.shortage_id,
            version=row.version,
            data=row.body,
        )
