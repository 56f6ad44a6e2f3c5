"""Catalogue records in the feed: applied to `products`, newer versions only, bad ones set aside."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from local_db import product_repository, quarantine_repository
from local_db.database import Database
from sync.feed_apply import apply_raw_records

RECEIVED = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def _product(seq: int, version: int, **changes: Any) -> dict[str, Any]:
    data = {
        "sku": "DR002",
        "name": "可口可乐 330ml罐装",
        "name_en": "Coca-Cola can 330ml",
        "barcode": "6921168500020",
        "category": "drinks",
        "unit_price_cents": 350,
        "location": {"zone": "A", "aisle": 1, "shelf": 1, "position": 2},
        "version": version,
        **changes,
    }
    return {"seq": seq, "kind": "product", "id": "DR002", "version": version, "data": data}


def test_a_product_is_stored_and_only_a_newer_version_replaces_it(db: Database) -> None:
    with db.write() as session:
        apply_raw_records(session, [_product(1, 2, unit_price_cents=390)], RECEIVED)
        apply_raw_records(session, [_product(2, 1)], RECEIVED)
    with db.read() as session:
        stored = product_repository.get_product(session, "DR002")
        [found] = product_repository.search(session, "6921168500020")
    assert stored is not None
    assert stored.unit_price_cents == 390
    assert found.sku == "DR002"


def test_a_product_with_a_negative_price_is_quarantined_not_applied(db: Database) -> None:
    with db.write() as session:
        report = apply_raw_records(session, [_product(1, 1, unit_price_cents=-5)], RECEIVED)
    with db.read() as session:
        assert product_repository.get_product(session, "DR002") is None
        [item] = quarantine_repository.list_quarantined(session)
    assert report.quarantined == 1
    assert "unit_price_cents" in item.reason
