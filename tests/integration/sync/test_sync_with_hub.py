"""The device's puller and pusher against the real reference hub over 127.0.0.1."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.device import Device
from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus, RecordKind
from app.services.audit_trail import AuditTrail
from hub.embedded import EmbeddedHub
from local_db import outbox_repository, sync_state_repository
from local_db.models import Order, OrderLine, OutboxEntry, QuarantinedRecord
from sync.credentials import Credentials
from sync.errors import RequestRefused
from sync.hub_client import HubClient
from sync.protocol import COMMAND_ID_REUSED
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.factories import order_record
from tests.fakes import RecordingListener
from tests.hub_controls import append_raw_feed_record, reset_feed_epoch


def _outbox_states(device: Device) -> list[str]:
    with device.db.read() as session:
        return list(session.scalars(select(OutboxEntry.state).order_by(OutboxEntry.seq)))


def test_orders_from_three_channels_arrive_with_staff(hub: EmbeddedHub, device: Device) -> None:
    placed = [hub.demo.place_order(channel) for channel in Channel]
    drain_feed(device)
    with device.db.read() as session:
        cached = dict(session.execute(select(Order.order_id, Order.channel)).all())
        line_count = session.scalar(select(func.count()).select_from(OrderLine))
    assert set(cached) == {order.order_id for order in placed}
    assert set(cached.values()) == {c.value for c in Channel}
    assert line_count == sum(len(order.lines) for order in placed)
    assert len(device.sign_in.staff_cards()) == len(hub.hub.world.demo_staff)


def test_accept_reaches_hub_and_channel_once(hub: EmbeddedHub, device: Device) -> None:
    order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")

    shown = device.order_actions.accept(cashier, order.order_id)
    assert shown.status is OrderStatus.ACCEPTED
    assert shown.has_pending

    assert device.pusher.push() == 1
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED
    calls = [c for c in hub.hub.admin.channel_calls(order.order_id) if c.action == "accept"]
    assert len(calls) == 1
    assert calls[0].channel == Channel.MEITUAN
    detail = device.order_queries.detail(order.order_id)
    assert detail is not None
    assert not detail.has_pending
    assert detail.version == hub.hub.admin.order(order.order_id).version


def test_replayed_command_returns_stored_result_without_second_effect(
    hub: EmbeddedHub, device: Device, credentials: Credentials
) -> None:
    order = hub.demo.place_order(Channel.ELEME)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)
    with device.db.read() as session:
        payload = outbox_repository.pending_batch(session, 1)[0].payload
    device.pusher.push()
    version_after_first = hub.hub.admin.order(order.order_id).version

    client = HubClient(hub.url, credentials.device_token)
    try:
        replay = client.send_commands([payload]).results[0]
    finally:
        client.close()
    assert replay.outcome == "duplicate"
    assert hub.hub.admin.order(order.order_id).version == version_after_first
    assert (
        len([c for c in hub.hub.admin.channel_calls(order.order_id) if c.action == "accept"]) == 1
    )


def test_same_command_id_with_another_body_is_refused_and_set_aside(
    hub: EmbeddedHub, device: Device, credentials: Credentials
) -> None:
    first, second = hub.demo.place_order(Channel.MEITUAN), hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, first.order_id)
    device.pusher.push()
    with device.db.read() as session:
        used_id = session.scalars(select(OutboxEntry.command_id)).one()

    client = HubClient(hub.url, credentials.device_token)
    body = {
        "type": "reject_order",
        "command_id": used_id,
        "staff_id": cashier.staff_id,
        "issued_at": "2026-11-22T03:00:00+00:00",
        "order_id": second.order_id,
        "reason": RejectReason.TOO_BUSY.value,
    }
    try:
        with pytest.raises(RequestRefused) as refused:
            client.send_commands([body])
    finally:
        client.close()
    assert refused.value.status_code == 422
    assert refused.value.error == COMMAND_ID_REUSED
    assert hub.hub.admin.order(second.order_id).status is OrderStatus.NEW


def test_malformed_feed_record_is_quarantined_and_the_rest_applied(
    hub: EmbeddedHub, device: Device
) -> None:
    broken = order_record(1, "o-broken")
    broken["data"]["lines"] = []  # an order without lines breaks the contract
    append_raw_feed_record(hub.hub, hub.hub.world.demo_store_id, broken)
    good = hub.demo.place_order(Channel.MINIPROGRAM)
    drain_feed(device)
    with device.db.read() as session:
        quarantined = session.execute(
            select(QuarantinedRecord.kind, QuarantinedRecord.entity_id, QuarantinedRecord.reason)
        ).all()
        cursor = sync_state_repository.get_value(session, sync_state_repository.CURSOR)
    assert [(kind, entity_id) for kind, entity_id, _ in quarantined] == [("order", "o-broken")]
    assert "lines" in quarantined[0].reason
    assert device.order_queries.detail(good.order_id) is not None
    assert device.order_queries.detail("o-broken") is None
    assert cursor is not None
    assert device.puller.pull(wait=False) is False  # nothing re-delivered, the feed moved on


def test_rejected_command_is_told_and_the_hub_state_shown(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    hub.hub.intake.customer_cancels(order.order_id)  # the device has not heard yet
    device.order_actions.accept(cashier, order.order_id)

    device.pusher.push()
    assert _outbox_states(device) == [outbox_repository.REJECTED]
    assert len(listener.rejections) == 1
    notice = listener.rejections[0]
    assert notice.entity_id == order.order_id
    assert notice.staff_id == cashier.staff_id
    assert notice.message
    detail = device.order_queries.detail(order.order_id)
    assert detail is not None
    assert detail.status is OrderStatus.CANCELLED
    assert [n.seq for n in device.notices.unseen()] == [notice.seq]
    # The trail shows the accept as done here, then the hub's refusal beside it, in the
    # transaction that stored the answer.
    trail = AuditTrail(device.db)
    [accepted] = trail.entries(actions=("accept",))
    [refused] = trail.entries(actions=("hub_refused",))
    assert (refused.staff_id, refused.subject, refused.result) == (
        cashier.staff_id,
        order.order_id,
        "refused",
    )
    assert refused.seq > accepted.seq
    assert refused.detail_values()["command"] == "accept_order"
    assert trail.verify() == []


def test_rejection_does_not_block_other_orders(hub: EmbeddedHub, device: Device) -> None:
    doomed, fine = hub.demo.place_order(Channel.ELEME), hub.demo.place_order(Channel.ELEME)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    hub.hub.intake.customer_cancels(doomed.order_id)
    device.order_actions.accept(cashier, doomed.order_id)
    device.order_actions.accept(cashier, fine.order_id)
    device.order_actions.mark_ready(cashier, fine.order_id)
    device.pusher.push()
    assert _outbox_states(device) == ["rejected", "done", "done"]
    assert hub.hub.admin.order(fine.order_id).status is OrderStatus.READY


def test_offline_actions_reach_hub_exactly_once_after_reconnect(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    order = hub.demo.place_order(Channel.MINIPROGRAM, fulfilment=None)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    hub.go_offline()

    device.order_actions.accept(cashier, order.order_id)
    device.order_actions.mark_ready(cashier, order.order_id)
    device.order_actions.hand_over(cashier, order.order_id, HandoverParty.CUSTOMER)
    assert device.pusher.push(ignore_backoff=True) == 0
    status = listener.last_status
    assert status is not None
    assert not status.online
    assert status.pending_count == 3

    hub.go_online()
    assert device.pusher.push(ignore_backoff=True) == 3
    assert device.pusher.push(ignore_backoff=True) == 0
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.HANDED_OVER
    actions = [c.action for c in hub.hub.admin.channel_calls(order.order_id)]
    assert actions.count("accept") == 1
    assert actions.count("ready") == 1
    status = listener.last_status
    assert status is not None
    assert status.online
    assert status.pending_count == 0


def test_hub_reset_resyncs_from_zero_and_keeps_pending_actions(
    hub: EmbeddedHub, device: Device
) -> None:
    order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)
    reset_feed_epoch(hub.hub)

    assert device.puller.pull(wait=False) is True  # told to start again
    drain_feed(device)
    assert _outbox_states(device) == ["pending"]
    detail = device.order_queries.detail(order.order_id)
    assert detail is not None
    assert detail.status is OrderStatus.ACCEPTED  # the person's action is still shown
    device.pusher.push()
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED
    assert _outbox_states(device) == ["done"]


def test_two_devices_converge(hub: EmbeddedHub, device: Device, tmp_path: Path) -> None:
    other_listener = RecordingListener()
    handheld = enrolled_device(hub, tmp_path / "second", other_listener)
    try:
        order = hub.demo.place_order(Channel.ELEME)
        drain_feed(device)
        cashier = sign_in_as(device.sign_in, "cashier", "1111")
        device.order_actions.accept(cashier, order.order_id)
        device.pusher.push()
        drain_feed(handheld)
        seen = handheld.order_queries.detail(order.order_id)
        assert seen is not None
        assert seen.status is OrderStatus.ACCEPTED
        assert any(RecordKind.ORDER in kinds for kinds in other_listener.changes)
    finally:
        handheld.stop()


def test_long_poll_returns_when_an_order_arrives(hub: EmbeddedHub, device: Device) -> None:
    placed: list[str] = []
    timer = threading.Timer(
        0.3, lambda: placed.append(hub.demo.place_order(Channel.MEITUAN).order_id)
    )
    timer.start()
    try:
        device.puller.pull(wait=True)
    finally:
        timer.join()
    assert device.order_queries.detail(placed[0]) is not None
