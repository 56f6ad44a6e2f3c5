"""A hub with a history: N orders over the last D store days, with their tasks, in bulk.

Each order is made by the hub's own code: a customer's draft (hub.channels.order_draft),
rendered by its channel's adapter and normalised back as the hub takes in a push, then
brought to a realistic final state (most past orders completed, some rejected or cancelled;
today's mostly completed, the latest new, accepted or ready) with the times and versions the
order commands would have given it. Tasks are the hub's own pick tasks (and pack tasks once
picked). Rows go into the hub's `orders`, `tasks` and `feed` tables with one statement per
table and chunk, the feed row of each entity at a seq in the order of its last change, with
the payload `hub.publishing.feed.record_payload` gives it: the feed holds what a real hub
that lived through those days would serve.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import insert, update

from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import (
    Channel,
    HandoverParty,
    OrderStatus,
    RecordKind,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from hub.channels import ADAPTERS, IntakeContext
from hub.channels.order_draft import draft_order
from hub.clock import STORE_TIMEZONE, service_day
from hub.composition import Hub
from hub.fulfilment.task_records import task_id_of
from hub.fulfilment.tasks import pick_task
from hub.orders import status_reasons
from hub.publishing.feed import entity_key, record_payload
from hub.storage.engine import Base
from hub.storage.tables import StoreRow
from sync.protocol import OrderData, TaskData

_CHUNK: Final = 5_000
_PAST: Final = (("completed", 86), ("rejected", 4), ("expired", 4), ("customer", 6))
"""A past day's outcomes and their weights."""
_OPEN_SHARE: Final = 0.06
"""Share of today's orders still open (the latest ones): a third each new, accepted, ready."""
_OPEN_OUTCOMES: Final = ("ready", "accepted", "new")
_OPEN_AGES_S: Final = {"ready": (900.0, 3600.0), "accepted": (300.0, 900.0), "new": (5.0, 240.0)}
_OPEN_NOW: Final = frozenset({OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.READY})


@dataclass
class History:
    """What was seeded: counts, and today's open orders by status."""

    orders: int = 0
    tasks: int = 0
    records: int = 0
    today: int = 0
    open_today: dict[str, OrderStatus] = field(default_factory=dict)


def seed_history(hub: Hub, *, orders: int, days: int, now: datetime, seed: int = 7) -> History:
    """Write `orders` orders over the `days` store days ending today (at `now`) into `hub`."""
    rng = random.Random(seed)
    state = hub.state
    store_id = hub.world.demo_store_id
    history = History()
    changes: list[tuple[datetime, int, RecordKind, str, int, dict[str, Any]]] = []
    order_rows: list[dict[str, Any]] = []
    task_rows: list[dict[str, Any]] = []
    with state.reading() as session:
        store = session.get(StoreRow, store_id)
        assert store is not None
        store_code = store.code
    for order, last_change, tasks in _orders(
        hub, store_code, orders=orders, days=days, now=now, rng=rng
    ):
        body = order.model_dump(mode="json")
        order_rows.append(
            {
                "order_id": order.order_id,
                "store_id": store_id,
                "channel": order.channel.value,
                "channel_order_no": order.channel_order_no,
                "service_day": service_day(order.placed_at),
                "daily_serial": order.daily_serial,
                "status": order.status.value,
                "accept_by": order.accept_by,
                "version": order.version,
                "body": body,
            }
        )
        changes.append(
            (last_change, len(changes), RecordKind.ORDER, order.order_id, order.version, body)
        )
        if service_day(order.placed_at) == service_day(now):
            history.today += 1
            if order.status in _OPEN_NOW:
                history.open_today[order.order_id] = order.status
        for task, done in tasks:
            task_body = task.model_dump(mode="json")
            task_rows.append(
                {
                    "task_id": task.task_id,
                    "store_id": store_id,
                    "order_id": task.order_id,
                    "kind": task.kind.value,
                    "status": task.status.value,
                    "assignee_staff_id": task.assignee_staff_id,
                    "created_at": task.started_at or done,
                    "version": task.version,
                    "body": task_body,
                }
            )
            changes.append(
                (done, len(changes), RecordKind.TASK, task.task_id, task.version, task_body)
            )
    changes.sort()
    with state.writing() as session:
        store = session.get(StoreRow, store_id)
        assert store is not None
        first_seq = store.last_seq + 1
        feed_rows = [
            {
                "store_id": store_id,
                "entity_key": entity_key(kind, entity_id),
                "seq": first_seq + n,
                "payload": record_payload(kind, entity_id, version=version, data=data),
            }
            for n, (_, _, kind, entity_id, version, data) in enumerate(changes)
        ]
        for table, rows in (("orders", order_rows), ("tasks", task_rows), ("feed", feed_rows)):
            for start in range(0, len(rows), _CHUNK):
                session.execute(insert(Base.metadata.tables[table]), rows[start : start + _CHUNK])
        session.execute(
            update(StoreRow)
            .where(StoreRow.store_id == store_id)
            .values(last_seq=first_seq + len(changes) - 1)
        )
    history.orders, history.tasks, history.records = len(order_rows), len(task_rows), len(changes)
    return history


