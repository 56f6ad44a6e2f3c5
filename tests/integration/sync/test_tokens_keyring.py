"""What the credential class keeps in the keyring: the token entry and the PIN pepper."""

from __future__ import annotations

from datetime import UTC, datetime

from sync.credentials import SERVICE, Credentials, DeviceTokens, MemoryKeyring


def test_the_pin_pepper_is_32_random_bytes_made_once_per_device() -> None:
    backend = MemoryKeyring()
    counter, handheld = Credentials(backend, "counter.db"), Credentials(backend, "handheld.db")

    pepper = counter.pin_pepper()

    assert len(pepper) == 32
    assert counter.pin_pepper() == pepper
    assert Credentials(backend, "counter.db").pin_pepper() == pepper  # after a restart
    assert handheld.pin_pepper() != pepper
    assert backend.get_password(SERVICE, "counter.db:pin-pepper") == pepper.hex()


def test_forgetting_the_tokens_keeps_the_pepper() -> None:
    credentials = Credentials(MemoryKeyring(), "counter.db")
    pepper = credentials.pin_pepper()
    credentials.save_device_token("tok-0123456789abcdef")

    credentials.forget_device_token()

    assert credentials.device_tokens() is None
    assert credentials.pin_pepper() == pepper


def test_the_tokens_are_one_entry_read_back_whole() -> None:
    backend = MemoryKeyring()
    credentials = Credentials(backend, "counter.db")
    tokens = DeviceTokens(
        access_token="acc-0123456789abcdef",
        access_expires_at=datetime(2026, 12, 1, 9, 15, tzinfo=UTC),
        refresh_token="ref-0123456789abcdef",
        refresh_request_id="0" * 32,
    )

    credentials.save_device_tokens(tokens)

    assert credentials.device_tokens() == tokens
    assert backend.get_password(SERVICE, "counter.db:device-tokens") == tokens.as_json()
    assert backend.get_password(SERVICE, "counter.db:device-token") is None


def test_a_token_kept_by_an_older_release_is_read_as_an_access_token() -> None:
    backend = MemoryKeyring()
    backend.set_password(SERVICE, "counter.db:device-token", "old-0123456789abcdef")
    credentials = Credentials(backend, "counter.db")

    assert credentials.device_tokens() == DeviceTokens(access_token="old-0123456789abcdef")
    credentials.forget_device_token()
    assert credentials.device_token() is None


def test_an_unreadable_entry_means_enrol_again() -> None:
    backend = MemoryKeyring()
    backend.set_password(SERVICE, "counter.db:device-tokens", "{not json")

    assert Credentials(backend, "counter.db").device_tokens() is None
