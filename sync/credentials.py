"""The device's secrets behind one class over keyring, with the backend chosen explicitly."""

from __future__ import annotations

import importlib
import json
import secrets
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import keyring.core
from keyring.backend import KeyringBackend

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


SECURE_STORES: Final[dict[str, tuple[str, ...]]] = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "linux": ("keyring.backends.SecretService.Keyring", "keyring.backends.libsecret.Keyring"),
}
"""The OS credential stores a device may keep its secrets in, by platform, in order of choice.

An allow-list: keyring also offers a null backend (saves nothing, so the PIN pepper would
change at every start), a chainer that may write to a keyrings.alt plaintext file, and
others; none of those is acceptable, whatever is configured."""

_NO_STORE: Final = (
    "No secure credential store is available on this computer "
    "(Windows Credential Manager, macOS Keychain or Secret Service)."
)


def system_keyring(platform: str = sys.platform) -> KeyringBackend:
    """The OS credential store of `platform` (Credential Manager, Keychain, Secret Service).

    A backend configured for keyring (PYTHON_KEYRING_BACKEND or keyringrc.cfg) is used only
    when it is one of SECURE_STORES; otherwise the first usable store of the list is
    chosen. Raises NoSecureStorage when none is usable.
    """
    allowed = SECURE_STORES.get("linux" if platform.startswith("linux") else platform, ())
    try:
        configured = keyring.core.load_env() or keyring.core.load_config()
    except (ImportError, AttributeError, RuntimeError) as error:
        raise NoSecureStorage(f"{_NO_STORE} The configured keyring is unusable.") from error
    if configured is not None:
        if _qualified_name(type(configured)) not in allowed or not _usable(type(configured)):
            raise NoSecureStorage(
                f"{_NO_STORE} The configured keyring "
                f"({_qualified_name(type(configured))}) is not one of them."
            )
        return configured
    for name in allowed:
        module_name, _, class_name = name.rpartition(".")
        try:
            backend_class = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        if (
            isinstance(backend_class, type)
            and issubclass(backend_class, KeyringBackend)
            and _usable(backend_class)
        ):
            return backend_class()
    raise NoSecureStorage(_NO_STORE)


def _usable(backend_class: type[KeyringBackend]) -> bool:
    """Whether keyring finds the store working here (its priority is readable and above 0)."""
    return bool(backend_class.viable) and backend_class.priority > 0


def _qualified_name(backend_class: type) -> str:
    return f"{backend_class.__module__}.{backend_class.__qualname__}"


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
