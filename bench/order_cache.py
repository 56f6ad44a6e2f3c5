"""A device cache full of history: 100,000 orders over ~60 store days, for the benchmarks.

Orders go in through the feed's own apply path (`sync.feed_apply.apply_raw_records`), from
raw records shaped like the hub's, a page per transaction. Serials restart each store day
per channel; phones, pickup codes and outcomes vary as at a real counter.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.store_day import day_bounds, store_zone
from app.services.day_summary import EXPIRED_CODE
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import order_record, staff_record

CHANNELS = ("meituan", "eleme", "miniprogram")
STORE_ZONE = store_zone("Asia/Shanghai")
PAGE = 2_000
_OUTCOMES = (
    ("completed", "", 80),
    ("new", "", 1),
    ("accepted", "", 3),
    ("ready", "", 2),
    ("rejected", "rejected by the store (sold out)", 4),
    ("cancelled", "not confirmed in time", 4),
    ("cancelled", "cancelled by the customer", 6),
)
_CODES = {
    "rejected by the store (sold out)": "rejected_by_store",
    "not confirmed in time": EXPIRED_CODE,
    "cancelled by the customer": "customer_cancelled",
}
"""The hub's code beside each reason's words."""


def build_cache(
    path: Path, *, orders: int = 100_000, days: int = 60, today: date, seed: int = 4
) -> list[dict[str, Any]]:
    """Fill a new device database at `path`; returns the order data written (JSON dicts).

    The last of the `days` is `today` (a store date); orders spread evenly over the days.
    """
    db = Database(path)
    rng = random.Random(seed)
    written: list[dict[str, Any]] = []
    seq = 0
    page: list[dict[str, Any]] = []
    with db.write() as session:
        seq += 1
        apply_raw_records(session, [_store_record(seq), _staff(seq + 1)], datetime.now(UTC))
        seq += 1
    for data in _orders(rng, orders, days, today):
        seq += 1
        page.append(
            {"seq": seq, "kind": "order", "id": data["order_id"], "version": 1, "data": data}
        )
        written.append(data)
        if len(page) == PAGE:
            _apply(db, page)
            page = []
    if page:
        _apply(db, page)
    db.close()
    return written


def _apply(db: Database, page: list[dict[str, Any]]) -> None:
    with db.write() as session:
        apply_raw_records(session, page, datetime.now(UTC))


def _orders(rng: random.Random, orders: int, days: int, today: date) -> Iterator[dict[str, Any]]:
    per_day = orders // days
    weights = [weight for _, _, weight in _OUTCOMES]
    number = 0
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        start, _ = day_bounds(day, STORE_ZONE)
        opening = start + timedelta(hours=9)
        count = per_day + (orders - per_day * days if offset == 0 else 0)
        serials = dict.fromkeys(CHANNELS, 0)
        for n in range(count):
            channel = CHANNELS[rng.randrange(3)]
            serials[channel] += 1
            number += 1
            placed_at = opening + timedelta(seconds=n * 13 * 3600 // max(count, 1))
            status, reason, _ = rng.choices(_OUTCOMES, weights)[0]
            yield _order(
                rng,
                number,
                channel=channel,
                serial=serials[channel],
                placed_at=placed_at,
                status=status,
                reason=reason,
                day=day,
            )


def _order(
    rng: random.Random,
    number: int,
    *,
    channel: str,
    serial: int,
    placed_at: datetime,
    status: str,
    reason: str,
    day: date,
) -> dict[str, Any]:
    order_id = f"o-{number:07d}"
    accepted = status in ("completed", "accepted", "ready")
    pickup = channel == "miniprogram" and accepted
    record = order_record(
        number,
        order_id,
        channel=channel,
        serial=serial,
        status=status,
        lines=2,
        placed_at=placed_at,
        status_reason=reason,
        status_code=_CODES.get(reason, ""),
        status_detail={"reject_reason": "sold_out"} if reason.startswith("rejected") else {},
        channel_order_no=f"{_prefix(channel)}{day:%y%m%d}{serial:05d}{rng.randrange(10_000):04d}",
        customer={
            "name": "顾客",
            "phone_masked": f"1{rng.randrange(30, 99)}****{rng.randrange(10_000):04d}",
        },
        accepted_at=(placed_at + timedelta(seconds=rng.randrange(20, 240))).isoformat()
        if accepted
        else None,
        pickup_code=f"{serial % 1000:03d}{rng.randrange(10)}" if pickup else None,
    )
    data: dict[str, Any] = record["data"]
    return data


def _prefix(channel: str) -> str:
    return {"meituan": "27", "eleme": "30", "miniprogram": "MP"}[channel]


def _store_record(seq: int) -> dict[str, Any]:
    data = {
        "store_id": "store-1",
        "name": "Bench store",
        "timezone": "Asia/Shanghai",
        "channels": [{"channel": c, "accept_window_s": 300} for c in CHANNELS],
        "version": 1,
    }
    return {"seq": seq, "kind": "store_settings", "id": "store-1", "version": 1, "data": data}


def _staff(seq: int) -> dict[str, Any]:
    return staff_record(seq, "staff-cashier", "李娜", ["cashier"], "1234")
