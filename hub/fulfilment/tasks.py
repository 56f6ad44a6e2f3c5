"""Fulfilment tasks at the hub: made from accepted orders, dispatched, cancelled with them.

A task is stored as its TaskData JSON (`TaskRow.body`) and every change bumps its version and
its feed row, like orders. Tasks follow their order: an accepted order gets a pick task, a
cancelled or rejected one has its open tasks cancelled in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.domain.vocabulary import OrderStatus, RecordKind, Role, TaskKind, TaskStatus
from hub.catalogue import Catalogue
from hub.fulfilment.dispatch import PickerOnDuty, choose_picker
from hub.publishing import feed
from hub.storage.engine import Base
from hub.storage.tables import ShortageRow, StaffRow, TaskRow
from sync.protocol import OrderData, ShortageData, TaskData, TaskLine

OPEN: Final = frozenset({TaskStatus.QUEUED, TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS})
"""Task statuses that still need a picker."""
_NEEDS_PICKING: Final = frozenset({OrderStatus.ACCEPTED, OrderStatus.PREPARING})
_CLOSED_ORDER: Final = frozenset({OrderStatus.CANCELLED, OrderStatus.REJECTED})
_FINISHED: Final = frozenset({TaskStatus.DONE, TaskStatus.CANCELLED})
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


def task_id_of(order_id: str, kind: TaskKind) -> str:
    """The id of an order's pick or pack task (one of each per order)."""
    return f"{order_id}-{kind.value}"


def task_of(row: TaskRow) -> TaskData:
    """The wire form of a stored task."""
    return TaskData.model_validate(row.body)


def next_task_version(
    current: TaskData, *, now: datetime | None = None, **changes: Any
) -> TaskData:
    """The task's next version with `changes` applied, validated.

    The first move to in progress stamps `started_at`, the move to done or cancelled `done_at`
    (at `now`, else the wall clock), so the manager's pick-time figures need no event log.
    """
    status = changes.get("status", current.status)
    moment = now or datetime.now(UTC)
    if status == TaskStatus.IN_PROGRESS and current.started_at is None:
        changes.setdefault("started_at", moment)
    if status in _FINISHED and current.done_at is None:
        changes.setdefault("done_at", moment)
    # A copy, not a re-validation of the whole task: `changes` come from the hub's own code
    # (statuses, ids, times of the right types), and a task has many lines.
    unknown = set(changes) - set(TaskData.model_fields)
    if unknown:
        raise TypeError(f"not fields of a task: {sorted(unknown)}")
    return current.model_copy(update={**changes, "version": current.version + 1})


def save_task(session: Session, row: TaskRow, task: TaskData) -> TaskData:
    """Store `task` (already at its next version) in `row` and bump its feed row."""
    row.body = task.model_dump(mode="json")
    row.status = task.status.value
    row.assignee_staff_id = task.assignee_staff_id
    row.version = task.version
    feed.publish(
        session, row.store_id, RecordKind.TASK, row.task_id, version=row.version, data=row.body
    )
    return task


def update_task(
    session: Session, row: TaskRow, *, now: datetime | None = None, **changes: Any
) -> TaskData:
    """Apply `changes` as the task's next version and publish it (`now`: see next_task_version)."""
    return save_task(session, row, next_task_version(task_of(row), now=now, **changes))


def insert_task(session: Session, store_id: str, task: TaskData, now: datetime) -> TaskRow:
    """Store a new task and put it in the store's feed."""
    row = TaskRow(
        task_id=task.task_id,
        store_id=store_id,
        order_id=task.order_id,
        kind=task.kind.value,
        status=task.status.value,
        assignee_staff_id=task.assignee_staff_id,
        created_at=now,
        version=task.version,
        body=task.model_dump(mode="json"),
    )
    session.add(row)
    feed.publish(session, store_id, RecordKind.TASK, task.task_id, version=1, data=row.body)
    return row


