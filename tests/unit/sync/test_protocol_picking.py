"""The picking part of the wire contract: task records old and new, and picking commands."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from app.domain.vocabulary import OutOfStockPreference, TaskLineStatus
from sync.protocol import COMMAND, FEED_RECORD, PickLine, TaskRecord
from tests.factories import BASE_TIME

_TASK_V1: dict[str, Any] = {
    "seq": 3,
    "kind": "task",
    "id": "o-1-pick",
    "version": 1,
    "data": {
        "task_id": "o-1-pick",
        "order_id": "o-1",
        "kind": "pick",
        "status": "assigned",
        "lines": [{"line_id": "l-1", "sku": "s", "name": "Milk", "barcode": "1", "quantity": 2}],
        "version": 1,
    },
}


def _command(kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "command_id": str(uuid.uuid4()),
        "staff_id": "s-1",
        "issued_at": BASE_TIME.isoformat(),
        **fields,
    }


def test_a_task_record_of_the_first_contract_still_reads_with_defaults() -> None:
    record = FEED_RECORD.validate_python(_TASK_V1)
    assert isinstance(record, TaskRecord)
    assert record.data.out_of_stock_preference is OutOfStockPreference.CONTACT_ME
    assert record.data.paused is False
    [line] = record.data.lines
    assert line.status is TaskLineStatus.OPEN
    assert line.price_difference_cents == 0
    assert line.actual_weight_g is None


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("clock_in", {}),
        ("clock_out", {}),
        ("start_task", {"task_id": "t"}),
        ("pick_line", {"task_id": "t", "line_id": "l", "quantity": 1, "actual_weight_g": 510}),
        (
            "report_shortage",
            {"task_id": "t", "line_id": "l", "quantity_found": 0, "reason": "damaged"},
        ),
        ("pause_task", {"task_id": "t"}),
        ("resume_task", {"task_id": "t"}),
        ("complete_pick", {"task_id": "t"}),
        ("complete_pack", {"task_id": "t", "bag_count": 2, "handed_to": "rider"}),
        ("reassign_task", {"task_id": "t", "assignee_staff_id": "s-2"}),
    ],
)
def test_every_picking_command_is_part_of_the_command_union(
    kind: str, fields: dict[str, Any]
) -> None:
    assert COMMAND.validate_python(_command(kind, **fields)).type == kind


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("pick_line", {"task_id": "t", "line_id": "l", "quantity": 0}),
        ("complete_pack", {"task_id": "t", "bag_count": 0}),
        ("report_shortage", {"task_id": "t", "line_id": "l", "quantity_found": -1, "reason": "x"}),
    ],
)
def test_impossible_picking_commands_are_refused_by_the_schema(
    kind: str, fields: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError):
        COMMAND.validate_python(_command(kind, **fields))


def test_a_price_difference_may_be_negative() -> None:
    command = COMMAND.validate_python(
        _command("pick_line", task_id="t", line_id="l", quantity=1, price_difference_cents=-42)
    )
    assert isinstance(command, PickLine)
    assert command.price_difference_cents == -42
