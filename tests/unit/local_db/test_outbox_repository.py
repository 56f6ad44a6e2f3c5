"""The outbox: commands kept in local commit order until the hub has answered each."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from local_db import outbox_repository as outbox
from local_db.database import Database
from tests.factories import BASE_TIME


def _add(
    db: Database,
    entity_id: str = "o-1",
    *,
    command_id: str | None = None,
    created_at: datetime = BASE_TIME,
    entity_kind: str = "order",
    payload: dict[str, Any] | None = None,
) -> int:
    with db.write() as session:
        return outbox.add_command(
            session,
            command_id=command_id or f"cmd-{entity_id}-{created_at.timestamp()}",
            command_type="accept_order",
            entity_kind=entity_kind,
            entity_id=entity_id,
            staff_id="s-1",
            payload=payload or {"type": "accept_order", "order_id": entity_id},
            created_at=created_at,
        )


def _pending(db: Database, limit: int = 100) -> list[outbox.OutboxItem]:
    with db.read() as session:
        return outbox.pending_batch(session, limit)


def _complete(db: Database, seq: int, state: str, **kwargs: Any) -> None:
    with db.write() as session:
        outbox.complete(session, seq, state=state, at=BASE_TIME + timedelta(minutes=9), **kwargs)


def test_new_command_waits_as_pending_with_its_payload(db: Database):
    payload = {"type": "accept_order", "order_id": "o-1", "note": "多加辣", "base_version": 3}
    seq = _add(db, payload=payload)
    [item] = _pending(db)
    assert item.seq == seq
    assert item.state == outbox.PENDING
    assert item.payload == payload
    assert item.attempts == 0
    assert item.next_attempt_at is None
    assert item.created_at == BASE_TIME


def test_commands_come_back_in_commit_order_in_batches(db: Database):
    seqs = [_add(db, f"o-{n}", created_at=BASE_TIME - timedelta(minutes=n)) for n in range(5)]
    assert seqs == sorted(seqs)
    assert [item.seq for item in _pending(db, limit=3)] == seqs[:3]
    assert [item.seq for item in _pending(db)] == seqs


def test_command_id_is_unique(db: Database):
    _add(db, "o-1", command_id="same")
    with pytest.raises(IntegrityError):
        _add(db, "o-2", command_id="same")
    assert [item.entity_id for item in _pending(db)] == ["o-1"]


def test_naive_creation_time_is_refused(db: Database):
    with pytest.raises(StatementError, match="naive"):
        _add(db, created_at=datetime(2026, 11, 22, 3, 0))  # noqa: DTZ001 (the point)
    assert _pending(db) == []


@pytest.mark.parametrize("state", [outbox.DONE, outbox.REJECTED, outbox.FAILED])
def test_answered_command_is_no_longer_pending(db: Database, state: str):
    first, second = _add(db, "o-1"), _add(db, "o-2")
    _complete(db, first, state, reason="r", message="m")
    assert [item.seq for item in _pending(db)] == [second]
    with db.read() as session:
        item = outbox.get_item(session, first)
        assert outbox.pending_entity_ids(session, "order", ["o-1", "o-2"]) == {"o-2"}
    assert item is not None
    assert (item.state, item.outcome_reason, item.outcome_message) == (state, "r", "m")
    assert item.attempts == 1


def test_failed_attempt_counts_and_says_when_to_retry(db: Database):
    seqs = [_add(db, "o-1"), _add(db, "o-2")]
    retry_at = BASE_TIME + timedelta(seconds=30)
    with db.write() as session:
        outbox.record_attempt_failed(session, seqs, "hub unreachable", retry_at)
        outbox.record_attempt_failed(session, seqs[:1], "hub unreachable again", retry_at)
    items = _pending(db)
    assert [item.attempts for item in items] == [2, 1]
    assert items[0].last_error == "hub unreachable again"
    assert all(item.next_attempt_at == retry_at for item in items)
    with db.read() as session:
        assert outbox.next_attempt_due(session) == retry_at


def test_next_attempt_due_is_none_when_nothing_waits_or_no_backoff(db: Database):
    with db.read() as session:
        assert outbox.next_attempt_due(session) is None
    _add(db)
    with db.read() as session:
        assert outbox.next_attempt_due(session) is None


def test_count_pending_reports_how_many_and_the_oldest(db: Database):
    with db.read() as session:
        assert outbox.count_pending(session) == (0, None)
    oldest = BASE_TIME - timedelta(minutes=7)
    _add(db, "o-1", created_at=BASE_TIME)
    _add(db, "o-2", created_at=oldest)
    done = _add(db, "o-3", created_at=oldest - timedelta(hours=1))
    _complete(db, done, outbox.DONE)
    with db.read() as session:
        assert outbox.count_pending(session) == (2, oldest)


def test_pending_entity_ids_only_counts_that_kind(db: Database):
    _add(db, "x-1", entity_kind="task")
    _add(db, "o-1", entity_kind="order")
    with db.read() as session:
        assert outbox.pending_entity_ids(session, "order", ["x-1", "o-1", "o-9"]) == {"o-1"}
        assert outbox.pending_entity_ids(session, "order", []) == set()


def test_rejections_stay_unseen_until_acknowledged(db: Database):
    done, rejected, failed, waiting = (_add(db, f"o-{n}") for n in range(4))
    _complete(db, done, outbox.DONE)
    _complete(db, rejected, outbox.REJECTED, reason="order_cancelled", message="顾客已取消")
    _complete(db, failed, outbox.FAILED, reason="invalid_command", message="bad")
    with db.read() as session:
        unseen = outbox.unseen_rejections(session)
    assert [(i.seq, i.outcome_reason) for i in unseen] == [
        (rejected, "order_cancelled"),
        (failed, "invalid_command"),
    ]
    assert waiting not in {i.seq for i in unseen}
    with db.write() as session:
        outbox.mark_notice_seen(session, rejected)
    with db.read() as session:
        assert [i.seq for i in outbox.unseen_rejections(session)] == [failed]


def test_get_item_of_unknown_seq_is_none(db: Database):
    with db.read() as session:
        assert outbox.get_item(session, 12345) is None


def test_queued_command_is_lost_with_its_rolled_back_transaction(db: Database):
    def queue_then_fail() -> None:
        with db.write() as session:
            outbox.add_command(
                session,
                command_id="c-1",
                command_type="accept_order",
                entity_kind="order",
                entity_id="o-1",
                staff_id="s-1",
                payload={},
                created_at=BASE_TIME,
            )
            raise RuntimeError("the local change failed")

    with pytest.raises(RuntimeError):
        queue_then_fail()
    assert _pending(db) == []
