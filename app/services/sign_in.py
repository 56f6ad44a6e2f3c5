"""Staff sign-in, switch, re-authentication and manager approval by PIN, with the lockout.

PINs are checked against verifiers cached on the device (offline too), sealed with the
device's pepper (decision 018). Every attempt is audited in the same transaction as the
lockout counter it moves, so a crash never keeps one without the other.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain import sign_in_lockout
from app.domain.audit_chain import AuditAction, AuditResult
from app.domain.clock import Clock, utc_now
from app.domain.permissions import MATRIX, Permission, permits
from app.domain.sign_in_lockout import GuardState
from app.domain.staff_pin import SealedPinVerifier, make_pin_verifier, pin_matches, seal_verifier
from app.domain.staff_session import may_approve
from app.domain.vocabulary import Role
from app.read_models import SignedInStaff, StaffCard
from app.services import audit, input_checks
from local_db import sign_in_guard_repository, staff_repository
from local_db.database import Database, is_storage_full
from local_db.sign_in_guard_repository import GuardRow
from local_db.staff_repository import StaffSnapshot

UNLOCKERS: frozenset[Role] = frozenset(
    role for role, granted in MATRIX.items() if Permission.UNLOCK in granted
)
"""Roles whose holders may unlock a locked-out person (a manager)."""


log = logging.getLogger(__name__)


PIN_INPUT_MAX = 64
"""Characters of a typed PIN worth checking: anything longer is a wrong PIN."""


class SignInRefused(Exception):
    """The PIN was not accepted: wrong, unknown or inactive person (one answer for all), or
    locked out. `locked_until` is set when locked: the wall time the lockout ends unless one
    of `UNLOCKERS` unlocks sooner. `storage_full`: the disk is full, so the attempt could not
    be counted nor audited, and nobody is let in until space is freed (fail closed: an
    uncounted attempt would let PINs be guessed past the lockout)."""

    def __init__(
        self, staff_id: str, *, locked_until: datetime | None = None, storage_full: bool = False
    ) -> None:
        super().__init__(staff_id)
        self.staff_id = staff_id
        self.locked_until = locked_until
        self.storage_full = storage_full


class NotAllowed(Exception):
    """The person may not do this (an approver without the permission, an unlock by a cashier)."""


@dataclass(frozen=True, slots=True)
class LockedOut:
    """A person locked out on this device, for the manager's unlock list."""

    staff_id: str
    name: str
    locked_until: datetime


