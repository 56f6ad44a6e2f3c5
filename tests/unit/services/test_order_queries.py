"""Cashier inbox queries: tabs, their order, counts, detail, and the actions offered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import InboxTab, OrderAction, inbox_tab
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus, Role
from app.read_models import SignedInStaff
from app.services.order_actions import ActionRefused, OrderActions
from app.services.order_queries import OrderQueries, actions_for
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, order_data, order_record
from tests.fakes import FrozenClock

CASHIER = SignedInStaff("s-c", "收银员", frozenset({Role.CASHIER}))
PICKER = SignedInStaff("s-p", "拣货员", frozenset({Role.PICKER}))
MANAGER = SignedInStaff("s-m", "店长", frozenset({Role.MANAGER}))

OPEN_TABS = (InboxTab.NEW, InboxTab.IN_PROGRESS, InboxTab.READY)

# (order id, status, resume status, minutes after BASE_TIME it was placed)
ORDERS: list[tuple[str, str, str | None, int]] = [
    ("new-late", "new", None, 9),
    ("new-early", "new", None, 1),
    ("accepted", "accepted", None, 2),
    ("preparing", "preparing", None, 3),
    ("short", "shortage_pending", None, 4),
    ("ready", "ready", None, 5),
    ("cancel-asked-ready", "cancel_requested", "ready", 6),
    ("cancel-asked-prep", "cancel_requested", "preparing", 7),
    ("handed", "handed_over", None, 8),
    ("completed", "completed", None, 10),
    ("refund-asked", "refund_requested", "completed", 11),
    ("rejected", "rejected", None, 12),
    ("cancelled", "cancelled", None, 13),
]


def _seed(db: Database, orders: list[tuple[str, str, str | None, int]] = ORDERS) -> None:
    records: list[dict[str, Any]] = []
    for seq, (order_id, status, resume, minutes) in enumerate(orders, start=1):
        extra: dict[str, Any] = {} if resume is None else {"resume_status": resume}
        records.append(
            order_record(
                seq,
                order_id,
                status=status,
                placed_at=BASE_TIME + timedelta(minutes=minutes),
                **extra,
            )
        )
    with db.write() as session:
        assert apply_raw_records(session, records, BASE_TIME).quarantined == 0


def _expected_tab(status: str, resume: str | None) -> InboxTab:
    return inbox_tab(OrderStatus(status), None if resume is None else OrderStatus(resume))


@pytest.mark.parametrize("tab", list(InboxTab))
def test_each_order_shows_on_exactly_its_tab(db: Database, tab: InboxTab):
    _seed(db)
    shown = {summary.order_id for summary in OrderQueries(db).inbox(tab)}
    assert shown == {
        oid for oid, status, resume, _ in ORDERS if _expected_tab(status, resume) is tab
    }


def test_cancel_request_on_a_ready_order_stays_on_the_ready_tab(db: Database):
    _seed(db)
    queries = OrderQueries(db)
    ready = {s.order_id for s in queries.inbox(InboxTab.READY)}
    in_progress = {s.order_id for s in queries.inbox(InboxTab.IN_PROGRESS)}
    assert "cancel-asked-ready" in ready
    assert "cancel-asked-ready" not in in_progress
    assert "cancel-asked-prep" in in_progress


@pytest.mark.parametrize("tab", OPEN_TABS)
def test_open_tabs_list_the_most_urgent_first(db: Database, tab: InboxTab):
    _seed(db)
    placed = [s.placed_at for s in OrderQueries(db).inbox(tab)]
    assert len(placed) >= 2
    assert placed == sorted(placed)


@pytest.mark.parametrize("tab", [InboxTab.DONE, InboxTab.CANCELLED])
def test_closed_tabs_list_the_newest_first(db: Database, tab: InboxTab):
    _seed(db)
    placed = [s.placed_at for s in OrderQueries(db).inbox(tab)]
    assert len(placed) >= 2
    assert placed == sorted(placed, reverse=True)


def test_tab_limit_caps_the_list(db: Database):
    _seed(db, [(f"o-{n}", "new", None, n) for n in range(6)])
    shown = OrderQueries(db, tab_limit=4).inbox(InboxTab.NEW)
    assert [s.order_id for s in shown] == ["o-0", "o-1", "o-2", "o-3"]


def test_tab_limit_is_not_used_up_by_requests_shown_on_other_tabs(db: Database):
    # Two old refund requests belong on the done tab; they must not crowd out the ready order.
    _seed(
        db,
        [
            ("refund-1", "refund_requested", "completed", 1),
            ("refund-2", "refund_requested", "completed", 2),
            ("ready", "ready", None, 3),
        ],
    )
    shown = OrderQueries(db, tab_limit=2).inbox(InboxTab.READY)
    assert [s.order_id for s in shown] == ["ready"]


def test_tab_counts_match_what_every_tab_shows(db: Database):
    _seed(db)
    queries = OrderQueries(db)
    counts = queries.tab_counts()
    for tab in InboxTab:
        assert counts[tab] == len(queries.inbox(tab)), tab
    assert counts[InboxTab.DONE] > 0


def test_tab_counts_of_an_empty_cache_are_zero(db: Database):
    assert set(OrderQueries(db).tab_counts().values()) == {0}


def test_detail_shows_the_order_with_its_lines(db: Database):
    data = order_data("o-1", lines=3, note="少冰")
    with db.write() as session:
        apply_raw_records(
            session,
            [{"seq": 1, "kind": "order", "id": "o-1", "version": 1, "data": data}],
            BASE_TIME,
        )
    detail = OrderQueries(db).detail("o-1")
    assert detail is not None
    assert detail.channel is Channel(data["channel"])
    assert detail.note == "少冰"
    assert [line.line_id for line in detail.lines] == [ln["line_id"] for ln in data["lines"]]
    assert detail.item_count == sum(ln["quantity"] for ln in data["lines"])
    assert detail.total_cents == data["total_cents"]
    assert detail.customer_phone_masked == data["customer"]["phone_masked"]
    assert not detail.has_pending


def test_detail_of_an_unknown_order_is_none(db: Database):
    assert OrderQueries(db).detail("nope") is None


def test_inbox_row_shows_that_an_action_waits_for_the_hub(db: Database, clock: FrozenClock):
    _seed(db)
    OrderActions(db, clock).accept(CASHIER, "new-early")
    queries = OrderQueries(db)
    in_progress = {s.order_id: s for s in queries.inbox(InboxTab.IN_PROGRESS)}
    assert in_progress["new-early"].has_pending
    assert not in_progress["accepted"].has_pending
    assert "new-early" not in {s.order_id for s in queries.inbox(InboxTab.NEW)}


_PERFORM = {
    OrderAction.ACCEPT: lambda a, who, oid: a.accept(who, oid),
    OrderAction.REJECT: lambda a, who, oid: a.reject(
        who, oid, CHANNEL_RULES[Channel.MEITUAN].reject_reasons[0]
    ),
    OrderAction.MARK_READY: lambda a, who, oid: a.mark_ready(who, oid),
    OrderAction.HAND_OVER: lambda a, who, oid: a.hand_over(who, oid, HandoverParty.CUSTOMER),
}


@pytest.mark.parametrize("who", [CASHIER, PICKER, MANAGER], ids=["cashier", "picker", "manager"])
@pytest.mark.parametrize("action", list(_PERFORM))
def test_actions_offered_are_exactly_the_ones_that_succeed(
    db: Database, clock: FrozenClock, who: SignedInStaff, action: OrderAction
):
    _seed(db)
    actions, queries = OrderActions(db, clock), OrderQueries(db)
    open_orders = [s for tab in OPEN_TABS for s in queries.inbox(tab)]
    assert len(open_orders) == sum(_expected_tab(st, rs) in OPEN_TABS for _, st, rs, _ in ORDERS)
    for summary in open_orders:
        offered = action in actions_for(who, summary)
        try:
            _PERFORM[action](actions, who, summary.order_id)
        except ActionRefused:
            succeeded = False
        else:
            succeeded = True
        assert offered is succeeded, (summary.order_id, summary.status)


def test_picker_is_offered_nothing_on_a_new_order(db: Database):
    _seed(db)
    [first, *_] = OrderQueries(db).inbox(InboxTab.NEW)
    assert actions_for(PICKER, first) == frozenset()
    assert {OrderAction.ACCEPT, OrderAction.REJECT} <= actions_for(CASHIER, first)


def test_new_tab_lists_the_order_its_channel_cancels_soonest_first(db: Database) -> None:
    # An Eleme order placed first still has minutes; a Meituan order placed later has seconds.
    placed_early = BASE_TIME
    placed_late = BASE_TIME + timedelta(minutes=6)
    records = [
        order_record(
            1,
            "eleme-early",
            channel="eleme",
            placed_at=placed_early,
            accept_by=placed_early + CHANNEL_RULES[Channel.ELEME].accept_window,
        ),
        order_record(
            2,
            "meituan-late",
            channel="meituan",
            placed_at=placed_late,
            accept_by=placed_late + timedelta(minutes=1),
        ),
    ]
    with db.write() as session:
        apply_raw_records(session, records, BASE_TIME)

    rows = OrderQueries(db).inbox(InboxTab.NEW)

    assert [row.order_id for row in rows] == ["meituan-late", "eleme-early"]
    assert rows[0].accept_by < rows[1].accept_by


def test_the_alarm_watches_new_orders_whose_time_has_come_nearest_deadline_first(
    db: Database, clock: FrozenClock
) -> None:
    now = clock()
    records = [
        order_record(1, "later", placed_at=now, accept_by=now + timedelta(minutes=8)),
        order_record(2, "sooner", placed_at=now, accept_by=now + timedelta(minutes=2)),
        order_record(3, "accepted", status="accepted", placed_at=now),
        order_record(
            4,
            "booked",
            placed_at=now,
            scheduled_for=now + timedelta(hours=1),
            prepare_at=now + timedelta(minutes=30),
            accept_by=now + timedelta(minutes=35),
        ),
    ]
    with db.write() as session:
        apply_raw_records(session, records, now)
    queries = OrderQueries(db, clock=clock)

    assert [o.order_id for o in queries.waiting_for_answer()] == ["sooner", "later"]
    assert [o.order_id for o in queries.waiting_for_answer()] == [
        o.order_id for o in queries.inbox(InboxTab.NEW)
    ]
    clock.advance(minutes=30)
    assert "booked" in [o.order_id for o in queries.waiting_for_answer()]
