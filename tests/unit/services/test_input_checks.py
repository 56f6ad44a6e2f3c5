"""The device's input checks say what the hub's wire contract says, and the outbox checks again."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from app.domain import wire_limits as limits
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services import input_checks, outbox_commands
from app.services.input_checks import (
    MISSING,
    NOT_SENDABLE,
    NUMBER_RANGES,
    TEXT_LIMITS,
    WRONG_TYPE,
    InputField,
    InputIssue,
    InputRefused,
    issue_of,
)
from local_db.database import Database
from local_db.models import OutboxEntry
from sync.protocol import COMMAND
from tests.factories import BASE_TIME

CASHIER = SignedInStaff("s-1", "李娜", frozenset({Role.CASHIER}))
BOUNDED = settings(max_examples=150, deadline=None, database=None)
_BASE = {
    "command_id": "6f1c1d9e-2b8f-4a61-9a6a-0d8f7f6b3c11",
    "staff_id": "s-1",
    "issued_at": "2026-01-01T00:00:00+00:00",
}
_CARRIERS: dict[str, dict[str, Any]] = {
    "note": {"type": "reject_order", "order_id": "o", "reason": "sold_out"},
    "reply": {"type": "reply_reminder", "order_id": "o", "reminder_id": "r"},
    "handed_to_name": {"type": "hand_over", "order_id": "o", "handed_to": "rider"},
    "scanned_code": {"type": "pick_line", "task_id": "t", "line_id": "l", "quantity": 1},
    "substitute_sku": {
        "type": "decide_shortage",
        "task_id": "t",
        "shortage_id": "s",
        "decision": "found",
    },
    "quantity": {"type": "pick_line", "task_id": "t", "line_id": "l"},
    "quantity_found": {
        "type": "report_shortage",
        "task_id": "t",
        "line_id": "l",
        "reason": "damaged",
    },
    "actual_weight_g": {"type": "pick_line", "task_id": "t", "line_id": "l", "quantity": 1},
    "price_difference_cents": {"type": "pick_line", "task_id": "t", "line_id": "l", "quantity": 1},
    "bag_count": {"type": "complete_pack", "task_id": "t"},
    "agree": {"type": "answer_cancel_request", "order_id": "o", "reason": "因为"},
}
"""A command carrying each wire field a person fills, with everything else valid."""

_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]
ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.integers(0, 80).map(lambda extra: "x" * (limits.CODE_MAX - 10 + extra)),
    st.integers(0, 80).map(lambda extra: "长" * (limits.REASON_MAX - 20 + extra)),
    st.tuples(st.text(max_size=5), st.sampled_from(_CONTROLS)).map("".join),
    st.tuples(st.text(max_size=5), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)).map(
        "".join
    ),
)
ANY_VALUE = st.one_of(
    ANY_TEXT,
    st.integers(-(10**9), 10**9),
    st.integers(-3, limits.QUANTITY_MAX + 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1.5, 2.0, True, False, None, "2", [], {}]),
)


@BOUNDED
@given(field=st.sampled_from(sorted(_CARRIERS)), value=ANY_VALUE)
def test_the_outbox_check_refuses_what_the_hub_would(field: str, value: object) -> None:
    carrier = {**_BASE, **_CARRIERS[field], field: value}
    try:
        COMMAND.validate_python(carrier)
    except ValidationError:
        hub_takes = False
    else:
        hub_takes = True
    try:
        input_checks.check_arguments({field: value})
    except InputRefused as refused:
        device_takes = refused.issue is None  # a refusal always names the field

    else:
        device_takes = True
    assert hub_takes or not device_takes  # nothing queued that the hub refuses
    # The device is stricter in one place only: no line has more than QUANTITY_MAX units, so
    # no more can be found (the wire's quantity_found has no top).
    stricter = field == "quantity_found" and type(value) is int and value > limits.QUANTITY_MAX
    assert device_takes or not hub_takes or stricter


@pytest.mark.parametrize("field", list(InputField))
def test_every_code_names_its_field_and_problem_again(field: InputField) -> None:
    problems = [*(p.value for p in limits.InputProblem), WRONG_TYPE, MISSING]
    for problem in problems:
        issue = InputIssue(field, problem)
        assert issue_of(issue.code) == issue
    assert (field in TEXT_LIMITS) != (field in NUMBER_RANGES) or field in {
        InputField.ANSWER,
        InputField.HANDED_TO,
        InputField.SHORTAGE_REASON,
    }
    assert issue_of("unknown_order") is None
    assert issue_of(NOT_SENDABLE) is None


def test_a_person_s_text_is_stripped_and_checked() -> None:
    assert input_checks.text("  好的  ", InputField.NOTE) == "好的"
    assert input_checks.text(None, InputField.NOTE) == ""
    assert input_checks.text("a\tb\nc", InputField.NOTE) == "a\tb\nc"
    with pytest.raises(InputRefused) as refused:
        input_checks.text(None, InputField.REPLY, required=True)
    assert refused.value.code == "reply_wrong_type"
    assert input_checks.whole(2.0, InputField.QUANTITY) == 2
    input_checks.check_arguments({"line_mappings": [{"ref": "1", "sku": "S", "quantity": 2}]})
    assert input_checks.whole(3, InputField.QUANTITY, high=3) == 3
    with pytest.raises(InputRefused) as refused:
        input_checks.whole(4, InputField.QUANTITY, high=3)
    assert refused.value.code == "quantity_out_of_range"


def _rows(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"task_id": "t", "line_id": "l", "quantity": 2.0}, "quantity_not_whole"),
        ({"task_id": "t", "line_id": "l", "quantity": True}, "quantity_not_a_number"),
        ({"order_id": "o", "note": "x" * (limits.REASON_MAX + 1)}, "note_too_long"),
        ({"order_id": "o", "handed_to_name": "\x1b"}, "name_control_character"),
        ({"order_id": "o\x00"}, NOT_SENDABLE),
        ({"task_id": "t" * (limits.CODE_MAX + 1)}, NOT_SENDABLE),
        ({"order_id": "o", "agree": "yes"}, "answer_wrong_type"),
        ({"line_mappings": [{"ref": "1", "sku": "S", "quantity": 1.5}]}, "quantity_not_whole"),
        ({"line_mappings": [{"ref": "1", "sku": "S", "quantity": "2"}]}, "quantity_not_a_number"),
        ({"line_mappings": [{"ref": "1", "sku": "S", "quantity": 1000}]}, "quantity_out_of_range"),
        ({"line_mappings": [{"ref": "1", "sku": "S\x00", "quantity": 1}]}, NOT_SENDABLE),
        ({"line_mappings": [{"ref": "1", "quantity": 1}]}, NOT_SENDABLE),
        ({"line_mappings": "1:S:1"}, NOT_SENDABLE),
        ({"line_mappings": [{"ref": "1", "sku": "S", "quantity": 1}] * 201}, NOT_SENDABLE),
    ],
)
def test_the_outbox_refuses_a_command_the_hub_would_and_keeps_nothing(
    db: Database, arguments: dict[str, Any], code: str
) -> None:
    with pytest.raises(InputRefused) as refused, db.write() as session:
        outbox_commands.add_command(
            session,
            CASHIER,
            command_type="pick_line",
            entity_kind="task",
            entity_id="t",
            base_version=1,
            arguments=arguments,
            now=BASE_TIME,
        )
    assert refused.value.code == code
    assert _rows(db) == 0
