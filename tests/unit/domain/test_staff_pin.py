"""Staff PIN verifiers: the right PIN matches, anything else does not, salts are fresh."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.staff_pin import PinVerifier, make_pin_verifier, pin_matches


@pytest.fixture(scope="module")
def verifier() -> PinVerifier:
    return make_pin_verifier("2468")


def test_right_pin_matches(verifier: PinVerifier):
    assert pin_matches("2468", verifier)


@pytest.mark.parametrize("wrong", ["2469", "246", "24680", "", " 2468", "８６４２"])
def test_wrong_pin_does_not_match(verifier: PinVerifier, wrong: str):
    assert not pin_matches(wrong, verifier)


def test_two_verifiers_of_the_same_pin_have_different_salts_and_hashes():
    first, second = make_pin_verifier("2468"), make_pin_verifier("2468")
    assert first.salt_hex != second.salt_hex
    assert first.hash_hex != second.hash_hex
    assert pin_matches("2468", first)
    assert pin_matches("2468", second)


def test_given_salt_gives_a_reproducible_verifier():
    salt = b"seeded-demo-salt"
    assert make_pin_verifier("1357", salt=salt) == make_pin_verifier("1357", salt=salt)
    assert make_pin_verifier("1357", salt=salt).salt_hex == salt.hex()


def test_verifier_does_not_contain_the_pin(verifier: PinVerifier):
    assert "2468" not in verifier.hash_hex
    assert b"2468".hex() not in verifier.hash_hex
    assert len(bytes.fromhex(verifier.salt_hex)) >= 16


def test_unknown_algorithm_is_refused_even_with_the_right_pin(verifier: PinVerifier):
    assert not pin_matches("2468", replace(verifier, algorithm="md5"))
    assert not pin_matches("2468", replace(verifier, algorithm=""))


def test_tampered_hash_does_not_match(verifier: PinVerifier):
    flipped = ("0" if verifier.hash_hex[0] != "0" else "1") + verifier.hash_hex[1:]
    assert not pin_matches("2468", replace(verifier, hash_hex=flipped))


def test_verifier_with_another_salt_does_not_match(verifier: PinVerifier):
    other = make_pin_verifier("0000")
    assert not pin_matches("2468", replace(verifier, salt_hex=other.salt_hex))
