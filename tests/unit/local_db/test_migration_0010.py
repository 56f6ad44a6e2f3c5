"""Migration 0010 (status codes): a device cached at 0009 reads its codes back from the words.

A device upgraded in the middle of a day holds orders, tasks and notices with only the hub's
English words; after the upgrade they carry the codes (and the data beside them), and the
day's figures still count the orders lost to their deadline.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.services.day_summary import DaySummaries
from local_db import order_repository, task_repository
from local_db.database import Database
from local_db.engine import open_engine
from local_db.migration import HEAD_REVISION, stored_revision
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, order_data, order_record
from tests.fakes import FrozenClock
from tests.migrations import downgrade

ORDERS: dict[str, tuple[str, str, str, dict[str, str]]] = {
    # order id: (status, the words an older hub wrote, the code read back, the detail)
    "o-customer": ("cancelled", "cancelled by the customer", "customer_cancelled", {}),
    "o-lost": ("cancelled", "not confirmed in time", "not_confirmed_in_time", {}),
    "o-rejected": (
        "rejected",
        "rejected by the store (out of delivery range): 太远了",
        "rejected_by_store",
        {"reject_reason": "out_of_range", "text": "太远了"},
    ),
    "o-rejected-bare": (
        "rejected",
        "rejected by the store (sold out)",
        "rejected_by_store",
        {"reject_reason": "sold_out"},
    ),
    "o-agreed": (
        "cancelled",
        "cancelled at the customer's request: 地址填错了",
        "cancel_agreed",
        {"text": "地址填错了"},
    ),
    "o-auto": (
        "cancelled",
        "cancelled at the customer's request, agreed by the channel",
        "cancel_auto_agreed",
        {},
    ),
    "o-short": (
        "cancelled",
        "A manager cancelled the order: items were missing.",
        "shortage_cancelled",
        {},
    ),
    "o-rider": ("completed", "handed to the rider", "handed_to_rider", {}),
    "o-counter": ("completed", "collected by the customer", "picked_up_by_customer", {}),
    "o-unknown": ("cancelled", "eaten by the cat", "", {}),
    "o-none": ("completed", "", "", {}),
}
TASKS: dict[str, tuple[str, str, str, dict[str, str]]] = {
    "t-cancelled": (
        "cancelled",
        "cancelled by the customer",
        "order_cancelled",
        {"order_code": "customer_cancelled"},
    ),
    "t-plain": ("cancelled", "The order was cancelled.", "order_cancelled", {}),
    "t-left": ("cancelled", "The order already left the store.", "order_left_store", {}),
    "t-given": (
        "assigned",
        "Reassigned to 李强 Li Qiang by 陈静 Chen Jing.",
        "reassigned",
        {"name": "李强 Li Qiang", "by_name": "陈静 Chen Jing"},
    ),
    "t-ended": (
        "queued",
        "李强 Li Qiang clocked out by 陈静 Chen Jing.",
        "picker_clocked_out",
        {"name": "李强 Li Qiang", "by_name": "陈静 Chen Jing"},
    ),
    "t-off": (
        "queued",
        "李强 Li Qiang clocked out.",
        "picker_clocked_out",
        {"name": "李强 Li Qiang"},
    ),
    "t-gone": ("queued", "李强 Li Qiang left duty.", "picker_left_duty", {"name": "李强 Li Qiang"}),
}


def _task_record(seq: int, task_id: str, status: str, words: str) -> dict[str, Any]:
    data = {
        "task_id": task_id,
        "order_id": "o-customer",
        "kind": "pick",
        "status": status,
        "lines": [
            {"line_id": "l", "sku": "milk", "name": "Milk", "barcode": "6901", "quantity": 1}
        ],
        "status_reason": words,
        "version": 1,
    }
    return {"seq": seq, "kind": "task", "id": task_id, "version": 1, "data": data}


def _cache_at_0009(path: Path) -> None:
    """What a device of the release before holds: words, no codes (written, then the columns
    taken away by the downgrade, as 0009 never had them)."""
    records = [
        order_record(n, order_id, status=status, serial=n, status_reason=words)
        for n, (order_id, (status, words, _code, _detail)) in enumerate(ORDERS.items(), start=1)
    ]
    records.append(order_record(50, "o-held", status="new", serial=50))
    records += [
        _task_record(100 + n, task_id, status, words)
        for n, (task_id, (status, words, _code, _detail)) in enumerate(TASKS.items())
    ]
    db = Database(path)
    with db.write() as session:
        report = apply_raw_records(session, records, BASE_TIME)
        assert report.quarantined == 0
        held = order_data("o-held", status="cancelled", serial=50, version=2)
        order_repository.hold_hub_data(
            session, "o-held", held | {"status_reason": "not confirmed in time"}
        )
        for kind, words in (
            ("cancelled", "cancelled by the customer"),
            ("reassigned", "Reassigned to 王芳 by 陈静 Chen Jing."),
        ):
            task_repository.add_notice(
                session, staff_id="s-p", task_id="t", kind=kind, message=words, at=BASE_TIME
            )
    db.close()
    engine = open_engine(path)
    try:
        downgrade(engine, "0009")
        with engine.connect() as connection:
            for table in ("orders", "tasks", "task_notices"):
                columns = {
                    row[1] for row in connection.execute(text(f"PRAGMA table_info({table})"))
                }
                assert not {"status_code", "status_detail"} & columns
            lines = connection.execute(text("SELECT count(*) FROM order_lines")).scalar()
        assert lines == 2 * (len(ORDERS) + 1)
    finally:
        engine.dispose()


def test_codes_are_read_back_from_the_words_of_every_cached_row(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    _cache_at_0009(path)

    db = Database(path)  # upgraded at start
    try:
        with db.read() as session:
            orders = {oid: order_repository.get_order(session, oid) for oid in ORDERS}
            tasks = {tid: task_repository.get_task(session, tid) for tid in TASKS}
            notices = task_repository.unseen_notices(session, "s-p")
            held = order_repository.held_hub_data(session, "o-held")
    finally:
        db.close()

    for order_id, (_status, words, code, detail) in ORDERS.items():
        order = orders[order_id]
        assert order is not None
        assert (order.status_code, order.status_detail, order.status_reason) == (
            code,
            detail,
            words,
        )
    for task_id, (_status, _words, code, detail) in TASKS.items():
        task = tasks[task_id]
        assert task is not None
        assert (task.status_code, task.status_detail) == (code, detail), task_id
    assert [(n.status_code, n.status_detail) for n in notices] == [
        ("order_cancelled", {"order_code": "customer_cancelled"}),
        ("reassigned", {"name": "王芳", "by_name": "陈静 Chen Jing"}),
    ]
    assert held is not None
    assert (held["status_code"], held["status_detail"]) == ("not_confirmed_in_time", {})
    engine = open_engine(path)
    try:
        assert stored_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()


def test_a_day_upgraded_midway_still_counts_its_orders_lost_to_the_deadline(
    tmp_path: Path,
) -> None:
    path = tmp_path / "device.db"
    _cache_at_0009(path)

    db = Database(path)
    try:
        summary = DaySummaries(db, FrozenClock(BASE_TIME + timedelta(hours=1))).summary()
    finally:
        db.close()

    cancelled = sum(status == "cancelled" for status, *_ in ORDERS.values())
    assert summary.total.orders == len(ORDERS) + 1
    assert summary.total.lost_to_deadline == 1
    assert summary.total.cancelled == cancelled - 1
    assert summary.total.rejected == 2
