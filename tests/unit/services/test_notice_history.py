"""The notice history: every refused action can be reopened, dismissed or not, newest first."""

from __future__ import annotations

from datetime import timedelta

from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from local_db import outbox_repository as outbox
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, order_record
from tests.fakes import FrozenClock

CASHIER = SignedInStaff("s-c", "收银员", frozenset({Role.CASHIER}))


def _accept_orders(db: Database, clock: FrozenClock, count: int) -> list[int]:
    """Accept `count` orders a minute apart; returns their outbox seqs, oldest first."""
    with db.write() as session:
        apply_raw_records(
            session, [order_record(n, f"o-{n}") for n in range(1, count + 1)], BASE_TIME
        )
    actions = OrderActions(db, clock)
    for n in range(1, count + 1):
        clock.advance(minutes=1)
        actions.accept(CASHIER, f"o-{n}")
    with db.read() as session:
        return [item.seq for item in outbox.pending_batch(session, 100)]


def _answer(db: Database, seq: int, state: str, reason: str = "", message: str = "") -> None:
    with db.write() as session:
        outbox.complete(
            session,
            seq,
            state=state,
            at=BASE_TIME + timedelta(hours=1),
            reason=reason,
            message=message,
        )


def test_history_is_empty_when_nothing_was_refused(db: Database, clock: FrozenClock) -> None:
    done, _waiting = _accept_orders(db, clock, 2)
    _answer(db, done, outbox.DONE)
    assert RejectionNotices(db).history() == []


def test_history_lists_refused_and_set_aside_newest_first_in_words(
    db: Database, clock: FrozenClock
) -> None:
    first, done, second, _waiting, third = _accept_orders(db, clock, 5)
    _answer(db, first, outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    _answer(db, done, outbox.DONE)
    _answer(db, second, outbox.FAILED, "invalid_command", "指令格式有误")
    _answer(db, third, outbox.REJECTED, "too_late", "超过接单时间")

    history = RejectionNotices(db).history()

    assert [n.seq for n in history] == [third, second, first]
    assert [(n.entity_id, n.reason, n.message) for n in history] == [
        ("o-5", "too_late", "超过接单时间"),
        ("o-3", "invalid_command", "指令格式有误"),
        ("o-1", "order_cancelled", "顾客已取消订单"),
    ]
    assert {(n.command_type, n.staff_id, n.entity_kind) for n in history} == {
        ("accept_order", "s-c", "order")
    }
    assert history[0].at > history[1].at > history[2].at
    assert not any(n.seen for n in history)


def test_a_dismissed_notice_stays_in_the_history_marked_seen(
    db: Database, clock: FrozenClock
) -> None:
    first, second = _accept_orders(db, clock, 2)
    _answer(db, first, outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    _answer(db, second, outbox.REJECTED, "too_late", "超过接单时间")
    notices = RejectionNotices(db)

    notices.acknowledge(first)

    assert [n.seq for n in notices.unseen()] == [second]
    assert [(n.seq, n.seen) for n in notices.history()] == [(second, False), (first, True)]


def test_history_keeps_the_newest_within_the_limit(db: Database, clock: FrozenClock) -> None:
    seqs = _accept_orders(db, clock, 5)
    for seq in seqs:
        _answer(db, seq, outbox.REJECTED, "order_cancelled", "顾客已取消订单")

    assert [n.seq for n in RejectionNotices(db).history(limit=3)] == seqs[:1:-1]


def test_history_survives_a_restart(db: Database, clock: FrozenClock) -> None:
    first, second = _accept_orders(db, clock, 2)
    _answer(db, first, outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    _answer(db, second, outbox.FAILED, "invalid_command", "指令格式有误")
    RejectionNotices(db).acknowledge(second)
    before = RejectionNotices(db).history()
    db.close()

    restarted = Database(db.path)
    try:
        assert RejectionNotices(restarted).history() == before
    finally:
        restarted.close()