def tasks_of_order(session: Session, order_id: str) -> list[TaskRow]:
    """The order's tasks, pick before pack."""
    return list(
        session.scalars(
            select(TaskRow).where(TaskRow.order_id == order_id).order_by(TaskRow.kind.desc())
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
    existing = _tasks_of_orders(session, [order.order_id for order in orders])
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
    for row, task in _dispatch_with(session, store_id, [c.task for c in new.values()]):
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
    reason = order.status_reason or "The order was cancelled."
    if order.status in _GONE_ORDER:
        reason = "The order already left the store."
    cancelled = [
        _Change(
            row,
            next_task_version(
                task_of(row), now=now, status=TaskStatus.CANCELLED, status_reason=reason
            ),
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


def _dispatch_with(
    session: Session, store_id: str, new: Sequence[TaskData]
) -> list[tuple[TaskRow | None, TaskData]]:
    """`dispatch` of the store's queued tasks plus `new` ones not stored yet, in memory: the
    assigned next version of each task given a picker, in dispatch order, with its stored row
    (None for a new task). The chosen picker's load goes up by one, as re-reading it would."""
    if not new:
        return []
    pickers = pickers_on_duty(session, store_id)
    if not pickers:
        return []  # nobody on duty: every queued task waits, the queue is not read
    queued = session.scalars(
        select(TaskRow).where(
            TaskRow.store_id == store_id, TaskRow.status == TaskStatus.QUEUED.value
        )
    )
    waiting: list[tuple[TaskRow | None, TaskData]] = [(row, task_of(row)) for row in queued]
    waiting.extend((None, task) for task in new)
    waiting.sort(key=lambda pair: _task_due_key(pair[1]))
    assigned: list[tuple[TaskRow | None, TaskData]] = []
    for row, task in waiting:
        staff_id = choose_picker(_zones(task), pickers)
        if staff_id is None:
            continue
        assigned.append(
            (row, next_task_version(task, status=TaskStatus.ASSIGNED, assignee_staff_id=staff_id))
        )
        pickers = [
            replace(p, open_tasks=p.open_tasks + 1) if p.staff_id == staff_id else p
            for p in pickers
        ]
    return assigned


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


def _tasks_of_orders(session: Session, order_ids: Sequence[str]) -> dict[str, list[TaskRow]]:
    """The tasks of these orders by order, pick before pack, in one read."""
    found: dict[str, list[TaskRow]] = {}
    rows = session.scalars(
        select(TaskRow)
        .where(TaskRow.order_id.in_(order_ids))
        .order_by(TaskRow.order_id, TaskRow.kind.desc())
    )
    for row in rows:
        found.setdefault(row.order_id, []).append(row)
    return found


def pickers_on_duty(session: Session, store_id: str) -> list[PickerOnDuty]:
    """Clocked-in, active pickers of the store with how many open tasks each holds."""
    rows = session.execute(
        select(TaskRow.assignee_staff_id, func.count())
        .where(
            TaskRow.store_id == store_id,
            TaskRow.status.in_([status.value for status in OPEN]),
            TaskRow.assignee_staff_id.is_not(None),
        )
        .group_by(TaskRow.assignee_staff_id)
    )
    loads = {staff_id: count for staff_id, count in rows}  # noqa: C416 (rows are Row objects)
    staff = session.scalars(
        select(StaffRow).where(StaffRow.store_id == store_id, StaffRow.active, StaffRow.clocked_in)
    )
    return [
        PickerOnDuty(row.staff_id, frozenset(row.zones or ()), loads.get(row.staff_id, 0))
        for row in staff
        if Role.PICKER.value in row.roles
    ]


def dispatch(session: Session, store_id: str) -> list[TaskData]:
    """Give every queued task of the store to a picker on duty, earliest due first."""
    session.flush()
    pickers = pickers_on_duty(session, store_id)
    if not pickers:
        # Nobody on duty: every queued task waits. Not reading the queue here keeps a store
        # whose pickers are all off (a reconnect draining hundreds of accepts) linear.
        return []
    queued = session.scalars(
        select(TaskRow)
        .where(TaskRow.store_id == store_id, TaskRow.status == TaskStatus.QUEUED.value)
        .order_by(TaskRow.created_at, TaskRow.task_id)
    )
    rows = sorted(queued, key=_due_key)
    dispatched: list[TaskData] = []
    for row in rows:
        staff_id = choose_picker(_zones(task_of(row)), pickers)
        if staff_id is None:
            continue
        dispatched.append(
            update_task(session, row, status=TaskStatus.ASSIGNED, assignee_staff_id=staff_id)
        )
        session.flush()
        pickers = pickers_on_duty(session, store_id)  # the loads changed
    return dispatched


def release_tasks_of(session: Session, store_id: str, staff_id: str, reason: str) -> None:
    """Put the open tasks of a picker going off duty back in the queue, picks kept."""
    rows = session.scalars(
        select(TaskRow).where(
            TaskRow.store_id == store_id,
            TaskRow.assignee_staff_id == staff_id,
            TaskRow.status.in_([status.value for status in OPEN]),
        )
    )
    for row in list(rows):
        update_task(
            session,
            row,
            status=TaskStatus.QUEUED,
            assignee_staff_id=None,
            paused=False,
            status_reason=reason,
        )


def open_task_rows(session: Session, store_id: str, staff_id: str) -> Sequence[TaskRow]:
    """A picker's open tasks."""
    return list(
        session.scalars(
            select(TaskRow).where(
                TaskRow.store_id == store_id,
                TaskRow.assignee_staff_id == staff_id,
                TaskRow.status.in_([status.value for status in OPEN]),
            )
        )
    )


def _zones(task: TaskData) -> set[str]:
    return {line.location.zone for line in task.lines if line.location is not None}


def _due_key(row: TaskRow) -> tuple[int, float, str]:
    return _task_due_key(task_of(row))


def _task_due_key(task: TaskData) -> tuple[int, float, str]:
    due = task.due_at
    return (0 if due is not None else 1, 0.0 if due is None else due.timestamp(), task.task_id)
