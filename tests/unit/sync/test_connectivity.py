"""Connectivity: online/offline since when, pending and quarantined counts, told to the listener."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.sync_events import CatchUpProgress
from local_db import outbox_repository, quarantine_repository
from local_db.database import Database
from sync.connectivity import NOT_SENT, Connectivity
from tests.fakes import FrozenClock, RecordingListener


@pytest.fixture
def connectivity(db: Database, clock: FrozenClock, listener: RecordingListener) -> Connectivity:
    return Connectivity(db, clock, listener)


def test_starts_offline_with_no_time_and_tells_nobody(
    connectivity: Connectivity, listener: RecordingListener
):
    assert not connectivity.is_online
    assert connectivity.status.since is None
    assert listener.statuses == []


def test_reaching_the_hub_after_being_offline_is_a_reconnect_told_once(
    connectivity: Connectivity, clock: FrozenClock, listener: RecordingListener
):
    connectivity.lost_hub("connection refused")
    back_at = clock.advance(minutes=3)
    assert connectivity.reached_hub() is True
    status = connectivity.status
    assert (status.online, status.since, status.last_error) == (True, back_at, "")
    assert listener.last_status == status
    assert connectivity.take_reconnected() is True
    assert connectivity.take_reconnected() is False


def test_staying_online_is_not_a_reconnect(connectivity: Connectivity, clock: FrozenClock):
    online_at = clock()
    connectivity.reached_hub()
    connectivity.take_reconnected()
    clock.advance(minutes=5)
    assert connectivity.reached_hub() is False
    assert connectivity.status.since == online_at
    assert connectivity.take_reconnected() is False


def test_offline_since_is_the_first_failure_not_the_latest(
    connectivity: Connectivity, clock: FrozenClock
):
    connectivity.reached_hub()
    went_at = clock.advance(minutes=1)
    connectivity.lost_hub("timeout")
    clock.advance(minutes=2)
    connectivity.lost_hub("connection refused")
    status = connectivity.status
    assert (status.online, status.since, status.last_error) == (
        False,
        went_at,
        "connection refused",
    )
    assert connectivity.offline_for(clock.advance(seconds=30)) == pytest.approx(150.0)


def test_first_failure_at_start_sets_offline_since(connectivity: Connectivity, clock: FrozenClock):
    connectivity.lost_hub("no route to host")
    assert connectivity.status.since == clock()


def test_offline_for_is_zero_while_online(connectivity: Connectivity, clock: FrozenClock):
    connectivity.reached_hub()
    assert connectivity.offline_for(clock.advance(hours=1)) == 0.0


def test_pull_and_push_times_are_kept_apart(connectivity: Connectivity, clock: FrozenClock):
    pulled_at = clock()
    connectivity.reached_hub(pulled=True)
    pushed_at = clock.advance(seconds=10)
    connectivity.reached_hub(pushed=True)
    clock.advance(seconds=10)
    connectivity.reached_hub()
    status = connectivity.status
    assert (status.last_pull_at, status.last_push_at) == (pulled_at, pushed_at)


def test_enrolment_needed_shows_offline_until_the_hub_is_reached_again(
    connectivity: Connectivity, listener: RecordingListener
):
    connectivity.reached_hub()
    connectivity.enrolment_needed("token revoked")
    status = connectivity.status
    assert (status.online, status.needs_enrolment, status.last_error) == (
        False,
        True,
        "token revoked",
    )
    assert listener.last_status == status
    connectivity.reached_hub()
    assert not connectivity.status.needs_enrolment


def test_enrolment_needed_while_online_marks_offline_since_now(
    connectivity: Connectivity, clock: FrozenClock
):
    connectivity.reached_hub()
    refused_at = clock.advance(hours=2)
    connectivity.enrolment_needed("token revoked")
    # The feed puller then reports the failure as well, in this order.
    connectivity.lost_hub("token revoked")
    assert connectivity.status.since == refused_at
    assert connectivity.offline_for(refused_at) == 0.0


def test_status_counts_what_waits_and_what_was_quarantined(
    db: Database, connectivity: Connectivity, clock: FrozenClock, listener: RecordingListener
):
    oldest = clock() - timedelta(minutes=4)
    with db.write() as session:
        for n, at in enumerate([oldest, clock()]):
            outbox_repository.add_command(
                session,
                command_id=f"c-{n}",
                command_type="accept_order",
                entity_kind="order",
                entity_id=f"o-{n}",
                staff_id="s-1",
                payload={},
                created_at=at,
            )
        quarantine_repository.quarantine(
            session,
            source="feed",
            kind="order",
            entity_id="o-bad",
            raw="{}",
            reason="total_cents: negative",
            received_at=clock(),
        )
    connectivity.lost_hub("offline")
    status = connectivity.status
    assert (status.pending_count, status.oldest_pending_at, status.quarantined_count) == (
        2,
        oldest,
        1,
    )
    assert listener.last_status == status


def test_every_change_is_told_to_the_listener(
    connectivity: Connectivity, listener: RecordingListener
):
    connectivity.lost_hub("a")
    connectivity.reached_hub()
    connectivity.enrolment_needed("b")
    connectivity.refresh()
    assert len(listener.statuses) == 4
    assert [s.online for s in listener.statuses] == [False, True, False, False]


def _queue_one(db: Database, at: datetime) -> None:
    with db.write() as session:
        outbox_repository.add_command(
            session,
            command_id=f"c-{at.isoformat()}",
            command_type="accept_order",
            entity_kind="order",
            entity_id="o-1",
            staff_id="s-1",
            payload={},
            created_at=at,
        )


def _watchdog(db: Database, clock: FrozenClock, listener: RecordingListener) -> Connectivity:
    return Connectivity(db, clock, listener, stall_after=timedelta(minutes=2))


def test_actions_unconfirmed_while_the_feed_works_are_a_stall_with_the_push_error(
    db: Database, clock: FrozenClock, listener: RecordingListener
):
    watchdog = _watchdog(db, clock, listener)
    _queue_one(db, clock())
    watchdog.push_failed("hub answered 500")
    clock.advance(minutes=2, seconds=1)
    watchdog.reached_hub(pulled=True)
    assert watchdog.status.stalled_reason == "hub answered 500"
    assert listener.last_status == watchdog.status


def test_a_stall_without_a_push_error_says_nothing_was_sent(
    db: Database, clock: FrozenClock, listener: RecordingListener
):
    watchdog = _watchdog(db, clock, listener)
    _queue_one(db, clock())
    clock.advance(minutes=3)
    watchdog.reached_hub(pulled=True)
    assert watchdog.status.stalled_reason == NOT_SENT


def test_waiting_less_than_the_stall_time_is_not_a_stall(
    db: Database, clock: FrozenClock, listener: RecordingListener
):
    watchdog = _watchdog(db, clock, listener)
    _queue_one(db, clock())
    watchdog.push_failed("hub answered 500")
    clock.advance(minutes=1, seconds=59)
    watchdog.reached_hub(pulled=True)
    assert watchdog.status.stalled_reason == ""


def test_offline_is_told_as_offline_not_as_a_stall(
    db: Database, clock: FrozenClock, listener: RecordingListener
):
    watchdog = _watchdog(db, clock, listener)
    watchdog.reached_hub(pulled=True)
    _queue_one(db, clock())
    clock.advance(minutes=10)
    watchdog.push_failed("connection refused")
    watchdog.lost_hub("connection refused")
    assert (watchdog.status.online, watchdog.status.stalled_reason) == (False, "")


def test_a_confirmed_push_ends_the_stall(
    db: Database, clock: FrozenClock, listener: RecordingListener
):
    watchdog = _watchdog(db, clock, listener)
    _queue_one(db, clock())
    watchdog.push_failed("hub answered 503")
    clock.advance(minutes=5)
    watchdog.reached_hub(pulled=True)
    assert watchdog.status.stalled_reason
    _queue_one(db, clock())  # one more waits, but the queue moves again
    watchdog.reached_hub(pushed=True)
    assert watchdog.status.stalled_reason == ""


def test_a_long_catch_up_is_told_with_the_page_that_brought_it(
    connectivity: Connectivity, clock: FrozenClock, listener: RecordingListener
):
    progress = CatchUpProgress(received=500, remaining=4500)
    assert connectivity.feed_page_applied(progress) is True  # the first page ends "offline"
    status = connectivity.status
    assert (status.online, status.last_pull_at, status.catch_up, status.syncing) == (
        True,
        clock(),
        progress,
        True,
    )
    assert len(listener.statuses) == 1  # one page, one status


def test_the_catch_up_outlives_pushes_and_an_offline_spell_until_a_page_ends_it(
    connectivity: Connectivity, listener: RecordingListener
):
    progress = CatchUpProgress(received=500, remaining=4500)
    connectivity.feed_page_applied(progress)
    connectivity.reached_hub(pushed=True)
    connectivity.lost_hub("connection refused")
    # Still behind the hub while offline: the status bar decides what to show of it.
    assert (connectivity.status.catch_up, connectivity.status.syncing) == (progress, True)
    connectivity.feed_page_applied(None)
    assert listener.last_status is not None
    assert (listener.last_status.catch_up, listener.last_status.syncing) == (None, False)
