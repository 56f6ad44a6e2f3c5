"""Map-and-accept of exception orders: checked at the boundary, one transaction, audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.audit_chain import AuditResult
from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import OrderStatus, Role
from app.read_models import SignedInStaff
from app.services.audit_trail import AuditTrail
from app.services.exception_orders import ExceptionOrders, LineChoice
from app.services.order_actions import ActionRefused, OrderActions
from app.services.order_queries import OrderQueries
from local_db import failpoints, outbox_repository
from local_db.database import Database
from local_db.models import Base
from sync.feed_apply import apply_raw_records
from sync.protocol import COMMAND
from tests.factories import BASE_TIME, order_record
from tests.fakes import FrozenClock
from tests.unit.services.exception_records import exception_record, product_record

MANAGER = SignedInStaff("s-m", "陈静", frozenset({Role.MANAGER}))
CASHIER = SignedInStaff("s-c", "王芳", frozenset({Role.CASHIER}))
PICKER = SignedInStaff("s-p", "李强", frozenset({Role.PICKER}))
TWO_LINES = (("1", "SKU-991", "神秘商品", 2), ("2", "SKU-992", "Odd tea", None))


def _apply(db: Database, records: list[dict[str, Any]]) -> None:
    with db.write() as session:
        assert apply_raw_records(session, records, BASE_TIME).quarantined == 0


@pytest.fixture
def seeded(db: Database) -> Database:
    _apply(
        db,
        [
            product_record(1, "milk", "牛奶"),
            product_record(2, "tea", "绿茶"),
            exception_record(3, "o-x", unread=TWO_LINES),
        ],
    )
    return db


@pytest.fixture
def service(seeded: Database, clock: FrozenClock) -> ExceptionOrders:
    return ExceptionOrders(seeded, clock)


def _outbox(db: Database) -> list[outbox_repository.OutboxItem]:
    with db.read() as session:
        return outbox_repository.pending_batch(session, 100)


def _dump(db: Database) -> dict[str, list[str]]:
    with db.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }


GOOD = [LineChoice("1", "milk", 2), LineChoice("2", "tea", 1)]


def test_the_feed_keeps_the_exception_and_the_order_sits_first_in_new(seeded: Database) -> None:
    _apply(seeded, [order_record(4, "o-plain", placed_at=BASE_TIME - timedelta(minutes=3))])
    rows = OrderQueries(seeded).inbox(InboxTab.NEW)
    # First although the plain order's deadline is sooner: it needs a person most.
    assert rows[1].accept_by < rows[0].accept_by
    assert [row.order_id for row in rows] == ["o-x", "o-plain"]
    detail = OrderQueries(seeded).detail("o-x")
    assert detail is not None
    assert detail.exception is not None
    assert detail.status is OrderStatus.EXCEPTION
    assert detail.lines == ()
    assert [line.ref for line in detail.exception.unread_lines] == ["1", "2"]
    assert detail.exception.unread_lines[1].quantity is None
    assert detail.exception.problems[0].code == "unknown_item"
    assert detail.exception.problems[0].channel_sku == "SKU-991"


def test_a_manager_maps_and_accepts_in_one_transaction_with_one_command(
    seeded: Database, service: ExceptionOrders, clock: FrozenClock
) -> None:
    shown = service.accept_exception_order(MANAGER, "o-x", GOOD)
    assert shown.status is OrderStatus.ACCEPTED
    assert shown.has_pending
    assert shown.accepted_at == clock()
    [row] = _outbox(seeded)
    assert row.command_type == "accept_exception_order"
    command = COMMAND.validate_python(row.payload)
    assert command.type == "accept_exception_order"
    assert [(m.ref, m.sku, m.quantity) for m in command.line_mappings] == [
        ("1", "milk", 2),
        ("2", "tea", 1),
    ]
    assert command.base_version == 1
    [entry] = AuditTrail(seeded).entries(limit=5)
    assert (entry.action, entry.result) == ("map_items", AuditResult.OK.value)


def test_a_crash_between_the_change_and_its_command_leaves_neither(
    seeded: Database, service: ExceptionOrders, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _dump(seeded)

    def crash(point: str) -> None:
        if point == failpoints.BETWEEN_CHANGE_AND_OUTBOX:
            raise RuntimeError("killed")

    monkeypatch.setattr(failpoints, "hit", crash)
    with pytest.raises(RuntimeError):
        service.accept_exception_order(MANAGER, "o-x", GOOD)
    assert _dump(seeded) == before


def test_a_cashier_needs_a_managers_override(seeded: Database, service: ExceptionOrders) -> None:
    before = _dump(seeded)
    with pytest.raises(ActionRefused) as refused:
        service.accept_exception_order(CASHIER, "o-x", GOOD)
    assert refused.value.code == "not_permitted"
    assert _outbox(seeded) == []
    [entry] = AuditTrail(seeded).entries(limit=5)
    assert (entry.action, entry.result) == ("map_items", AuditResult.REFUSED.value)
    assert {k: v for k, v in _dump(seeded).items() if k != "audit_entries"} == {
        k: v for k, v in before.items() if k != "audit_entries"
    }
    approved = CASHIER.approved(MANAGER)
    assert service.accept_exception_order(approved, "o-x", GOOD).status is OrderStatus.ACCEPTED
    [row] = _outbox(seeded)
    assert row.payload["approved_by"] == MANAGER.staff_id
    assert row.staff_id == CASHIER.staff_id


@pytest.mark.parametrize(
    ("mappings", "code"),
    [
        ([LineChoice("1", "milk", 2)], "line_not_mapped"),
        ([*GOOD, LineChoice("1", "milk", 1)], "line_mapped_twice"),
        ([*GOOD, LineChoice("9", "milk", 1)], "unknown_line"),
        ([LineChoice("1", "milk", 2), LineChoice("2", "SKU-992", 1)], "unknown_product"),
        ([LineChoice("1", "milk", 1.5), LineChoice("2", "tea", 1)], "quantity_not_whole"),
        ([LineChoice("1", "milk", 0), LineChoice("2", "tea", 1)], "quantity_out_of_range"),
        ([LineChoice("1", "milk", 1000), LineChoice("2", "tea", 1)], "quantity_out_of_range"),
        ([LineChoice("1", "milk", "2"), LineChoice("2", "tea", 1)], "quantity_not_a_number"),
        ([LineChoice("1", "milk", True), LineChoice("2", "tea", 1)], "quantity_not_a_number"),
        ([{"ref": "1", "sku": "milk", "quantity": 2}], "mapping_wrong_type"),
        (None, "mapping_wrong_type"),
        ("1", "mapping_wrong_type"),
        ([LineChoice("", "milk", 2)], "unknown_line"),
        ([LineChoice("1", "x" * 65, 2)], "unknown_product"),
    ],
)
def test_bad_mappings_are_refused_in_words_and_nothing_is_written(
    seeded: Database, service: ExceptionOrders, mappings: Any, code: str
) -> None:
    before = _dump(seeded)
    with pytest.raises(ActionRefused) as refused:
        service.accept_exception_order(MANAGER, "o-x", mappings)
    assert refused.value.code == code
    assert _dump(seeded) == before


def test_only_an_exception_order_is_mapped(seeded: Database, service: ExceptionOrders) -> None:
    _apply(seeded, [order_record(5, "o-new", serial=5)])
    with pytest.raises(ActionRefused) as refused:
        service.accept_exception_order(MANAGER, "o-new", [])
    assert refused.value.code == "wrong_status"
    with pytest.raises(ActionRefused) as unknown:
        service.accept_exception_order(MANAGER, "o-gone", GOOD)
    assert unknown.value.code == "unknown_order"
    with pytest.raises(ActionRefused) as nobody:
        service.accept_exception_order("s-m", "o-x", GOOD)  # type: ignore[arg-type]
    assert nobody.value.code == "not_permitted"


def test_an_exception_order_without_unread_lines_is_accepted_as_read(
    seeded: Database, service: ExceptionOrders
) -> None:
    problem = {"code": "totals_mismatch", "message": "Totals do not add up"}
    _apply(seeded, [exception_record(6, "o-sum", unread=(), problems=[problem], lines=2)])
    assert service.accept_exception_order(MANAGER, "o-sum", []).status is OrderStatus.ACCEPTED
    [row] = _outbox(seeded)
    assert row.payload["line_mappings"] == []


def test_the_counter_rejects_an_exception_order_with_the_channels_reason(
    seeded: Database, clock: FrozenClock
) -> None:
    shown = OrderActions(seeded, clock).reject(CASHIER, "o-x", RejectReason.SOLD_OUT)
    assert shown.status is OrderStatus.REJECTED
    [row] = _outbox(seeded)
    assert row.command_type == "reject_order"
    assert row.payload["reason"] == "sold_out"


def test_a_picker_may_not_map(seeded: Database, service: ExceptionOrders) -> None:
    with pytest.raises(ActionRefused) as refused:
        service.accept_exception_order(PICKER, "o-x", GOOD)
    assert refused.value.code == "not_permitted"
    assert _outbox(seeded) == []
