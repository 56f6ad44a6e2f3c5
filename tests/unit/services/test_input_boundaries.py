"""Each service taking a person's input refuses what the wire would not take, writing nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.vocabulary import (
    Channel,
    HandoverParty,
    Role,
    ShortageReason,
    TaskKind,
    TaskStatus,
)
from app.read_models import SignedInStaff
from app.services.alarm_preferences import AlarmPreferences
from app.services.channel_pauses import ChannelPauses, PauseRefused
from app.services.customer_contact import CustomerContact, PhoneRefused
from app.services.device_preferences import DevicePreferences, SettingRefused
from app.services.order_actions import ActionRefused, OrderActions
from app.services.order_search import OrderSearch
from app.services.picking import Picking, PickingRefused
from app.services.shortage_decisions import DecisionRefused, ShortageDecisions
from app.services.task_control import TaskControl, TaskControlRefused
from local_db.database import Database
from local_db.models import Base, OutboxEntry
from sync.feed_apply import apply_raw_records
from sync.protocol import ShelfLocation, ShortageData, TaskData, TaskLine
from tests.factories import BASE_TIME, order_record, staff_record
from tests.fakes import FrozenClock

CASHIER = SignedInStaff("s-cashier", "李娜", frozenset({Role.CASHIER}))
MANAGER = SignedInStaff("s-manager", "王芳", frozenset({Role.MANAGER}))
PICKER = SignedInStaff("s-picker", "赵敏", frozenset({Role.PICKER}))
TWO_MB = "备注" * (1024 * 1024)
T = "o-pick-pick"


@dataclass(frozen=True)
class Services:
    actions: OrderActions
    picking: Picking
    decisions: ShortageDecisions
    pauses: ChannelPauses
    floor: TaskControl
    alarm: AlarmPreferences
    search: OrderSearch
    contact: CustomerContact


def _staff(seq: int, who: SignedInStaff) -> dict[str, Any]:
    record = staff_record(seq, who.staff_id, who.name, [r.value for r in who.roles], "2468")
    record["data"]["clocked_in"] = True
    return record


def _task(seq: int) -> dict[str, Any]:
    data = TaskData(
        task_id="o-pick-pick",
        order_id="o-pick",
        kind=TaskKind.PICK,
        status=TaskStatus.IN_PROGRESS,
        assignee_staff_id=PICKER.staff_id,
        due_at=BASE_TIME + timedelta(minutes=20),
        daily_serial=seq,
        lines=[
            TaskLine(
                line_id="l-1",
                sku="milk",
                name="Milk",
                barcode="6901234567892",
                quantity=2,
                location=ShelfLocation(zone="A", aisle=1, shelf=1, position=1),
            )
        ],
        version=1,
    )
    return {"seq": seq, "kind": "task", "id": data.task_id, "version": 1, "data": data.model_dump()}


def _shortage(seq: int) -> dict[str, Any]:
    data = ShortageData(
        shortage_id="sh-1",
        order_id="o-pick",
        task_id="o-pick-pick",
        line_id="o-pick-l0",
        quantity_short=1,
        reason=ShortageReason.OUT_OF_STOCK,
        reported_by=PICKER.staff_id,
        reported_at=BASE_TIME,
        version=1,
    )
    return {"seq": seq, "kind": "shortage", "id": "sh-1", "version": 1, "data": data.model_dump()}


def seed_store(db: Database) -> None:
    """Staff, settings, orders, a task in progress and a shortage, as the feed brings them."""
    settings = {
        "store_id": "store-1",
        "name": "店",
        "channels": [{"channel": c.value, "accept_window_s": 300} for c in Channel],
        "version": 1,
    }
    request = {"kind": "cancel", "reason": "不要了", "requested_at": BASE_TIME.isoformat()}
    reminders = [{"reminder_id": "R1", "asked_at": BASE_TIME.isoformat()}]
    records = [
        _staff(1, CASHIER),
        _staff(2, MANAGER),
        _staff(3, PICKER),
        {"seq": 4, "kind": "store_settings", "id": "store-1", "version": 1, "data": settings},
        order_record(5, "o-new", serial=5),
        order_record(6, "o-ready", serial=6, status="ready"),
        order_record(
            7,
            "o-req",
            serial=7,
            status="cancel_requested",
            resume_status="accepted",
            request=request,
        ),
        order_record(8, "o-rem", serial=8, status="accepted", reminders=reminders),
        order_record(9, "o-pick", serial=9, status="preparing"),
        _task(10),
        _shortage(11),
    ]
    with db.write() as session:
        assert apply_raw_records(session, records, BASE_TIME).quarantined == 0


@pytest.fixture
def services(db: Database, clock: FrozenClock) -> Services:
    seed_store(db)
    return Services(
        actions=OrderActions(db, clock),
        picking=Picking(db, clock),
        decisions=ShortageDecisions(db, clock),
        pauses=ChannelPauses(db, clock),
        floor=TaskControl(db, clock),
        alarm=AlarmPreferences(DevicePreferences(db, clock), clock),
        search=OrderSearch(db, clock),
        contact=CustomerContact(db, clock),
    )


def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: a refused input must leave all of them as they were."""
    with db.read() as session:
        return {
            table.name: [tuple(row) for row in session.execute(select(table)).all()]
            for table in Base.metadata.sorted_tables
        }


