"""Applying hub records: bad ones quarantined, never backwards, pending actions kept."""

from __future__ import annotations

import copy
import itertools
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.domain.vocabulary import HandoverParty, RecordKind, Role
from app.read_models import SignedInStaff
from app.services.order_actions import OrderActions
from local_db import order_repository, outbox_repository, quarantine_repository, staff_repository
from local_db.database import Database
from local_db.models import Base, OutboxEntry
from sync.feed_apply import ApplyReport, apply_raw_records, release_order, release_orders
from sync.protocol import FEED_RECORD, OrderRecord
from tests.factories import BASE_TIME, order_record, staff_record
from tests.fakes import FrozenClock

CASHIER = SignedInStaff("s-c", "收银员", frozenset({Role.CASHIER}))
RECEIVED = BASE_TIME + timedelta(minutes=1)
_EXAMPLE_IDS = itertools.count()


def _apply(db: Database, records: list[dict[str, Any]]) -> ApplyReport:
    with db.write() as session:
        return apply_raw_records(session, copy.deepcopy(records), RECEIVED)


def _dump(db: Database) -> dict[str, list[str]]:
    with db.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in Base.metadata.sorted_tables
        }


def _order(db: Database, order_id: str = "o-1") -> order_repository.OrderSnapshot:
    with db.read() as session:
        snapshot = order_repository.get_order(session, order_id)
    assert snapshot is not None
    return snapshot


def _quarantined(db: Database) -> list[quarantine_repository.QuarantineItem]:
    with db.read() as session:
        return quarantine_repository.list_quarantined(session)


def _settings(seq: int, version: int, name: str) -> dict[str, Any]:
    data = {
        "store_id": "store-1",
        "name": name,
        "channels": [{"channel": "meituan", "accept_window_s": 300}],
        "version": version,
    }
    return {"seq": seq, "kind": "store_settings", "id": "store-1", "version": version, "data": data}


def _release(db: Database, order_id: str, current: dict[str, Any] | None = None) -> bool:
    record = None if current is None else FEED_RECORD.validate_python(current)
    assert record is None or isinstance(record, OrderRecord)
    with db.write() as session:
        return release_order(session, order_id, record)


def _answer_all(db: Database) -> None:
    with db.write() as session:
        for item in outbox_repository.pending_batch(session, 100):
            outbox_repository.complete(session, item.seq, state=outbox_repository.DONE, at=RECEIVED)


# --- validation and quarantine --------------------------------------------------------------


def test_page_with_bad_records_applies_the_good_ones_and_quarantines_the_rest(db: Database):
    negative = order_record(2, "o-bad")
    negative["data"]["total_cents"] = -5
    unknown_kind = {"seq": 3, "kind": "coupon", "id": "c-1", "version": 1, "data": {}}
    not_a_record = {"hello": "world"}
    page = [order_record(1, "o-good"), negative, unknown_kind, not_a_record, order_record(5, "o-2")]

    report = _apply(db, page)

    assert (report.applied, report.quarantined) == (2, 3)
    assert _order(db, "o-good").status == "new"
    assert _order(db, "o-2").status == "new"
    with db.read() as session:
        assert order_repository.get_order(session, "o-bad") is None
    items = {item.entity_id: item for item in _quarantined(db)}
    assert set(items) == {"o-bad", "c-1", "?"}
    assert "total_cents" in items["o-bad"].reason
    assert json.loads(items["o-bad"].raw) == negative
    assert json.loads(items["?"].raw) == not_a_record
    assert (items["o-bad"].kind, items["o-bad"].source) == ("order", "feed")
    assert all(item.received_at == RECEIVED for item in items.values())
    assert all(item.reason.strip() for item in items.values())


def test_record_whose_id_disagrees_with_its_data_is_quarantined(db: Database):
    mismatched = order_record(1, "o-1")
    mismatched["id"] = "o-2"
    report = _apply(db, [mismatched])
    assert (report.applied, report.quarantined) == (0, 1)
    [item] = _quarantined(db)
    assert "o-2" in item.reason
    assert "o-1" in item.reason
    with db.read() as session:
        assert order_repository.count_by_status(session) == []


def test_record_whose_version_disagrees_with_its_data_is_quarantined(db: Database):
    mismatched = order_record(1, "o-1", version=2)
    mismatched["version"] = 3
    assert _apply(db, [mismatched]).quarantined == 1
    assert "version" in _quarantined(db)[0].reason


def test_page_of_only_bad_records_still_commits_the_quarantine(db: Database):
    broken = order_record(1)
    del broken["data"]["lines"]
    report = _apply(db, [broken, {"kind": None}])
    assert report.quarantined == 2
    assert report.kinds == frozenset()
    assert len(_quarantined(db)) == 2


