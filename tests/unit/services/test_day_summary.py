"""Day summary: figures by channel from a seeded day, computed again here from the seed."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from app.domain.vocabulary import Channel, ShortageReason
from app.services.day_dashboard import DayDashboard
from app.services.day_summary import EXPIRED_CODE, DaySummaries
from hub.orders import status_reasons
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.day_seed import PlannedOrder, seed_day
from tests.factories import order_record
from tests.fakes import FrozenClock

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
"""20:00 in Shanghai on 22 November."""
DAY = date(2026, 11, 22)
DAY_START = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)
OUTCOMES = (
    ("completed", "", ""),
    ("accepted", "", ""),
    ("new", "", ""),
    ("rejected", "rejected by the store (sold out)", "rejected_by_store"),
    ("cancelled", "not confirmed in time", EXPIRED_CODE),
    ("cancelled", "cancelled by the customer", "customer_cancelled"),
    # Words the day does not read: an order cancelled by a newer hub for a reason this
    # device has no code for counts as cancelled, not as lost.
    ("cancelled", "not confirmed in time", "some_newer_reason"),
)


def _seeded_day(db: Database) -> list[dict[str, Any]]:
    """A random day of orders, plus orders just outside it; returns the day's order data."""
    rng = random.Random(20261122)
    records: list[dict[str, Any]] = []
    the_day: list[dict[str, Any]] = []
    moments = [DAY_START - timedelta(seconds=1), DAY_START + timedelta(days=1)]
    moments += [DAY_START + timedelta(seconds=rng.randrange(86_400)) for _ in range(120)]
    for n, placed_at in enumerate(moments):
        status, reason, code = rng.choice(OUTCOMES)
        accepted = status in ("completed", "accepted")
        record = order_record(
            n + 2,
            f"o-{n}",
            channel=rng.choice(list(Channel)).value,
            serial=n + 1,
            status=status,
            status_reason=reason,
            status_code=code,
            placed_at=placed_at,
            lines=rng.randrange(1, 4),
            accepted_at=(placed_at + timedelta(seconds=rng.randrange(5, 400))).isoformat()
            if accepted
            else None,
        )
        records.append(record)
        if DAY_START <= placed_at < DAY_START + timedelta(days=1):
            the_day.append(record["data"])
    with db.write() as session:
        assert apply_raw_records(session, records, NOW).quarantined == 0
    return the_day


def _expected(orders: list[dict[str, Any]]) -> dict[str, Any]:
    def seconds(order: dict[str, Any]) -> float:
        placed = datetime.fromisoformat(order["placed_at"])
        return (datetime.fromisoformat(order["accepted_at"]) - placed).total_seconds()

    accepted = [order for order in orders if order.get("accepted_at")]
    return {
        "orders": len(orders),
        "revenue_cents": sum(
            order["total_cents"]
            for order in orders
            # A new order may still expire: counted once accepted (none here has shortages).
            if order["status"] not in ("new", "rejected", "cancelled")
        ),
        "accepted": len(accepted),
        "average_accept_s": sum(map(seconds, accepted)) / len(accepted) if accepted else None,
        "lost_to_deadline": sum(
            order["status"] == "cancelled" and order["status_code"] == EXPIRED_CODE
            for order in orders
        ),
        "rejected": sum(order["status"] == "rejected" for order in orders),
        "cancelled": sum(
            order["status"] == "cancelled" and order["status_code"] != EXPIRED_CODE
            for order in orders
        ),
    }


def _figures(figures: Any) -> dict[str, Any]:
    return {name: getattr(figures, name) for name in _expected([])}


def test_figures_by_channel_and_in_all_match_the_seeded_day(db: Database) -> None:
    the_day = _seeded_day(db)

    summary = DaySummaries(db, FrozenClock(NOW)).summary()

    assert summary.day == DAY
    assert summary.is_today
    for figures in summary.channels:
        assert figures.channel is not None
        of_channel = [order for order in the_day if order["channel"] == figures.channel.value]
        expected = _expected(of_channel)
        actual = _figures(figures)
        assert actual.pop("average_accept_s") == pytest.approx(expected.pop("average_accept_s"))
        assert actual == expected
    total = _figures(summary.total)
    expected = _expected(the_day)
    assert total.pop("average_accept_s") == pytest.approx(expected.pop("average_accept_s"))
    assert total == expected
    assert summary.total.lost_to_deadline > 0


def test_a_chosen_day_and_an_empty_day(db: Database) -> None:
    _seeded_day(db)
    summaries = DaySummaries(db, FrozenClock(NOW))

    before = summaries.summary(DAY - timedelta(days=1))
    empty = summaries.summary(DAY - timedelta(days=5))

    assert not before.is_today
    assert before.total.orders == 1  # one second before the day began, in Shanghai
    assert empty.total.orders == 0
    assert empty.total.average_accept_s is None
    assert [figures.channel for figures in empty.channels] == list(Channel)


def test_lost_to_deadline_is_the_code_the_hub_writes_when_it_expires_an_order() -> None:
    assert status_reasons.not_confirmed_in_time()["status_code"] == EXPIRED_CODE


def test_revenue_leaves_out_new_orders_and_what_shortages_refunded(db: Database) -> None:
    evening = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
    placed = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    orders = [
        PlannedOrder(  # ¥8.50, its ¥2.00 line refunded for a shortage
            order_id="short",
            channel=Channel.MEITUAN,
            placed_at=placed,
            serial=1,
            picked=True,
            shortages=((1, ShortageReason.OUT_OF_STOCK),),
        ),
        PlannedOrder(order_id="whole", channel=Channel.MEITUAN, placed_at=placed, serial=2),
        PlannedOrder(  # not accepted yet: it may still expire
            order_id="waiting",
            channel=Channel.MEITUAN,
            placed_at=placed,
            serial=3,
            status="new",
            accept_s=None,
        ),
    ]
    seed_day(db, orders, evening)

    summary = DaySummaries(db, FrozenClock(evening)).summary()
    glance = DayDashboard(db, FrozenClock(evening)).day_at_a_glance()

    assert summary.total.orders == 3
    assert summary.total.revenue_cents == 850 - 200 + 850
    assert glance.revenue_cents == summary.total.revenue_cents
