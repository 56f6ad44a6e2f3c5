"""Staff known to this device, with their offline sign-in verifier and PIN lockout."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from local_db.models.base import Base


class Staff(Base):
    """A staff member known to this device, with the verifier for offline sign-in."""

    __tablename__ = "staff"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    roles: Mapped[list[Any]]
    pin_algorithm: Mapped[str] = mapped_column(String(16))
    pin_salt_hex: Mapped[str] = mapped_column(String(128))
    pin_hash_hex: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool]
    clocked_in: Mapped[bool]
    version: Mapped[int]


class SignInGuard(Base):
    """Failed PIN attempts of one person on this device, and their lockout."""

    __tablename__ = "sign_in_guards"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    """Failed attempts in a row (a success or an unlock sets it back to 0)."""
    last_failure_at: Mapped[datetime | None]
    locked_at: Mapped[datetime | None]
    """When the lockout began (None: not locked)."""
    clock_high_water: Mapped[datetime | None]
    """The latest wall time seen while locked: a clock set backwards cannot shorten a lockout."""
    locked_elapsed_s: Mapped[float] = mapped_column(Float, default=0.0)
    """Seconds of lockout served so far, counted forward only (survives restarts)."""
