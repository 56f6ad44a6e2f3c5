"""The counter's search box and history by day: shapes of a query, ranking, the store's day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from app.services.order_search import OrderSearch, SearchMatch, plan_search
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import order_record
from tests.fakes import FrozenClock

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
"""Noon in Shanghai on 22 November; the store's day began at 16:00 UTC on the 21st."""
TODAY_START = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)


def _store(seq: int, timezone: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "store_id": "store-1",
        "name": "测试门店",
        "channels": [{"channel": "meituan", "accept_window_s": 300}],
        "version": 1,
    }
    if timezone is not None:
        data["timezone"] = timezone
    return {"seq": seq, "kind": "store_settings", "id": "store-1", "version": 1, "data": data}


def _seed(db: Database, *orders: dict[str, Any], timezone: str | None = None) -> None:
    records = [_store(1, timezone)]
    for seq, order in enumerate(orders, start=2):
        order_id = order.pop("order_id")
        records.append(order_record(seq, order_id, **order))
    with db.write() as session:
        assert apply_raw_records(session, records, NOW).quarantined == 0


def _order(order_id: str, placed_at: datetime, **fields: Any) -> dict[str, Any]:
    return {"order_id": order_id, "placed_at": placed_at, **fields}


def _phone(last4: str) -> dict[str, str]:
    return {"name": "王女士", "phone_masked": f"139****{last4}"}


@pytest.fixture
def search(db: Database) -> OrderSearch:
    return OrderSearch(db, FrozenClock(NOW))


def test_hash_serial_finds_only_by_serial_and_ranks_today_first(
    db: Database, search: OrderSearch
) -> None:
    _seed(
        db,
        _order("old", NOW - timedelta(days=3), serial=23),
        _order("yesterday", TODAY_START - timedelta(minutes=5), serial=23),
        _order("today-early", TODAY_START + timedelta(hours=1), serial=23, channel="eleme"),
        _order("today-late", NOW - timedelta(minutes=1), serial=23),
        _order("other", NOW, serial=24, customer=_phone("0023")),
    )

    hits = search.search("#23")

    assert [hit.order.order_id for hit in hits] == [
        "today-late",
        "today-early",
        "yesterday",
        "old",
    ]
    assert [hit.is_today for hit in hits] == [True, True, False, False]
    assert all(hit.matches == {SearchMatch.DAILY_SERIAL} for hit in hits)


def test_plain_digits_match_several_ways_and_say_which(db: Database, search: OrderSearch) -> None:
    _seed(
        db,
        _order("serial", NOW - timedelta(hours=1), serial=1234),
        _order("phone", NOW - timedelta(hours=2), serial=7, customer=_phone("1234")),
        _order("both", NOW - timedelta(hours=3), serial=1234, customer=_phone("1234")),
        _order("code", NOW - timedelta(hours=4), serial=8, pickup_code="1234"),
        _order("none", NOW - timedelta(hours=5), serial=9),
    )

    matches = {hit.order.order_id: hit.matches for hit in search.search("1234")}

    assert matches == {
        "serial": {SearchMatch.DAILY_SERIAL},
        "phone": {SearchMatch.PHONE_LAST4},
        "both": {SearchMatch.DAILY_SERIAL, SearchMatch.PHONE_LAST4},
        "code": {SearchMatch.PICKUP_CODE},
    }


def test_channel_order_number_exact_or_by_its_beginning(db: Database, search: OrderSearch) -> None:
    _seed(
        db,
        _order("a", NOW, channel_order_no="27261122000230042"),
        _order("b", NOW - timedelta(minutes=1), channel_order_no="27261122000249911"),
        _order("c", NOW - timedelta(minutes=2), channel_order_no="30261122000230042"),
        _order("mp", NOW - timedelta(minutes=3), channel_order_no="MP202611221203050007"),
    )

    assert [hit.order.order_id for hit in search.search("27261122000230042")] == ["a"]
    assert [hit.order.order_id for hit in search.search(" 2726 1122 ")] == ["a", "b"]
    mini = search.search("mp2026112212")
    assert [hit.order.order_id for hit in mini] == ["mp"]
    assert mini[0].matches == {SearchMatch.CHANNEL_ORDER_NO}


