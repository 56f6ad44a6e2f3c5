"""A PIN or staff id that is no typed PIN is a wrong PIN: refused, never a crash or a long hash."""

from __future__ import annotations

import pytest

from app.services.sign_in import SignInRefused, SignInService
from local_db.database import Database
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, TEST_PIN_PEPPER, staff_record
from tests.fakes import FrozenClock

WANG = staff_record(1, "s-wang", "王芳", ["cashier", "manager"], "1234")


@pytest.fixture
def service(db: Database) -> SignInService:
    with db.write() as session:
        report = apply_raw_records(session, [WANG], BASE_TIME, pin_pepper=TEST_PIN_PEPPER)
        assert report.quarantined == 0
    return SignInService(db, pin_pepper=TEST_PIN_PEPPER, clock=FrozenClock())


@pytest.mark.parametrize("pin", [None, 1234, b"1234", "1" * 2_000_000, "12\x0034"])
def test_a_pin_that_is_no_typed_pin_is_refused(service: SignInService, pin: object) -> None:
    with pytest.raises(SignInRefused):
        service.sign_in("s-wang", pin)  # type: ignore[arg-type]
    assert service.sign_in("s-wang", "1234").staff_id == "s-wang"


@pytest.mark.parametrize("staff_id", [None, 42, "", "s\x00wang", "s" * 65])
def test_a_staff_id_no_one_can_have_is_refused(service: SignInService, staff_id: object) -> None:
    with pytest.raises(SignInRefused):
        service.sign_in(staff_id, "1234")  # type: ignore[arg-type]
