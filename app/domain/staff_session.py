"""When a sensitive action must ask for the PIN again, and whom to ask (pure, clock injected)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from app.domain.permissions import SENSITIVE, Permission, permits
from app.domain.vocabulary import Role

IDLE_REAUTH: Final = timedelta(minutes=15)
"""Input-free time after which a sensitive action asks for the PIN again."""


class Approval(StrEnum):
    """What must happen before the signed-in person may take an action."""

    NONE = "none"
    """Go ahead."""
    REAUTH = "reauth"
    """Their own PIN again: they may, but the device sat idle."""
    MANAGER = "manager"
    """A manager's PIN: they may not, a manager may approve it."""
    REFUSED = "refused"
    """Nobody at the counter can allow it (not sensitive, and not theirs)."""


@dataclass(frozen=True, slots=True)
class IdleWatch:
    """The last input seen; a new value on each input (the UI keeps the latest)."""

    last_input_at: datetime

    def touched(self, now: datetime) -> IdleWatch:
        """After input at `now`; a clock set back never makes the session look fresher."""
        return self if now <= self.last_input_at else IdleWatch(now)

    def is_idle(self, now: datetime) -> bool:
        """Whether the session sat without input for `IDLE_REAUTH` or more.

        A clock set back (`now` before the last input) counts as idle: better one PIN too
        many than a sensitive action on a stale session.
        """
        return now < self.last_input_at or now - self.last_input_at >= IDLE_REAUTH


def may_approve(roles: Iterable[Role | str], permission: Permission) -> bool:
    """Whether the holder of `roles` may type their PIN to allow `permission` for someone else.

    Only a manager whom the matrix gives a sensitive permission: a cashier may reprint, but
    may not lend that to a picker (decision 019; the hub refuses any other approver).
    """
    roles = frozenset(roles)
    return Role.MANAGER in roles and permission in SENSITIVE and permits(roles, permission)


def approval_needed(roles: Iterable[Role | str], permission: Permission, *, idle: bool) -> Approval:
    """What the person holding `roles` needs before `permission`; `idle` from `IdleWatch`."""
    roles = frozenset(roles)
    if permits(roles, permission):
        return Approval.REAUTH if idle and permission in SENSITIVE else Approval.NONE
    if permission in SENSITIVE:
        return Approval.MANAGER
    return Approval.REFUSED
