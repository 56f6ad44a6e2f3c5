"""Wire schemas: valid records parse, malformed ones are refused, unknown fields are ignored."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from app.domain.channel_rules import RejectReason
from sync.protocol import (
    COMMAND,
    FEED_RECORD,
    CommandBatch,
    OrderData,
    OrderRecord,
    RawFeedPage,
    ShortageRecord,
    StaffRecord,
    StoreSettingsRecord,
    TaskRecord,
)
from tests.factories import BASE_TIME, order_record, staff_record

STAFF = staff_record(2, "s-1", "王芳", ["cashier"], "1234")


def _task_record() -> dict[str, Any]:
    data = {
        "task_id": "t-1",
        "order_id": "o-1",
        "kind": "pick",
        "status": "assigned",
        "assignee_staff_id": "s-2",
        "lines": [
            {"line_id": "o-1-l0", "sku": "SKU000", "name": "可乐", "barcode": "1", "quantity": 2}
        ],
        "due_at": BASE_TIME.isoformat(),
        "version": 1,
    }
    return {"seq": 3, "kind": "task", "id": "t-1", "version": 1, "data": data}


def _shortage_record() -> dict[str, Any]:
    data = {
        "shortage_id": "sh-1",
        "order_id": "o-1",
        "task_id": "t-1",
        "line_id": "o-1-l0",
        "quantity_short": 1,
        "reason": "out_of_stock",
        "reported_by": "s-2",
        "reported_at": BASE_TIME.isoformat(),
        "version": 1,
    }
    return {"seq": 4, "kind": "shortage", "id": "sh-1", "version": 1, "data": data}


def _settings_record() -> dict[str, Any]:
    data = {
        "store_id": "store-1",
        "name": "人民路店",
        "channels": [{"channel": "meituan", "accept_window_s": 300}],
        "version": 1,
    }
    return {"seq": 5, "kind": "store_settings", "id": "store-1", "version": 1, "data": data}


def _command(command_type: str = "accept_order", **extra: Any) -> dict[str, Any]:
    return {
        "command_id": str(uuid.uuid4()),
        "type": command_type,
        "order_id": "o-1",
        "staff_id": "s-1",
        "issued_at": BASE_TIME.isoformat(),
        "base_version": 1,
        **extra,
    }


def _refused(raw: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        FEED_RECORD.validate_python(raw)
    return refused.value


# --- valid records --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "model"),
    [
        (order_record(1), OrderRecord),
        (STAFF, StaffRecord),
        (_task_record(), TaskRecord),
        (_shortage_record(), ShortageRecord),
        (_settings_record(), StoreSettingsRecord),
    ],
    ids=["order", "staff", "task", "shortage", "store_settings"],
)
def test_valid_record_of_every_kind_parses(raw: dict[str, Any], model: type):
    record = FEED_RECORD.validate_python(raw)
    assert isinstance(record, model)
    assert (record.seq, record.id, record.version) == (raw["seq"], raw["id"], raw["version"])


def test_order_money_and_times_come_through_exactly():
    raw = order_record(1, lines=3)
    record = FEED_RECORD.validate_python(raw)
    assert isinstance(record, OrderRecord)
    assert record.data.total_cents == raw["data"]["total_cents"]
    assert [line.paid_cents for line in record.data.lines] == [
        line["paid_cents"] for line in raw["data"]["lines"]
    ]
    assert record.data.placed_at == BASE_TIME
    assert record.data.placed_at.utcoffset() is not None


def test_record_survives_a_json_round_trip():
    record = FEED_RECORD.validate_python(order_record(1))
    assert FEED_RECORD.validate_json(FEED_RECORD.dump_json(record)) == record


def test_records_cannot_be_changed_once_parsed():
    record = FEED_RECORD.validate_python(order_record(1))
    with pytest.raises(ValidationError):
        record.data.status = "cancelled"  # type: ignore[misc]


# --- malformed records ----------------------------------------------------------------------


_REQUIRED_ORDER_FIELDS = [name for name, f in OrderData.model_fields.items() if f.is_required()]


@pytest.mark.parametrize("field", _REQUIRED_ORDER_FIELDS)
def test_order_missing_a_required_field_is_refused(field: str):
    raw = order_record(1)
    del raw["data"][field]
    error = _refused(raw)
    assert any(field in item["loc"] and item["type"] == "missing" for item in error.errors())


@pytest.mark.parametrize("field", ["seq", "kind", "id", "version", "data"])
def test_record_missing_an_envelope_field_is_refused(field: str):
    raw = order_record(1)
    del raw[field]
    _refused(raw)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("data", "daily_serial"), "first"),
        (("data", "lines", 0, "quantity"), "two"),
        (("data", "lines", 0, "quantity"), 1.5),
        (("data", "lines"), {"line_id": "x"}),
        (("data", "customer"), "张先生"),
        (("data", "total_cents"), "12.50"),
        (("data", "placed_at"), "yesterday"),
        (("data", "channel"), "taobao"),
        (("data", "fulfilment"), "teleport"),
        (("seq",), "one"),
        (("version",), None),
    ],
    ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else repr(v),
)
def test_wrong_type_is_refused(path: tuple[Any, ...], value: Any):
    raw = order_record(1)
    target = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    _refused(raw)


def test_unknown_kind_is_refused():
    raw = order_record(1)
    raw["kind"] = "coupon"
    _refused(raw)


@pytest.mark.parametrize(
    "path",
    [
        ("subtotal_cents",),
        ("discount_cents",),
        ("delivery_fee_cents",),
        ("total_cents",),
        ("lines", 0, "unit_price_cents"),
        ("lines", 0, "paid_cents"),
    ],
    ids=lambda p: ".".join(map(str, p)),
)
def test_negative_money_is_refused(path: tuple[Any, ...]):
    raw = order_record(1)
    target = raw["data"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = -1
    _refused(raw)


def test_zero_money_is_fine():
    raw = order_record(1)
    raw["data"]["discount_cents"] = 0
    raw["data"]["delivery_fee_cents"] = 0
    FEED_RECORD.validate_python(raw)


@pytest.mark.parametrize("field", ["placed_at", "accept_by", "accepted_at", "closed_at"])
def test_naive_datetime_is_refused(field: str):
    raw = order_record(1)
    raw["data"][field] = "2026-11-22T11:00:00"
    _refused(raw)


def test_naive_datetime_in_a_task_is_refused():
    raw = _task_record()
    raw["data"]["due_at"] = "2026-11-22T11:00:00"
    _refused(raw)


def test_order_without_lines_is_refused():
    raw = order_record(1)
    raw["data"]["lines"] = []
    _refused(raw)


@pytest.mark.parametrize("field", ["status", "resume_status"])
def test_unknown_status_is_refused(field: str):
    raw = order_record(1)
    raw["data"][field] = "teleported"
    _refused(raw)


@pytest.mark.parametrize(("field", "value"), [("seq", 0), ("version", 0), ("id", "")])
def test_envelope_out_of_range_is_refused(field: str, value: Any):
    raw = order_record(1)
    raw[field] = value
    _refused(raw)


def test_staff_without_roles_or_with_unknown_role_is_refused():
    no_roles = copy.deepcopy(STAFF)
    no_roles["data"]["roles"] = []
    _refused(no_roles)
    unknown = copy.deepcopy(STAFF)
    unknown["data"]["roles"] = ["janitor"]
    _refused(unknown)


def test_extra_fields_are_ignored_at_every_level():
    raw = order_record(1)
    raw["from_the_future"] = True
    raw["data"]["loyalty_points"] = 12
    raw["data"]["customer"]["vip"] = True
    raw["data"]["lines"][0]["colour"] = "red"
    record = FEED_RECORD.validate_python(raw)
    assert record == FEED_RECORD.validate_python(order_record(1))
    assert "loyalty_points" not in record.data.model_dump()


# --- commands -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        _command("accept_order"),
        _command("reject_order", reason="sold_out", note="卖完了"),
        _command("mark_ready"),
        _command("hand_over", handed_to="rider"),
    ],
    ids=lambda c: c["type"],
)
def test_every_cashier_command_validates(command: dict[str, Any]):
    parsed = COMMAND.validate_python(command)
    assert parsed.type == command["type"]
    assert str(parsed.command_id) == command["command_id"]


@pytest.mark.parametrize(
    "command",
    [
        {k: v for k, v in _command().items() if k != "command_id"},
        _command(command_id="not-a-uuid"),
        _command(issued_at="2026-11-22T11:00:00"),
        _command(base_version=-1),
        _command("launch_rocket"),
        _command("reject_order"),
        _command("reject_order", reason="bored"),
        _command("reject_order", reason="sold_out", note="x" * 201),
        _command("hand_over"),
        _command("hand_over", handed_to="drone"),
    ],
    ids=[
        "no_id",
        "bad_id",
        "naive_time",
        "negative_base",
        "unknown_type",
        "reject_no_reason",
        "reject_unknown_reason",
        "reject_long_note",
        "hand_over_nobody",
        "hand_over_drone",
    ],
)
def test_malformed_command_is_refused(command: dict[str, Any]):
    with pytest.raises(ValidationError):
        COMMAND.validate_python(command)


def test_every_unified_reject_reason_is_a_valid_command_reason():
    for reason in RejectReason:
        COMMAND.validate_python(_command("reject_order", reason=reason.value))


@pytest.mark.parametrize("size", [1, 200])
def test_command_batch_of_1_to_200_is_accepted(size: int):
    assert len(CommandBatch(commands=[_command() for _ in range(size)]).commands) == size


@pytest.mark.parametrize("size", [0, 201])
def test_command_batch_empty_or_over_200_is_refused(size: int):
    with pytest.raises(ValidationError):
        CommandBatch(commands=[_command() for _ in range(size)])


def test_published_schema_states_the_batch_limits():
    commands = CommandBatch.model_json_schema()["properties"]["commands"]
    assert (commands["minItems"], commands["maxItems"]) == (1, 200)


def test_a_feed_page_from_an_older_hub_does_not_say_what_is_left() -> None:
    page = RawFeedPage.model_validate({"records": [], "cursor": "c-1", "has_more": True})
    assert page.remaining is None
    counted = RawFeedPage.model_validate(
        {"records": [], "cursor": "c-1", "has_more": True, "remaining": 1200}
    )
    assert counted.remaining == 1200
    for wrong in (-1, "1200", 1.5):
        with pytest.raises(ValidationError):
            RawFeedPage.model_validate(
                {"records": [], "cursor": "c-1", "has_more": True, "remaining": wrong}
            )
