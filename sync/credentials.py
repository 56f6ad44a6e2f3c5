"""The device's secrets behind one class over keyring, with the backend chosen explicitly."""

from __future__ import annotations

import threading
from typing import Final

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail

SERVICE: Final = "storeside"
_DEVICE_TOKEN: Final = "device-token"  # noqa: S105 (the entry's name, not a secret)


class NoSecureStorage(Exception):
    """No OS credential store is available and in-memory storage was not chosen on purpose."""


class MemoryKeyring(KeyringBackend):
    """Secrets kept in this process only; chosen on purpose for the demo and tests."""

    # Below keyring's "no backend" marker (priority 0), so its discovery never picks this.
    priority = -1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._values: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            self._values.pop((service, username), None)


def system_keyring() -> KeyringBackend:
    """The OS credential store (Credential Manager, Keychain, Secret Service), or refuse."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or type(backend).__module__.startswith("keyrings.alt"):
        raise NoSecureStorage(
            "No secure credential store is available on this computer "
            "(Windows Credential Manager, macOS Keychain or Secret Service)."
        )
    return backend


class Credentials:
    """The device token, stored in the chosen keyring backend under the store's name."""

    def __init__(self, backend: KeyringBackend, account: str) -> None:
        """`account` separates devices sharing one OS user (the database path is a good one)."""
        self._backend = backend
        self._account = account

    def device_token(self) -> str | None:
        """The token, or None before enrolment."""
        return self._backend.get_password(SERVICE, f"{self._account}:{_DEVICE_TOKEN}")

    def save_device_token(self, token: str) -> None:
        """Remember the token granted at enrolment."""
        self._backend.set_password(SERVICE, f"{self._account}:{_DEVICE_TOKEN}", token)

    def forget_device_token(self) -> None:
        """Forget the token (the device must enrol again)."""
        self._backend.delete_password(SERVICE, f"{self._account}:{_DEVICE_TOKEN}")
