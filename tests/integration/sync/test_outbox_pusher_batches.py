"""The pusher records a whole batch of answers at once, against the real hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus
from hub.embedded import EmbeddedHub
from local_db import order_repository
from local_db.models import OutboxEntry
from sync.credentials import Credentials
from sync.hub_client import HubClient
from sync.outbox_pusher import OutboxPusher
from tests.devices import drain_feed, sign_in_as
from tests.fakes import RecordingListener


@contextmanager
def _counting_commits(device: Device) -> Iterator[list[int]]:
    commits: list[int] = []

    def count(_connection: Any) -> None:
        commits.append(1)

    event.listen(device.db.engine, "commit", count)
    try:
        yield commits
    finally:
        event.remove(device.db.engine, "commit", count)


def _states(device: Device) -> list[str]:
    with device.db.read() as session:
        return list(session.scalars(select(OutboxEntry.state).order_by(OutboxEntry.seq)))


def _held_version(device: Device, order_id: str) -> int | None:
    with device.db.read() as session:
        held = order_repository.held_hub_data(session, order_id)
    return None if held is None else int(held["version"])


def test_several_answers_on_one_order_leave_it_at_the_newest_state_in_one_transaction(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    busy, other = hub.demo.place_order(Channel.MEITUAN), hub.demo.place_order(Channel.ELEME)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    hub.go_offline()
    device.order_actions.accept(cashier, busy.order_id)
    device.order_actions.accept(cashier, other.order_id)
    device.order_actions.mark_ready(cashier, busy.order_id)
    device.order_actions.hand_over(cashier, busy.order_id, HandoverParty.RIDER)
    hub.go_online()

    with _counting_commits(device) as commits:
        assert device.pusher.push(ignore_backoff=True) == 4

    assert len(commits) == 1
    assert _states(device) == ["done"] * 4
    shown = device.order_queries.detail(busy.order_id)
    assert shown is not None
    assert (shown.status, shown.version, shown.has_pending) == (OrderStatus.HANDED_OVER, 4, False)
    assert _held_version(device, busy.order_id) is None
    accepted = device.order_queries.detail(other.order_id)
    assert accepted is not None
    assert (accepted.status, accepted.version) == (OrderStatus.ACCEPTED, 2)
    assert listener.rejections == []


def test_an_order_with_actions_left_after_the_batch_holds_its_newest_answered_state(
    hub: EmbeddedHub, device: Device, credentials: Credentials, listener: RecordingListener
) -> None:
    order = hub.demo.place_order(Channel.MINIPROGRAM)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)
    device.order_actions.mark_ready(cashier, order.order_id)
    device.order_actions.hand_over(cashier, order.order_id, HandoverParty.CUSTOMER)
    client = HubClient(hub.url, credentials.device_token)
    pusher = OutboxPusher(device.db, client, utc_now, device.connectivity, listener, batch_size=2)
    try:
        assert pusher.push() == 2

        shown = device.order_queries.detail(order.order_id)
        assert shown is not None
        assert (shown.status, shown.has_pending) == (OrderStatus.HANDED_OVER, True)
        assert _held_version(device, order.order_id) == 3
        assert _states(device) == ["done", "done", "pending"]

        assert pusher.push() == 1
    finally:
        client.close()

    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert (shown.status, shown.version, shown.has_pending) == (OrderStatus.HANDED_OVER, 4, False)
    assert _held_version(device, order.order_id) is None


def test_a_rejected_answer_among_applied_ones_is_told_and_the_others_shown(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    cancelled, fine = hub.demo.place_order(Channel.ELEME), hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    hub.hub.intake.customer_cancels(cancelled.order_id)  # the device has not heard yet
    device.order_actions.accept(cashier, fine.order_id)
    device.order_actions.accept(cashier, cancelled.order_id)
    device.order_actions.mark_ready(cashier, fine.order_id)

    assert device.pusher.push() == 3

    assert _states(device) == ["done", "rejected", "done"]
    assert [notice.entity_id for notice in listener.rejections] == [cancelled.order_id]
    shown = device.order_queries.detail(cancelled.order_id)
    assert shown is not None
    assert (shown.status, shown.has_pending) == (OrderStatus.CANCELLED, False)
    ready = device.order_queries.detail(fine.order_id)
    assert ready is not None
    assert (ready.status, ready.version) == (OrderStatus.READY, 3)
