"""Money arithmetic in integer cents: apportioning an order discount across its lines."""

from __future__ import annotations

from collections.abc import Sequence


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


def cents_from_yuan(value: float) -> int:
    """Convert a channel's yuan amount to cents; raise ValueError if it is not a whole cent."""
    cents = round(value * 100)
    if abs(value * 100 - cents) > 1e-6:
        raise ValueError(f"{value} yuan is not a whole number of fen")
    return cents


def yuan_from_cents(cents: int) -> float:
    """Render cents as the yuan float some channels put on the wire."""
    return round(cents / 100, 2)
