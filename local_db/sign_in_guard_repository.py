"""Failed sign-in attempts and lockouts per person, kept so that a restart does not forget them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from local_db.models import SignInGuard


@dataclass(frozen=True, slots=True)
class GuardRow:
    """One person's stored attempts (field meanings as on `SignInGuard`)."""

    staff_id: str
    failures: int
    last_failure_at: datetime | None
    locked_at: datetime | None
    clock_high_water: datetime | None
    locked_elapsed_s: float


def get(session: Session, staff_id: str) -> GuardRow | None:
    """The stored attempts of `staff_id`, or None when they have none."""
    row = session.get(SignInGuard, staff_id)
    return None if row is None else _row(row)


def locked(session: Session) -> list[GuardRow]:
    """Everyone with a lockout recorded (finished ones included until next looked at)."""
    query = select(SignInGuard).where(SignInGuard.locked_at.is_not(None))
    return [_row(row) for row in session.scalars(query.order_by(SignInGuard.staff_id))]


def save(session: Session, guard: GuardRow) -> None:
    """Store `guard`, replacing what `staff_id` had."""
    row = session.get(SignInGuard, guard.staff_id)
    if row is None:
        row = SignInGuard(staff_id=guard.staff_id)
        session.add(row)
    row.failures = guard.failures
    row.last_failure_at = guard.last_failure_at
    row.locked_at = guard.locked_at
    row.clock_high_water = guard.clock_high_water
    row.locked_elapsed_s = guard.locked_elapsed_s
    session.flush()


def clear(session: Session, staff_id: str) -> None:
    """Forget the attempts of `staff_id` (a success or an unlock)."""
    session.execute(delete(SignInGuard).where(SignInGuard.staff_id == staff_id))


def _row(row: SignInGuard) -> GuardRow:
    return GuardRow(
        staff_id=row.staff_id,
        failures=row.failures,
        last_failure_at=row.last_failure_at,
        locked_at=row.locked_at,
        clock_high_water=row.clock_high_water,
        locked_elapsed_s=row.locked_elapsed_s,
    )