def _orders(
    hub: Hub, store_code: str, *, orders: int, days: int, now: datetime, rng: random.Random
) -> Iterator[tuple[OrderData, datetime, list[tuple[TaskData, datetime]]]]:
    """Each order at its final state, the moment of its last change, and its tasks."""
    per_day = orders // days
    today_start = datetime.combine(
        now.astimezone(STORE_TIMEZONE).date(), datetime.min.time(), STORE_TIMEZONE
    )
    for offset in range(days - 1, -1, -1):
        start = today_start - timedelta(days=offset)
        opening, closing = start + timedelta(hours=9), start + timedelta(hours=22)
        if offset == 0:
            closing = now - timedelta(minutes=1)
            opening = min(opening, closing - timedelta(hours=1))
        count = per_day + (orders - per_day * days if offset == 0 else 0)
        serials = dict.fromkeys(Channel, 0)
        span = (closing - opening).total_seconds()
        open_from = count - int(count * _OPEN_SHARE) if offset == 0 else count
        for n in range(count):
            channel = rng.choice(list(Channel))
            serials[channel] += 1
            placed_at = (opening + timedelta(seconds=span * n / max(count, 1))).astimezone(UTC)
            order = _placed(
                hub,
                store_code,
                channel=channel,
                serial=serials[channel],
                placed_at=placed_at,
                rng=rng,
            )
            if n >= open_from:
                # The latest orders: ready ones placed within the hour, new ones within minutes.
                outcome = _OPEN_OUTCOMES[(n - open_from) * 3 // (count - open_from)]
                placed_at = now - timedelta(seconds=rng.uniform(*_OPEN_AGES_S[outcome]))
                accept_by = placed_at + timedelta(minutes=5)
                order = order.model_copy(update={"placed_at": placed_at, "accept_by": accept_by})
            else:
                outcome = rng.choices([o for o, _ in _PAST], [w for _, w in _PAST])[0]
            yield _finished(hub, order, outcome, rng)


def _placed(
    hub: Hub,
    store_code: str,
    *,
    channel: Channel,
    serial: int,
    placed_at: datetime,
    rng: random.Random,
) -> OrderData:
    """A new order as the hub takes it in from `channel`'s push."""
    adapter = ADAPTERS[channel]
    draft = draft_order(
        rng,
        hub.catalogue,
        store_code=store_code,
        channel=channel,
        channel_order_no=adapter.order_number(placed_at, serial, rng),
        daily_serial=serial,
        placed_at=placed_at,
    )
    context = IntakeContext(
        store_id=hub.world.demo_store_id,
        store_code=store_code,
        received_at=placed_at,
        next_daily_serial=serial,
        catalogue=hub.catalogue,
    )
    return adapter.normalise(adapter.render(draft), context)


def _finished(
    hub: Hub, order: OrderData, outcome: str, rng: random.Random
) -> tuple[OrderData, datetime, list[tuple[TaskData, datetime]]]:
    """The order after `outcome`, the moment of its last change and its tasks."""
    if outcome in ("new", "expired", "rejected"):
        return _never_picked(order, outcome, rng)
    accepted = order.placed_at + timedelta(seconds=rng.randrange(20, 200))
    pick = pick_task(order.model_copy(update={"status": OrderStatus.ACCEPTED}), hub.catalogue)
    if outcome == "customer":
        closed = accepted + timedelta(minutes=rng.randrange(1, 10))
        update = {"status": OrderStatus.CANCELLED, "closed_at": closed, "version": 3}
        cancelled = pick.model_copy(
            update={"status": TaskStatus.CANCELLED, "done_at": closed, "version": 2}
        )
        update = {**update, **status_reasons.customer_cancelled()}
        return order.model_copy(update=update), closed, [(cancelled, closed)]
    accepted_order = {"status": OrderStatus.ACCEPTED, "accepted_at": accepted, "version": 2}
    if outcome == "accepted":
        return order.model_copy(update=accepted_order), accepted, [(pick, accepted)]
    started = accepted + timedelta(seconds=rng.randrange(30, 300))
    picked = started + timedelta(seconds=rng.randrange(60, 600))
    ready = picked + timedelta(seconds=rng.randrange(30, 180))
    lines = [
        line.model_copy(update={"status": TaskLineStatus.PICKED, "picked_quantity": line.quantity})
        for line in pick.lines
    ]
    done_pick = pick.model_copy(
        update={
            "status": TaskStatus.DONE,
            "lines": lines,
            "started_at": started,
            "done_at": picked,
            "version": 3,
        }
    )
    pack = done_pick.model_copy(
        update={
            "task_id": task_id_of(order.order_id, TaskKind.PACK),
            "kind": TaskKind.PACK,
            "bag_count": 1,
            "started_at": picked,
            "done_at": ready,
            "version": 2,
        }
    )
    tasks = [(done_pick, picked), (pack, ready)]
    update = {**accepted_order, "status": OrderStatus.READY, "ready_at": ready, "version": 3}
    if outcome == "ready":
        return order.model_copy(update=update), ready, tasks
    handed = ready + timedelta(minutes=rng.randrange(2, 20))
    closed = handed + timedelta(minutes=rng.randrange(10, 40))
    update = {
        **update,
        "status": OrderStatus.COMPLETED,
        "handed_over_at": handed,
        "closed_at": closed,
        "version": 5,
        **status_reasons.handed_over(HandoverParty.RIDER),
    }
    return order.model_copy(update=update), closed, tasks


def _never_picked(
    order: OrderData, outcome: str, rng: random.Random
) -> tuple[OrderData, datetime, list[tuple[TaskData, datetime]]]:
    """A new order, or one closed before it was accepted: no task."""
    if outcome == "new":
        return order, order.placed_at, []
    if outcome == "expired":
        closed = order.accept_by
        reason = status_reasons.not_confirmed_in_time()
    else:
        closed = order.placed_at + timedelta(seconds=rng.randrange(20, 200))
        reason = status_reasons.rejected_by_store(RejectReason.SOLD_OUT, "")
    status = OrderStatus.CANCELLED if outcome == "expired" else OrderStatus.REJECTED
    update = {"status": status, "closed_at": closed, "version": 2, **reason}
    return order.model_copy(update=update), closed, []
