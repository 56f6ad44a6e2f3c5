"""The hub keeps each device's highest audit head and raises an alarm when a trail shrinks."""

from __future__ import annotations

import hashlib

import pytest

from hub.enrolment import Device
from hub.order_book import Hub
from sync.protocol import AuditHead


def _head(seq: int, salt: str = "") -> AuditHead:
    return AuditHead(seq=seq, hash=hashlib.sha256(f"{seq}{salt}".encode()).hexdigest())


def test_a_growing_trail_is_acknowledged_and_raises_nothing(hub: Hub, device: Device) -> None:
    assert hub.note_audit_head(device, _head(0)) == _head(0)
    assert hub.note_audit_head(device, _head(3)) == _head(3)
    assert hub.note_audit_head(device, _head(3)) == _head(3)
    assert hub.note_audit_head(device, _head(40)) == _head(40)
    assert hub.audit_alarms() == []


def test_a_head_behind_the_acknowledged_one_is_a_truncation_alarm_raised_once(
    hub: Hub, device: Device, caplog: pytest.LogCaptureFixture
) -> None:
    hub.note_audit_head(device, _head(12))

    assert hub.note_audit_head(device, _head(9)) == _head(12)
    assert hub.note_audit_head(device, _head(9)) == _head(12)

    (alarm,) = hub.audit_alarms()
    assert (alarm.kind, alarm.device_id, alarm.device_name) == (
        "truncated",
        device.device_id,
        "counter",
    )
    assert (alarm.reported, alarm.known) == (_head(9), _head(12))
    assert "audit chain truncated" in caplog.text


def test_the_same_number_with_another_hash_is_a_rewrite_alarm(hub: Hub, device: Device) -> None:
    hub.note_audit_head(device, _head(5))

    assert hub.note_audit_head(device, _head(5, "forged")) == _head(5)

    assert [(a.kind, a.reported.seq, a.known.seq) for a in hub.audit_alarms()] == [
        ("rewritten", 5, 5)
    ]


def test_alarms_are_kept_per_store(hub: Hub, device: Device) -> None:
    hub.note_audit_head(device, _head(2))
    hub.note_audit_head(device, _head(1))

    assert len(hub.audit_alarms(device.store_id)) == 1
    assert hub.audit_alarms("another-store") == []
