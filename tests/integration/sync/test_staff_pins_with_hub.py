"""Staff PINs end to end: the hub's Argon2id verifiers reach the device sealed with its pepper."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.device import Device
from app.services.sign_in import SignInRefused
from hub.embedded import EmbeddedHub
from local_db import staff_repository
from sync.credentials import Credentials, MemoryKeyring
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import RecordingListener


def test_the_device_keeps_only_sealed_hashes_and_signs_in_offline(
    hub: EmbeddedHub, device: Device
) -> None:
    raw = {member.staff_id: member.pin.hash_hex for member in hub.demo.staff()}
    with device.db.read() as session:
        stored = staff_repository.list_staff(session)
    assert {s.staff_id for s in stored} == set(raw)
    for snapshot in stored:
        assert snapshot.pin_algorithm == "argon2id"
        assert raw[snapshot.staff_id] not in snapshot.pin_hash_hex
    assert sign_in_as(device.sign_in, "manager", "9999").name == "陈静 Chen Jing"
    with pytest.raises(SignInRefused):
        sign_in_as(device.sign_in, "manager", "1111")


def test_a_replaced_keyring_brings_the_staff_again_and_they_sign_in(
    hub: EmbeddedHub,
    device: Device,
    credentials: Credentials,
    tmp_path: Path,
    listener: RecordingListener,
) -> None:
    tokens = credentials.device_tokens()
    assert tokens is not None
    device.stop()
    # The keyring was replaced: the tokens are restored, but the PIN pepper is a new one.
    fresh = Credentials(MemoryKeyring(), account=str(tmp_path / "counter"))
    fresh.save_device_tokens(tokens)
    reopened = enrolled_device(hub, tmp_path / "counter", listener, fresh)
    try:
        with pytest.raises(SignInRefused):
            sign_in_as(reopened.sign_in, "cashier", "1111")
        drain_feed(reopened)
        assert sign_in_as(reopened.sign_in, "cashier", "1111").name == "王芳 Wang Fang"
    finally:
        reopened.stop()