class SignInService:
    """Who may sign in on this device, and every PIN check made on it."""

    def __init__(
        self, db: Database, *, pin_pepper: bytes | None = None, clock: Clock = utc_now
    ) -> None:
        """`pin_pepper` comes from the device's keyring; without it no PIN ever matches."""
        self._db = db
        self._pepper = pin_pepper
        self._clock = clock
        self._decoy: SealedPinVerifier | None = None

    def staff_cards(self) -> list[StaffCard]:
        """Active staff known to this device, by name."""
        with self._db.read() as session:
            staff = staff_repository.list_staff(session)
        return [StaffCard(s.staff_id, s.name, _roles(s.roles)) for s in staff]

    def approvers(self, permission: Permission) -> list[StaffCard]:
        """Active managers whose roles permit `permission` (whom an override may ask)."""
        return [card for card in self.staff_cards() if may_approve(card.roles, permission)]

    def sign_in(self, staff_id: str, pin: str) -> SignedInStaff:
        """The signed-in person, or SignInRefused. Audited as sign_in."""
        return self._checked(staff_id, pin, AuditAction.SIGN_IN, {})

    def switch_user(self, previous: SignedInStaff, staff_id: str, pin: str) -> SignedInStaff:
        """The next person at the counter, signed in on `previous`'s open window."""
        detail = {"from_staff_id": previous.staff_id}
        return self._checked(staff_id, pin, AuditAction.SWITCH_USER, detail)

    def reauthorise(self, staff: SignedInStaff, pin: str, permission: Permission) -> SignedInStaff:
        """`staff` again after an idle spell, for `permission`; SignInRefused when wrong."""
        self._checked(staff.staff_id, pin, AuditAction.REAUTH, {"permission": str(permission)})
        return staff

    def approve(
        self, actor: SignedInStaff, approver_id: str, pin: str, permission: Permission
    ) -> SignedInStaff:
        """`actor` approved for one `permission` by the person whose PIN this is.

        SignInRefused for a wrong PIN (it counts toward the approver's lockout); NotAllowed
        unless the approver is a manager whose roles permit it (`may_approve`). Audited as
        override either way.
        """
        detail = {"permission": str(permission), "for_staff_id": actor.staff_id}
        approver = self._checked(
            approver_id, pin, AuditAction.OVERRIDE, detail, actor=actor, needs=permission
        )
        return actor.approved(approver)

    def sign_out(self, staff: SignedInStaff) -> None:
        """Record that `staff` signed out (the screen is left either way; a full disk only
        costs this entry, and the log says so)."""
        try:
            with self._db.write() as session:
                self._audit(session, AuditAction.SIGN_OUT, staff, {}, AuditResult.OK)
        except OperationalError as error:
            if not is_storage_full(error):
                raise
            log.error("sign-out of %s not recorded in the audit trail: disk full", staff.staff_id)

    def locked_out(self) -> list[LockedOut]:
        """People locked out now, by staff id."""
        now = self._clock()
        with self._db.read() as session:
            guards = sign_in_guard_repository.locked(session)
            names = {s.staff_id: s.name for s in staff_repository.list_staff(session)}
        states = [(row.staff_id, sign_in_lockout.observed(_state(row), now)) for row in guards]
        return [
            LockedOut(staff_id, names.get(staff_id, ""), sign_in_lockout.locked_until(state, now))
            for staff_id, state in states
            if state.is_locked
        ]

    def unlock(self, manager: SignedInStaff, staff_id: str) -> None:
        """Lift `staff_id`'s lockout; NotAllowed unless `manager` holds Permission.UNLOCK."""
        allowed = permits(manager.roles, Permission.UNLOCK)
        with self._db.write() as session:
            if allowed:
                sign_in_guard_repository.clear(session, staff_id)
            result = AuditResult.OK if allowed else AuditResult.REFUSED
            audit.record(
                session,
                self._clock,
                action=AuditAction.UNLOCK,
                subject=staff_id,
                actor=manager,
                result=result,
            )
        if not allowed:
            raise NotAllowed(manager.name)

    def unlock_by_pin(self, approver_id: str, pin: str, staff_id: str) -> SignedInStaff:
        """Lift `staff_id`'s lockout at the sign-in screen, by a manager typing their PIN.

        SignInRefused for a wrong PIN (counted toward the approver's lockout); NotAllowed
        unless the approver is a manager holding Permission.UNLOCK. Returns the approver.
        """
        detail = {"permission": str(Permission.UNLOCK), "for_staff_id": staff_id}
        approver = self._checked(
            approver_id, pin, AuditAction.OVERRIDE, detail, needs=Permission.UNLOCK
        )
        self.unlock(approver, staff_id)
        return approver

    def _checked(
        self,
        staff_id: str,
        pin: str,
        action: AuditAction,
        detail: Mapping[str, Any],
        *,
        actor: SignedInStaff | None = None,
        needs: Permission | None = None,
    ) -> SignedInStaff:
        """Check one PIN under the lockout; audit the attempt as `action`.

        With `needs` (an approval), a right PIN of anyone but a manager whose roles permit it
        raises NotAllowed. An id no staff member can have (not a text, too long, a control
        character) is refused at once, counted nowhere.
        """
        if input_checks.identifier(staff_id) is None:
            raise SignInRefused(str(staff_id)[:PIN_INPUT_MAX])
        with self._db.read() as session:
            staff = staff_repository.get_staff(session, staff_id)
            guard = sign_in_guard_repository.get(session, staff_id)
        now = self._clock()
        state = sign_in_lockout.observed(_state(guard), now)
        matched = not state.is_locked and self._pin_matches(staff, pin)
        try:
            person, permitted, state = self._record_attempt(
                staff_id,
                staff,
                matched=matched,
                now=now,
                action=action,
                detail=detail,
                actor=actor,
                needs=needs,
            )
        except OperationalError as error:
            if not is_storage_full(error):
                raise
            raise SignInRefused(staff_id, storage_full=True) from error
        if person is None:
            until = sign_in_lockout.locked_until(state, now) if state.is_locked else None
            raise SignInRefused(staff_id, locked_until=until)
        if not permitted:
            raise NotAllowed(person.name)
        return person

    def _record_attempt(
        self,
        staff_id: str,
        staff: StaffSnapshot | None,
        *,
        matched: bool,
        now: datetime,
        action: AuditAction,
        detail: Mapping[str, Any],
        actor: SignedInStaff | None,
        needs: Permission | None,
    ) -> tuple[SignedInStaff | None, bool, GuardState]:
        """Count or clear the attempt and audit it, in one transaction: (person or None,
        whether they may approve `needs`, the guard state after it)."""
        with self._db.write() as session:
            # Read again inside the write: another window may have counted a failure meanwhile.
            state = sign_in_lockout.observed(
                _state(sign_in_guard_repository.get(session, staff_id)), now
            )
            if matched and not state.is_locked and staff is not None:
                person = SignedInStaff(staff.staff_id, staff.name, _roles(staff.roles))
                sign_in_guard_repository.clear(session, staff_id)
                permitted = needs is None or may_approve(person.roles, needs)
                shown = actor.approved(person) if actor is not None else person
                result = AuditResult.OK if permitted else AuditResult.REFUSED
                noted = detail if permitted else {**detail, "reason": "not_permitted"}
                self._audit(session, action, shown, noted, result)
            else:
                person, permitted = None, False
                state = self._count_failure(
                    session,
                    staff_id,
                    staff=staff,
                    state=state,
                    now=now,
                    action=action,
                    detail=detail,
                )
        return person, permitted, state

    def _count_failure(
        self,
        session: Session,
        staff_id: str,
        *,
        staff: StaffSnapshot | None,
        state: GuardState,
        now: datetime,
        action: AuditAction,
        detail: Mapping[str, Any],
    ) -> GuardState:
        """Count a refused attempt (none while locked) and audit it, and a new lockout."""
        name = staff.name if staff is not None else ""
        was_locked = state.is_locked
        if not was_locked:
            state = sign_in_lockout.after_failure(state, now)
        sign_in_guard_repository.save(session, _row(staff_id, state))
        audit.record(
            session,
            self._clock,
            action=action,
            subject=staff_id,
            detail={**detail, "reason": "locked" if was_locked else "wrong_pin"},
            result=AuditResult.REFUSED,
            staff_id=staff_id,
            staff_name=name,
        )
        if state.is_locked and not was_locked:
            audit.record(
                session,
                self._clock,
                action=AuditAction.LOCKOUT,
                subject=staff_id,
                detail={"failures": state.failures},
                staff_id=staff_id,
                staff_name=name,
            )
        return state

    def _pin_matches(self, staff: StaffSnapshot | None, pin: str) -> bool:
        if self._pepper is None:
            return False
        if not isinstance(pin, str) or len(pin) > PIN_INPUT_MAX:
            # No PIN at all (None, a number, a pasted page): a wrong PIN, checked as one is
            # against the decoy, so it takes as long and never hashes megabytes.
            pin, staff = "", None
        if staff is None or not staff.active:
            # Checked all the same, so an unknown id takes as long to refuse as a wrong PIN.
            if self._decoy is None:
                self._decoy = seal_verifier(make_pin_verifier("decoy"), self._pepper)
            pin_matches(pin, self._decoy, self._pepper)
            return False
        sealed = SealedPinVerifier.from_stored(
            staff.pin_algorithm, staff.pin_salt_hex, staff.pin_hash_hex
        )
        return pin_matches(pin, sealed, self._pepper)

    def _audit(
        self,
        session: Session,
        action: AuditAction,
        actor: SignedInStaff,
        detail: Mapping[str, Any],
        result: AuditResult,
    ) -> None:
        audit.record(
            session,
            self._clock,
            action=action,
            subject=actor.staff_id,
            actor=actor,
            detail=detail,
            result=result,
        )


def _state(row: GuardRow | None) -> GuardState:
    if row is None:
        return sign_in_lockout.FRESH
    return GuardState(
        failures=row.failures,
        last_failure_at=row.last_failure_at,
        locked_at=row.locked_at,
        clock_high_water=row.clock_high_water,
        locked_elapsed_s=row.locked_elapsed_s,
    )


def _row(staff_id: str, state: GuardState) -> GuardRow:
    return GuardRow(
        staff_id=staff_id,
        failures=state.failures,
        last_failure_at=state.last_failure_at,
        locked_at=state.locked_at,
        clock_high_water=state.clock_high_water,
        locked_elapsed_s=state.locked_elapsed_s,
    )


def _roles(values: tuple[str, ...]) -> frozenset[Role]:
    return frozenset(Role(value) for value in values if value in Role.__members__.values())