Call = Callable[[Services], object]
_A = ActionRefused
_P = PickingRefused
_D = DecisionRefused
CASES: list[tuple[str, Call, type[Exception], str]] = [
    # the counter
    (
        "reject note 201",
        lambda s: s.actions.reject(CASHIER, "o-new", "sold_out", "x" * 201),
        _A,
        "note_too_long",
    ),
    (
        "reject note 2 MB",
        lambda s: s.actions.reject(CASHIER, "o-new", "sold_out", TWO_MB),
        _A,
        "note_too_long",
    ),
    (
        "reject note NUL",
        lambda s: s.actions.reject(CASHIER, "o-new", "sold_out", "a\x00b"),
        _A,
        "note_control_character",
    ),
    (
        "reject note ESC",
        lambda s: s.actions.reject(CASHIER, "o-new", "sold_out", "\x1b[2J"),
        _A,
        "note_control_character",
    ),
    (
        "reject note surrogate",
        lambda s: s.actions.reject(CASHIER, "o-new", "sold_out", "好\ud800"),
        _A,
        "note_broken_character",
    ),
    (
        "reject note number",
        lambda s: s.actions.reject(CASHIER, "o-new", "sold_out", 5),
        _A,
        "note_wrong_type",
    ),
    (
        "reject reason unknown",
        lambda s: s.actions.reject(CASHIER, "o-new", "because"),
        _A,
        "reason_not_allowed",
    ),
    (
        "reject reason None",
        lambda s: s.actions.reject(CASHIER, "o-new", None),
        _A,
        "reason_not_allowed",
    ),
    ("accept order None", lambda s: s.actions.accept(CASHIER, None), _A, "unknown_order"),
    ("accept order 42", lambda s: s.actions.accept(CASHIER, 42), _A, "unknown_order"),
    ("accept order 2 MB", lambda s: s.actions.accept(CASHIER, TWO_MB), _A, "unknown_order"),
    ("accept by nobody", lambda s: s.actions.accept(None, "o-new"), _A, "not_permitted"),
    (
        "hand over name 81",
        lambda s: s.actions.hand_over(CASHIER, "o-ready", HandoverParty.RIDER, "名" * 81),
        _A,
        "name_too_long",
    ),
    (
        "hand over name tab",
        lambda s: s.actions.hand_over(CASHIER, "o-ready", HandoverParty.RIDER, "a\x07"),
        _A,
        "name_control_character",
    ),
    (
        "hand over to a drone",
        lambda s: s.actions.hand_over(CASHIER, "o-ready", "drone"),
        _A,
        "handed_to_wrong_type",
    ),
    (
        "disagree reason 201",
        lambda s: s.actions.answer_cancel_request(CASHIER, "o-req", agree=False, reason="x" * 201),
        _A,
        "reason_too_long",
    ),
    (
        "disagree reason NUL",
        lambda s: s.actions.answer_cancel_request(CASHIER, "o-req", agree=False, reason="\x00"),
        _A,
        "reason_control_character",
    ),
    (
        "answer 'no'",
        lambda s: s.actions.answer_cancel_request(CASHIER, "o-req", agree="no"),
        _A,
        "answer_wrong_type",
    ),
    (
        "answer 0",
        lambda s: s.actions.answer_refund_request(CASHIER, "o-req", agree=0, reason="x"),
        _A,
        "answer_wrong_type",
    ),
    (
        "reply 201",
        lambda s: s.actions.reply_reminder(CASHIER, "o-rem", "R1", "x" * 201),
        _A,
        "reply_too_long",
    ),
    (
        "reply empty",
        lambda s: s.actions.reply_reminder(CASHIER, "o-rem", "R1", "   "),
        _A,
        "reply_missing",
    ),
    (
        "reply None",
        lambda s: s.actions.reply_reminder(CASHIER, "o-rem", "R1", None),
        _A,
        "reply_wrong_type",
    ),
    (
        "reply surrogate",
        lambda s: s.actions.reply_reminder(CASHIER, "o-rem", "R1", "\udfff"),
        _A,
        "reply_broken_character",
    ),
    (
        "reminder None",
        lambda s: s.actions.reply_reminder(CASHIER, "o-rem", None, "ok"),
        _A,
        "unknown_reminder",
    ),
    # the handheld
    ("count 1.5", lambda s: s.picking.count(PICKER, T, "l-1", 1.5), _P, "quantity_not_whole"),
    ("count '2'", lambda s: s.picking.count(PICKER, T, "l-1", "2"), _P, "quantity_not_a_number"),
    ("count True", lambda s: s.picking.count(PICKER, T, "l-1", True), _P, "quantity_not_a_number"),
    ("count None", lambda s: s.picking.count(PICKER, T, "l-1", None), _P, "quantity_not_a_number"),
    ("count 0", lambda s: s.picking.count(PICKER, T, "l-1", 0), _P, "quantity_out_of_range"),
    ("count 1000", lambda s: s.picking.count(PICKER, T, "l-1", 1000), _P, "quantity_out_of_range"),
    (
        "count code 65",
        lambda s: s.picking.count(PICKER, T, "l-1", 1, scanned_code="6" * 65),
        _P,
        "scanned_code_too_long",
    ),
    (
        "scan NUL",
        lambda s: s.picking.scan(PICKER, T, "690\x00123"),
        _P,
        "scanned_code_control_character",
    ),
    ("scan 2 MB", lambda s: s.picking.scan(PICKER, T, TWO_MB), _P, "scanned_code_too_long"),
    (
        "scan a number",
        lambda s: s.picking.scan(PICKER, T, 6901234567892),
        _P,
        "scanned_code_wrong_type",
    ),
    (
        "found -1",
        lambda s: s.picking.report_shortage(PICKER, T, "l-1", -1, ShortageReason.DAMAGED),
        _P,
        "quantity_found_out_of_range",
    ),
    (
        "found 0.5",
        lambda s: s.picking.report_shortage(PICKER, T, "l-1", 0.5, ShortageReason.DAMAGED),
        _P,
        "quantity_found_not_whole",
    ),
    (
        "short for no reason",
        lambda s: s.picking.report_shortage(PICKER, T, "l-1", 0, "lost"),
        _P,
        "shortage_reason_wrong_type",
    ),
    (
        "bags 100",
        lambda s: s.picking.complete_pack(PICKER, T, 100, None),
        _P,
        "bag_count_out_of_range",
    ),
    (
        "bags '3'",
        lambda s: s.picking.complete_pack(PICKER, T, "3", None),
        _P,
        "bag_count_not_a_number",
    ),
    (
        "bags to a drone",
        lambda s: s.picking.complete_pack(PICKER, T, 1, "drone"),
        _P,
        "handed_to_wrong_type",
    ),
    ("start task None", lambda s: s.picking.start(PICKER, None), _P, "unknown_task"),
    (
        "notices as text",
        lambda s: s.picking.acknowledge_notices(PICKER, "1,2"),
        _P,
        "unknown_notice",
    ),
    ("clock in nobody", lambda s: s.picking.clock_in(None), _P, "not_permitted"),
    # the manager
    (
        "decision note 201",
        lambda s: s.decisions.decide(MANAGER, "sh-1", "found", note="x" * 201),
        _D,
        "note_too_long",
    ),
    (
        "decision note ESC",
        lambda s: s.decisions.decide(MANAGER, "sh-1", "found", note="\x1b"),
        _D,
        "note_control_character",
    ),
    (
        "substitute 65",
        lambda s: s.decisions.decide(MANAGER, "sh-1", "substitute", substitute_sku="S" * 65),
        _D,
        "substitute_too_long",
    ),
    (
        "substitute None",
        lambda s: s.decisions.preview("sh-1", "substitute", 7),
        _D,
        "substitute_wrong_type",
    ),
    ("decision 3", lambda s: s.decisions.decide(MANAGER, "sh-1", 3), _D, "unknown_decision"),
    ("shortage None", lambda s: s.decisions.decide(MANAGER, None, "found"), _D, "unknown_shortage"),
    ("decided by nobody", lambda s: s.decisions.decide(None, "sh-1", "found"), _D, "not_permitted"),
    (
        "pause 15.0",
        lambda s: s.pauses.pause(MANAGER, Channel.MEITUAN, 15.0),
        PauseRefused,
        "wrong_length",
    ),
    (
        "pause '15'",
        lambda s: s.pauses.pause(MANAGER, Channel.MEITUAN, "15"),
        PauseRefused,
        "wrong_length",
    ),
    (
        "pause True",
        lambda s: s.pauses.pause(MANAGER, Channel.MEITUAN, True),
        PauseRefused,
        "wrong_length",
    ),
    (
        "pause nowhere",
        lambda s: s.pauses.reopen(MANAGER, "nowhere"),
        PauseRefused,
        "unknown_channel",
    ),
    (
        "pause by nobody",
        lambda s: s.pauses.reopen(None, Channel.ELEME),
        PauseRefused,
        "not_permitted",
    ),
    (
        "reassign None",
        lambda s: s.floor.reassign(MANAGER, None, PICKER.staff_id),
        TaskControlRefused,
        "unknown_task",
    ),
    ("clock out 42", lambda s: s.floor.clock_out(MANAGER, 42), TaskControlRefused, "unknown_staff"),
    (
        "auto-accept 'yes'",
        lambda s: s.alarm.set_auto_accept(Channel.ELEME, "yes", MANAGER),
        SettingRefused,
        "answer_wrong_type",
    ),
    (
        "auto-accept nowhere",
        lambda s: s.alarm.set_auto_accept("nowhere", True, MANAGER),
        SettingRefused,
        "unknown_channel",
    ),
]


