"""The counter's side-flow actions: pickup codes, customer requests, reminders, busy mode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.vocabulary import Channel, HandoverParty, OrderStatus, Role
from app.read_models import SignedInStaff
from app.services.channel_pauses import ChannelPauses, PauseRefused
from app.services.order_actions import ActionRefused, OrderActions
from app.services.sign_in import SignInService
from local_db.database import Database
from local_db.models import OutboxEntry
from sync.feed_apply import apply_raw_records
from sync.protocol import COMMAND
from tests.factories import BASE_TIME, order_record, staff_record
from tests.fakes import FrozenClock

PINS = {Role.CASHIER: "1111", Role.PICKER: "2222", Role.MANAGER: "3333"}


@pytest.fixture
def staff(db: Database) -> Callable[[Role], SignedInStaff]:
    records = [
        staff_record(n, f"s-{role.value}", f"{role.value} 员工", [role.value], PINS[role])
        for n, role in enumerate(Role, start=1)
    ]
    _apply(db, records)
    cards = {card.staff_id: card for card in SignInService(db).staff_cards()}

    def signed_in(role: Role) -> SignedInStaff:
        card = cards[f"s-{role.value}"]
        return SignedInStaff(card.staff_id, card.name, card.roles)

    return signed_in


@pytest.fixture
def actions(db: Database, clock: FrozenClock) -> OrderActions:
    return OrderActions(db, clock)


def _apply(db: Database, records: list[dict[str, Any]]) -> None:
    with db.write() as session:
        assert apply_raw_records(session, records, BASE_TIME).quarantined == 0


def _outbox(db: Database) -> list[dict[str, Any]]:
    with db.read() as session:
        rows = session.scalars(select(OutboxEntry.payload).order_by(OutboxEntry.seq))
        return [dict(row) for row in rows]


def test_accepting_a_mini_program_order_gives_the_next_code_in_the_same_action(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _apply(
        db,
        [
            order_record(
                1,
                "yesterday",
                channel="miniprogram",
                status="accepted",
                placed_at=BASE_TIME - timedelta(days=1),
                pickup_code="7",
            ),
            order_record(2, "m-1", channel="miniprogram"),
            order_record(3, "m-2", channel="miniprogram"),
        ],
    )

    first = actions.accept(staff(Role.CASHIER), "m-1")
    second = actions.accept(staff(Role.CASHIER), "m-2")

    assert (first.pickup_code, second.pickup_code) == ("1", "2")
    queued = _outbox(db)
    # One action, one command: the code travels in the accept itself.
    assert [(p["type"], p["order_id"], p["pickup_code"]) for p in queued] == [
        ("accept_order", "m-1", "1"),
        ("accept_order", "m-2", "2"),
    ]
    for payload in queued:
        COMMAND.validate_python(payload)


def test_a_takeout_order_gets_no_pickup_code_from_the_store(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _apply(db, [order_record(1, "t-1", channel="eleme")])

    accepted = actions.accept(staff(Role.CASHIER), "t-1")

    assert accepted.pickup_code is None
    assert [p["type"] for p in _outbox(db)] == ["accept_order"]
    with pytest.raises(ActionRefused) as refused:
        actions.give_pickup_code(staff(Role.CASHIER), "t-1")
    assert refused.value.code == "no_pickup_codes"


def _requested(db: Database, kind: str = "cancel") -> None:
    status = "cancel_requested" if kind == "cancel" else "refund_requested"
    resume = "accepted" if kind == "cancel" else "completed"
    request = {
        "kind": kind,
        "reason": "不想要了",
        "requested_at": BASE_TIME.isoformat(),
        "respond_by": (BASE_TIME + timedelta(minutes=15)).isoformat(),
        "refund_cents": 500 if kind == "refund" else None,
    }
    _apply(
        db,
        [
            order_record(
                1, "o-1", channel="eleme", status=status, resume_status=resume, request=request
            )
        ],
    )


def test_disagreeing_needs_a_reason_and_queues_nothing_without_one(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _requested(db)

    with pytest.raises(ActionRefused) as refused:
        actions.answer_cancel_request(staff(Role.CASHIER), "o-1", agree=False, reason="  ")

    assert refused.value.code == "reason_required"
    assert _outbox(db) == []


def test_disagreeing_resumes_the_order_locally_and_queues_the_answer(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _requested(db)

    shown = actions.answer_cancel_request(staff(Role.CASHIER), "o-1", agree=False, reason="已出餐")

    assert shown.status is OrderStatus.ACCEPTED
    assert shown.has_pending
    assert shown.request is not None
    assert (shown.request.answer, shown.request.answer_reason) == ("disagreed", "已出餐")
    [payload] = _outbox(db)
    command = COMMAND.validate_python(payload)
    assert command.type == "answer_cancel_request"


def test_agreeing_cancels_locally(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _requested(db)

    shown = actions.answer_cancel_request(staff(Role.MANAGER), "o-1", agree=True)

    assert shown.status is OrderStatus.CANCELLED
    assert shown.closed_at is not None


def test_a_picker_may_not_answer_requests(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _requested(db, "refund")

    with pytest.raises(ActionRefused) as refused:
        actions.answer_refund_request(staff(Role.PICKER), "o-1", agree=True)

    assert refused.value.code == "not_permitted"


def test_refund_answer_goes_back_to_where_the_order_was(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _requested(db, "refund")

    approved = staff(Role.CASHIER).approved(staff(Role.MANAGER))  # a refund needs a manager
    shown = actions.answer_refund_request(approved, "o-1", agree=True)

    assert shown.status is OrderStatus.COMPLETED
    assert shown.request is not None
    assert shown.request.refund_cents == 500


def test_reminder_is_replied_once(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    reminders = [{"reminder_id": "R1", "asked_at": BASE_TIME.isoformat()}]
    _apply(db, [order_record(1, "o-1", status="accepted", reminders=reminders)])
    cashier = staff(Role.CASHIER)

    shown = actions.reply_reminder(cashier, "o-1", "R1", "马上就好 almost done")

    [reminder] = shown.reminders
    assert (reminder.reply, reminder.replied_by) == ("马上就好 almost done", cashier.name)
    with pytest.raises(ActionRefused) as twice:
        actions.reply_reminder(cashier, "o-1", "R1", "again")
    assert twice.value.code == "already_replied"
    with pytest.raises(ActionRefused) as unknown:
        actions.reply_reminder(cashier, "o-1", "R9", "hello")
    assert unknown.value.code == "unknown_reminder"
    with pytest.raises(ActionRefused) as picker:
        actions.reply_reminder(staff(Role.PICKER), "o-1", "R1", "hello")
    assert picker.value.code == "not_permitted"
    assert [p["type"] for p in _outbox(db)] == ["reply_reminder"]


def test_handover_names_who_and_to_whom_locally(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _apply(db, [order_record(1, "o-1", status="ready")])
    cashier = staff(Role.CASHIER)

    shown = actions.hand_over(cashier, "o-1", HandoverParty.CUSTOMER, "张先生")

    assert shown.handover is not None
    assert (shown.handover.by_name, shown.handover.to, shown.handover.to_name) == (
        cashier.name,
        HandoverParty.CUSTOMER,
        "张先生",
    )
    [payload] = _outbox(db)
    assert payload["handed_to_name"] == "张先生"


def _settings_record(seq: int = 50) -> dict[str, Any]:
    data = {
        "store_id": "store-1",
        "name": "店",
        "channels": [{"channel": channel.value, "accept_window_s": 300} for channel in Channel],
        "version": 1,
    }
    return {"seq": seq, "kind": "store_settings", "id": "store-1", "version": 1, "data": data}


def test_pausing_a_channel_shows_at_once_queues_the_command_and_ends_by_itself(
    db: Database, clock: FrozenClock, staff: Callable[[Role], SignedInStaff]
) -> None:
    _apply(db, [_settings_record()])
    pauses = ChannelPauses(db, clock)

    shown = pauses.pause(staff(Role.CASHIER), Channel.MEITUAN, 30)

    assert shown.paused_until == clock() + timedelta(minutes=30)
    listed = {view.channel: view for view in pauses.channels()}
    assert listed[Channel.MEITUAN].is_paused
    assert listed[Channel.MEITUAN].has_pending
    assert not listed[Channel.ELEME].is_paused
    [payload] = _outbox(db)
    command = COMMAND.validate_python(payload)
    assert command.type == "pause_channel"
    clock.advance(minutes=30)
    assert not any(view.is_paused for view in pauses.channels())


def test_pausing_is_for_the_counter_and_for_the_offered_lengths_only(
    db: Database, clock: FrozenClock, staff: Callable[[Role], SignedInStaff]
) -> None:
    pauses = ChannelPauses(db, clock)
    with pytest.raises(PauseRefused) as not_synced:
        pauses.pause(staff(Role.CASHIER), Channel.ELEME, 15)
    _apply(db, [_settings_record()])
    with pytest.raises(PauseRefused) as picker:
        pauses.pause(staff(Role.PICKER), Channel.ELEME, 15)
    with pytest.raises(PauseRefused) as odd:
        pauses.pause(staff(Role.CASHIER), Channel.ELEME, 45)

    assert (not_synced.value.code, picker.value.code, odd.value.code) == (
        "not_synced",
        "not_permitted",
        "wrong_length",
    )
    assert _outbox(db) == []


def test_a_new_pickup_code_is_only_for_an_accepted_order_still_in_the_store(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
) -> None:
    _apply(
        db,
        [
            order_record(1, "new", channel="miniprogram"),
            order_record(2, "taken", channel="miniprogram", status="accepted"),
        ],
    )

    with pytest.raises(ActionRefused) as refused:
        actions.give_pickup_code(staff(Role.CASHIER), "new")
    given = actions.give_pickup_code(staff(Role.CASHIER), "taken")

    assert refused.value.code == "wrong_status"
    assert given.pickup_code == "1"
    assert [(p["type"], p["pickup_code"]) for p in _outbox(db)] == [("set_pickup_code", "1")]
