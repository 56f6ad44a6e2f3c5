"""Staff sign-in on the device: from cached verifiers, offline, same refusal for every failure."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.vocabulary import Role
from app.services.audit_trail import AuditTrail
from app.services.sign_in import SignInRefused, SignInService
from local_db import staff_repository, sync_state_repository
from local_db.database import Database
from sync.feed_apply import apply_raw_records, restart_if_pins_sealed_otherwise
from tests.factories import BASE_TIME, TEST_PIN_PEPPER, staff_record
from tests.fakes import FrozenClock

WANG = staff_record(1, "s-wang", "王芳", ["cashier", "manager"], "1234")
LI = staff_record(2, "s-li", "李雷", ["picker"], "5678")


def _inactive(record: dict[str, Any], version: int) -> dict[str, Any]:
    data = {**record["data"], "active": False, "version": version}
    return {**record, "seq": record["seq"] + 100, "version": version, "data": data}


def _apply(db: Database, *records: dict[str, Any], pepper: bytes | None = TEST_PIN_PEPPER) -> None:
    with db.write() as session:
        report = apply_raw_records(session, list(records), BASE_TIME, pin_pepper=pepper)
        assert report.quarantined == 0


@pytest.fixture
def service(db: Database) -> SignInService:
    _apply(db, WANG, LI)
    return SignInService(db, pin_pepper=TEST_PIN_PEPPER, clock=FrozenClock())


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
        again = SignInService(restarted, pin_pepper=TEST_PIN_PEPPER)
        assert again.sign_in("s-li", "5678").staff_id == "s-li"
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
        assert refusal.locked_until is None


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


def test_the_device_stores_the_pin_hash_sealed_never_as_the_hub_sent_it(
    db: Database, service: SignInService
):
    with db.read() as session:
        stored = staff_repository.get_staff(session, "s-wang")
    assert stored is not None
    assert stored.pin_algorithm == "argon2id"
    assert WANG["data"]["pin"]["hash_hex"] not in stored.pin_hash_hex
    assert stored.pin_salt_hex == WANG["data"]["pin"]["salt_hex"]


def test_a_copied_database_with_another_pepper_signs_nobody_in(
    db: Database, service: SignInService
):
    thief = SignInService(db, pin_pepper=b"a-pepper-from-another-keyring!!!")
    with pytest.raises(SignInRefused):
        thief.sign_in("s-wang", "1234")
    with pytest.raises(SignInRefused):
        SignInService(db).sign_in("s-wang", "1234")


def test_a_staff_record_applied_without_the_pepper_lists_the_person_and_the_peppered_one_lands(
    db: Database,
):
    # The outbox pusher carries no pepper: details apply, the PIN waits for the feed's copy.
    _apply(db, LI, pepper=None)
    service = SignInService(db, pin_pepper=TEST_PIN_PEPPER)
    assert [card.staff_id for card in service.staff_cards()] == ["s-li"]
    with pytest.raises(SignInRefused):
        service.sign_in("s-li", "5678")
    _apply(db, LI)
    assert service.sign_in("s-li", "5678").staff_id == "s-li"


def test_each_sign_in_is_audited_with_its_result(db: Database, service: SignInService):
    service.sign_in("s-wang", "1234")
    _refusal(service, "s-wang", "0000")
    _refusal(service, "s-nobody", "0000")
    entries = AuditTrail(db).entries(actions=("sign_in",))
    assert [(e.staff_id, e.staff_name, e.result) for e in reversed(entries)] == [
        ("s-wang", "王芳", "ok"),
        ("s-wang", "王芳", "refused"),
        ("s-nobody", "", "refused"),
    ]
    assert AuditTrail(db).verify() == []


def test_a_new_keyring_pepper_restarts_the_feed_and_the_resent_staff_sign_in_again(
    db: Database,
):
    other_pepper = b"a-replaced-keyring-pepper-32byte"
    with db.write() as session:
        assert not restart_if_pins_sealed_otherwise(session, TEST_PIN_PEPPER)  # nothing yet
    _apply(db, WANG)
    with db.write() as session:
        sync_state_repository.set_value(session, sync_state_repository.CURSOR, "c-9")
        assert not restart_if_pins_sealed_otherwise(session, TEST_PIN_PEPPER)
        # The keyring was replaced: the stored seals are useless, the feed starts again.
        assert restart_if_pins_sealed_otherwise(session, other_pepper)
        assert sync_state_repository.get_value(session, sync_state_repository.CURSOR) is None
    service = SignInService(db, pin_pepper=other_pepper)
    with pytest.raises(SignInRefused):
        service.sign_in("s-wang", "1234")
    _apply(db, WANG, pepper=other_pepper)  # the same record, re-delivered from zero
    assert service.sign_in("s-wang", "1234").staff_id == "s-wang"
