"""Why the hub's TLS certificate was refused, in words a store manager can act on."""

from __future__ import annotations

import ssl
from typing import Final

# OpenSSL's X509_V_ERR_* codes that a store meets in practice (x509_vfy.h).
_NOT_YET_VALID: Final = 9
_EXPIRED: Final = 10
_SELF_SIGNED: Final = 18
_SELF_SIGNED_IN_CHAIN: Final = 19
_UNKNOWN_ISSUER: Final = 20
_UNKNOWN_ISSUER_LEAF: Final = 21
_HOSTNAME_MISMATCH: Final = 62
_IP_MISMATCH: Final = 64

_UNTRUSTED: Final = (
    "The hub's certificate is not trusted ({why}): ask whoever runs the hub for its CA file"
    " and set it as this device's hub CA file (--ca-file)"
)
_UNKNOWN_AUTHORITY: Final = _UNTRUSTED.format(
    why="signed by an authority this device does not know"
)
_OTHER_ADDRESS: Final = (
    "The hub's certificate is for another address than {host}: check the hub address"
)
_SENTENCES: Final[dict[int, str]] = {
    _SELF_SIGNED: _UNTRUSTED.format(why="it is self-signed"),
    _SELF_SIGNED_IN_CHAIN: _UNKNOWN_AUTHORITY,
    _UNKNOWN_ISSUER: _UNKNOWN_AUTHORITY,
    _UNKNOWN_ISSUER_LEAF: _UNKNOWN_AUTHORITY,
    _EXPIRED: "The hub's certificate has expired: whoever runs the hub must renew it",
    _NOT_YET_VALID: "The hub's certificate is not valid yet: check this device's date and time",
    _HOSTNAME_MISMATCH: _OTHER_ADDRESS,
    _IP_MISMATCH: _OTHER_ADDRESS,
}


def certificate_problem(error: BaseException, host: str) -> str | None:
    """The sentence for a refused hub certificate in `error`'s causes, or None if it is not one.

    httpx wraps OpenSSL's verdict (ssl.SSLCertVerificationError) in its own ConnectError;
    the verdict's code says what the person can do, its text ("certificate verify failed")
    does not. The connection is refused either way: this only chooses the words.
    """
    verdict = _verification_error(error)
    if verdict is None:
        return None
    sentence = _SENTENCES.get(verdict.verify_code)
    if sentence is None:
        return f"The hub's certificate was refused ({verdict.verify_message})"
    return sentence.format(host=host)


def _verification_error(error: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
