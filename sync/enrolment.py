"""Enrols this device with a store: one-time code in, tokens into the keyring."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from app.domain.clock import Clock, utc_now
from local_db import sync_state_repository
from local_db.database import Database
from sync.credentials import Credentials, DeviceTokens

if TYPE_CHECKING:  # the wire schemas and httpx load when a device enrols, not at every start
    from sync.hub_client import HubClient
    from sync.protocol import EnrolmentGrant


def is_enrolled(db: Database, credentials: Credentials) -> bool:
    """Whether this device has an identity and a token."""
    with db.read() as session:
        device_id = sync_state_repository.get_value(session, sync_state_repository.DEVICE_ID)
    return device_id is not None and credentials.device_token() is not None


def enrol_device(
    db: Database,
    credentials: Credentials,
    client: HubClient,
    *,
    store_code: str,
    enrolment_code: str,
    device_name: str,
    clock: Clock = utc_now,
) -> EnrolmentGrant:
    """Enrol with the hub; raises sync.errors on failure (RequestRefused: the code is wrong).

    The tokens go to the keyring only; `clock` dates the access token's expiry.
    """
    from sync.protocol import EnrolmentRequest  # noqa: PLC0415 -- see the imports above

    grant = client.enrol(
        EnrolmentRequest(
            store_code=store_code, enrolment_code=enrolment_code, device_name=device_name
        )
    )
    lifetime = grant.access_expires_in_s
    credentials.save_device_tokens(
        DeviceTokens(
            access_token=grant.device_token,
            access_expires_at=None if lifetime is None else clock() + timedelta(seconds=lifetime),
            refresh_token=grant.refresh_token,
        )
    )
    with db.write() as session:
        for key, value in (
            (sync_state_repository.DEVICE_ID, grant.device_id),
            (sync_state_repository.STORE_ID, grant.store_id),
            (sync_state_repository.STORE_NAME, grant.store_name),
        ):
            sync_state_repository.set_value(session, key, value)
    return grant


def store_name(db: Database) -> str:
    """The enrolled store's name, or an empty string."""
    with db.read() as session:
        return sync_state_repository.get_value(session, sync_state_repository.STORE_NAME) or ""
