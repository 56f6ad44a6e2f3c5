"""Lockout, unlock, re-authentication and manager approval through the sign-in service."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.permissions import Permission
from app.domain.sign_in_lockout import LOCKOUT, MAX_FAILURES
from app.read_models import SignedInStaff
from app.services.audit_trail import AuditTrail
from app.services.sign_in import NotAllowed, SignInRefused, SignInService
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, TEST_PIN_PEPPER, staff_record
from tests.fakes import FrozenClock

CASHIER = staff_record(1, "s-na", "李娜", ["cashier"], "1234")
MANAGER = staff_record(2, "s-wei", "王伟", ["manager", "cashier"], "5678")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def service(db: Database, clock: FrozenClock) -> SignInService:
    with db.write() as session:
        apply_raw_records(session, [CASHIER, MANAGER], BASE_TIME, pin_pepper=TEST_PIN_PEPPER)
    return SignInService(db, pin_pepper=TEST_PIN_PEPPER, clock=clock)


def _fail(service: SignInService, staff_id: str, times: int) -> SignInRefused:
    refusal = None
    for _ in range(times):
        with pytest.raises(SignInRefused) as refused:
            service.sign_in(staff_id, "0000")
        refusal = refused.value
    assert refusal is not None
    return refusal


def _actions(db: Database) -> list[tuple[str, str, str]]:
    return [(e.action, e.staff_id, e.result) for e in reversed(AuditTrail(db).entries())]


def test_ten_wrong_pins_lock_the_person_out_even_with_the_right_pin(
    service: SignInService, clock: FrozenClock
):
    assert _fail(service, "s-na", MAX_FAILURES - 1).locked_until is None
    locked = _fail(service, "s-na", 1)
    assert locked.locked_until == clock() + LOCKOUT
    with pytest.raises(SignInRefused) as refused:
        service.sign_in("s-na", "1234")
    assert refused.value.locked_until == clock() + LOCKOUT
    assert [person.staff_id for person in service.locked_out()] == ["s-na"]


def test_a_success_before_the_tenth_starts_the_count_again(service: SignInService):
    _fail(service, "s-na", MAX_FAILURES - 1)
    service.sign_in("s-na", "1234")
    assert _fail(service, "s-na", MAX_FAILURES - 1).locked_until is None


def test_the_lockout_ends_after_thirty_minutes(service: SignInService, clock: FrozenClock):
    _fail(service, "s-na", MAX_FAILURES)
    clock.advance(minutes=29)
    with pytest.raises(SignInRefused):
        service.sign_in("s-na", "1234")
    clock.advance(minutes=1)
    assert service.sign_in("s-na", "1234").staff_id == "s-na"


def test_setting_the_clock_back_does_not_shorten_the_lockout(
    service: SignInService, clock: FrozenClock
):
    _fail(service, "s-na", MAX_FAILURES)
    clock.advance(minutes=10)
    service.locked_out()  # looked at: ten minutes served
    with pytest.raises(SignInRefused):
        service.sign_in("s-na", "1234")
    clock.now -= timedelta(hours=3)
    with pytest.raises(SignInRefused) as refused:
        service.sign_in("s-na", "1234")
    assert refused.value.locked_until == clock() + timedelta(minutes=20)


def test_the_lockout_survives_a_restart(db: Database, service: SignInService, clock: FrozenClock):
    _fail(service, "s-na", MAX_FAILURES)
    db.close()
    restarted = Database(db.path)
    try:
        again = SignInService(restarted, pin_pepper=TEST_PIN_PEPPER, clock=clock)
        with pytest.raises(SignInRefused) as refused:
            again.sign_in("s-na", "1234")
        assert refused.value.locked_until == clock() + LOCKOUT
    finally:
        restarted.close()


def test_unknown_ids_lock_out_the_same_way(service: SignInService):
    assert _fail(service, "s-nobody", MAX_FAILURES).locked_until is not None


def test_a_manager_unlocks_a_cashier_may_not(db: Database, service: SignInService):
    _fail(service, "s-na", MAX_FAILURES)
    cashier = SignedInStaff("s-na", "李娜", frozenset({"cashier"}))  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):
        service.unlock(cashier, "s-na")
    manager = service.sign_in("s-wei", "5678")
    service.unlock(manager, "s-na")
    assert service.sign_in("s-na", "1234").staff_id == "s-na"
    assert ("lockout", "s-na", "ok") in _actions(db)
    assert ("unlock", "s-na", "refused") in _actions(db)
    assert ("unlock", "s-wei", "ok") in _actions(db)


def test_reauthorise_checks_the_same_person_and_is_audited(db: Database, service: SignInService):
    cashier = service.sign_in("s-na", "1234")
    assert service.reauthorise(cashier, "1234", Permission.REPRINT) == cashier
    with pytest.raises(SignInRefused):
        service.reauthorise(cashier, "5678", Permission.REPRINT)
    assert [a for a in _actions(db) if a[0] == "reauth"] == [
        ("reauth", "s-na", "ok"),
        ("reauth", "s-na", "refused"),
    ]


def test_a_managers_pin_approves_one_action_and_both_names_are_audited(
    db: Database, service: SignInService
):
    cashier = service.sign_in("s-na", "1234")
    assert [card.staff_id for card in service.approvers(Permission.REFUND)] == ["s-wei"]
    approved = service.approve(cashier, "s-wei", "5678", Permission.REFUND)
    assert approved.staff_id == "s-na"
    assert approved.approved_by is not None
    assert approved.approved_by.staff_id == "s-wei"
    override = AuditTrail(db).entries(actions=("override",))[0]
    assert (override.staff_id, override.approved_by, override.result) == ("s-na", "s-wei", "ok")
    assert override.detail_values()["permission"] == "refund"


def test_a_managers_wrong_pin_counts_toward_the_managers_lockout(service: SignInService):
    cashier = service.sign_in("s-na", "1234")
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            service.approve(cashier, "s-wei", "0000", Permission.REFUND)
    with pytest.raises(SignInRefused) as refused:
        service.sign_in("s-wei", "5678")
    assert refused.value.locked_until is not None


def test_an_approver_without_the_permission_is_not_allowed(db: Database, service: SignInService):
    manager = service.sign_in("s-wei", "5678")
    with pytest.raises(NotAllowed):
        service.approve(manager, "s-na", "1234", Permission.REFUND)
    [override] = AuditTrail(db).entries(actions=("override",))
    assert (override.approved_by, override.result) == ("s-na", "refused")
    assert override.detail_values()["reason"] == "not_permitted"


def test_only_a_manager_approves_even_what_a_cashier_may_do(db: Database, service: SignInService):
    # A cashier may reprint and mute the alarm, but overrides are a manager's (decision 019).
    with db.write() as session:
        picker = staff_record(3, "s-lei", "李雷", ["picker"], "2468")
        apply_raw_records(session, [picker], BASE_TIME, pin_pepper=TEST_PIN_PEPPER)
    picker_in = service.sign_in("s-lei", "2468")
    for permission in (Permission.REPRINT, Permission.MUTE_ALARM):
        assert [card.staff_id for card in service.approvers(permission)] == ["s-wei"]
        with pytest.raises(NotAllowed):
            service.approve(picker_in, "s-na", "1234", permission)
        approved = service.approve(picker_in, "s-wei", "5678", permission)
        assert approved.approved_by is not None
        assert approved.approved_by.staff_id == "s-wei"
    results = [(e.approved_by, e.result) for e in AuditTrail(db).entries(actions=("override",))]
    assert results.count(("s-na", "refused")) == 2
    assert results.count(("s-wei", "ok")) == 2
    assert [card.staff_id for card in service.approvers(Permission.UNLOCK)] == ["s-wei"]


def test_switch_user_signs_the_next_person_in_and_says_who_was_before(
    db: Database, service: SignInService
):
    cashier = service.sign_in("s-na", "1234")
    manager = service.switch_user(cashier, "s-wei", "5678")
    assert manager.staff_id == "s-wei"
    switch = AuditTrail(db).entries(actions=("switch_user",))[0]
    assert (switch.staff_id, switch.detail_values()["from_staff_id"]) == ("s-wei", "s-na")


def test_a_manager_unlocks_at_the_sign_in_screen_by_pin(db: Database, service: SignInService):
    _fail(service, "s-na", MAX_FAILURES)
    with pytest.raises(SignInRefused):
        service.unlock_by_pin("s-wei", "0000", "s-na")
    with db.write() as session:
        other = staff_record(3, "s-fang", "王芳", ["cashier"], "2222")
        apply_raw_records(session, [other], BASE_TIME, pin_pepper=TEST_PIN_PEPPER)
    with pytest.raises(NotAllowed):
        service.unlock_by_pin("s-fang", "2222", "s-na")
    assert service.unlock_by_pin("s-wei", "5678", "s-na").staff_id == "s-wei"
    assert service.locked_out() == []
    assert service.sign_in("s-na", "1234").staff_id == "s-na"
