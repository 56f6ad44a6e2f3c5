"""The audit trail's head travels with each push; a cut trail raises an alarm at the hub.

Against the real reference hub on 127.0.0.1, with the device wired as the app wires it.
"""

from __future__ import annotations

from sqlalchemy import text

from app.device import Device
from app.domain.audit_chain import AuditAction, BreakKind, ChainAnchor
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, OrderStatus
from app.read_models import SignedInStaff
from app.services import audit
from app.services.audit_trail import AuditTrail
from hub.embedded import EmbeddedHub
from sync.credentials import Credentials
from sync.hub_client import HubClient
from sync.outbox_pusher import OutboxPusher
from sync.protocol import AnchorCheck, AuditHead
from tests.devices import drain_feed, sign_in_as
from tests.fakes import FrozenClock, RecordingListener


def _record_settings(device: Device, actor: SignedInStaff, count: int) -> None:
    with device.db.write() as session:
        for n in range(count):
            audit.record(
                session,
                utc_now,
                action=AuditAction.SETTING_CHANGE,
                subject="print.copies",
                actor=actor,
                detail={"value": n},
            )


def _accept_new_order(hub: EmbeddedHub, device: Device, actor: SignedInStaff) -> str:
    order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    device.order_actions.accept(actor, order.order_id)
    return order.order_id


def test_the_head_goes_with_a_batch_and_the_hubs_answer_becomes_the_anchor(
    hub: EmbeddedHub, device: Device
) -> None:
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    _record_settings(device, cashier, 3)
    order_id = _accept_new_order(hub, device, cashier)

    assert device.pusher.push(ignore_backoff=True) == 1

    trail = AuditTrail(device.db)
    assert trail.anchor() == ChainAnchor(*trail.head())
    check = trail.check()
    assert (check.is_intact, check.entries, check.anchor) == (True, trail.head()[0], trail.anchor())
    assert hub.hub.admin.order(order_id).status is OrderStatus.ACCEPTED
    assert hub.demo.audit_alarms() == []


def test_a_cut_trail_raises_an_alarm_at_the_hub_and_its_commands_still_apply(
    hub: EmbeddedHub, device: Device
) -> None:
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    _record_settings(device, cashier, 4)
    _accept_new_order(hub, device, cashier)
    device.pusher.push(ignore_backoff=True)
    anchored = AuditTrail(device.db).anchor()
    assert anchored is not None
    with device.db.write() as session:
        session.execute(
            text("DELETE FROM audit_entries WHERE seq > :seq"), {"seq": anchored.seq - 3}
        )

    later = _accept_new_order(hub, device, cashier)
    assert device.pusher.push(ignore_backoff=True) == 1

    assert hub.hub.admin.order(later).status is OrderStatus.ACCEPTED
    (alarm,) = hub.demo.audit_alarms()
    assert alarm.kind == "truncated"
    assert (alarm.known.seq, alarm.known.hash) == (anchored.seq, anchored.hash)
    assert alarm.reported.seq < anchored.seq
    assert AuditTrail(device.db).anchor() == anchored
    breaks = AuditTrail(device.db).check().breaks
    assert any(b.kind is BreakKind.TRUNCATED or b.kind is BreakKind.REWRITTEN for b in breaks)


def test_with_nothing_to_send_the_head_goes_alone(hub: EmbeddedHub, device: Device) -> None:
    manager = sign_in_as(device.sign_in, "manager", "9999")
    _record_settings(device, manager, 2)

    assert device.pusher.push() == 0

    trail = AuditTrail(device.db)
    assert trail.anchor() == ChainAnchor(*trail.head())
    assert trail.check().is_intact


