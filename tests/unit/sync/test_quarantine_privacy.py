"""Records set aside keep no secrets: no PIN hash, no customer's full number; retry still works."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from typing import Any

from local_db import order_repository, quarantine_repository, staff_repository
from local_db.database import Database
from sync.feed_apply import apply_raw_records, reapply_raw
from sync.protocol import StaffData
from sync.record_mapping import staff_row
from tests.factories import BASE_TIME, order_record, staff_record

RECEIVED = BASE_TIME + timedelta(minutes=1)
PEPPER = b"p" * 32


def _quarantine(db: Database, record: dict[str, Any]) -> str:
    with db.write() as session:
        report = apply_raw_records(session, [copy.deepcopy(record)], RECEIVED, pin_pepper=PEPPER)
        assert report.quarantined == 1
        [item] = quarantine_repository.list_quarantined(session)
    return item.raw


def _stored_pin(db: Database, staff_id: str) -> str:
    with db.read() as session:
        staff = staff_repository.get_staff(session, staff_id)
    assert staff is not None
    return staff.pin_hash_hex


def test_a_staff_record_is_set_aside_without_its_pin_hash(db: Database) -> None:
    good = staff_record(1, "s-1", "王芳", ["cashier"], "1234", version=1)
    with db.write() as session:
        apply_raw_records(session, [copy.deepcopy(good)], RECEIVED, pin_pepper=PEPPER)
    sealed_before = _stored_pin(db, "s-1")
    bad = staff_record(2, "s-1", "王芳芳", ["cashier"], "9999", version=2)
    bad["data"]["roles"] = ["juggler"]

    raw = _quarantine(db, bad)

    assert bad["data"]["pin"]["hash_hex"] not in raw
    assert bad["data"]["pin"]["salt_hex"] not in raw
    assert "王芳芳" in raw
    # The manager's retry (a release that reads the record) applies the details, not a PIN.
    fixed = raw.replace('"juggler"', '"cashier"')
    with db.write() as session:
        assert reapply_raw(session, fixed, pin_pepper=PEPPER) is None
        staff = staff_repository.get_staff(session, "s-1")
    assert staff is not None
    assert staff.name == "王芳芳"
    assert _stored_pin(db, "s-1") == sealed_before  # until the feed brings the person again


def test_a_retried_staff_record_that_still_has_its_hash_gets_its_pin_sealed(db: Database) -> None:
    # Set aside whole by an older release: the retry seals its PIN like the feed does.
    legacy = staff_record(1, "s-2", "李强", ["picker"], "2468", version=1)
    with db.write() as session:
        assert reapply_raw(session, json.dumps(legacy), pin_pepper=PEPPER) is None
    expected = staff_row(StaffData.model_validate(legacy["data"]), PEPPER)["pin_hash_hex"]
    assert _stored_pin(db, "s-2") == expected


def test_an_order_is_set_aside_without_the_customers_full_number(db: Database) -> None:
    record = order_record(
        1,
        customer={"name": "张先生", "phone_masked": "138****5678", "phone": "13812345678"},
        note="到了打 139-8765-4321",
    )
    record["data"]["fulfilment"] = "teleport"

    raw = _quarantine(db, record)

    assert "13812345678" not in raw
    assert "8765-4321" not in raw
    assert "139-****-4321" in raw
    fixed = raw.replace('"teleport"', '"delivery"')
    with db.write() as session:
        assert reapply_raw(session, fixed, pin_pepper=PEPPER) is None
        order = order_repository.get_order(session, "o-1")
    assert order is not None
    assert order.customer_phone_masked == "138****5678"
