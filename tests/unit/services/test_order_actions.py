"""Cashier actions: each changes the cached order and queues exactly one command, atomically."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus, Role
from app.read_models import OrderDetail, SignedInStaff
from app.services.order_actions import ActionRefused, OrderActions
from app.services.order_queries import OrderQueries
from app.services.sign_in import SignInService
from local_db import outbox_repository
from local_db.database import Database
from local_db.models import Base
from sync.feed_apply import apply_raw_records
from sync.protocol import COMMAND
from tests.factories import BASE_TIME, order_record, staff_record
from tests.fakes import FrozenClock

PINS = {Role.CASHIER: "1111", Role.PICKER: "2222", Role.MANAGER: "3333"}
STAFF_RECORDS = [
    staff_record(n, f"s-{role.value}", f"{role.value} 员工", [role.value], PINS[role])
    for n, role in enumerate(Role, start=1)
]


@dataclass
class QueuedProbe:
    """Stands in for the pusher's wake-up: counts calls and what was committed at each."""

    db: Database
    pending_seen: list[int] = field(default_factory=list)

    def __call__(self) -> None:
        with self.db.read() as session:
            self.pending_seen.append(outbox_repository.count_pending(session)[0])


@pytest.fixture
def probe(db: Database) -> QueuedProbe:
    return QueuedProbe(db)


@pytest.fixture
def actions(db: Database, clock: FrozenClock, probe: QueuedProbe) -> OrderActions:
    return OrderActions(db, clock, on_queued=probe)


@pytest.fixture
def staff(db: Database) -> Callable[[Role], SignedInStaff]:
    """The person holding `role`, as cached from the feed (PIN checks are test_sign_in's)."""
    _apply(db, STAFF_RECORDS)
    cards = {card.staff_id: card for card in SignInService(db).staff_cards()}

    def signed_in(role: Role) -> SignedInStaff:
        card = cards[f"s-{role.value}"]
        return SignedInStaff(card.staff_id, card.name, card.roles)

    return signed_in


def _apply(db: Database, records: list[dict[str, Any]]) -> None:
    with db.write() as session:
        report = apply_raw_records(session, records, BASE_TIME)
    assert report.quarantined == 0


def _seed_order(db: Database, order_id: str = "o-1", **kwargs: Any) -> None:
    kwargs.setdefault("version", 3)
    _apply(db, [order_record(100, order_id, **kwargs)])


def _outbox(db: Database) -> list[outbox_repository.OutboxItem]:
    with db.read() as session:
        return outbox_repository.pending_batch(session, 1000)


def _dump(db: Database) -> dict[str, list[str]]:
    """Every row of every table, to prove that nothing at all was written (but the audit
    entry of a refusal by the matrix, tested in test_permission_matrix)."""
    with db.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in Base.metadata.sorted_tables
            if table.name != "audit_entries"
        }


@dataclass(frozen=True)
class Case:
    name: str
    start: OrderStatus
    role: Role
    run: Callable[[OrderActions, SignedInStaff, str], OrderDetail]
    command_type: str
    target: OrderStatus
    stamp: str
    arguments: dict[str, Any]


