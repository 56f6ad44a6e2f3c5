"""Apportioning an order discount to lines: exact to the cent, proportional, never over a line."""

from __future__ import annotations

import random

import pytest

from hub.money import apportion_discount, cents_from_yuan, paid_amounts


def test_shares_are_proportional_and_sum_exactly() -> None:
    assert apportion_discount([1000, 2000, 3000], 600) == [100, 200, 300]
    assert paid_amounts([1000, 2000, 3000], 600) == [900, 1800, 2700]


def test_leftover_cents_go_to_the_largest_remainders_then_earlier_lines() -> None:
    assert apportion_discount([100, 100, 100], 100) == [34, 33, 33]
    assert apportion_discount([1, 2], 1) == [0, 1]


def test_no_discount_and_whole_discount() -> None:
    assert apportion_discount([350, 1290], 0) == [0, 0]
    assert paid_amounts([350, 1290], 1640) == [0, 0]


def test_many_random_orders_keep_every_invariant() -> None:
    rng = random.Random(20261122)
    for _ in range(500):
        amounts = [rng.randint(0, 20_000) for _ in range(rng.randint(1, 6))]
        discount = rng.randint(0, sum(amounts))
        shares = apportion_discount(amounts, discount)
        assert sum(shares) == discount
        for amount, share in zip(amounts, shares, strict=True):
            assert 0 <= share <= amount
            if sum(amounts):
                assert abs(share - discount * amount / sum(amounts)) < 1


@pytest.mark.parametrize(("amounts", "discount"), [([100], 101), ([100], -1), ([-5, 10], 1)])
def test_impossible_discounts_are_refused(amounts: list[int], discount: int) -> None:
    with pytest.raises(ValueError, match=r"discount|negative"):
        apportion_discount(amounts, discount)


def test_yuan_to_cents() -> None:
    assert cents_from_yuan(12.9) == 1290
    assert cents_from_yuan(0.07) == 7
    with pytest.raises(ValueError, match="whole number of fen"):
        cents_from_yuan(1.005)
