"""Sync health figures for managers, as they come from the device database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.domain.vocabulary import Role
from app.read_models import QuarantinedView, SignedInStaff, SyncHealth
from app.services.order_actions import OrderActions
from app.services.sync_health import SyncHealthQueries
from local_db import outbox_repository as outbox
from local_db import sync_state_repository
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


def _receive(db: Database, raw_records: list[dict[str, Any]], clock: FrozenClock) -> None:
    with db.write() as session:
        apply_raw_records(session, raw_records, clock())


def test_a_fresh_device_has_nothing_to_report(db: Database) -> None:
    assert SyncHealthQueries(db).health() == SyncHealth(
        pending_count=0,
        oldest_pending_at=None,
        last_pull_at=None,
        last_push_at=None,
        rejected_count=0,
        set_aside_count=0,
        quarantined=(),
        repaired_count=0,
        last_check_at=None,
    )


def test_waiting_actions_are_counted_with_the_age_of_the_oldest(
    db: Database, clock: FrozenClock
) -> None:
    first_at = clock() + timedelta(minutes=1)
    seqs = _accept_orders(db, clock, 4)

    health = SyncHealthQueries(db).health()
    assert (health.pending_count, health.oldest_pending_at) == (4, first_at)

    # Once the hub confirmed the oldest, the next one is the oldest waiting.
    _answer(db, seqs[0], outbox.DONE)
    health = SyncHealthQueries(db).health()
    assert (health.pending_count, health.oldest_pending_at) == (3, first_at + timedelta(minutes=1))

    for seq in seqs[1:]:
        _answer(db, seq, outbox.DONE)
    health = SyncHealthQueries(db).health()
    assert (health.pending_count, health.oldest_pending_at) == (0, None)


def test_rejected_and_set_aside_actions_are_counted_apart(db: Database, clock: FrozenClock) -> None:
    seqs = _accept_orders(db, clock, 6)
    _answer(db, seqs[0], outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    _answer(db, seqs[1], outbox.REJECTED, "too_late", "超过接单时间")
    _answer(db, seqs[2], outbox.FAILED, "invalid_command", "指令格式有误")
    _answer(db, seqs[3], outbox.DONE)

    health = SyncHealthQueries(db).health()

    assert (health.rejected_count, health.set_aside_count, health.pending_count) == (2, 1, 2)


def test_quarantined_records_are_listed_newest_first_with_their_reasons(
    db: Database, clock: FrozenClock
) -> None:
    no_lines = order_record(1, "o-bad-lines")
    no_lines["data"]["lines"] = []
    first_at = clock()
    _receive(db, [no_lines, order_record(2, "o-good")], clock)
    clock.advance(minutes=5)
    mismatched = order_record(3, "o-bad-id")
    mismatched["id"] = "o-someone-else"
    _receive(db, [mismatched], clock)

    quarantined = SyncHealthQueries(db).health().quarantined

    assert [(q.kind, q.entity_id, q.received_at) for q in quarantined] == [
        ("order", "o-someone-else", first_at + timedelta(minutes=5)),
        ("order", "o-bad-lines", first_at),
    ]
    assert all(isinstance(q, QuarantinedView) for q in quarantined)
    assert "o-bad-id" in quarantined[0].reason
    assert "lines" in quarantined[1].reason


def test_last_pull_push_and_check_are_read_as_times(db: Database, clock: FrozenClock) -> None:
    pulled, pushed, checked = clock(), clock() + timedelta(seconds=7), clock() + timedelta(hours=1)
    # Written as the puller, the pusher and the anti-entropy check write them.
    with db.write() as session:
        sync_state_repository.set_value(
            session, sync_state_repository.LAST_PULL_AT, pulled.isoformat()
        )
        sync_state_repository.set_value(
            session, sync_state_repository.LAST_PUSH_AT, pushed.isoformat()
        )
        sync_state_repository.set_value(
            session, sync_state_repository.LAST_CHECK_AT, checked.isoformat()
        )
        sync_state_repository.set_value(session, sync_state_repository.REPAIRED_COUNT, "4")

    health = SyncHealthQueries(db).health()

    assert (health.last_pull_at, health.last_push_at) == (pulled, pushed)
    assert (health.last_check_at, health.repaired_count) == (checked, 4)
    assert health.last_pull_at is not None
    assert health.last_pull_at.tzinfo is not None


def test_figures_survive_a_restart(db: Database, clock: FrozenClock) -> None:
    seqs = _accept_orders(db, clock, 3)
    _answer(db, seqs[0], outbox.REJECTED, "order_cancelled", "顾客已取消订单")
    before = SyncHealthQueries(db).health()
    db.close()

    restarted = Database(db.path)
    try:
        assert SyncHealthQueries(restarted).health() == before
    finally:
        restarted.close()
