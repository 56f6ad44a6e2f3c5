"""Who may do what: the role × action matrix as data, shared by the device and the hub.

The services check it before they change anything (hiding a button is a courtesy, not the
control), and the hub checks it again from the staff id carried by each command. A person
holding several roles may do what any of them may. A manager's PIN entered on someone else's
session (an override) lends the manager's roles for that one action; see `may`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from app.domain.vocabulary import Role


class Permission(StrEnum):
    """An action the matrix decides."""

    ACCEPT = "accept"
    MAP_ITEMS = "map_items"
    """Match an exception order's unread lines to catalogue items, and accept it."""
    REJECT = "reject"
    READY = "ready"
    HAND_OVER = "hand_over"
    PICK = "pick"
    REPORT_SHORTAGE = "report_shortage"
    DECIDE_SHORTAGE = "decide_shortage"
    REFUND = "refund"
    """Agree to a customer's refund request, or give a partial refund."""
    CANCEL = "cancel"
    """Cancel an order (agree to a cancel request, or cancel it on a shortage)."""
    REPRINT = "reprint"
    REASSIGN = "reassign"
    SETTINGS = "settings"
    """Change device or store settings: printers, auto-accept, busy mode, CA file..."""
    PAUSE_CHANNEL = "pause_channel"
    """Busy mode: stop a channel's new orders for a while."""
    MUTE_ALARM = "mute_alarm"
    """Silence the new-order alarm for a while (orders may then be missed)."""
    UNLOCK = "unlock"
    """Unlock a person locked out by failed PIN attempts."""
    EXPORT = "export"
    """Export data (the day's CSV, the audit trail)."""


_P = Permission
_COUNTER_WORK: Final = frozenset(
    {_P.ACCEPT, _P.REJECT, _P.READY, _P.HAND_OVER, _P.REPRINT, _P.PAUSE_CHANNEL}
)
_FLOOR_WORK: Final = frozenset({_P.PICK, _P.REPORT_SHORTAGE, _P.HAND_OVER})

MATRIX: Final[Mapping[Role, frozenset[Permission]]] = MappingProxyType(
    {
        # A cashier runs the counter; refunds, cancels and settings need a manager.
        Role.CASHIER: _COUNTER_WORK | {_P.MUTE_ALARM},
        # A picker works the tasks dispatched to them and hands packed orders over.
        Role.PICKER: _FLOOR_WORK,
        # A manager may do everything but pick (picking is a task of someone on duty).
        Role.MANAGER: frozenset(Permission) - {_P.PICK},
    }
)
"""What each role may do. Every cell is walked by a test, on the device and at the hub."""

SENSITIVE: Final = frozenset(
    {
        _P.REFUND,
        _P.CANCEL,
        _P.MAP_ITEMS,
        _P.REPRINT,
        _P.REASSIGN,
        _P.MUTE_ALARM,
        _P.SETTINGS,
        _P.UNLOCK,
        _P.EXPORT,
    }
)
"""Actions that ask for the PIN again after 15 minutes idle, and that a manager may approve
with their PIN for someone not allowed them (an override, audited)."""


def permits(roles: Iterable[Role | str], permission: Permission) -> bool:
    """Whether any of `roles` may do `permission` (unknown role names permit nothing)."""
    for role in roles:
        try:
            granted = MATRIX[Role(role)]
        except ValueError:
            continue
        if permission in granted:
            return True
    return False


def may(
    roles: Iterable[Role | str],
    permission: Permission,
    approver_roles: Iterable[Role | str] = (),
) -> bool:
    """Whether the person may do `permission`, themselves or with an approver's override.

    An override counts only for sensitive actions: a manager's PIN does not let a cashier pick.
    """
    if permits(roles, permission):
        return True
    return permission in SENSITIVE and permits(approver_roles, permission)
