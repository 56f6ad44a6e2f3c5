"""Staff PIN verifiers: Argon2id at the hub, sealed by the device's pepper; only the PIN opens."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.staff_pin import (
    ALGORITHM,
    HUB_PARAMS,
    Argon2Params,
    SealedPinVerifier,
    make_pin_verifier,
    pin_matches,
    seal_verifier,
)
from tests.factories import CHEAP_PIN_PARAMS, TEST_PIN_PEPPER

OTHER_PEPPER = b"another-device-pepper-of-32bytes"


@pytest.fixture(scope="module")
def sealed() -> SealedPinVerifier:
    return seal_verifier(make_pin_verifier("2468", params=CHEAP_PIN_PARAMS), TEST_PIN_PEPPER)


def test_right_pin_matches(sealed: SealedPinVerifier):
    assert pin_matches("2468", sealed, TEST_PIN_PEPPER)


@pytest.mark.parametrize("wrong", ["2467", "", "24680", "8642", " 2468"])
def test_any_other_pin_does_not_match(sealed: SealedPinVerifier, wrong: str):
    assert not pin_matches(wrong, sealed, TEST_PIN_PEPPER)


def test_the_hub_makes_argon2id_with_a_fresh_salt_each_time():
    first, second = (make_pin_verifier("2468", params=CHEAP_PIN_PARAMS) for _ in range(2))
    assert first.algorithm == second.algorithm == ALGORITHM
    assert first.salt_hex != second.salt_hex
    assert first.hash_hex != second.hash_hex
    assert HUB_PARAMS.time_cost >= 2
    assert HUB_PARAMS.memory_kib >= 19 * 1024


def test_the_device_keeps_no_trace_of_the_hubs_raw_hash(sealed: SealedPinVerifier):
    verifier = make_pin_verifier("2468", b"fixed-demo-salt!", CHEAP_PIN_PARAMS)
    kept = seal_verifier(verifier, TEST_PIN_PEPPER)
    assert verifier.hash_hex not in kept.stored_text()
    assert kept.salt_hex == verifier.salt_hex


def test_a_copied_database_without_the_pepper_opens_nothing(sealed: SealedPinVerifier):
    # The same verifier checked with another device's pepper (the keyring was not copied).
    assert not pin_matches("2468", sealed, OTHER_PEPPER)


@pytest.mark.parametrize("pepper", [b"", b"short"])
def test_sealing_or_checking_without_a_real_pepper_is_refused(pepper: bytes):
    verifier = make_pin_verifier("2468", params=CHEAP_PIN_PARAMS)
    with pytest.raises(ValueError, match="pepper"):
        seal_verifier(verifier, pepper)


def test_stored_form_reads_back_to_the_same_verifier(sealed: SealedPinVerifier):
    again = SealedPinVerifier.from_stored(sealed.algorithm, sealed.salt_hex, sealed.stored_text())
    assert again == sealed
    assert pin_matches("2468", again, TEST_PIN_PEPPER)


@pytest.mark.parametrize("stored", ["", "garbage", "t=x,m=1,p=1,l=32$00"])
def test_an_unreadable_stored_verifier_matches_nothing(sealed: SealedPinVerifier, stored: str):
    broken = SealedPinVerifier.from_stored(sealed.algorithm, sealed.salt_hex, stored)
    assert not pin_matches("2468", broken, TEST_PIN_PEPPER)


def test_another_algorithm_or_a_flipped_seal_matches_nothing(sealed: SealedPinVerifier):
    assert not pin_matches("2468", replace(sealed, algorithm="scrypt"), TEST_PIN_PEPPER)
    flipped = ("1" if sealed.seal_hex[0] == "0" else "0") + sealed.seal_hex[1:]
    assert not pin_matches("2468", replace(sealed, seal_hex=flipped), TEST_PIN_PEPPER)
    assert not pin_matches("2468", replace(sealed, params=Argon2Params(0, 0)), TEST_PIN_PEPPER)


def test_a_garbled_hash_from_the_wire_seals_to_a_verifier_that_matches_nothing():
    verifier = replace(make_pin_verifier("2468", params=CHEAP_PIN_PARAMS), hash_hex="zz")
    assert not pin_matches("2468", seal_verifier(verifier, TEST_PIN_PEPPER), TEST_PIN_PEPPER)


def test_parameters_read_back_from_their_text():
    assert Argon2Params.parse(HUB_PARAMS.text()) == HUB_PARAMS
    with pytest.raises(ValueError, match="not Argon2"):
        Argon2Params.parse("m=1")
