"""The picking service: each scan or action changes the cached task and queues one command."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.domain.vocabulary import (
    HandoverParty,
    Role,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)
from app.read_models import SignedInStaff, StatusReason
from app.services.device_preferences import DevicePreferences
from app.services.picking import TOLERANCE_KEY, Picking, PickingRefused
from hub.catalogue import ean13_check_digit, variable_measure_barcode
from local_db import outbox_repository
from local_db.database import Database
from local_db.outbox_repository import Completion
from sync.feed_apply import apply_raw_records, release_tasks
from sync.protocol import ShelfLocation, TaskData, TaskLine, TaskRecord
from tests.factories import BASE_TIME, staff_record
from tests.fakes import FrozenClock

PICKER = SignedInStaff("s-picker", "picker 员工", frozenset({Role.PICKER}))
OTHER = SignedInStaff("s-other", "other 员工", frozenset({Role.PICKER}))
MILK = "690123456789" + ean13_check_digit("690123456789")
BREAD = "690123456790" + ean13_check_digit("690123456790")
BANANA_LINE = variable_measure_barcode("12345", 500)


def _task(version: int = 1, **changes: Any) -> dict[str, Any]:
    data = TaskData(
        task_id="o-1-pick",
        order_id="o-1",
        kind=TaskKind.PICK,
        status=TaskStatus.ASSIGNED,
        assignee_staff_id=PICKER.staff_id,
        due_at=BASE_TIME + timedelta(minutes=20),
        daily_serial=7,
        lines=[
            TaskLine(
                line_id="l-bread",
                sku="bread",
                name="Bread",
                barcode=BREAD,
                quantity=1,
                location=ShelfLocation(zone="B", aisle=1, shelf=1, position=1),
            ),
            TaskLine(
                line_id="l-milk",
                sku="milk",
                name="Milk",
                barcode=MILK,
                quantity=3,
                location=ShelfLocation(zone="A", aisle=2, shelf=1, position=4),
            ),
            TaskLine(
                line_id="l-banana",
                sku="banana",
                name="Banana",
                barcode=BANANA_LINE,
                quantity=1,
                weighed=True,
                ordered_weight_g=500,
                price_per_kg_cents=1200,
                location=ShelfLocation(zone="A", aisle=1, shelf=1, position=1),
            ),
        ],
        version=version,
    )
    body = data.model_dump(mode="json") | changes
    return {"seq": 10 + version, "kind": "task", "id": "o-1-pick", "version": version, "data": body}


def _apply(db: Database, records: list[dict[str, Any]]) -> None:
    with db.write() as session:
        report = apply_raw_records(session, records, BASE_TIME)
    assert report.quarantined == 0


@pytest.fixture
def picking(db: Database, clock: FrozenClock) -> Picking:
    _apply(
        db,
        [
            staff_record(1, PICKER.staff_id, PICKER.name, ["picker"], "2222"),
            staff_record(2, OTHER.staff_id, OTHER.name, ["picker"], "3333"),
            _task(),
        ],
    )
    service = Picking(db, clock)
    service.clock_in(PICKER)
    return service


def _pending(db: Database) -> list[dict[str, Any]]:
    with db.read() as session:
        return [
            payload
            for kind in ("staff", "task")
            for payload in outbox_repository.pending_payloads_of(session, kind)
        ]


def test_clock_in_is_queued_and_shown_at_once(picking: Picking, db: Database) -> None:
    assert picking.is_clocked_in(PICKER)
    assert [p["type"] for p in _pending(db)] == ["clock_in"]
    picking.clock_out(PICKER)
    assert not picking.is_clocked_in(PICKER)


def test_my_tasks_and_lines_in_shelf_route_order(picking: Picking) -> None:
    [summary] = picking.my_tasks(PICKER)
    assert summary.daily_serial == 7
    assert summary.line_count == 3
    detail = picking.task("o-1-pick")
    assert detail is not None
    assert [line.line_id for line in detail.lines] == ["l-banana", "l-milk", "l-bread"]
    assert detail.lines[1].location_text == "A-02-1-4"


def test_scanning_counts_the_right_item_and_refuses_a_wrong_one(
    picking: Picking, db: Database
) -> None:
    picking.start(PICKER, "o-1-pick")

    counted = picking.scan(PICKER, "o-1-pick", BREAD)
    wrong = picking.scan(PICKER, "o-1-pick", "4006381333931")
    broken = picking.scan(PICKER, "o-1-pick", BREAD[:-1] + str((int(BREAD[-1]) + 1) % 10))
    again = picking.scan(PICKER, "o-1-pick", BREAD)

    assert counted.kind == "counted"
    assert counted.counted
    bread = next(line for line in counted.task.lines if line.line_id == "l-bread")
    assert bread.status is TaskLineStatus.PICKED
    assert wrong.kind == "wrong_item"
    assert broken.kind == "bad_code"
    assert again.kind == "line_done"
    picks = [p for p in _pending(db) if p["type"] == "pick_line"]
    assert len(picks) == 1
    assert picks[0]["scanned_code"] == BREAD


def test_a_multiple_asks_for_the_quantity_then_counts_it(picking: Picking, db: Database) -> None:
    picking.start(PICKER, "o-1-pick")
    asked = picking.scan(PICKER, "o-1-pick", MILK)
    assert asked.kind == "quantity_needed"
    assert asked.message_args["remaining"] == 3

    detail = picking.count(PICKER, "o-1-pick", "l-milk", 3, scanned_code=MILK)

    assert next(ln for ln in detail.lines if ln.line_id == "l-milk").picked_quantity == 3
    with pytest.raises(PickingRefused) as refused:
        picking.count(PICKER, "o-1-pick", "l-milk", 1)
    assert refused.value.code == "line_done"


def test_weighed_label_within_tolerance_records_weight_and_price_difference(
    picking: Picking, db: Database
) -> None:
    picking.start(PICKER, "o-1-pick")
    heavy = picking.scan(PICKER, "o-1-pick", variable_measure_barcode("12345", 620))
    assert heavy.kind == "weight_out_of_tolerance"

    ok = picking.scan(PICKER, "o-1-pick", variable_measure_barcode("12345", 530))

    assert ok.kind == "counted"
    banana = ok.task.lines[0]
    assert banana.actual_weight_g == 530
    assert banana.price_difference_cents == 36  # 30 g at 12.00 a kilogram
    [pick] = [p for p in _pending(db) if p["type"] == "pick_line"]
    assert pick["actual_weight_g"] == 530
    assert pick["price_difference_cents"] == 36


def test_tolerance_is_a_device_preference(
    picking: Picking, db: Database, clock: FrozenClock
) -> None:
    DevicePreferences(db, clock).set(TOLERANCE_KEY, 30)
    picking.start(PICKER, "o-1-pick")
    assert picking.scan(PICKER, "o-1-pick", variable_measure_barcode("12345", 620)).counted


def test_shortage_waits_while_other_lines_go_on(picking: Picking, db: Database) -> None:
    picking.start(PICKER, "o-1-pick")
    detail = picking.report_shortage(PICKER, "o-1-pick", "l-milk", 1, ShortageReason.EXPIRED)
    milk = next(ln for ln in detail.lines if ln.line_id == "l-milk")
    assert milk.status is TaskLineStatus.SHORT_PENDING
    assert milk.short_quantity == 2
    assert picking.scan(PICKER, "o-1-pick", BREAD).counted
    with pytest.raises(PickingRefused) as refused:
        picking.complete_pick(PICKER, "o-1-pick")
    assert refused.value.code == "lines_open"
    [shortage] = [p for p in _pending(db) if p["type"] == "report_shortage"]
    assert shortage["reason"] == "expired"
    assert shortage["quantity_found"] == 1


def test_paused_task_takes_no_scans_until_resumed(picking: Picking) -> None:
    picking.start(PICKER, "o-1-pick")
    picking.pause(PICKER, "o-1-pick")
    with pytest.raises(PickingRefused) as refused:
        picking.scan(PICKER, "o-1-pick", BREAD)
    assert refused.value.code == "task_paused"
    picking.resume(PICKER, "o-1-pick")
    assert picking.scan(PICKER, "o-1-pick", BREAD).counted


def test_complete_pick_makes_the_pack_task_and_pack_closes_it(
    picking: Picking, db: Database
) -> None:
    picking.start(PICKER, "o-1-pick")
    picking.scan(PICKER, "o-1-pick", BREAD)
    picking.count(PICKER, "o-1-pick", "l-milk", 3)
    picking.scan(PICKER, "o-1-pick", variable_measure_barcode("12345", 500))

    picked = picking.complete_pick(PICKER, "o-1-pick")
    packed = picking.complete_pack(PICKER, "o-1-pack", 2, HandoverParty.RIDER)

    assert picked.status is TaskStatus.DONE
    assert packed.status is TaskStatus.DONE
    assert packed.bag_count == 2
    assert [p["type"] for p in _pending(db)][-2:] == ["complete_pick", "complete_pack"]


def test_someone_elses_or_a_cancelled_task_is_refused(picking: Picking, db: Database) -> None:
    picking.clock_in(OTHER)
    with pytest.raises(PickingRefused) as refused:
        picking.start(OTHER, "o-1-pick")
    assert refused.value.code == "not_yours"
    _apply(db, [_task(2, status="cancelled", status_reason="The customer cancelled.")])
    with pytest.raises(PickingRefused) as cancelled:
        picking.start(PICKER, "o-1-pick")
    assert cancelled.value.code == "task_cancelled"
    [notice] = picking.notices(PICKER)
    assert notice.kind == "cancelled"
    assert notice.message == "The customer cancelled."
    picking.acknowledge_notices(PICKER, [notice.notice_id])
    assert picking.notices(PICKER) == []


def test_a_cancelled_tasks_notice_keeps_the_hubs_code_and_detail(
    picking: Picking, db: Database
) -> None:
    cancelled = _task(
        2,
        status="cancelled",
        status_reason="cancelled at the customer's request: 太慢了",
        status_code="order_cancelled",
        status_detail={"text": "太慢了", "order_code": "cancel_agreed"},
    )

    _apply(db, [cancelled])

    [notice] = picking.notices(PICKER)
    assert notice.why == StatusReason(
        code="order_cancelled",
        words="cancelled at the customer's request: 太慢了",
        text="太慢了",
        order_code="cancel_agreed",
    )
    detail = picking.task("o-1-pick")
    assert detail is not None
    assert detail.why == notice.why


def test_pending_picks_survive_a_newer_hub_state_until_the_outbox_drains(
    picking: Picking, db: Database
) -> None:
    picking.start(PICKER, "o-1-pick")
    picking.scan(PICKER, "o-1-pick", BREAD)

    _apply(db, [_task(3, status="in_progress")])

    detail = picking.task("o-1-pick")
    assert detail is not None
    assert next(ln for ln in detail.lines if ln.line_id == "l-bread").picked_quantity == 1
    assert detail.has_pending


def test_reassigned_task_tells_the_picker(picking: Picking, db: Database) -> None:
    _apply(
        db,
        [_task(2, assignee_staff_id=OTHER.staff_id, status_reason="Reassigned to other.")],
    )
    [notice] = picking.notices(PICKER)
    assert notice.kind == "reassigned"
    assert picking.my_tasks(PICKER) == []


def test_a_pick_the_hub_refused_is_put_right_when_answered(
    picking: Picking, db: Database, clock: FrozenClock
) -> None:
    picking.start(PICKER, "o-1-pick")
    picking.scan(PICKER, "o-1-pick", BREAD)
    hub_state = TaskRecord.model_validate(_task(1, status="in_progress"))

    with db.write() as session:
        rows = outbox_repository.pending_batch(session, 10)
        outbox_repository.complete_many(
            session,
            [Completion(row.seq, outbox_repository.REJECTED, "line_done") for row in rows],
            at=clock(),
        )
        release_tasks(session, [hub_state, hub_state])

    detail = picking.task("o-1-pick")
    assert detail is not None
    assert not detail.has_pending
    assert next(ln for ln in detail.lines if ln.line_id == "l-bread").picked_quantity == 0


def test_a_cancellation_held_behind_pending_picks_is_told_once(
    picking: Picking, db: Database, clock: FrozenClock
) -> None:
    picking.start(PICKER, "o-1-pick")
    picking.scan(PICKER, "o-1-pick", BREAD)
    cancelled = _task(2, status="cancelled", status_reason="The customer cancelled.")

    _apply(db, [cancelled])
    assert [n.kind for n in picking.notices(PICKER)] == ["cancelled"]
    with db.write() as session:
        rows = outbox_repository.pending_batch(session, 10)
        outbox_repository.complete_many(
            session,
            [Completion(row.seq, outbox_repository.REJECTED, "task_cancelled") for row in rows],
            at=clock(),
        )
        release_tasks(session, [TaskRecord.model_validate(cancelled)])

    assert len(picking.notices(PICKER)) == 1
    detail = picking.task("o-1-pick")
    assert detail is not None
    assert detail.status is TaskStatus.CANCELLED
