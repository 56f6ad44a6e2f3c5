"""Money arithmetic in integer cents: apportioning an order's promotions across its lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def apportion_discount(amounts: Sequence[int], discount: int) -> list[int]:
    """Split `discount` across lines in proportion to their `amounts`, to the exact cent.

    Uses the largest-remainder method: shares sum to `discount` exactly, no share exceeds its
    line's amount, and ties go to the earlier line so the result is deterministic.
    Raises ValueError for a negative discount or one larger than the lines' total.
    """
    total = sum(amounts)
    if any(amount < 0 for amount in amounts):
        raise ValueError("line amounts must not be negative")
    if discount < 0 or discount > total:
        raise ValueError(f"discount {discount} outside 0..{total}")
    if total == 0:
        return [0 for _ in amounts]
    exact = [discount * amount for amount in amounts]
    shares = [value // total for value in exact]
    left = discount - sum(shares)
    by_remainder = sorted(range(len(amounts)), key=lambda i: (-(exact[i] % total), i))
    for index in by_remainder[:left]:
        shares[index] += 1
    return shares


def paid_amounts(amounts: Sequence[int], discount: int) -> list[int]:
    """What the customer paid per line once `discount` is apportioned; sums to total − discount."""
    shares = apportion_discount(amounts, discount)
    return [amount - share for amount, share in zip(amounts, shares, strict=True)]


@dataclass(frozen=True, slots=True)
class Promotion:
    """One promotion of an order and the lines it paid for.

    `covers` holds the indexes of the lines it applies to (a whole-order "满30减5" covers all,
    "第二件半价" one line, a category offer the lines of that category); an empty set covers no
    line at all (a delivery subsidy), so it changes no line's paid amount.
    """

    label: str
    cents: int
    covers: frozenset[int]


def apportion_promotions(amounts: Sequence[int], promotions: Sequence[Promotion]) -> list[int]:
    """What the customer paid per line once each promotion is spread over the lines it covers.

    Promotions apply in turn, each in proportion to what its lines still cost after the ones
    before it (largest remainder, as `apportion_discount`), so the lines sum exactly to the
    goods minus the line promotions and no line goes below zero. Raises ValueError for a
    promotion covering a line that does not exist or worth more than its lines still cost.
    """
    paid = list(amounts)
    for promotion in promotions:
        if not promotion.covers:
            continue
        covered = sorted(promotion.covers)
        if covered[0] < 0 or covered[-1] >= len(paid):
            raise ValueError(f"{promotion.label}: covers a line the order does not have")
        shares = apportion_discount([paid[i] for i in covered], promotion.cents)
        for index, share in zip(covered, shares, strict=True):
            paid[index] -= share
    return paid


def cents_from_yuan(value: float) -> int:
    """Convert a channel's yuan amount to cents; raise ValueError if it is not a whole cent."""
    cents = round(value * 100)
    if abs(value * 100 - cents) > 1e-6:
        raise ValueError(f"{value} yuan is not a whole number of fen")
    return cents


def yuan_from_cents(cents: int) -> float:
    """Render cents as the yuan float some channels put on the wire."""
    return round(cents / 100, 2)
