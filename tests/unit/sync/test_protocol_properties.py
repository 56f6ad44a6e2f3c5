"""Wire models as properties: whatever validates round-trips, whatever breaks a limit is refused."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from app.domain import wire_limits as limits
from sync.protocol import (
    COMMAND,
    FEED_RECORD,
    AcceptExceptionOrder,
    AuditHead,
    CompletePack,
    MarkReady,
    OrderData,
    PickLine,
    RejectOrder,
    ReportShortage,
    TaskData,
)
from tests.unit.sync.protocol_strategies import (
    BAD_CENTS,
    BAD_QUANTITIES,
    BAD_VERSIONS,
    COMMAND_FIELDS,
    DATA_OF_KIND,
    HASHES,
    IDS,
    TASK_DATA,
    VERSIONS,
    bad_text,
    command,
    order_data,
)

BOUNDED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
"""Bounded: forty examples a case, no example database, no deadline on a shared machine."""


def _round_trips(model: BaseModel) -> None:
    kind = type(model)
    assert kind.model_validate_json(model.model_dump_json()) == model
    assert kind.model_validate(model.model_dump()) == model
    assert kind.model_validate(model.model_dump(mode="json")) == model


def test_every_command_type_has_a_strategy() -> None:
    schema = COMMAND.json_schema()
    assert set(schema["discriminator"]["mapping"]) == set(COMMAND_FIELDS)


def test_every_feed_record_kind_has_a_strategy() -> None:
    schema = FEED_RECORD.json_schema()
    assert set(schema["discriminator"]["mapping"]) == set(DATA_OF_KIND)


@pytest.mark.parametrize("kind", sorted(COMMAND_FIELDS))
@BOUNDED
@given(data=st.data())
def test_a_valid_command_round_trips(kind: str, data: st.DataObject) -> None:
    payload = data.draw(command(kind))
    model = COMMAND.validate_python(payload)
    assert model.type == kind
    _round_trips(model)
    assert COMMAND.validate_json(COMMAND.dump_json(model)) == model


@pytest.mark.parametrize("kind", sorted(DATA_OF_KIND))
@BOUNDED
@given(data=st.data())
def test_a_valid_feed_record_round_trips(kind: str, data: st.DataObject) -> None:
    record = {
        "seq": data.draw(VERSIONS),
        "kind": kind,
        "id": data.draw(IDS),
        "version": data.draw(VERSIONS),
        "data": data.draw(DATA_OF_KIND[kind]),
    }
    model = FEED_RECORD.validate_python(record)
    _round_trips(model)
    _round_trips(model.data)
    assert FEED_RECORD.validate_json(FEED_RECORD.dump_json(model)) == model


# --- out of limits ------------------------------------------------------------------------


def _with(payload: dict[str, Any], path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """A deep copy of `payload` with `value` at `path`."""
    copied: Any = _copy(payload)
    holder = copied
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return copied  # type: ignore[no-any-return]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _refused(model: type[BaseModel], payload: dict[str, Any]) -> None:
    """Refused both as Python values and as the JSON a hub or a device would send."""
    with pytest.raises(ValidationError):
        model.model_validate(payload)
    with pytest.raises(ValidationError):
        model.model_validate_json(json.dumps(payload))


_ORDERS_WITH_LINES = order_data().filter(lambda order: bool(order["lines"]))
_TASKS_WITH_LINES = TASK_DATA.filter(lambda task: bool(task["lines"]))
_AUDIT_HEADS = st.fixed_dictionaries(
    {"seq": st.integers(0, 2**31), "hash": HASHES},
    optional={"anchor": st.none() | st.fixed_dictionaries({"seq": st.integers(0, 99)})},
)
BREAKS: list[tuple[str, type[BaseModel], st.SearchStrategy[dict[str, Any]], tuple[Any, ...], Any]]
BREAKS = [
    ("order note", OrderData, _ORDERS_WITH_LINES, ("note",), bad_text(limits.NOTE_MAX)),
    ("customer name", OrderData, _ORDERS_WITH_LINES, ("customer", "name"), bad_text(80)),
    ("order id", OrderData, _ORDERS_WITH_LINES, ("order_id",), bad_text(limits.CODE_MAX)),
    ("line quantity", OrderData, _ORDERS_WITH_LINES, ("lines", 0, "quantity"), BAD_QUANTITIES),
    ("line paid", OrderData, _ORDERS_WITH_LINES, ("lines", 0, "paid_cents"), BAD_CENTS),
    ("order total", OrderData, _ORDERS_WITH_LINES, ("total_cents",), BAD_CENTS),
    ("order version", OrderData, _ORDERS_WITH_LINES, ("version",), BAD_VERSIONS),
    ("task line quantity", TaskData, _TASKS_WITH_LINES, ("lines", 0, "quantity"), BAD_QUANTITIES),
    ("task reason", TaskData, _TASKS_WITH_LINES, ("status_reason",), bad_text(1000)),
    ("task id", TaskData, _TASKS_WITH_LINES, ("task_id",), bad_text(limits.CODE_MAX)),
    ("pick quantity", PickLine, command("pick_line"), ("quantity",), BAD_QUANTITIES),
    ("pick code", PickLine, command("pick_line"), ("scanned_code",), bad_text(limits.CODE_MAX)),
    (
        "pick weight",
        PickLine,
        command("pick_line"),
        ("actual_weight_g",),
        st.sampled_from([-1, limits.WEIGHT_G_MAX + 1, 1.5, True, "500"]),
    ),
    (
        "quantity found",
        ReportShortage,
        command("report_shortage"),
        ("quantity_found",),
        st.sampled_from([-1, limits.QUANTITY_MAX + 1, 1.5, True, "2", None]),
    ),
    (
        "bag count",
        CompletePack,
        command("complete_pack"),
        ("bag_count",),
        st.sampled_from([0, limits.BAGS_MAX + 1, 1.5, True, "2"]),
    ),
    (
        "time as a number",
        PickLine,
        command("pick_line"),
        ("issued_at",),
        st.sampled_from([0, 1_700_000_000, 1.7e9, True]),
    ),
    ("reject note", RejectOrder, command("reject_order"), ("note",), bad_text(limits.REASON_MAX)),
    (
        "reject reason",
        RejectOrder,
        command("reject_order"),
        ("reason",),
        st.sampled_from(["", "because", 1, None]),
    ),
    (
        "mapped quantity",
        AcceptExceptionOrder,
        command("accept_exception_order").map(
            lambda c: {**c, "line_mappings": [{"ref": "1", "sku": "SKU-1", "quantity": 1}]}
        ),
        ("line_mappings", 0, "quantity"),
        BAD_QUANTITIES,
    ),
    (
        "mapped sku",
        AcceptExceptionOrder,
        command("accept_exception_order").map(
            lambda c: {**c, "line_mappings": [{"ref": "1", "sku": "SKU-1", "quantity": 1}]}
        ),
        ("line_mappings", 0, "sku"),
        bad_text(limits.CODE_MAX),
    ),
    (
        "pickup code",
        AcceptExceptionOrder,
        command("accept_exception_order"),
        ("pickup_code",),
        bad_text(limits.PICKUP_CODE_MAX),
    ),
    ("audit seq", AuditHead, _AUDIT_HEADS, ("seq",), st.sampled_from([False, "1", -1, 1.5])),
    ("audit hash", AuditHead, _AUDIT_HEADS, ("hash",), st.sampled_from(["", "A" * 64, "0" * 63])),
    (
        "anchor seq",
        AuditHead,
        _AUDIT_HEADS.map(lambda head: {**head, "anchor": {"seq": 1}}),
        ("anchor", "seq"),
        st.sampled_from([False, True, "1", -1, 1.5]),
    ),
]


@pytest.mark.parametrize(
    ("model", "valid", "path", "bad"), [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS]
)
@BOUNDED
@given(data=st.data())
def test_a_value_beyond_the_wire_limits_is_refused(
    model: type[BaseModel],
    valid: st.SearchStrategy[dict[str, Any]],
    path: tuple[Any, ...],
    bad: st.SearchStrategy[Any],
    data: st.DataObject,
) -> None:
    payload = data.draw(valid)
    model.model_validate(payload)
    _refused(model, _with(payload, path, data.draw(bad)))


@BOUNDED
@given(mappings=st.integers(limits.LINES_MAX + 1, limits.LINES_MAX + 5), data=st.data())
def test_too_many_mappings_are_refused(mappings: int, data: st.DataObject) -> None:
    payload = data.draw(command("accept_exception_order"))
    mapping = {"ref": "1", "sku": "SKU-1", "quantity": 1}
    _refused(AcceptExceptionOrder, {**payload, "line_mappings": [mapping] * mappings})


def test_an_id_that_is_no_uuid_is_refused() -> None:
    payload = {
        "command_id": str(uuid.uuid4())[:-1] + "g",
        "staff_id": "s",
        "issued_at": "2026-01-01T00:00:00Z",
        "type": "mark_ready",
        "order_id": "o",
    }
    _refused(MarkReady, payload)
    MarkReady.model_validate({**payload, "command_id": str(uuid.uuid4())})
