"""A validated record with a value SQLite or the cache's UTC times cannot hold is set aside,
at the edges exactly: 64-bit integers and times with a UTC equivalent go in."""

from __future__ import annotations

import json
from typing import Any

import pytest

from local_db import order_repository, quarantine_repository
from local_db.database import Database
from local_db.outbox_repository import OutboxItem
from sync.feed_apply import apply_raw_records, reapply_raw
from sync.outbox_pusher import _apply_currents
from sync.protocol import FEED_RECORD, CommandResult, OrderLine, OrderRecord, TaskLine
from sync.storable_record import INT_MAX, INT_MIN, _fields_to_check, unstorable_value
from tests.factories import BASE_TIME, order_record


def _order_with(path: str, value: Any) -> dict[str, Any]:
    record = order_record(1, "o-1")
    target: Any = record
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[last] = value
    return record


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("data.lines.0.location.aisle", INT_MAX, id="largest-64-bit-aisle"),
        pytest.param("data.lines.0.location.aisle", INT_MIN, id="smallest-64-bit-aisle"),
        pytest.param("data.daily_serial", INT_MAX, id="largest-64-bit-serial"),
        pytest.param("data.placed_at", "9999-12-31T23:59:59+00:00", id="last-moment-in-utc"),
        pytest.param("data.placed_at", "9999-12-31T23:59:59+05:00", id="last-year-east-of-utc"),
        pytest.param("data.placed_at", "0001-01-01T00:00:00-05:00", id="first-year-west-of-utc"),
    ],
)
def test_values_the_cache_can_hold_apply(db: Database, path: str, value: Any) -> None:
    with db.write() as session:
        report = apply_raw_records(session, [_order_with(path, value)], BASE_TIME)
    assert (report.applied, report.quarantined) == (1, 0)


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        pytest.param(
            "data.lines.0.location.aisle",
            INT_MAX + 1,
            "order.data.lines.0.location.aisle: a number too large to store",
            id="aisle-one-past-64-bits",
        ),
        pytest.param(
            "data.lines.1.location.shelf",
            INT_MIN - 1,
            "order.data.lines.1.location.shelf: a number too large to store",
            id="shelf-one-below-64-bits",
        ),
        pytest.param(
            "data.placed_at",
            "9999-12-31T23:59:59-00:01",
            "order.data.placed_at: a time out of range once in UTC",
            id="a-minute-west-of-the-last-utc-moment",
        ),
        pytest.param(
            "data.reminders",
            [{"reminder_id": "r-1", "asked_at": "0001-01-01T00:00:00+00:01"}],
            "order.data.reminders.0.asked_at: a time out of range once in UTC",
            id="reminder-a-minute-before-the-first-utc-moment",
        ),
    ],
)
def test_values_the_cache_cannot_hold_are_set_aside_with_where_they_are(
    db: Database, path: str, value: Any, reason: str
) -> None:
    good = order_record(2, "o-2")
    with db.write() as session:
        report = apply_raw_records(session, [_order_with(path, value), good], BASE_TIME)
    assert (report.applied, report.quarantined) == (1, 1)
    with db.read() as session:
        [kept] = quarantine_repository.list_quarantined(session)
    assert kept.reason == reason
    with db.write() as session:  # the manager's retry says the same
        assert reapply_raw(session, kept.raw) == reason


def test_a_huge_version_is_set_aside_not_written() -> None:
    raw = order_record(1, "o-1")
    raw["version"] = raw["data"]["version"] = 10**30
    record = FEED_RECORD.validate_python(raw)
    assert isinstance(record, OrderRecord)
    assert unstorable_value(record, "order") == "order.version: a number too large to store"
    assert unstorable_value(record) == "version: a number too large to store"


def test_only_fields_that_can_hold_such_values_are_looked_at() -> None:
    # Texts, enums, booleans and integers bounded on both sides are skipped.
    assert _fields_to_check(OrderLine) == ("location",)
    assert "quantity" not in _fields_to_check(TaskLine)
    assert "picked_quantity" in _fields_to_check(TaskLine)  # a Count: no upper bound


def test_the_raw_text_kept_for_a_huge_number_parses_back_to_it(db: Database) -> None:
    with db.write() as session:
        apply_raw_records(session, [_order_with("data.lines.0.location.aisle", 10**40)], BASE_TIME)
    with db.read() as session:
        [kept] = quarantine_repository.list_quarantined(session)
    assert json.loads(kept.raw)["data"]["lines"][0]["location"]["aisle"] == 10**40


def test_an_answer_carrying_a_record_the_cache_cannot_hold_leaves_it_to_the_feed(
    db: Database,
) -> None:
    with db.write() as session:
        apply_raw_records(session, [order_record(1, "o-1", status="new")], BASE_TIME)
    raw = order_record(2, "o-1", version=2, status="accepted")
    raw["data"]["lines"][0]["location"]["aisle"] = INT_MAX + 1
    answer = CommandResult.model_validate(
        {
            "command_id": "00000000-0000-4000-8000-000000000001",
            "outcome": "applied",
            "current": FEED_RECORD.validate_python(raw),
            "applied_at": BASE_TIME.isoformat(),
        }
    )
    item = OutboxItem(
        seq=1,
        command_id=str(answer.command_id),
        command_type="accept_order",
        entity_kind="order",
        entity_id="o-1",
        staff_id="s-1",
        payload={},
        state="sent",
        attempts=1,
        next_attempt_at=None,
        last_error="",
        created_at=BASE_TIME,
        outcome_reason="",
        outcome_message="",
        notice_seen=False,
    )
    with db.write() as session:
        # Storing this answer's order would fail the whole write (an integer past 64 bits).
        _apply_currents(session, [(item, answer)])
    with db.read() as session:
        kept = order_repository.get_order(session, "o-1")
    assert kept is not None
    assert kept.status == "new"  # as the cache had it; the feed brings v2 and sets it aside
