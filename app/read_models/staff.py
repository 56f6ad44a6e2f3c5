"""Views of staff: who the sign-in screen lists, and who is using the device now."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.vocabulary import Role


@dataclass(frozen=True, slots=True)
class StaffCard:
    """A staff member as the sign-in screen lists them."""

    staff_id: str
    name: str
    roles: frozenset[Role]


@dataclass(frozen=True, slots=True)
class SignedInStaff:
    """The person using the device now.

    `approved_by` is a manager who entered their PIN on this person's session to approve one
    sensitive action (an override): the services let the action through on the manager's roles,
    audit both names, and the command carries the manager's staff id for the hub to check.
    """

    staff_id: str
    name: str
    roles: frozenset[Role]
    approved_by: SignedInStaff | None = None

    def approved(self, manager: SignedInStaff) -> SignedInStaff:
        """This person, for one action approved by `manager`."""
        return SignedInStaff(self.staff_id, self.name, self.roles, approved_by=manager)
