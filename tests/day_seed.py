"""A store day of orders, pick tasks and shortages written into a device cache, for the
dashboard's tests, its bench and its screenshot.

Orders, tasks and shortages go in as feed records through the real feed apply; the pick
tasks' start and done times are then set through the task repository, as the feed does not
carry them yet.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

from app.domain.vocabulary import Channel, ShortageReason
from app.services.day_summary import EXPIRED_CODE
from local_db import task_repository
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import order_data

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")

PRODUCTS: Final = (
    ("6901", "可口可乐 330ml", 350),
    ("6902", "农夫山泉 550ml", 200),
    ("6903", "康师傅红烧牛肉面", 450),
    ("6904", "蒙牛纯牛奶 250ml", 380),
    ("6905", "乐事薯片 原味", 750),
    ("6906", "奥利奥饼干", 990),
    ("6907", "旺旺雪饼", 680),
    ("6908", "青岛啤酒 500ml", 600),
    ("6909", "德芙巧克力", 1290),
    ("6910", "三只松鼠坚果", 2990),
)
"""(sku, name, unit price in cents) of the seeded catalogue."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedOrder:
    """One order of the seeded day and what happened to it."""

    order_id: str
    channel: Channel
    placed_at: datetime
    serial: int
    skus: tuple[int, ...] = (0, 1)
    """Indexes into PRODUCTS, one line each."""
    status: str = "completed"
    status_reason: str = ""
    status_code: str = ""
    accept_s: float | None = 60.0
    """Seconds from placing to acceptance (None: never accepted)."""
    pick_s: float | None = None
    """Seconds the pick task took (None: no pick task, or its times are unknown)."""
    picked: bool = False
    """Whether the order has a pick task."""
    shortages: tuple[tuple[int, ShortageReason], ...] = field(default=())
    """(line index, reason) of the lines reported short."""


def seed_day(db: Database, orders: Sequence[PlannedOrder], received_at: datetime) -> None:
    """Write `orders` (with their pick tasks and shortages) into `db` in one transaction."""
    records: list[dict[str, Any]] = []
    times: dict[str, tuple[datetime, datetime | None]] = {}
    for order in orders:
        records.append(_order_record(len(records) + 1, order))
        if order.picked:
            records.append(_task_record(len(records) + 1, order))
            start = order.placed_at + timedelta(seconds=(order.accept_s or 0) + 30)
            done = None if order.pick_s is None else start + timedelta(seconds=order.pick_s)
            times[f"{order.order_id}-pick"] = (start, done)
        for number, (line, reason) in enumerate(order.shortages):
            records.append(_shortage_record(len(records) + 1, order, number, line, reason))
    with db.write() as session:
        report = apply_raw_records(session, records, received_at)
        assert report.quarantined == 0, "a seeded record was refused"
        for task_id, (start, done) in times.items():
            task_repository.update_task(session, task_id, started_at=start, done_at=done)


def busy_day(
    day: date, orders: int, *, seed: int = 7, zone: tzinfo = SHANGHAI
) -> list[PlannedOrder]:
    """A plausible day of `orders` orders: lunch and dinner peaks, a few lost and short."""
    rng = random.Random(seed)
    midnight = datetime.combine(day, time(), zone)
    serials = dict.fromkeys(Channel, 0)
    planned: list[PlannedOrder] = []
    for n, placed in enumerate(sorted(_busy_moments(rng, midnight, orders))):
        hour = placed.hour
        channel = rng.choices(list(Channel), weights=(5, 3, 2))[0]
        serials[channel] += 1
        outcome = rng.random()
        lost = outcome < 0.03
        # Lunch rush: the counter is slower to accept between 11:00 and 13:00.
        accept = None if lost else rng.lognormvariate(3.6 + 0.5 * (11 <= hour <= 12), 0.6)
        skus = tuple(rng.sample(range(len(PRODUCTS)), rng.randrange(1, 4)))
        shortages = tuple(
            (line, rng.choice(list(ShortageReason)))
            for line, sku in enumerate(skus)
            if not lost and rng.random() < 0.02 + 0.04 * (sku in (6, 8))
        )
        planned.append(
            PlannedOrder(
                order_id=f"o-{n}",
                channel=channel,
                placed_at=placed.astimezone(UTC),
                serial=serials[channel],
                skus=skus,
                status="cancelled" if lost else "completed",
                status_reason="not confirmed in time" if lost else "",
                status_code=EXPIRED_CODE if lost else "",
                accept_s=accept,
                picked=not lost,
                pick_s=None if lost else rng.lognormvariate(5.0 + 0.2 * len(skus), 0.4),
                shortages=shortages,
            )
        )
    return planned


def _busy_moments(rng: random.Random, midnight: datetime, orders: int) -> list[datetime]:
    """When the orders come: mostly at lunch (11-13) and dinner (18-20), some all day."""
    moments = []
    for _ in range(orders):
        hour = rng.choice((8, 9, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 14, 15, 16, 17, 17, 18))
        hour = rng.choice((hour, hour, rng.choice((18, 18, 19, 19, 20, 21))))
        moments.append(midnight + timedelta(hours=hour, seconds=rng.randrange(3600)))
    return moments


def _order_record(seq: int, order: PlannedOrder) -> dict[str, Any]:
    data = order_data(
        order.order_id,
        channel=order.channel.value,
        serial=order.serial,
        status=order.status,
        placed_at=order.placed_at,
        status_reason=order.status_reason,
        status_code=order.status_code,
        lines=len(order.skus),
    )
    for line, index in zip(data["lines"], order.skus, strict=True):
        sku, name, price = PRODUCTS[index]
        line.update(sku=sku, name=name, quantity=1, unit_price_cents=price, paid_cents=price)
    total = sum(PRODUCTS[index][2] for index in order.skus)
    data.update(subtotal_cents=total, total_cents=total + data["delivery_fee_cents"])
    data["customer"]["phone"] = "13812345678"
    if order.accept_s is not None:
        data["accepted_at"] = (order.placed_at + timedelta(seconds=order.accept_s)).isoformat()
    return {"seq": seq, "kind": "order", "id": order.order_id, "version": 1, "data": data}


