"""The store's staff in their wire form: who may sign in on the store's devices, and with what."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.staff_pin import PinVerifier
from app.domain.vocabulary import Role
from hub.storage.tables import StaffRow
from sync.protocol import PinVerifierData, StaffData


def staff_data(row: StaffRow) -> StaffData:
    """The wire form of a staff member."""
    return StaffData(
        staff_id=row.staff_id,
        name=row.name,
        roles=[Role(role) for role in row.roles],
        pin=PinVerifierData.model_validate(row.pin),
        active=row.active,
        clocked_in=row.clocked_in,
        version=row.version,
    )


def staff_of(session: Session, store_id: str) -> list[StaffData]:
    """Every staff member of the store, active or not, by id."""
    rows = session.scalars(
        select(StaffRow).where(StaffRow.store_id == store_id).order_by(StaffRow.staff_id)
    )
    return [staff_data(row) for row in rows]


def pin_verifier_data(verifier: PinVerifier) -> PinVerifierData:
    """The wire form of a verifier the hub made."""
    return PinVerifierData(
        algorithm=verifier.algorithm,
        time_cost=verifier.params.time_cost,
        memory_kib=verifier.params.memory_kib,
        parallelism=verifier.params.parallelism,
        salt_hex=verifier.salt_hex,
        hash_hex=verifier.hash_hex,
    )
