"""The device's secrets behind one class over keyring, with the backend chosen explicitly."""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail

SERVICE: Final = "storeside"
_DEVICE_TOKENS: Final = "device-tokens"
_OLD_DEVICE_TOKEN: Final = "device-token"  # noqa: S105 (an entry's name, not a secret)
"""Where releases before token rotation kept the one device token."""
_PIN_PEPPER: Final = "pin-pepper"
PEPPER_BYTES: Final = 32


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


@dataclass(frozen=True, slots=True)
class DeviceTokens:
    """What the device holds to talk to the hub, saved as one keyring entry.

    One entry, so a crash between two writes can never leave a refresh token beside the
    wrong request id: the OS store replaces an entry whole.
    """

    access_token: str
    access_expires_at: datetime | None = None
    """When the access token expires by this device's clock (None: not known)."""
    refresh_token: str | None = None
    """None with a hub that does not rotate tokens: the device enrols again when refused."""
    refresh_request_id: str | None = None
    """Set before a refresh is sent, cleared with the new pair: a refresh interrupted by a
    crash is retried with the same id, which the hub answers with the same pair."""

    def as_json(self) -> str:
        """The keyring entry's text."""
        expires = None if self.access_expires_at is None else self.access_expires_at.isoformat()
        return json.dumps(
            {
                "access": self.access_token,
                "access_expires_at": expires,
                "refresh": self.refresh_token,
                "refresh_request_id": self.refresh_request_id,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> DeviceTokens:
        """Read an entry written by `as_json`."""
        data = json.loads(text)
        expires = data.get("access_expires_at")
        return cls(
            access_token=str(data["access"]),
            access_expires_at=None if expires is None else datetime.fromisoformat(expires),
            refresh_token=data.get("refresh"),
            refresh_request_id=data.get("refresh_request_id"),
        )


class Credentials:
    """The device's tokens and PIN pepper, stored in the chosen keyring backend.

    Nothing here ever writes a secret anywhere else, logs it or puts it in an exception.
    """

    def __init__(self, backend: KeyringBackend, account: str) -> None:
        """`account` separates devices sharing one OS user (the database path is a good one)."""
        self._backend = backend
        self._account = account
        self._lock = threading.Lock()

    def device_tokens(self) -> DeviceTokens | None:
        """The tokens, or None before enrolment (or after the hub revoked them)."""
        text = self._backend.get_password(SERVICE, self._entry(_DEVICE_TOKENS))
        if text is not None:
            try:
                return DeviceTokens.from_json(text)
            except (ValueError, KeyError, TypeError):
                # An entry no release wrote: unusable, so the device asks to enrol again.
                return None
        old = self._backend.get_password(SERVICE, self._entry(_OLD_DEVICE_TOKEN))
        return None if old is None else DeviceTokens(access_token=old)

    def save_device_tokens(self, tokens: DeviceTokens) -> None:
        """Replace the tokens in one write."""
        self._backend.set_password(SERVICE, self._entry(_DEVICE_TOKENS), tokens.as_json())

    def device_token(self) -> str | None:
        """The access token, or None before enrolment."""
        tokens = self.device_tokens()
        return None if tokens is None else tokens.access_token

    def save_device_token(self, token: str) -> None:
        """Remember an access token alone (a hub without rotation, or a test's device)."""
        self.save_device_tokens(DeviceTokens(access_token=token))

    def forget_device_token(self) -> None:
        """Forget every token (the device must enrol again); the PIN pepper stays."""
        for name in (_DEVICE_TOKENS, _OLD_DEVICE_TOKEN):
            if self._backend.get_password(SERVICE, self._entry(name)) is not None:
                self._backend.delete_password(SERVICE, self._entry(name))

    def pin_pepper(self) -> bytes:
        """The device's secret PIN pepper: 32 random bytes made on first use, kept hex.

        Staff PIN verifiers are hashed with it, so a copied database alone cannot be
        brute-forced. Never changes once made (the verifiers would stop matching).
        """
        with self._lock:
            text = self._backend.get_password(SERVICE, self._entry(_PIN_PEPPER))
            if text is None:
                text = secrets.token_bytes(PEPPER_BYTES).hex()
                self._backend.set_password(SERVICE, self._entry(_PIN_PEPPER), text)
            return bytes.fromhex(text)

    def _entry(self, name: str) -> str:
        return f"{self._account}:{name}"
