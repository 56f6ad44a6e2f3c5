"""Enrols this device with a store: one-time code in, token into the keyring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from local_db import sync_state_repository
from local_db.database import Database
from sync.credentials import Credentials

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
) -> EnrolmentGrant:
    """Enrol with the hub; raises sync.errors on failure (RequestRefused: the code is wrong)."""
    from sync.protocol import EnrolmentRequest  # noqa: PLC0415 -- see the imports above

    grant = client.enrol(
        EnrolmentRequest(
            store_code=store_code, enrolment_code=enrolment_code, device_name=device_name
        )
    )
    credentials.save_device_token(grant.device_token)
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
