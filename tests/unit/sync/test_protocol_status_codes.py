"""status_code and status_detail on the wire: optional, open to newer codes, stored whole."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

from app.domain.status_codes import OrderStatusCode, TaskStatusCode
from hub.api.routes import openapi_document
from local_db import order_repository, task_repository
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from sync.protocol import FEED_RECORD, OrderData, OrderRecord, StatusDetail, TaskData
from tests.factories import BASE_TIME, order_record

RECEIVED = BASE_TIME + timedelta(minutes=1)


def _task_record(seq: int, **changes: Any) -> dict[str, Any]:
    data = {
        "task_id": "o-1-pick",
        "order_id": "o-1",
        "kind": "pick",
        "status": "cancelled",
        "lines": [
            {"line_id": "l-1", "sku": "milk", "name": "Milk", "barcode": "6901", "quantity": 1}
        ],
        "version": seq,
        **changes,
    }
    return {"seq": seq, "kind": "task", "id": "o-1-pick", "version": seq, "data": data}


def test_a_record_of_a_hub_before_the_codes_validates_with_none() -> None:
    record = order_record(1, status="cancelled", status_reason="cancelled by the customer")
    assert "status_code" not in record["data"]

    parsed = FEED_RECORD.validate_python(record)

    assert isinstance(parsed, OrderRecord)
    assert parsed.data.status_code == ""
    assert parsed.data.status_detail == StatusDetail()
    assert parsed.data.status_reason == "cancelled by the customer"


def test_a_newer_hubs_code_and_detail_fields_still_validate() -> None:
    detail = {"text": "太慢了", "mood": "angry"}  # "mood": a field this device does not know
    record = order_record(
        1, status="cancelled", status_code="customer_gave_up", status_detail=detail
    )

    parsed = FEED_RECORD.validate_python(record)

    assert isinstance(parsed.data, OrderData)
    assert parsed.data.status_code == "customer_gave_up"
    assert parsed.data.status_detail == StatusDetail(text="太慢了")


def test_the_published_contract_documents_every_code_and_requires_none() -> None:
    schemas = openapi_document()["components"]["schemas"]

    for name, codes in (("OrderData", OrderStatusCode), ("TaskData", TaskStatusCode)):
        properties = schemas[name]["properties"]
        assert {"status_reason", "status_code", "status_detail"} <= set(properties)
        assert not {"status_code", "status_detail"} & set(schemas[name].get("required", []))
        assert all(code.value in properties["status_code"]["description"] for code in codes)
    assert "required" not in schemas["StatusDetail"]


def test_the_cache_stores_an_orders_and_a_tasks_code_and_detail(db: Database) -> None:
    rejected = order_record(
        1,
        status="rejected",
        status_reason="rejected by the store (sold out): no milk",
        status_code="rejected_by_store",
        status_detail={"reject_reason": "sold_out", "text": "no milk"},
    )
    task = _task_record(
        2,
        status_reason="rejected by the store (sold out): no milk",
        status_code="order_cancelled",
        status_detail={
            "reject_reason": "sold_out",
            "text": "no milk",
            "order_code": "rejected_by_store",
        },
    )
    with db.write() as session:
        report = apply_raw_records(session, copy.deepcopy([rejected, task]), RECEIVED)
    assert report.quarantined == 0

    with db.read() as session:
        order = order_repository.get_order(session, "o-1")
        stored_task = task_repository.get_task(session, "o-1-pick")
    assert order is not None
    assert (order.status_code, order.status_detail) == (
        "rejected_by_store",
        {"reject_reason": "sold_out", "text": "no milk"},
    )
    assert stored_task is not None
    assert stored_task.status_code == "order_cancelled"
    assert stored_task.status_detail["order_code"] == "rejected_by_store"
    assert TaskData.model_validate(task["data"]).status_detail.order_code == "rejected_by_store"
