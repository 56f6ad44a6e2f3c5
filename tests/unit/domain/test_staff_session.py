"""Idle re-authentication and who must approve a sensitive action (pure, clock injected)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.permissions import Permission
from app.domain.staff_session import IDLE_REAUTH, Approval, IdleWatch, approval_needed
from app.domain.vocabulary import Role

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_fifteen_minutes_without_input_count_as_idle():
    watch = IdleWatch(T0)
    assert timedelta(minutes=15) == IDLE_REAUTH
    assert not watch.is_idle(T0 + IDLE_REAUTH - timedelta(seconds=1))
    assert watch.is_idle(T0 + IDLE_REAUTH)


def test_input_starts_the_idle_time_again():
    watch = IdleWatch(T0).touched(T0 + timedelta(minutes=14))
    assert not watch.is_idle(T0 + timedelta(minutes=20))


def test_a_clock_set_back_counts_as_idle_and_never_freshens_the_session():
    watch = IdleWatch(T0)
    assert watch.is_idle(T0 - timedelta(minutes=1))
    assert watch.touched(T0 - timedelta(hours=1)) == watch


@pytest.mark.parametrize(
    ("roles", "permission", "idle", "expected"),
    [
        ({Role.CASHIER}, Permission.REPRINT, False, Approval.NONE),
        ({Role.CASHIER}, Permission.REPRINT, True, Approval.REAUTH),
        ({Role.CASHIER}, Permission.ACCEPT, True, Approval.NONE),
        ({Role.CASHIER}, Permission.REFUND, False, Approval.MANAGER),
        ({Role.CASHIER}, Permission.REFUND, True, Approval.MANAGER),
        ({Role.MANAGER}, Permission.REFUND, True, Approval.REAUTH),
        ({Role.PICKER}, Permission.ACCEPT, False, Approval.REFUSED),
    ],
)
def test_what_each_person_needs_before_an_action(roles, permission, idle, expected):
    assert approval_needed(roles, permission, idle=idle) is expected
