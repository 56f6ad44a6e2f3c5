"""Notices of refused actions: listed until the person acknowledges them, across restarts."""

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
    """Accept `count` orders; returns their outbox seqs."""
    records = [order_record(n, f"o-{n}") for n in range(1, count + 1)]
    with db.write() as session:
        apply_raw_records(session, records, BASE_TIME)
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


def test_nothing_to_tell_when_nothing_was_refused(db: Database, clock: FrozenClock):
    done, _waiting = _accept_orders(db, clock, 2)
    _answer(db, done, outbox.DONE)
    assert RejectionNotices(db).unseen() == []


def test_refused_actions_are_told_oldest_first_in_words(db: Database, clock: FrozenClock):
    first, done, second, _waiting = _accept_orders(db, clock, 4)
    _answer(db, second, outbox.FAILED, "invalid_command", "指令格式有误")
    _answer(db, first, outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    _answer(db, done, outbox.DONE)
    notices = RejectionNotices(db).unseen()
    assert [n.seq for n in notices] == [first, second]
    notice = notices[0]
    assert (notice.entity_kind, notice.entity_id, notice.staff_id) == ("order", "o-1", "s-c")
    assert notice.command_type == "accept_order"
    assert (notice.reason, notice.message) == ("order_cancelled", "顾客已取消订单")
    assert notices[1].entity_id == "o-3"
    assert notices[0].at < notices[1].at


def test_acknowledged_notice_is_not_told_again_even_after_a_restart(
    db: Database, clock: FrozenClock
):
    first, second = _accept_orders(db, clock, 2)
    _answer(db, first, outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    _answer(db, second, outbox.REJECTED, "too_late", "超过接单时间")
    RejectionNotices(db).acknowledge(first)
    db.close()
    restarted = Database(db.path)
    try:
        assert [n.seq for n in RejectionNotices(restarted).unseen()] == [second]
    finally:
        restarted.close()


def test_unacknowledged_notice_survives_a_restart(db: Database, clock: FrozenClock):
    [seq] = _accept_orders(db, clock, 1)
    _answer(db, seq, outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    db.close()
    restarted = Database(db.path)
    try:
        assert [n.seq for n in RejectionNotices(restarted).unseen()] == [seq]
    finally:
        restarted.close()
