"""What the credential class keeps in the keyring: the token entry and the PIN pepper."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend

from sync.credentials import (
    SECURE_STORES,
    SERVICE,
    Credentials,
    DeviceTokens,
    MemoryKeyring,
    NoSecureStorage,
    system_keyring,
)

_HERE = __name__


class PlaintextFileKeyring(KeyringBackend):
    """Like keyrings.alt's PlaintextKeyring: usable, and writes secrets to a file in clear."""

    priority = 0.5  # what keyrings.alt gives it: above keyring's "no backend" marker
    path = Path("unused")

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        with self.path.open("a", encoding="utf-8") as file:
            file.write(f"{service} {username} {password}\n")

    def delete_password(self, service: str, username: str) -> None:
        """Nothing to delete: the fake never reads its file back."""


class FakeSecretService(KeyringBackend):
    """Stands in for the Secret Service on a computer whose session bus runs one."""

    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        """The real one would store it in the session's keyring."""

    def delete_password(self, service: str, username: str) -> None:
        """The real one would remove it."""


class BrokenSecretService(FakeSecretService):
    """A Secret Service keyring cannot reach (no session bus): its priority raises."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 (a class property)
        raise RuntimeError("Unable to initialize SecretService: no session bus")


@pytest.fixture(autouse=True)
def _no_keyring_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither the environment nor a keyringrc.cfg of the person running the tests counts."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


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


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_the_null_keyring_is_refused_though_configured(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    """It saves nothing: a new PIN pepper at every start, a lost device token."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    with pytest.raises(NoSecureStorage, match=r"keyring\.backends\.null\.Keyring"):
        system_keyring(platform)


def test_a_plaintext_file_keyring_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{_HERE}.PlaintextFileKeyring")
    with pytest.raises(NoSecureStorage, match="Secret Service"):
        system_keyring("linux")


def test_the_chainer_is_refused_as_it_may_write_to_a_plaintext_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config" / "python_keyring"
    config.mkdir(parents=True)
    (config / "keyringrc.cfg").write_text(
        "[backend]\ndefault-keyring=keyring.backends.chainer.ChainerBackend\n"
    )
    with pytest.raises(NoSecureStorage):
        system_keyring("linux")


def test_the_platforms_secure_store_is_chosen_from_the_allow_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(
        SECURE_STORES, "linux", (f"{_HERE}.BrokenSecretService", f"{_HERE}.FakeSecretService")
    )
    assert isinstance(system_keyring("linux"), FakeSecretService)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{_HERE}.FakeSecretService")
    assert isinstance(system_keyring("linux"), FakeSecretService)  # configured and allowed
    with pytest.raises(NoSecureStorage):
        system_keyring("win32")  # not on Windows' list


def test_no_usable_store_means_no_secure_storage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SECURE_STORES, "linux", (f"{_HERE}.BrokenSecretService",))
    with pytest.raises(NoSecureStorage, match="No secure credential store"):
        system_keyring("linux")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{_HERE}.BrokenSecretService")
    with pytest.raises(NoSecureStorage):
        system_keyring("linux")