# --- versions ---------------------------------------------------------------------------------


def test_same_page_applied_twice_changes_nothing(db: Database):
    page = [
        order_record(1, "o-1", version=2, status="accepted"),
        order_record(2, "o-2", lines=4),
        staff_record(3, "s-1", "王芳", ["cashier"], "1234"),
        _settings(4, 1, "人民路店"),
    ]
    _apply(db, page)
    before = _dump(db)
    again = _apply(db, page)
    assert _dump(db) == before
    assert again.stale == 2
    assert again.quarantined == 0


def test_older_version_after_a_newer_one_is_ignored(db: Database):
    _apply(db, [order_record(1, "o-1", version=3, status="ready")])
    before = _dump(db)
    report = _apply(db, [order_record(2, "o-1", version=2, status="accepted")])
    assert report.stale == 1
    assert _dump(db) == before
    assert _order(db).status == "ready"


def test_newer_version_replaces_the_order_and_its_lines(db: Database):
    _apply(db, [order_record(1, "o-1", version=1, lines=3)])
    _apply(db, [order_record(2, "o-1", version=2, lines=1, status="accepted")])
    order = _order(db)
    assert (order.status, order.version) == ("accepted", 2)
    assert [line.line_id for line in order.lines] == ["o-1-l0"]


def test_out_of_order_versions_within_a_page_newest_wins(db: Database):
    page = [
        order_record(5, "o-1", version=3, status="ready"),
        order_record(3, "o-1", version=1, status="new"),
        order_record(4, "o-1", version=2, status="accepted"),
    ]
    _apply(db, page)
    assert (_order(db).status, _order(db).version) == ("ready", 3)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # each example uses its own id
)
@given(
    versions=st.lists(st.integers(1, 8), min_size=1, max_size=6),
    split=st.integers(0, 6),
)
def test_any_delivery_order_of_versions_ends_at_the_newest(
    db: Database, versions: list[int], split: int
):
    order_id = f"o-{next(_EXAMPLE_IDS)}"
    statuses = ["new", "accepted", "preparing", "ready"]
    records = [
        order_record(n + 1, order_id, version=v, status=statuses[v % 4])
        for n, v in enumerate(versions)
    ]
    _apply(db, records[:split])
    _apply(db, records[split:])
    newest = max(versions)
    order = _order(db, order_id)
    assert (order.version, order.status) == (newest, statuses[newest % 4])


# --- this device's pending actions ------------------------------------------------------------


