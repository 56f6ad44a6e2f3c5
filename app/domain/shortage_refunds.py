"""What a shortage decision gives back to the customer, in integer cents, from what they paid.

Shared by the hub (which refunds) and the device (which shows the amount before the manager
confirms), so both arrive at the same cent.
"""

from __future__ import annotations


def partial_refund_cents(
    paid_cents: int, quantity: int, units_short: int, units_refunded_before: int = 0
) -> int:
    """Refund for `units_short` missing units of a line of `quantity` that cost `paid_cents` in
    all after its share of the discounts: paid per unit × units.

    Counted on the line's running total (what all units refunded so far come to, floored, less
    what was refunded before), so refunds of the same line never add up to more than was paid
    and refunding every unit, in any steps, gives back exactly `paid_cents`. Units beyond the
    line's quantity refund nothing more. Raises ValueError for a quantity below 1 or a negative
    count.
    """
    if quantity < 1 or units_short < 0 or units_refunded_before < 0:
        raise ValueError(f"{units_short} units after {units_refunded_before} of {quantity}")
    before = min(units_refunded_before, quantity)
    after = min(before + units_short, quantity)
    return paid_cents * after // quantity - paid_cents * before // quantity


def substitute_refund_cents(
    paid_cents: int,
    quantity: int,
    units_short: int,
    substitute_unit_price_cents: int,
    units_refunded_before: int = 0,
) -> int:
    """The price-difference rule: a dearer substitute costs the customer nothing extra; a
    cheaper one refunds the difference between what they paid for the units and its price."""
    paid = partial_refund_cents(paid_cents, quantity, units_short, units_refunded_before)
    return max(paid - substitute_unit_price_cents * units_short, 0)
