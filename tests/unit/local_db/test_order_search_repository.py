"""Every search and day query is answered from an index, never by reading the whole table."""

from __future__ import annotations

import sqlite3

import pytest

from local_db import order_search_repository
from local_db.database import Database

_PARAMETERS = {
    "number": "2726",
    "upper": "2727",
    "serial": 23,
    "digits": "5678",
    "code": "A023",
    "start": "2026-11-21T16:00:00.000000+00:00",
    "end": "2026-11-22T16:00:00.000000+00:00",
    "expired": "not confirmed in time",
    "limit": 50,
}
_EXPECTED_INDEX = {
    order_search_repository.BY_CHANNEL_ORDER_NO: "ix_orders_channel_order_no",
    order_search_repository.BY_CHANNEL_ORDER_PREFIX: "ix_orders_channel_order_no",
    order_search_repository.BY_DAILY_SERIAL: "ix_orders_serial_placed",
    order_search_repository.BY_PHONE_LAST4: "ix_orders_phone_last4",
    order_search_repository.BY_PICKUP_CODE: "ix_orders_pickup_code",
    order_search_repository.PLACED_BETWEEN: "ix_orders_placed_at",
    order_search_repository.DAY_FIGURES: "ix_orders_placed_at",
}


@pytest.mark.parametrize("sql", order_search_repository.STATEMENTS)
def test_each_statement_searches_an_index(db: Database, sql: str) -> None:
    connection = sqlite3.connect(db.path)
    try:
        used = {name: value for name, value in _PARAMETERS.items() if f":{name}" in sql}
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", used)]
    finally:
        connection.close()

    assert any(f"USING INDEX {_EXPECTED_INDEX[sql]}" in step for step in plan), plan
    assert not any(step.startswith("SCAN orders") for step in plan), plan


def test_every_statement_has_its_expected_index() -> None:
    assert set(_EXPECTED_INDEX) == set(order_search_repository.STATEMENTS)
