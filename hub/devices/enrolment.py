"""Device enrolment with one-time codes, and rotating device tokens kept only as SHA-256 digests.

A device holds a short-lived access token and a refresh token. Spending the refresh token
(`rotate`) issues a new pair and retires the old refresh token; a retry of the same spend
(same token, same request id) gets the same pair back until the new refresh token is used,
and any other reuse of a spent refresh token revokes the device's whole token family: a
copy of the token is loose (docs/decisions/017-rotating-device-tokens.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from hub.errors import (
    EnrolmentCodeExpired,
    EnrolmentCodeUsed,
    EnrolmentRefused,
    EnrolmentStoreUnknown,
    HubError,
    NotFound,
    TokenExpired,
    TokensRevoked,
    Unauthorized,
)
from hub.storage.tables import (
    DeviceRow,
    DeviceTokenRow,
    EnrolmentCodeRow,
    HubSettingRow,
    StoreRow,
    TokenFamilyRow,
)
from sync.protocol import EnrolmentGrant, EnrolmentRequest, TokenPair, TokenRefresh

# No 0/O or 1/I: codes are read off a screen and typed on a handheld.
_CODE_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH: Final = 8

CODE_LIFETIME: Final = timedelta(hours=24)
"""An enrolment code unused this long (by the hub's clock) is refused: a code written on a
note or sent in a message must not stay good forever."""
ACCESS_LIFETIME: Final = timedelta(minutes=15)
"""Short, so a copied access token is worth little; the device refreshes it unseen."""
REFRESH_LIFETIME: Final = timedelta(days=30)
"""A device switched off for longer than this enrols again; each refresh restarts it."""

_KEEP_EXPIRED: Final = timedelta(days=1)
"""How long an expired token's digest is kept (a retry of a refresh still finds its pair)."""
_ACCESS: Final = "access"
_REFRESH: Final = "refresh"
_TOKEN_KEY: Final = "token_key"  # noqa: S105 (a setting's name, not a secret)
_ENROL_AGAIN: Final = "Enrol this device again with a new code from the manager."


@dataclass(frozen=True, slots=True)
class Device:
    """An enrolled device, as identified by its token."""

    device_id: str
    store_id: str
    name: str


def digest(secret: str) -> str:
    """SHA-256 hex of a secret; what the hub stores instead of the secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def canonical_code(code: str) -> str:
    """An enrolment code as compared: case, spaces and dashes do not matter to people."""
    return "".join(code.split()).replace("-", "").upper()


def issue_code(session: Session, store_id: str, now: datetime, code: str | None = None) -> str:
    """Create a one-time enrolment code for the store (random unless `code` is given).

    Returns the code as people should type it; an already known code is returned unchanged.
    """
    if code is None:
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
        code = f"{raw[:4]}-{raw[4:]}"
    key = digest(canonical_code(code))
    if session.get(EnrolmentCodeRow, key) is None:
        session.add(EnrolmentCodeRow(code_sha256=key, store_id=store_id, created_at=now))
    return code


def enrol(session: Session, request: EnrolmentRequest, now: datetime) -> EnrolmentGrant:
    """Spend the enrolment code on a new device and return its first token pair (shown once).

    Raises EnrolmentStoreUnknown for an unknown store code, EnrolmentRefused for a code the
    store does not know (another store's code is one), EnrolmentCodeUsed for a spent code
    and EnrolmentCodeExpired for one older than CODE_LIFETIME. A store code is no secret,
    an enrolment code is: whether one exists for another store is never said.
    """
    store = session.scalars(
        select(StoreRow).where(StoreRow.code == request.store_code.strip().upper())
    ).one_or_none()
    if store is None:
        raise EnrolmentStoreUnknown("The store code is not recognised.")
    code = session.get(EnrolmentCodeRow, digest(canonical_code(request.enrolment_code)))
    if code is None or code.store_id != store.store_id:
        raise EnrolmentRefused("The enrolment code is not recognised.")
    if code.used_at is not None:
        raise EnrolmentCodeUsed(
            "This enrolment code was already used. Ask the manager for a new code."
        )
    if now - code.created_at >= CODE_LIFETIME:
        raise EnrolmentCodeExpired(
            "This enrolment code has expired (codes last 24 hours). Ask the manager for a new code."
        )
    device_id = f"dev-{secrets.token_hex(6)}"
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        DeviceRow(
            device_id=device_id,
            store_id=store.store_id,
            name=request.device_name,
            token_sha256=digest(access),
            enrolled_at=now,
        )
    )
    family_id = f"fam-{secrets.token_hex(8)}"
    session.add(TokenFamilyRow(family_id=family_id, device_id=device_id, created_at=now))
    # Rows reach the database in the order of their foreign keys only when told so: the
    # tables are not linked by relationships.
    session.flush()
    _add_pair(session, family_id, access, refresh, now)
    code.used_at = now
    code.used_by_device_id = device_id
    return EnrolmentGrant(
        device_id=device_id,
        device_token=access,
        store_id=store.store_id,
        store_name=store.name,
        refresh_token=refresh,
        access_expires_in_s=int(ACCESS_LIFETIME.total_seconds()),
    )


def authenticate(session: Session, token: str, now: datetime) -> Device:
    """The device holding the access token `token`.

    Raises TokenExpired (refresh and ask again), TokensRevoked (enrol again) or
    Unauthorized (unknown token).
    """
    row = session.get(DeviceTokenRow, digest(token))
    if row is None or row.kind != _ACCESS:
        raise Unauthorized(f"A valid device token is required. {_ENROL_AGAIN}")
    family = session.get_one(TokenFamilyRow, row.family_id)
    if family.revoked_at is not None:
        raise TokensRevoked(f"This device's sign-in was revoked. {_ENROL_AGAIN}")
    if row.expires_at <= now:
        raise TokenExpired("The access token has expired; refresh it.")
    device = session.get_one(DeviceRow, family.device_id)
    return Device(device_id=device.device_id, store_id=device.store_id, name=device.name)


def rotate(session: Session, request: TokenRefresh, now: datetime) -> TokenPair | HubError:
    """Spend a refresh token: the new pair, or the refusal to raise once this is committed.

    A refusal is returned rather than raised because revoking a family is itself a change
    that must be committed before the device is told.
    """
    spent = session.get(DeviceTokenRow, digest(request.refresh_token))
    if spent is None or spent.kind != _REFRESH:
        return Unauthorized(f"This refresh token is not known. {_ENROL_AGAIN}")
    family = session.get_one(TokenFamilyRow, spent.family_id)
    if family.revoked_at is not None:
        return TokensRevoked(f"This device's sign-in was revoked. {_ENROL_AGAIN}")
    if spent.spent_at is None:
        if spent.expires_at <= now:
            return Unauthorized(f"This device was away too long. {_ENROL_AGAIN}")
        access, refresh = _derived_pair(session, request)
        spent.spent_at = now
        spent.spent_request_sha256 = digest(request.request_id)
        spent.successor_sha256 = digest(refresh)
        _prune(session, family.family_id, now)
        return _pair(
            access, refresh, _add_pair(session, family.family_id, access, refresh, now), now
        )
    retried = _retried_pair(session, spent, request, now)
    if retried is not None:
        return retried
    _revoke(session, family, now, "a spent refresh token was used again")
    return TokensRevoked(
        "This device's refresh token was used twice, so its sign-in was revoked for safety. "
        + _ENROL_AGAIN
    )


def _retried_pair(
    session: Session, spent: DeviceTokenRow, request: TokenRefresh, now: datetime
) -> TokenPair | None:
    """The pair a spend issued, when `request` is a retry of that very spend (same token,
    same request id) and the pair's refresh token is still unused; else None."""
    if spent.spent_request_sha256 != digest(request.request_id):
        return None
    access, refresh = _derived_pair(session, request)
    successor = session.get(DeviceTokenRow, digest(refresh))
    issued_access = session.get(DeviceTokenRow, digest(access))
    if (
        successor is None
        or successor.token_sha256 != spent.successor_sha256
        or successor.spent_at is not None
        or issued_access is None
    ):
        return None
    return _pair(access, refresh, issued_access, now)


def revoke_device(session: Session, device_id: str, now: datetime) -> int:
    """Revoke every token of a lost or retired device; how many families were revoked.

    The device's next request is refused as tokens_revoked, so it forgets its tokens and
    asks to be enrolled again. Raises NotFound for an unknown device.
    """
    if session.get(DeviceRow, device_id) is None:
        raise NotFound(f"No device {device_id}.")
    families = session.scalars(
        select(TokenFamilyRow).where(
            TokenFamilyRow.device_id == device_id, TokenFamilyRow.revoked_at.is_(None)
        )
    ).all()
    for family in families:
        _revoke(session, family, now, "revoked by the manager")
    return len(families)


def revoked_families(session: Session) -> int:
    """How many token families were revoked (each one a device told to enrol again)."""
    rows = session.scalars(select(TokenFamilyRow).where(TokenFamilyRow.revoked_at.is_not(None)))
    return len(rows.all())


def _add_pair(
    session: Session, family_id: str, access: str, refresh: str, now: datetime
) -> DeviceTokenRow:
    """Store the digests of a new pair; returns the access token's row."""
    access_row = DeviceTokenRow(
        token_sha256=digest(access),
        family_id=family_id,
        kind=_ACCESS,
        issued_at=now,
        expires_at=now + ACCESS_LIFETIME,
    )
    session.add(access_row)
    session.add(
        DeviceTokenRow(
            token_sha256=digest(refresh),
            family_id=family_id,
            kind=_REFRESH,
            issued_at=now,
            expires_at=now + REFRESH_LIFETIME,
        )
    )
    return access_row


def _pair(access: str, refresh: str, access_row: DeviceTokenRow, now: datetime) -> TokenPair:
    left = max(0, int((access_row.expires_at - now).total_seconds()))
    return TokenPair(access_token=access, access_expires_in_s=left, refresh_token=refresh)


def _prune(session: Session, family_id: str, now: datetime) -> None:
    """Drop the family's tokens that expired a day ago: a refresh every 15 minutes would
    otherwise grow the table by two rows each time, forever. A replay of a pruned refresh
    token is still refused (as unknown); it only no longer revokes the family."""
    session.execute(
        delete(DeviceTokenRow).where(
            DeviceTokenRow.family_id == family_id,
            DeviceTokenRow.expires_at < now - _KEEP_EXPIRED,
        )
    )


def _revoke(session: Session, family: TokenFamilyRow, now: datetime, reason: str) -> None:
    """Revoke the family: every access and refresh token of it is refused from now on."""
    family.revoked_at = now
    family.revoked_reason = reason
    # The tokens expire too, so a family row restored from a backup does not revive them.
    session.execute(
        update(DeviceTokenRow)
        .where(DeviceTokenRow.family_id == family.family_id, DeviceTokenRow.expires_at > now)
        .values(expires_at=now)
    )


def _derived_pair(session: Session, request: TokenRefresh) -> tuple[str, str]:
    """The (access, refresh) pair a spend of `request.refresh_token` with its id issues."""
    key = _token_key(session)
    return _derived(key, "access", request), _derived(key, "refresh", request)


def _derived(key: bytes, purpose: str, request: TokenRefresh) -> str:
    """A token computed from the spent token and the request id under the hub's key.

    The hub keeps only digests, yet a retry must get the same pair back: so the pair is
    derived, not stored. Without the spent token (which only the device held) neither the
    key nor the database yields it.
    """
    message = f"{purpose}\0{request.refresh_token}\0{request.request_id}".encode()
    mac = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def _token_key(session: Session) -> bytes:
    """The hub's secret for deriving tokens, made on first use."""
    row = session.get(HubSettingRow, _TOKEN_KEY)
    if row is None:
        row = HubSettingRow(key=_TOKEN_KEY, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)
