"""The hub keeps each device's audit head while the trail continues it, and raises an alarm when
a trail shrinks or is rewritten, even under a higher head."""

from __future__ import annotations

import hashlib

import pytest

from hub.composition import Hub
from hub.devices.enrolment import Device
from sync.protocol import AnchorCheck, AuditHead


def _head(seq: int, salt: str = "") -> AuditHead:
    return AuditHead(seq=seq, hash=hashlib.sha256(f"{seq}{salt}".encode()).hexdigest())


def _reported(seq: int, at: AuditHead | None, salt: str = "") -> AuditHead:
    """Head `seq` as a device sends it: with what its trail holds at the anchor `at`."""
    check = None if at is None else AnchorCheck(seq=at.seq, hash=at.hash)
    return _head(seq, salt).model_copy(update={"anchor": check})


def test_a_growing_trail_is_acknowledged_and_raises_nothing(hub: Hub, device: Device) -> None:
    assert hub.devices.note_audit_head(device, _reported(0, None)) == _head(0)
    assert hub.devices.note_audit_head(device, _reported(3, _head(0))) == _head(3)
    assert hub.devices.note_audit_head(device, _reported(3, _head(3))) == _head(3)
    assert hub.devices.note_audit_head(device, _reported(40, _head(3))) == _head(40)
    assert hub.admin.audit_alarms(hub.world.demo_store_id) == []


def test_a_higher_head_over_a_rewritten_anchor_is_a_rewrite_alarm(hub: Hub, device: Device) -> None:
    hub.devices.note_audit_head(device, _head(10))

    # Entry 10 deleted, 10' and 11 written: a higher head, but the trail lost entry 10.
    answer = hub.devices.note_audit_head(device, _reported(11, _head(10, "forged"), "forged"))

    assert answer == _head(10)
    (alarm,) = hub.admin.audit_alarms(hub.world.demo_store_id)
    assert (alarm.kind, alarm.reported, alarm.known) == (
        "rewritten",
        _head(11, "forged"),
        _head(10),
    )


def test_a_higher_head_without_the_anchor_entry_is_a_truncation_alarm(
    hub: Hub, device: Device
) -> None:
    hub.devices.note_audit_head(device, _head(10))
    gone = _head(11).model_copy(update={"anchor": AnchorCheck(seq=10, hash=None)})

    assert hub.devices.note_audit_head(device, gone) == _head(10)

    assert [
        (a.kind, a.reported.seq, a.known.seq)
        for a in hub.admin.audit_alarms(hub.world.demo_store_id)
    ] == [("truncated", 11, 10)]


def test_a_higher_head_without_proof_is_not_taken_but_raises_nothing(
    hub: Hub, device: Device
) -> None:
    hub.devices.note_audit_head(device, _head(10))

    # No check, or one against another head (an answer lost): the device anchors to 10 first.
    assert hub.devices.note_audit_head(device, _reported(12, None)) == _head(10)
    assert hub.devices.note_audit_head(device, _reported(12, _head(8))) == _head(10)
    assert hub.devices.note_audit_head(device, _reported(12, _head(10))) == _head(12)
    assert hub.admin.audit_alarms(hub.world.demo_store_id) == []


def test_a_head_behind_the_acknowledged_one_is_a_truncation_alarm_raised_once(
    hub: Hub, device: Device, caplog: pytest.LogCaptureFixture
) -> None:
    hub.devices.note_audit_head(device, _head(12))

    assert hub.devices.note_audit_head(device, _head(9)) == _head(12)
    assert hub.devices.note_audit_head(device, _head(9)) == _head(12)

    (alarm,) = hub.admin.audit_alarms(hub.world.demo_store_id)
    assert (alarm.kind, alarm.device_id, alarm.device_name) == (
        "truncated",
        device.device_id,
        "counter",
    )
    assert (alarm.reported, alarm.known) == (_head(9), _head(12))
    assert "audit chain truncated" in caplog.text


def test_the_same_number_with_another_hash_is_a_rewrite_alarm(hub: Hub, device: Device) -> None:
    hub.devices.note_audit_head(device, _head(5))

    assert hub.devices.note_audit_head(device, _head(5, "forged")) == _head(5)

    assert [
        (a.kind, a.reported.seq, a.known.seq)
        for a in hub.admin.audit_alarms(hub.world.demo_store_id)
    ] == [("rewritten", 5, 5)]


def test_alarms_are_kept_per_store(hub: Hub, device: Device) -> None:
    hub.devices.note_audit_head(device, _head(2))
    hub.devices.note_audit_head(device, _head(1))

    assert len(hub.admin.audit_alarms(device.store_id)) == 1
    assert hub.admin.audit_alarms("another-store") == []
