"""The permission matrix as data: who may do what, overrides, and agreement with the life cycle."""

from __future__ import annotations

import pytest

from app.domain.action_permissions import (
    ORDER_ACTION_PERMISSIONS,
    TASK_COMMAND_PERMISSIONS,
    acting_roles,
    is_audited,
)
from app.domain.order_lifecycle import TRANSITIONS
from app.domain.permissions import MATRIX, SENSITIVE, Permission, may, permits
from app.domain.vocabulary import Role

P = Permission
EXPECTED = {
    Role.CASHIER: {P.ACCEPT, P.REJECT, P.READY, P.HAND_OVER, P.REPRINT, P.PAUSE_CHANNEL},
    Role.PICKER: {P.PICK, P.REPORT_SHORTAGE, P.HAND_OVER},
    Role.MANAGER: set(Permission) - {P.PICK},
}
"""The matrix written out cell by cell (mute_alarm added to the cashier below)."""
EXPECTED[Role.CASHIER].add(P.MUTE_ALARM)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_each_cell(role: Role, permission: Permission) -> None:
    assert permits([role], permission) is (permission in EXPECTED[role])
    assert permits([role.value], permission) is (permission in EXPECTED[role])


def test_several_roles_may_what_any_of_them_may_and_unknown_roles_nothing() -> None:
    assert permits([Role.CASHIER, Role.PICKER], P.PICK)
    assert permits(["cashier", "picker"], P.ACCEPT)
    assert not permits(["owner"], P.ACCEPT)
    assert not permits([], P.ACCEPT)
    assert set(MATRIX) == set(Role)


def test_an_override_counts_only_for_sensitive_actions() -> None:
    assert may([Role.CASHIER], P.REFUND, [Role.MANAGER])
    assert may([Role.PICKER], P.SETTINGS, [Role.MANAGER])
    assert not may([Role.CASHIER], P.REFUND, [Role.CASHIER])
    assert not may([Role.CASHIER], P.REFUND)
    # Not sensitive: a manager's PIN does not make a cashier a picker, nor a picker a cashier.
    assert not may([Role.CASHIER], P.PICK, [Role.MANAGER])
    assert not may([Role.PICKER], P.ACCEPT, [Role.MANAGER])
    assert P.PICK not in SENSITIVE


def test_the_approvers_roles_count_for_the_life_cycle_only_on_an_override() -> None:
    cashier, manager = frozenset({Role.CASHIER}), frozenset({Role.MANAGER})
    assert acting_roles(cashier, P.REFUND, manager) == cashier | manager
    assert acting_roles(cashier, P.ACCEPT, manager) == cashier  # allowed alone
    assert acting_roles(cashier, P.PICK, manager) == cashier  # not sensitive


def _staff_movers(by: frozenset[object]) -> set[Role]:
    return {mover for mover in by if isinstance(mover, Role)}


def test_life_cycle_never_refuses_someone_the_matrix_permits() -> None:
    """Whoever the matrix gives an order action's permission, the life cycle lets move."""
    checked = 0
    for status, transitions in TRANSITIONS.items():
        for action, transition in transitions.items():
            permission = ORDER_ACTION_PERMISSIONS.get(action)
            if permission is None or not _staff_movers(transition.by):
                continue  # the hub's or a channel's move here (expire, request, cancel new)
            for role in Role:
                if permits([role], permission):
                    assert role in transition.by, (status, action, role)
                    checked += 1
    assert checked > 20


def test_life_cycle_is_looser_than_the_matrix_only_where_an_override_may_help() -> None:
    """The counter sees "agree" on a refund or cancel request (so it can ask a manager to
    approve); the matrix, checked first, asks for the override. Nowhere else may the life
    cycle let a role move that the matrix refuses. Mapping an exception order is the same:
    the cashier sees it, a manager's PIN lets it through."""
    looser = set()
    for transitions in TRANSITIONS.values():
        for action, transition in transitions.items():
            permission = ORDER_ACTION_PERMISSIONS.get(action)
            if permission is None:
                continue
            for role in _staff_movers(transition.by):
                if not permits([role], permission):
                    assert permission in SENSITIVE, (action, role)
                    looser.add((action.value, role.value))
    assert looser == {
        ("agree_cancel", "cashier"),
        ("agree_refund", "cashier"),
        ("accept_exception", "cashier"),
    }


def test_every_picking_command_has_a_permission_and_routine_scans_stay_out_of_the_trail() -> None:
    assert set(TASK_COMMAND_PERMISSIONS.values()) == {P.PICK, P.REPORT_SHORTAGE, P.REASSIGN}
    assert not is_audited("pick_line", P.PICK)
    assert not is_audited("start_task", P.PICK)
    assert is_audited("complete_pick", P.PICK)
    assert is_audited("report_shortage", P.REPORT_SHORTAGE)
    assert is_audited("reassign_task", P.REASSIGN)  # sensitive
    assert is_audited("answer_refund_request", P.REFUND)
