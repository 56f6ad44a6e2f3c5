"""Device enrolment with one-time codes, and device tokens kept only as SHA-256 digests."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.errors import EnrolmentCodeUsed, EnrolmentRefused
from hub.tables import DeviceRow, EnrolmentCodeRow, StoreRow
from sync.protocol import EnrolmentGrant, EnrolmentRequest

# No 0/O or 1/I: codes are read off a screen and typed on a handheld.
_CODE_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH: Final = 8


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
    """Spend the enrolment code on a new device and return its token (shown only this once).

    Raises EnrolmentRefused for an unknown store or code, EnrolmentCodeUsed for a spent code.
    """
    store = session.scalars(
        select(StoreRow).where(StoreRow.code == request.store_code.strip().upper())
    ).one_or_none()
    code = session.get(EnrolmentCodeRow, digest(canonical_code(request.enrolment_code)))
    if store is None or code is None or code.store_id != store.store_id:
        raise EnrolmentRefused("The store code or enrolment code is not recognised.")
    if code.used_at is not None:
        raise EnrolmentCodeUsed(
            "This enrolment code was already used. Ask the manager for a new code."
        )
    device_id = f"dev-{secrets.token_hex(6)}"
    token = secrets.token_urlsafe(32)
    session.add(
        DeviceRow(
            device_id=device_id,
            store_id=store.store_id,
            name=request.device_name,
            token_sha256=digest(token),
            enrolled_at=now,
        )
    )
    code.used_at = now
    code.used_by_device_id = device_id
    return EnrolmentGrant(
        device_id=device_id, device_token=token, store_id=store.store_id, store_name=store.name
    )


def device_for_token(session: Session, token: str) -> Device | None:
    """The device holding `token`, or None."""
    row = session.scalars(
        select(DeviceRow).where(DeviceRow.token_sha256 == digest(token))
    ).one_or_none()
    if row is None:
        return None
    return Device(device_id=row.device_id, store_id=row.store_id, name=row.name)
