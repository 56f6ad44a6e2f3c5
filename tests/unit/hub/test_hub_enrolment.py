"""Enrolment, device tokens and the demo store's staff."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from app.domain.staff_pin import SealedPinVerifier, pin_matches
from app.domain.vocabulary import Role
from hub.cli import main as hub_command
from hub.composition import Hub, compose_hub
from hub.devices.enrolment import digest
from hub.errors import EnrolmentCodeUsed, EnrolmentRefused, NotFound, TokensRevoked, Unauthorized
from sync.protocol import EnrolmentRequest, TokenRefresh
from sync.record_mapping import staff_row
from tests.factories import TEST_PIN_PEPPER
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import ENROLMENT_CODE


def _request(code: str = ENROLMENT_CODE, store: str = "DEMO01") -> EnrolmentRequest:
    return EnrolmentRequest(store_code=store, enrolment_code=code, device_name="handheld 1")


def test_enrolment_grants_a_token_that_authenticates(hub: Hub) -> None:
    grant = hub.devices.enrol(_request())

    assert grant.store_id == hub.world.demo_store_id
    assert grant.store_name.startswith("Storeside")
    device = hub.devices.authenticate(grant.device_token)
    assert (device.device_id, device.name) == (grant.device_id, "handheld 1")


def test_only_a_digest_of_the_token_is_stored(hub: Hub, tmp_path: Path) -> None:
    grant = hub.devices.enrol(_request())

    with sqlite3.connect(tmp_path / "hub.db") as connection:
        [(stored,)] = connection.execute("SELECT token_sha256 FROM devices").fetchall()
        dump = "\n".join(connection.iterdump())
    connection.close()
    assert stored == digest(grant.device_token)
    assert grant.device_token not in dump


def test_an_enrolment_code_works_once(hub: Hub) -> None:
    hub.devices.enrol(_request())
    with pytest.raises(EnrolmentCodeUsed):
        hub.devices.enrol(_request())


@pytest.mark.parametrize(("code", "store"), [("WRONG-CODE", "DEMO01"), (ENROLMENT_CODE, "NOPE01")])
def test_unknown_codes_and_stores_are_refused(hub: Hub, code: str, store: str) -> None:
    with pytest.raises(EnrolmentRefused):
        hub.devices.enrol(_request(code, store))


def test_codes_forgive_case_spaces_and_dashes(hub: Hub) -> None:
    code = hub.admin.new_enrolment_code(hub.world.demo_store_id)
    assert code != hub.admin.new_enrolment_code(hub.world.demo_store_id)
    hub.devices.enrol(_request(f" {code.replace('-', '').lower()} "))


@pytest.mark.parametrize("token", [None, "", "not-a-real-token-at-all"])
def test_unknown_tokens_are_unauthorized(hub: Hub, token: str | None) -> None:
    with pytest.raises(Unauthorized):
        hub.devices.authenticate(token)


def test_demo_staff_have_their_roles_and_pins(hub: Hub) -> None:
    staff = {member.staff_id: member for member in hub.admin.staff(hub.world.demo_store_id)}
    for demo in hub.world.demo_staff:
        member = staff[demo.staff_id]
        assert member.name == demo.name
        assert tuple(member.roles) == demo.roles
        row = staff_row(member, TEST_PIN_PEPPER)
        sealed = SealedPinVerifier.from_stored(
            row["pin_algorithm"], row["pin_salt_hex"], row["pin_hash_hex"]
        )
        assert pin_matches(demo.pin, sealed, TEST_PIN_PEPPER)
        assert not pin_matches("0000", sealed, TEST_PIN_PEPPER)
    roles = {demo.pin: set(demo.roles) for demo in hub.world.demo_staff}
    assert roles == {
        "1111": {Role.CASHIER},
        "2222": {Role.PICKER},
        "9999": {Role.MANAGER, Role.CASHIER},
    }


def test_pin_salts_follow_the_seed(hub: Hub, tmp_path: Path) -> None:
    same = compose_hub(tmp_path / "same.db", seed=hub.seed)
    other = compose_hub(tmp_path / "other.db", seed=hub.seed + 1)
    try:
        assert [s.pin for s in same.admin.staff(same.world.demo_store_id)] == [
            s.pin for s in hub.admin.staff(hub.world.demo_store_id)
        ]
        assert [s.pin for s in other.admin.staff(other.world.demo_store_id)] != [
            s.pin for s in hub.admin.staff(hub.world.demo_store_id)
        ]
    finally:
        same.close()
        other.close()


def test_reopening_a_database_keeps_its_store_and_devices(hub: Hub, tmp_path: Path) -> None:
    grant = hub.devices.enrol(_request())
    hub.close()

    # Same clock: the access token lives 15 minutes, and a frozen clock keeps it alive.
    reopened = compose_hub(tmp_path / "hub.db", seed=hub.seed, clock=hub.clock)
    try:
        assert reopened.devices.authenticate(grant.device_token).device_id == grant.device_id
        assert reopened.devices.feed_epoch == hub.devices.feed_epoch
        assert len(reopened.admin.staff(reopened.world.demo_store_id)) == len(hub.world.demo_staff)
    finally:
        reopened.close()


def test_a_code_is_good_for_a_day_by_the_hubs_clock(hub: Hub, clock: FrozenClock) -> None:
    fresh = hub.admin.new_enrolment_code(hub.world.demo_store_id)
    clock.advance(hours=23, minutes=59)
    hub.devices.enrol(_request(fresh))

    clock.advance(minutes=1)  # ENROLMENT_CODE was made 24 hours ago now
    with pytest.raises(EnrolmentRefused, match=r"code has expired .*Ask the manager for a new"):
        hub.devices.enrol(_request())


def test_a_revoked_device_is_refused_and_its_refresh_token_too(hub: Hub) -> None:
    grant = hub.devices.enrol(_request())
    other = hub.devices.enrol(_request(hub.admin.new_enrolment_code(hub.world.demo_store_id)))
    assert grant.refresh_token is not None

    assert hub.admin.revoke_device(grant.device_id) == 1

    with pytest.raises(TokensRevoked):
        hub.devices.authenticate(grant.device_token)
    refresh = TokenRefresh(refresh_token=grant.refresh_token, request_id=uuid.uuid4().hex)
    with pytest.raises(TokensRevoked):
        hub.devices.refresh_tokens(refresh)
    assert hub.devices.authenticate(other.device_token).device_id == other.device_id
    assert hub.admin.revoke_device(grant.device_id) == 0  # already done: nothing more to revoke


def test_revoking_an_unknown_device_says_so(hub: Hub) -> None:
    with pytest.raises(NotFound, match="dev-nobody"):
        hub.admin.revoke_device("dev-nobody")


def test_the_hub_command_revokes_a_lost_device(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grant = hub.devices.enrol(_request())
    database = str(tmp_path / "hub.db")

    assert hub_command(["--db", database, "revoke-device", grant.device_id]) == 0
    assert "must be enrolled again" in capsys.readouterr().out
    with pytest.raises(TokensRevoked):
        hub.devices.authenticate(grant.device_token)

    assert hub_command(["--db", database, "revoke-device", "dev-nobody"]) == 1
    assert "No device dev-nobody" in capsys.readouterr().err
    assert hub_command(["--db", str(tmp_path / "none.db"), "revoke-device", "dev-x"]) == 2
    assert not (tmp_path / "none.db").exists()
