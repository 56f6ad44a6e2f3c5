"""Staff PIN verifiers: Argon2id at the hub, sealed with the device's pepper at rest.

The hub makes a verifier (random salt, Argon2id). A device never keeps the hub's raw hash:
it keeps HMAC-SHA256(pepper, raw hash), the pepper living in the OS keyring, so a copied
database without the keyring gives nothing to guess PINs against (decision 018).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Final

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw

ALGORITHM: Final = "argon2id"

_MIN_PEPPER_BYTES: Final = 16


@dataclass(frozen=True, slots=True)
class Argon2Params:
    """The cost of one check; they travel with each verifier so they can be raised later."""

    time_cost: int = 2
    memory_kib: int = 46 * 1024
    """46 MiB: about 65 ms per check on the reference machine (bench/pin_check.py)."""
    parallelism: int = 1
    hash_len: int = 32

    def text(self) -> str:
        """The parameters as stored on the device, e.g. `t=2,m=47104,p=1,l=32`."""
        return f"t={self.time_cost},m={self.memory_kib},p={self.parallelism},l={self.hash_len}"

    @classmethod
    def parse(cls, text: str) -> Argon2Params:
        """Read `text()` back; ValueError when it is not that shape."""
        fields = dict(part.split("=", 1) for part in text.split(",") if "=" in part)
        try:
            return cls(
                time_cost=int(fields["t"]),
                memory_kib=int(fields["m"]),
                parallelism=int(fields["p"]),
                hash_len=int(fields["l"]),
            )
        except (KeyError, ValueError) as error:
            raise ValueError(f"not Argon2 parameters: {text!r}") from error


HUB_PARAMS: Final = Argon2Params()


@dataclass(frozen=True, slots=True)
class PinVerifier:
    """The hub's verifier: salt and raw Argon2id hash. Never stored on a device as is."""

    algorithm: str
    params: Argon2Params
    salt_hex: str
    hash_hex: str


@dataclass(frozen=True, slots=True)
class SealedPinVerifier:
    """What a device keeps: the hub's salt and parameters, and the hash sealed by the pepper."""

    algorithm: str
    params: Argon2Params
    salt_hex: str
    seal_hex: str

    def stored_text(self) -> str:
        """Parameters and seal in one column: `t=2,m=47104,p=1,l=32$<seal hex>`."""
        return f"{self.params.text()}${self.seal_hex}"

    @classmethod
    def from_stored(cls, algorithm: str, salt_hex: str, stored: str) -> SealedPinVerifier:
        """Read a stored verifier back; one this version cannot read matches no PIN."""
        params_text, _, seal_hex = stored.partition("$")
        try:
            params = Argon2Params.parse(params_text)
        except ValueError:
            return cls("", Argon2Params(), salt_hex, "")
        return cls(algorithm, params, salt_hex, seal_hex)


def make_pin_verifier(
    pin: str, salt: bytes | None = None, params: Argon2Params = HUB_PARAMS
) -> PinVerifier:
    """Hash `pin` with a fresh random salt (or the given one, for repeatable demo data)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _derive(pin, salt, params)
    return PinVerifier(ALGORITHM, params, salt.hex(), digest.hex())


def seal_verifier(verifier: PinVerifier, pepper: bytes) -> SealedPinVerifier:
    """The device's form of `verifier`. ValueError for a short pepper (never seal with none).

    A hash that is not hex gives a verifier that matches no PIN.
    """
    _check_pepper(pepper)
    try:
        seal = _seal(pepper, bytes.fromhex(verifier.hash_hex))
    except ValueError:
        # A garbled hash from the wire: keep the person listed, with a PIN nothing matches.
        return SealedPinVerifier("", verifier.params, verifier.salt_hex, "")
    return SealedPinVerifier(verifier.algorithm, verifier.params, verifier.salt_hex, seal.hex())


def pin_matches(pin: str, sealed: SealedPinVerifier, pepper: bytes) -> bool:
    """Whether `pin` is the PIN behind `sealed`; the final comparison takes constant time.

    False for any verifier this version cannot read (another algorithm, bad parameters):
    the person then waits for the hub to resend their record rather than get in unchecked.
    """
    _check_pepper(pepper)
    if sealed.algorithm != ALGORITHM:
        return False
    try:
        digest = _derive(pin, bytes.fromhex(sealed.salt_hex), sealed.params)
        expected = bytes.fromhex(sealed.seal_hex)
    except (ValueError, OverflowError, HashingError):
        return False
    return hmac.compare_digest(_seal(pepper, digest), expected)


def _derive(pin: str, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        pin.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=params.hash_len,
        type=Type.ID,
    )


def _seal(pepper: bytes, digest: bytes) -> bytes:
    return hmac.new(pepper, digest, hashlib.sha256).digest()


def _check_pepper(pepper: bytes) -> None:
    if len(pepper) < _MIN_PEPPER_BYTES:
        raise ValueError("the PIN pepper is missing or too short")