CASES = [
    Case(
        "accept",
        OrderStatus.NEW,
        Role.CASHIER,
        lambda a, who, oid: a.accept(who, oid),
        "accept_order",
        OrderStatus.ACCEPTED,
        "accepted_at",
        {},
    ),
    Case(
        "reject",
        OrderStatus.NEW,
        Role.CASHIER,
        lambda a, who, oid: a.reject(who, oid, RejectReason.SOLD_OUT, "  卖完了 "),
        "reject_order",
        OrderStatus.REJECTED,
        "closed_at",
        {"reason": "sold_out", "note": "卖完了"},
    ),
    Case(
        "mark_ready_accepted",
        OrderStatus.ACCEPTED,
        Role.CASHIER,
        lambda a, who, oid: a.mark_ready(who, oid),
        "mark_ready",
        OrderStatus.READY,
        "ready_at",
        {},
    ),
    Case(
        "mark_ready_preparing",
        OrderStatus.PREPARING,
        Role.MANAGER,
        lambda a, who, oid: a.mark_ready(who, oid),
        "mark_ready",
        OrderStatus.READY,
        "ready_at",
        {},
    ),
    Case(
        "hand_over",
        OrderStatus.READY,
        Role.PICKER,
        lambda a, who, oid: a.hand_over(who, oid, HandoverParty.RIDER),
        "hand_over",
        OrderStatus.HANDED_OVER,
        "handed_over_at",
        {"handed_to": "rider"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_action_changes_the_cached_order_and_shows_it_pending(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    clock: FrozenClock,
    case: Case,
):
    _seed_order(db, status=case.start.value)
    returned = case.run(actions, staff(case.role), "o-1")
    shown = OrderQueries(db).detail("o-1")
    assert shown == returned
    assert shown is not None
    assert shown.status is case.target
    assert getattr(shown, case.stamp) == clock()
    assert shown.has_pending
    assert shown.version == 3  # the hub has not confirmed anything yet


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_action_queues_exactly_one_command_with_the_full_payload(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    clock: FrozenClock,
    case: Case,
):
    _seed_order(db, status=case.start.value, version=7)
    who = staff(case.role)
    case.run(actions, who, "o-1")
    [row] = _outbox(db)
    assert (row.command_type, row.entity_kind, row.entity_id, row.staff_id) == (
        case.command_type,
        "order",
        "o-1",
        who.staff_id,
    )
    assert row.created_at == clock()
    assert uuid.UUID(row.command_id)
    payload = {k: v for k, v in row.payload.items() if k != "command_id"}
    assert payload == {
        "type": case.command_type,
        "order_id": "o-1",
        "staff_id": who.staff_id,
        "issued_at": clock().isoformat(),
        "base_version": 7,
        **case.arguments,
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_queued_payload_is_a_valid_command_keyed_by_the_rows_command_id(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    case: Case,
):
    _seed_order(db, status=case.start.value)
    case.run(actions, staff(case.role), "o-1")
    [row] = _outbox(db)
    command = COMMAND.validate_python(row.payload)
    assert command.type == case.command_type
    assert str(command.command_id) == row.command_id
    assert command.base_version == 3


def test_each_action_gets_its_own_command_id(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
):
    _seed_order(db, "o-1")
    _seed_order(db, "o-2")
    cashier = staff(Role.CASHIER)
    actions.accept(cashier, "o-1")
    actions.accept(cashier, "o-2")
    actions.mark_ready(cashier, "o-1")
    ids = [row.command_id for row in _outbox(db)]
    assert len(set(ids)) == 3


def test_two_actions_on_one_order_queue_in_commit_order(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    clock: FrozenClock,
):
    _seed_order(db, "o-1", version=5)
    _seed_order(db, "o-2")
    cashier = staff(Role.CASHIER)
    actions.accept(cashier, "o-1")
    clock.advance(seconds=30)
    actions.accept(cashier, "o-2")
    clock.advance(seconds=30)
    actions.mark_ready(cashier, "o-1")
    rows = _outbox(db)
    assert [row.seq for row in rows] == sorted(row.seq for row in rows)
    assert [(row.entity_id, row.command_type) for row in rows] == [
        ("o-1", "accept_order"),
        ("o-2", "accept_order"),
        ("o-1", "mark_ready"),
    ]
    assert [row.payload["issued_at"] for row in rows] == sorted(
        row.payload["issued_at"] for row in rows
    )
    # Both were based on the version the person saw: the hub has confirmed neither yet.
    assert [row.payload["base_version"] for row in rows if row.entity_id == "o-1"] == [5, 5]


def test_on_queued_is_called_once_per_committed_action_after_the_commit(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    probe: QueuedProbe,
):
    _seed_order(db, "o-1")
    _seed_order(db, "o-2")
    cashier = staff(Role.CASHIER)
    actions.accept(cashier, "o-1")
    actions.accept(cashier, "o-2")
    actions.mark_ready(cashier, "o-1")
    # Each call could already see its own command from another session: it was committed.
    assert probe.pending_seen == [1, 2, 3]


@dataclass(frozen=True)
class Refusal:
    name: str
    attempt: Callable[[OrderActions, SignedInStaff], Any]
    role: Role
    code: str


def _refusals() -> list[Refusal]:
    cases = [
        Refusal(
            "picker_accepts", lambda a, who: a.accept(who, "o-new"), Role.PICKER, "not_permitted"
        ),
        Refusal(
            "picker_rejects",
            lambda a, who: a.reject(who, "o-new", RejectReason.SOLD_OUT),
            Role.PICKER,
            "not_permitted",
        ),
        Refusal(
            "accept_twice", lambda a, who: a.accept(who, "o-accepted"), Role.CASHIER, "wrong_status"
        ),
        Refusal(
            "ready_too_soon",
            lambda a, who: a.mark_ready(who, "o-new"),
            Role.CASHIER,
            "wrong_status",
        ),
        Refusal(
            "hand_over_unready",
            lambda a, who: a.hand_over(who, "o-accepted", HandoverParty.CUSTOMER),
            Role.CASHIER,
            "wrong_status",
        ),
        Refusal(
            "reject_accepted",
            lambda a, who: a.reject(who, "o-accepted", RejectReason.SOLD_OUT),
            Role.CASHIER,
            "wrong_status",
        ),
        Refusal(
            "accept_cancel_requested",
            lambda a, who: a.accept(who, "o-cancel-requested"),
            Role.MANAGER,
            "wrong_status",
        ),
        Refusal(
            "accept_cancelled",
            lambda a, who: a.accept(who, "o-cancelled"),
            Role.MANAGER,
            "wrong_status",
        ),
        Refusal(
            "unknown_order",
            lambda a, who: a.accept(who, "o-nowhere"),
            Role.CASHIER,
            "unknown_order",
        ),
    ]
    for channel, rules in CHANNEL_RULES.items():
        for reason in sorted(set(RejectReason) - set(rules.reject_reasons)):
            cases.append(
                Refusal(
                    f"reject_{channel.value}_{reason.value}",
                    lambda a, who, c=channel, r=reason: a.reject(who, f"o-{c.value}", r),
                    Role.CASHIER,
                    "reason_not_allowed",
                )
            )
    return cases


REFUSALS = _refusals()


@pytest.mark.parametrize("refusal", REFUSALS, ids=[r.name for r in REFUSALS])
def test_refused_action_writes_nothing(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    probe: QueuedProbe,
    refusal: Refusal,
):
    _seed_order(db, "o-new", status="new")
    _seed_order(db, "o-accepted", status="accepted")
    _seed_order(db, "o-cancelled", status="cancelled")
    _seed_order(db, "o-cancel-requested", status="cancel_requested", resume_status="accepted")
    for channel in Channel:
        _seed_order(db, f"o-{channel.value}", channel=channel.value)
    who = staff(refusal.role)
    before = _dump(db)
    with pytest.raises(ActionRefused) as refused:
        refusal.attempt(actions, who)
    assert refused.value.code == refusal.code
    assert _dump(db) == before
    assert probe.pending_seen == []


def test_refusal_for_role_names_the_orders_status(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
):
    _seed_order(db, status="new")
    with pytest.raises(ActionRefused) as refused:
        actions.accept(staff(Role.PICKER), "o-1")
    assert refused.value.status is OrderStatus.NEW


def test_rejecting_an_accepted_order_is_a_status_refusal_whatever_the_reason(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
):
    _seed_order(db, status="accepted", channel=Channel.MINIPROGRAM.value)
    cashier = staff(Role.CASHIER)
    for reason in RejectReason:
        with pytest.raises(ActionRefused) as refused:
            actions.reject(cashier, "o-1", reason)
        assert (refused.value.code, refused.value.status) == (
            "wrong_status",
            OrderStatus.ACCEPTED,
        ), reason


@pytest.mark.parametrize("channel", list(Channel))
def test_every_reason_the_channel_accepts_may_be_used(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff], channel: Channel
):
    cashier = staff(Role.CASHIER)
    reasons = CHANNEL_RULES[channel].reject_reasons
    for n, reason in enumerate(reasons):
        _seed_order(db, f"o-{n}", channel=channel.value)
        assert actions.reject(cashier, f"o-{n}", reason).status is OrderStatus.REJECTED
    assert [row.payload["reason"] for row in _outbox(db)] == [r.value for r in reasons]


def test_long_reject_note_is_refused_before_anything_is_queued(
    db: Database, actions: OrderActions, staff: Callable[[Role], SignedInStaff]
):
    _seed_order(db)
    note = "  " + "缺货" * 150 + "  "
    with pytest.raises(ActionRefused) as refused:
        actions.reject(staff(Role.CASHIER), "o-1", RejectReason.SOLD_OUT, note)
    assert refused.value.code == "note_too_long"
    assert _outbox(db) == []
    actions.reject(staff(Role.CASHIER), "o-1", RejectReason.SOLD_OUT, note.strip()[:200])
    [row] = _outbox(db)
    assert row.payload["note"] == note.strip()[:200]


def test_change_and_command_are_one_transaction(
    db: Database,
    actions: OrderActions,
    staff: Callable[[Role], SignedInStaff],
    probe: QueuedProbe,
):
    _seed_order(db, status="new")
    cashier = staff(Role.CASHIER)
    # Fault injection: the file refuses outbox rows, as a full disk would refuse the insert.
    with db.write() as session:
        session.execute(
            text(
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        )
    before = _dump(db)
    with pytest.raises(DatabaseError, match="disk full"):
        actions.accept(cashier, "o-1")
    assert _dump(db) == before
    detail = OrderQueries(db).detail("o-1")
    assert detail is not None
    assert detail.status is OrderStatus.NEW
    assert probe.pending_seen == []