def test_pickup_code_with_letters_is_compared_in_upper_case(
    db: Database, search: OrderSearch
) -> None:
    _seed(db, _order("picked", NOW, channel="miniprogram", pickup_code="A023"))

    hits = search.search("a023")

    assert [(hit.order.order_id, hit.matches) for hit in hits] == [
        ("picked", {SearchMatch.PICKUP_CODE})
    ]


def test_no_match_and_nothing_typed(db: Database, search: OrderSearch) -> None:
    _seed(db, _order("x", NOW, serial=5, customer=_phone("5678")))

    assert search.search("#6") == []
    assert search.search("9999") == []
    assert search.search("不存在") == []
    assert search.search("   ") == []
    assert search.search("#") == []


def test_results_are_capped_newest_first(db: Database) -> None:
    _seed(
        db,
        *(_order(f"o{n}", NOW - timedelta(days=n), serial=3) for n in range(8)),
    )

    hits = OrderSearch(db, FrozenClock(NOW), limit=5).search("3")

    assert [hit.order.order_id for hit in hits] == ["o0", "o1", "o2", "o3", "o4"]


@pytest.mark.parametrize(
    ("timezone", "first_local_hour_utc"),
    [(None, TODAY_START), ("Europe/Paris", datetime(2026, 11, 21, 23, 0, tzinfo=UTC))],
)
def test_the_day_follows_the_store_timezone(
    db: Database, search: OrderSearch, timezone: str | None, first_local_hour_utc: datetime
) -> None:
    just_before = first_local_hour_utc - timedelta(minutes=1)
    _seed(
        db,
        _order("before", just_before, serial=1),
        _order("first", first_local_hour_utc, serial=1),
        _order("later", first_local_hour_utc + timedelta(hours=2), serial=2),
        timezone=timezone,
    )
    today = search.today()

    assert today == date(2026, 11, 22)
    assert [order.order_id for order in search.day_orders(today)] == ["first", "later"]
    assert [order.order_id for order in search.day_orders(today - timedelta(days=1))] == ["before"]
    assert {hit.order.order_id: hit.is_today for hit in search.search("#1")} == {
        "first": True,
        "before": False,
    }


def test_day_orders_lists_every_status_with_what_the_row_shows(
    db: Database, search: OrderSearch
) -> None:
    statuses = ["new", "accepted", "completed", "rejected", "cancelled"]
    _seed(
        db,
        *(
            _order(f"o-{status}", TODAY_START + timedelta(hours=n), status=status, serial=n + 1)
            for n, status in enumerate(statuses)
        ),
    )

    orders = search.day_orders(date(2026, 11, 22))

    assert [order.status.value for order in orders] == statuses
    assert [order.daily_serial for order in orders] == [1, 2, 3, 4, 5]
    assert orders[0].channel_order_no == "MEITUAN-o-new"
    assert orders[0].total_cents > 0


@pytest.mark.parametrize(
    ("text", "serial", "phone", "code", "number", "prefix"),
    [
        ("#23", 23, None, None, None, False),
        ("＃7", 7, None, None, None, False),
        ("＃２３", 23, None, None, None, False),
        ("５６７８", 5678, "5678", "5678", "5678", False),
        ("23", 23, None, "23", "23", False),
        ("0023", 23, "0023", "0023", "0023", False),
        ("12345", None, None, "12345", "12345", False),
        ("272611", None, None, "272611", "272611", True),
        ("mp20", None, None, "MP20", "MP20", False),
        ("#0", None, None, None, None, False),
    ],
)
def test_the_shape_of_the_query_decides(
    text: str,
    serial: int | None,
    phone: str | None,
    code: str | None,
    number: str | None,
    prefix: bool,
) -> None:
    plan = plan_search(text)

    assert plan.daily_serial == serial
    assert plan.phone_last4 == phone
    assert plan.pickup_code == code
    assert plan.channel_order_no == number
    assert plan.channel_order_prefix is prefix
