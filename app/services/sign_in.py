"""Staff sign-in with a PIN, checked against verifiers cached on the device (works offline)."""

from __future__ import annotations

from app.domain.staff_pin import PinVerifier, pin_matches
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff, StaffCard
from local_db import staff_repository
from local_db.database import Database


class SignInRefused(Exception):
    """The PIN does not match, or the person is unknown or inactive."""


class SignInService:
    """Lists who may sign in on this device and checks their PIN."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def staff_cards(self) -> list[StaffCard]:
        """Active staff known to this device, by name."""
        with self._db.read() as session:
            staff = staff_repository.list_staff(session)
        return [StaffCard(s.staff_id, s.name, _roles(s.roles)) for s in staff]

    def sign_in(self, staff_id: str, pin: str) -> SignedInStaff:
        """The signed-in person, or SignInRefused (same answer for unknown staff and bad PIN)."""
        with self._db.read() as session:
            staff = staff_repository.get_staff(session, staff_id)
        if staff is None or not staff.active:
            raise SignInRefused(staff_id)
        verifier = PinVerifier(staff.pin_algorithm, staff.pin_salt_hex, staff.pin_hash_hex)
        if not pin_matches(pin, verifier):
            raise SignInRefused(staff_id)
        return SignedInStaff(staff.staff_id, staff.name, _roles(staff.roles))


def _roles(values: tuple[str, ...]) -> frozenset[Role]:
    return frozenset(Role(value) for value in values if value in Role.__members__.values())