def test_order_with_a_pending_action_keeps_its_local_status_and_holds_the_hub_state(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")

    report = _apply(db, [order_record(2, "o-1", version=2, status="cancelled", lines=1)])

    assert report.held == 1
    order = _order(db)
    assert (order.status, order.version, order.has_pending) == ("accepted", 1, True)
    assert len(order.lines) == 2
    with db.read() as session:
        held = order_repository.held_hub_data(session, "o-1")
    assert held is not None
    assert (held["status"], held["version"]) == ("cancelled", 2)


def test_release_shows_the_newest_hub_state_once_nothing_is_pending(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    _apply(db, [order_record(2, "o-1", version=2, status="cancelled", lines=1)])
    _answer_all(db)

    assert _release(db, "o-1") is True

    order = _order(db)
    assert (order.status, order.version, order.has_pending) == ("cancelled", 2, False)
    assert len(order.lines) == 1
    with db.read() as session:
        assert order_repository.held_hub_data(session, "o-1") is None


def test_release_prefers_the_newer_of_held_state_and_the_command_answer(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    _apply(db, [order_record(2, "o-1", version=3, status="ready")])
    _answer_all(db)

    _release(db, "o-1", order_record(9, "o-1", version=2, status="accepted"))

    assert (_order(db).status, _order(db).version) == ("ready", 3)


def test_release_with_the_answer_alone_shows_the_answer(db: Database, clock: FrozenClock):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    _answer_all(db)

    assert _release(db, "o-1", order_record(9, "o-1", version=2, status="accepted")) is True

    order = _order(db)
    assert (order.status, order.version, order.has_pending) == ("accepted", 2, False)


def test_release_while_another_action_is_pending_keeps_the_local_state(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1", version=1)])
    actions = OrderActions(db, clock)
    actions.accept(CASHIER, "o-1")
    actions.mark_ready(CASHIER, "o-1")
    with db.write() as session:
        first = outbox_repository.pending_batch(session, 1)[0]
        outbox_repository.complete(session, first.seq, state=outbox_repository.DONE, at=RECEIVED)

    assert _release(db, "o-1", order_record(9, "o-1", version=2, status="accepted")) is False

    assert (_order(db).status, _order(db).version) == ("ready", 1)
    _answer_all(db)
    assert _release(db, "o-1") is True
    assert (_order(db).status, _order(db).version) == ("accepted", 2)


def test_rejected_action_answered_with_the_unchanged_hub_state_puts_the_order_right(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    with db.write() as session:
        [item] = outbox_repository.pending_batch(session, 10)
        outbox_repository.complete(session, item.seq, state=outbox_repository.REJECTED, at=RECEIVED)

    assert _release(db, "o-1", order_record(9, "o-1", version=1)) is True

    order = _order(db)
    assert (order.status, order.accepted_at, order.has_pending) == ("new", None, False)


def test_action_set_aside_without_hub_state_does_not_stay_shown_as_done(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    # The hub refused the request itself: the pusher sets the row aside with no hub state.
    with db.write() as session:
        [item] = outbox_repository.pending_batch(session, 10)
        outbox_repository.complete(session, item.seq, state=outbox_repository.FAILED, at=RECEIVED)
    _release(db, "o-1")
    # Even a full re-sync delivering the hub's (unchanged) order must bring its state back.
    _apply(db, [order_record(1, "o-1", version=1)])

    order = _order(db)
    assert (order.status, order.accepted_at, order.has_pending) == ("new", None, False)


def test_held_state_is_not_replaced_by_an_older_or_same_version(db: Database, clock: FrozenClock):
    _apply(db, [order_record(1, "o-1", version=1)])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    _apply(db, [order_record(2, "o-1", version=3, status="ready")])
    before = _dump(db)

    again = _apply(db, [order_record(3, "o-1", version=3, status="ready")])
    older = _apply(db, [order_record(4, "o-1", version=2, status="accepted")])

    assert (again.held, again.stale, older.held, older.stale) == (0, 1, 0, 1)
    assert _dump(db) == before


def test_orders_without_pending_actions_are_updated_beside_held_ones(
    db: Database, clock: FrozenClock
):
    _apply(db, [order_record(1, "o-1"), order_record(2, "o-2")])
    OrderActions(db, clock).accept(CASHIER, "o-1")
    report = _apply(
        db,
        [
            order_record(3, "o-1", version=2, status="cancelled"),
            order_record(4, "o-2", version=2, status="accepted"),
        ],
    )
    assert (report.applied, report.held) == (1, 1)
    assert _order(db, "o-1").status == "accepted"
    assert _order(db, "o-2").status == "accepted"


# --- staff and store settings -----------------------------------------------------------------


def _staff_name(db: Database, staff_id: str) -> str | None:
    with db.read() as session:
        staff = staff_repository.get_staff(session, staff_id)
    return None if staff is None else staff.name


def test_staff_is_upserted_by_version(db: Database):
    _apply(db, [staff_record(1, "s-1", "王芳", ["cashier"], "1234", version=1)])
    _apply(db, [staff_record(2, "s-1", "王芳芳", ["cashier", "manager"], "1234", version=2)])
    assert _staff_name(db, "s-1") == "王芳芳"
    before = _dump(db)
    _apply(db, [staff_record(3, "s-1", "旧名字", ["cashier"], "1234", version=1)])
    assert _dump(db) == before
    assert _staff_name(db, "s-1") == "王芳芳"


def test_newest_staff_version_in_a_page_wins(db: Database):
    _apply(
        db,
        [
            staff_record(2, "s-1", "新", ["cashier"], "1234", version=3),
            staff_record(1, "s-1", "旧", ["cashier"], "1234", version=2),
        ],
    )
    assert _staff_name(db, "s-1") == "新"


def test_store_settings_are_upserted_by_version(db: Database):
    def name() -> str | None:
        with db.read() as session:
            settings = staff_repository.get_store_settings(session)
        return None if settings is None else settings["name"]

    assert name() is None
    _apply(db, [_settings(1, 1, "人民路店")])
    _apply(db, [_settings(2, 2, "人民路旗舰店")])
    assert name() == "人民路旗舰店"
    _apply(db, [_settings(3, 1, "人民路店")])
    assert name() == "人民路旗舰店"


def test_report_names_the_kinds_that_came_in(db: Database):
    report = _apply(
        db,
        [
            order_record(1),
            staff_record(2, "s-1", "王芳", ["cashier"], "1234"),
            _settings(3, 1, "店"),
        ],
    )
    assert report.kinds == frozenset(
        {RecordKind.ORDER, RecordKind.STAFF, RecordKind.STORE_SETTINGS}
    )


@pytest.mark.parametrize("kind", ["order", "staff"])
def test_quarantine_keeps_the_kind_and_id_it_was_sent_with(db: Database, kind: str):
    raw = order_record(1) if kind == "order" else staff_record(1, "s-9", "x", ["cashier"], "1")
    raw["version"] = 0
    _apply(db, [raw])
    [item] = _quarantined(db)
    assert (item.kind, item.entity_id) == (kind, raw["id"])


# --- releasing a batch of answers --------------------------------------------------------------


def _outbox_states(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(OutboxEntry.state).order_by(OutboxEntry.seq)))


def _answered_scenario(db: Database, clock: FrozenClock) -> list[tuple[int, str, OrderRecord]]:
    """Three orders with actions queued, and the hub's answer to all but the last of each.

    o-1 and o-2 are cached; o-3 is not (as after a rescue of a damaged database). o-2 has no
    action left after its answers, o-1 and o-3 have one. Returns (seq, order, answered state).
    """
    _apply(db, [order_record(1, "o-1", version=1), order_record(2, "o-2", version=1)])
    actions = OrderActions(db, clock)
    actions.accept(CASHIER, "o-1")
    actions.accept(CASHIER, "o-2")
    actions.mark_ready(CASHIER, "o-1")
    actions.mark_ready(CASHIER, "o-2")
    actions.hand_over(CASHIER, "o-1", HandoverParty.RIDER)
    with db.write() as session:
        for number, command_type in enumerate(["accept_order", "mark_ready", "hand_over"]):
            outbox_repository.add_command(
                session,
                command_id=f"c-3-{number}",
                command_type=command_type,
                entity_kind="order",
                entity_id="o-3",
                staff_id=CASHIER.staff_id,
                payload={},
                created_at=RECEIVED,
            )
        rows = outbox_repository.pending_batch(session, 100)
    states = {
        ("o-1", 0): order_record(9, "o-1", version=2, status="accepted"),
        ("o-2", 0): order_record(10, "o-2", version=2, status="accepted"),
        ("o-1", 1): order_record(11, "o-1", version=3, status="ready"),
        ("o-2", 1): order_record(12, "o-2", version=3, status="ready"),
        ("o-3", 0): order_record(13, "o-3", version=2, status="accepted"),
        ("o-3", 1): order_record(14, "o-3", version=3, status="ready"),
    }
    answered: list[tuple[int, str, OrderRecord]] = []
    counts: dict[str, int] = {}
    for row in rows:
        key = (row.entity_id, counts.get(row.entity_id, 0))
        counts[row.entity_id] = key[1] + 1
        if key in states:
            record = FEED_RECORD.validate_python(states[key])
            assert isinstance(record, OrderRecord)
            answered.append((row.seq, row.entity_id, record))
    return answered


def test_releasing_a_batch_of_answers_ends_as_releasing_each_in_turn(
    db: Database, clock: FrozenClock, tmp_path: Path
) -> None:
    one_by_one = Database(tmp_path / "one-by-one.db")
    try:
        for seq, order_id, record in _answered_scenario(one_by_one, clock):
            with one_by_one.write() as session:
                outbox_repository.complete(session, seq, state=outbox_repository.DONE, at=RECEIVED)
                release_order(session, order_id, record)
        answered = _answered_scenario(db, clock)
        by_order: dict[str, list[OrderRecord | None]] = {}
        for _seq, order_id, record in answered:
            by_order.setdefault(order_id, []).append(record)
        with db.write() as session:
            outbox_repository.complete_many(
                session,
                [
                    outbox_repository.Completion(seq, outbox_repository.DONE)
                    for seq, _, _ in answered
                ],
                at=RECEIVED,
            )
            changed = release_orders(session, by_order)

        assert changed == {"o-2"}
        # Everything but the outbox and the audit trail, whose rows carry fresh command ids,
        # times and hashes on each database.
        mine = {**_dump(db), "outbox": [], "audit_entries": []}
        assert mine == {**_dump(one_by_one), "outbox": [], "audit_entries": []}
        states = ["done"] * 4 + ["pending"] + ["done"] * 2 + ["pending"]
        assert _outbox_states(db) == _outbox_states(one_by_one) == states
        assert (_order(db, "o-1").status, _order(db, "o-1").version) == ("handed_over", 1)
        assert (_order(db, "o-2").status, _order(db, "o-2").version) == ("ready", 3)
        assert (_order(db, "o-3").status, _order(db, "o-3").version) == ("accepted", 2)
        with db.read() as session:
            held = {i: order_repository.held_hub_data(session, i) for i in ("o-1", "o-2", "o-3")}
        assert {i: data and data["version"] for i, data in held.items()} == {
            "o-1": 3,
            "o-2": None,
            "o-3": 3,
        }
    finally:
        one_by_one.close()
