"""Credentials: the device token kept in the chosen keyring backend, never found by accident."""

from __future__ import annotations

import keyring.backend
from keyring.backends import fail

from sync.credentials import Credentials, MemoryKeyring


def test_no_token_before_enrolment():
    assert Credentials(MemoryKeyring(), "device-a").device_token() is None


def test_saved_token_comes_back_and_can_be_forgotten():
    credentials = Credentials(MemoryKeyring(), "device-a")
    credentials.save_device_token("tok-0123456789abcdef")
    assert credentials.device_token() == "tok-0123456789abcdef"
    credentials.save_device_token("tok-renewed-0123456789")
    assert credentials.device_token() == "tok-renewed-0123456789"
    credentials.forget_device_token()
    assert credentials.device_token() is None


def test_forgetting_when_there_is_no_token_is_harmless():
    credentials = Credentials(MemoryKeyring(), "device-a")
    credentials.forget_device_token()
    assert credentials.device_token() is None


def test_devices_sharing_one_keyring_keep_their_own_tokens():
    backend = MemoryKeyring()
    counter, handheld = Credentials(backend, "counter.db"), Credentials(backend, "handheld.db")
    counter.save_device_token("tok-counter-0123456789")
    assert handheld.device_token() is None
    handheld.save_device_token("tok-handheld-0123456789")
    handheld.forget_device_token()
    assert counter.device_token() == "tok-counter-0123456789"


def test_token_is_stored_in_the_backend_it_was_given():
    backend, other = MemoryKeyring(), MemoryKeyring()
    Credentials(backend, "device-a").save_device_token("tok-0123456789abcdef")
    assert Credentials(other, "device-a").device_token() is None
    assert Credentials(backend, "device-a").device_token() == "tok-0123456789abcdef"


def test_memory_keyring_is_not_a_recommended_backend():
    # keyring recommends backends of priority >= 1; in-memory must only be chosen on purpose.
    assert MemoryKeyring.priority < 1


def test_keyring_discovery_never_prefers_memory_over_the_no_backend_marker():
    # keyring picks max(viable backends, key=by_priority); with a tie the pick depends on the
    # order it happens to list them in. Whatever that order, memory must not win, or a PC with
    # no secure store would silently keep its device token in memory only.
    for candidates in ([fail.Keyring(), MemoryKeyring()], [MemoryKeyring(), fail.Keyring()]):
        chosen = max(candidates, key=keyring.backend.by_priority)
        assert isinstance(chosen, fail.Keyring), [type(c).__name__ for c in candidates]