@pytest.mark.parametrize(
    ("call", "refusal", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_input_beyond_the_wire_is_refused_and_nothing_is_written(
    services: Services, db: Database, call: Call, refusal: type[Exception], code: str
) -> None:
    before = everything(db)
    with pytest.raises(refusal) as refused:
        call(services)
    assert type(refused.value) is refusal
    assert refused.value.code == code
    assert everything(db) == before


def test_a_phone_is_not_shown_to_nobody_or_for_no_order(services: Services, db: Database) -> None:
    before = everything(db)
    for staff, order_id in ((None, "o-new"), (MANAGER, None), (MANAGER, "o\x00")):
        with pytest.raises(PhoneRefused):
            services.contact.reveal_phone(staff, order_id)
    assert everything(db) == before


def test_a_search_no_order_can_match_finds_nothing(services: Services) -> None:
    assert services.search.search("5")  # the order of the day numbered 5
    for text in (TWO_MB, "5\x00", None, 5, "\ud800"):
        assert services.search.search(text) == []
    assert services.decisions.search_substitutes(TWO_MB) == []
    assert services.decisions.search_substitutes(None) == []
    assert services.decisions.search_substitutes("milk", limit="20") == []


def _queued(db: Database) -> list[dict[str, Any]]:
    with db.read() as session:
        return list(session.scalars(select(OutboxEntry.payload).order_by(OutboxEntry.seq)))


def test_what_is_within_the_limits_is_queued_as_the_wire_takes_it(
    services: Services, db: Database
) -> None:
    services.actions.reject(CASHIER, "o-new", "sold_out", "  " + "缺" * 200 + "  ")
    services.actions.hand_over(CASHIER, "o-ready", "rider", "名" * 80)
    services.actions.reply_reminder(CASHIER, "o-rem", "R1", "马上到\t谢谢")
    services.picking.count(PICKER, T, "l-1", 2.0)
    services.pauses.pause(MANAGER, "eleme", 15)
    reject, hand_over, reply, pick, pause = _queued(db)
    assert (reject["reason"], reject["note"]) == ("sold_out", "缺" * 200)
    assert (hand_over["handed_to"], hand_over["handed_to_name"]) == ("rider", "名" * 80)
    assert reply["reply"] == "马上到\t谢谢"
    assert type(pick["quantity"]) is int
    assert pick["quantity"] == 2
    assert pause["channel"] == "eleme"
