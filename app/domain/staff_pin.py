"""Staff PIN verifiers: how a PIN is turned into a salted hash and checked, offline included."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1


@dataclass(frozen=True, slots=True)
class PinVerifier:
    """A salted scrypt hash of a PIN; safe to store on a device, useless without the PIN."""

    algorithm: str
    salt_hex: str
    hash_hex: str


def make_pin_verifier(pin: str, salt: bytes | None = None) -> PinVerifier:
    """Hash `pin` with a fresh random salt (or the given one, for seeded demo data)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _derive(pin, salt)
    return PinVerifier(algorithm="scrypt", salt_hex=salt.hex(), hash_hex=digest.hex())


def pin_matches(pin: str, verifier: PinVerifier) -> bool:
    """Whether `pin` is the PIN behind `verifier`; constant time in the comparison."""
    if verifier.algorithm != "scrypt":
        return False
    digest = _derive(pin, bytes.fromhex(verifier.salt_hex))
    return hmac.compare_digest(digest.hex(), verifier.hash_hex)


def _derive(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