def test_offline_the_lone_head_is_tried_once_a_minute_then_anchored(
    hub: EmbeddedHub,
    device: Device,
    credentials: Credentials,
    listener: RecordingListener,
    clock: FrozenClock,
) -> None:
    client = HubClient(hub.url, credentials.device_token)
    pusher = OutboxPusher(device.db, client, clock, device.connectivity, listener)
    trail = AuditTrail(device.db)
    try:
        _record_settings(device, sign_in_as(device.sign_in, "manager", "9999"), 1)
        hub.go_offline()
        assert pusher.push() == 0
        hub.go_online()

        assert pusher.push() == 0
        assert trail.anchor() != ChainAnchor(*trail.head())  # not knocking again within a minute

        clock.advance(minutes=1)
        pusher.push()
        assert trail.anchor() == ChainAnchor(*trail.head())
    finally:
        client.close()


def test_a_growing_trail_moves_the_anchor_with_each_push_and_raises_nothing(
    hub: EmbeddedHub, device: Device
) -> None:
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    trail = AuditTrail(device.db)
    for count in (2, 3, 1):
        _record_settings(device, cashier, count)
        _accept_new_order(hub, device, cashier)
        assert device.pusher.push(ignore_backoff=True) == 1
        assert trail.anchor() == ChainAnchor(*trail.head())

    assert trail.check().is_intact
    assert hub.demo.audit_alarms() == []


def test_the_anchor_entry_replaced_under_a_higher_head_raises_an_alarm_and_stays_anchored(
    hub: EmbeddedHub, device: Device
) -> None:
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    _record_settings(device, cashier, 4)
    _accept_new_order(hub, device, cashier)
    device.pusher.push(ignore_backoff=True)
    anchored = AuditTrail(device.db).anchor()
    assert anchored is not None
    # The entry the hub holds is deleted and two new ones written: 10', 11 over 10.
    with device.db.write() as session:
        session.execute(text("DELETE FROM audit_entries WHERE seq = :seq"), {"seq": anchored.seq})
    _record_settings(device, cashier, 2)
    assert AuditTrail(device.db).head()[0] > anchored.seq

    later = _accept_new_order(hub, device, cashier)
    assert device.pusher.push(ignore_backoff=True) == 1

    assert hub.hub.admin.order(later).status is OrderStatus.ACCEPTED
    (alarm,) = hub.demo.audit_alarms()
    assert alarm.kind == "rewritten"
    assert (alarm.known.seq, alarm.known.hash) == (anchored.seq, anchored.hash)
    assert alarm.reported.seq > anchored.seq
    trail = AuditTrail(device.db)
    assert trail.anchor() == anchored
    assert [b.seq for b in trail.check().breaks] == [anchored.seq]

    # Pushing on changes nothing: the anchor stays on the lost entry, one alarm in all.
    _accept_new_order(hub, device, cashier)
    assert device.pusher.push(ignore_backoff=True) == 1
    assert trail.anchor() == anchored
    assert len(hub.demo.audit_alarms()) == 1


def test_an_anchor_the_trail_lost_is_kept_whatever_head_the_hub_answers(
    hub: EmbeddedHub, device: Device, credentials: Credentials
) -> None:
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    _record_settings(device, cashier, 3)
    _accept_new_order(hub, device, cashier)
    device.pusher.push(ignore_backoff=True)
    trail = AuditTrail(device.db)
    anchored = trail.anchor()
    assert anchored is not None
    # The hub takes a later head whose answer never reaches the device: it holds more now.
    _record_settings(device, cashier, 2)
    later = AuditHead(
        seq=trail.head()[0],
        hash=trail.head()[1],
        anchor=AnchorCheck(seq=anchored.seq, hash=anchored.hash),
    )
    client = HubClient(hub.url, credentials.device_token)
    try:
        assert client.send_audit_head(later).same_entry(later)
    finally:
        client.close()
    with device.db.write() as session:
        session.execute(text("DELETE FROM audit_entries WHERE seq = :seq"), {"seq": anchored.seq})

    _accept_new_order(hub, device, cashier)
    assert device.pusher.push(ignore_backoff=True) == 1

    assert trail.anchor() == anchored  # not moved on to the hub's answer
    assert anchored.seq in [b.seq for b in trail.check().breaks]
    assert [(a.kind, a.known.seq) for a in hub.demo.audit_alarms()] == [("truncated", later.seq)]
