"""Staff sign-in on the device: from cached verifiers, offline, same refusal for every failure."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.vocabulary import Role
from app.services.sign_in import SignInRefused, SignInService
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, staff_record

WANG = staff_record(1, "s-wang", "王芳", ["cashier", "manager"], "1234")
LI = staff_record(2, "s-li", "李雷", ["picker"], "5678")


def _inactive(record: dict[str, Any], version: int) -> dict[str, Any]:
    data = {**record["data"], "active": False, "version": version}
    return {**record, "seq": record["seq"] + 100, "version": version, "data": data}


def _apply(db: Database, *records: dict[str, Any]) -> None:
    with db.write() as session:
        assert apply_raw_records(session, list(records), BASE_TIME).quarantined == 0


@pytest.fixture
def service(db: Database) -> SignInService:
    _apply(db, WANG, LI)
    return SignInService(db)


def test_right_pin_signs_in_with_every_role_the_person_holds(service: SignInService):
    person = service.sign_in("s-wang", "1234")
    assert (person.staff_id, person.name) == ("s-wang", "王芳")
    assert person.roles == frozenset({Role.CASHIER, Role.MANAGER})


def test_staff_cards_list_active_staff_by_name(db: Database, service: SignInService):
    cards = service.staff_cards()
    assert sorted(card.name for card in cards) == [card.name for card in cards]
    assert {card.staff_id: card.roles for card in cards} == {
        "s-wang": frozenset({Role.CASHIER, Role.MANAGER}),
        "s-li": frozenset({Role.PICKER}),
    }
    _apply(db, _inactive(LI, version=2))
    assert [card.staff_id for card in service.staff_cards()] == ["s-wang"]


def test_sign_in_works_offline_after_a_restart_from_the_cached_verifier(
    db: Database, service: SignInService
):
    db.close()
    # A new program start on the same file, with no hub anywhere: only the cache.
    restarted = Database(db.path)
    try:
        assert SignInService(restarted).sign_in("s-li", "5678").staff_id == "s-li"
    finally:
        restarted.close()


def _refusal(service: SignInService, staff_id: str, pin: str) -> SignInRefused:
    with pytest.raises(SignInRefused) as refused:
        service.sign_in(staff_id, pin)
    return refused.value


def test_wrong_pin_inactive_and_unknown_staff_are_refused_the_same_way(
    db: Database, service: SignInService
):
    _apply(db, _inactive(LI, version=2))
    wrong_pin = _refusal(service, "s-wang", "4321")
    inactive = _refusal(service, "s-li", "5678")
    unknown = _refusal(service, "s-nobody", "5678")
    # Nothing in the answer tells a guesser which of the three it was.
    for refusal, staff_id in ((wrong_pin, "s-wang"), (inactive, "s-li"), (unknown, "s-nobody")):
        assert type(refusal) is SignInRefused
        assert refusal.args == (staff_id,)


def test_someone_elses_pin_does_not_sign_in(service: SignInService):
    _refusal(service, "s-wang", "5678")


def test_new_pin_from_the_hub_replaces_the_old_one(db: Database, service: SignInService):
    _apply(db, staff_record(3, "s-li", "李雷", ["picker"], "9999", version=2))
    _refusal(service, "s-li", "5678")
    assert service.sign_in("s-li", "9999").staff_id == "s-li"


def test_older_staff_record_does_not_bring_the_old_pin_back(db: Database, service: SignInService):
    _apply(db, staff_record(3, "s-li", "李雷", ["picker"], "9999", version=3))
    _apply(db, staff_record(4, "s-li", "李雷", ["picker"], "5678", version=2))
    _refusal(service, "s-li", "5678")
    assert service.sign_in("s-li", "9999").staff_id == "s-li"