def _task_record(seq: int, order: PlannedOrder) -> dict[str, Any]:
    task_id = f"{order.order_id}-pick"
    short = {line for line, _reason in order.shortages}
    data = {
        "task_id": task_id,
        "order_id": order.order_id,
        "kind": "pick",
        "status": "done" if order.pick_s is not None else "in_progress",
        "channel": order.channel.value,
        "daily_serial": order.serial,
        "lines": [
            {
                "line_id": f"{order.order_id}-l{line}",
                "sku": PRODUCTS[index][0],
                "name": PRODUCTS[index][1],
                "barcode": "6901234567892",
                "quantity": 1,
                "picked_quantity": 0 if line in short else 1,
                "status": "short_resolved" if line in short else "picked",
            }
            for line, index in enumerate(order.skus)
        ],
        "version": 1,
    }
    return {"seq": seq, "kind": "task", "id": task_id, "version": 1, "data": data}


def _shortage_record(
    seq: int, order: PlannedOrder, number: int, line: int, reason: ShortageReason
) -> dict[str, Any]:
    shortage_id = f"{order.order_id}-s{number}"
    data = {
        "shortage_id": shortage_id,
        "order_id": order.order_id,
        "task_id": f"{order.order_id}-pick",
        "line_id": f"{order.order_id}-l{line}",
        "quantity_short": 1,
        "reason": reason.value,
        "reported_by": "picker-1",
        "reported_at": (order.placed_at + timedelta(minutes=4)).isoformat(),
        "decision": "partial_refund",
        "refund_cents": PRODUCTS[order.skus[line]][2],
        "decided_at": (order.placed_at + timedelta(minutes=6)).isoformat(),
        "version": 1,
    }
    return {"seq": seq, "kind": "shortage", "id": shortage_id, "version": 1, "data": data}


KNOWN_DAY: Final = date(2026, 11, 22)
KNOWN_EVENING: Final = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
"""22:00 in Shanghai on the known day."""


def known_day() -> list[PlannedOrder]:
    """A small day whose every figure is known (see the dashboard's tests).

    Meituan: 7 orders between 12:00:00 and 12:59:59, accepted in 20, 30 ... 80 s, picked in
    120 ... 420 s (the last pick's end unknown), and one lost to the deadline at 09:00.
    Eleme: 3 orders at 12:10, accepted in 100, 200, 300 s, picked in 600 s each; one rejected
    at 13:00, and one at 11:59:59 accepted in 60 s. Mini-program: 2 at 18:20, accepted in
    60 s. Orders without a pick time here have no pick task.
    Each order has lines of 可口可乐 and 农夫山泉 (¥3.50 + ¥2.00, ¥3.00 delivery: ¥8.50).
    Short: two 农夫山泉 lines (out of stock) and one 可口可乐 (damaged). Two more orders fall
    just outside the day.
    """

    def at(hour: int, minute: int, second: int = 0, day: int = 22) -> datetime:
        return datetime(2026, 11, day, hour, minute, second, tzinfo=SHANGHAI).astimezone(UTC)

    out_of_stock, damaged = ShortageReason.OUT_OF_STOCK, ShortageReason.DAMAGED
    meituan_minutes = ((0, 0), (5, 0), (15, 0), (29, 59), (30, 0), (45, 0), (59, 59))
    planned = [
        PlannedOrder(
            order_id=f"m-{n}",
            channel=Channel.MEITUAN,
            placed_at=at(12, minute, second),
            serial=n + 2,
            accept_s=20.0 + 10 * n,
            picked=True,
            pick_s=None if n == 6 else 120.0 + 60 * n,
            shortages=((1, out_of_stock),) if n in (1, 2) else (),
        )
        for n, (minute, second) in enumerate(meituan_minutes)
    ]
    planned += [
        PlannedOrder(
            order_id=f"e-{n}",
            channel=Channel.ELEME,
            placed_at=at(12, 10),
            serial=n + 1,
            accept_s=100.0 * (n + 1),
            picked=True,
            pick_s=600.0,
            shortages=((0, damaged),) if n == 0 else (),
        )
        for n in range(3)
    ]
    planned += [
        PlannedOrder(
            order_id=f"p-{n}", channel=Channel.MINIPROGRAM, placed_at=at(18, 20), serial=n + 1
        )
        for n in range(2)
    ]
    return [
        *planned,
        PlannedOrder(
            order_id="m-lost",
            channel=Channel.MEITUAN,
            placed_at=at(9, 0),
            serial=1,
            status="cancelled",
            status_reason="not confirmed in time",
            status_code=EXPIRED_CODE,
            accept_s=None,
        ),
        PlannedOrder(
            order_id="e-rejected",
            channel=Channel.ELEME,
            placed_at=at(13, 0),
            serial=4,
            status="rejected",
            status_reason="rejected by the store (sold out)",
            status_code="rejected_by_store",
            accept_s=None,
        ),
        PlannedOrder(
            order_id="e-late-morning", channel=Channel.ELEME, placed_at=at(11, 59, 59), serial=5
        ),
        PlannedOrder(
            order_id="before", channel=Channel.MEITUAN, placed_at=at(23, 59, 59, day=21), serial=9
        ),
        PlannedOrder(
            order_id="after", channel=Channel.MEITUAN, placed_at=at(0, 0, 0, day=23), serial=1
        ),
    ]
