"""A weighed label against a weighed pick line: its weight, tolerance and price difference."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.barcodes import ScannedCode, label_weight_g, weighed_price_cents, within_tolerance
from local_db.task_repository import TaskLineSnapshot


@dataclass(frozen=True, slots=True)
class WeighedPick:
    """One weighed label judged against one unit of its line."""

    ordered_g: int
    """The weight ordered per unit (the line's ordered weight over its quantity)."""
    actual_g: int
    within_tolerance: bool
    price_difference_cents: int
    """The label's price minus the ordered weight's price (negative: the customer is owed)."""


def weigh(line: TaskLineSnapshot, scanned: ScannedCode, tolerance_pct: float) -> WeighedPick:
    """Judge a weighed label for one unit of `line`.

    A label without a usable weight (a price label of an item without a kilogram price) is
    taken at the ordered weight, price difference 0.
    """
    ordered_g = (line.ordered_weight_g or 0) // max(line.quantity, 1)
    per_kg = line.price_per_kg_cents or 0
    actual_g = label_weight_g(scanned, per_kg)
    if actual_g is None:
        return WeighedPick(ordered_g, ordered_g, within_tolerance=True, price_difference_cents=0)
    inside = ordered_g <= 0 or within_tolerance(ordered_g, actual_g, tolerance_pct)
    if per_kg <= 0:
        return WeighedPick(ordered_g, actual_g, inside, 0)
    actual_price = (
        scanned.price_cents
        if scanned.price_cents is not None
        else weighed_price_cents(actual_g, per_kg)
    )
    difference = actual_price - weighed_price_cents(ordered_g, per_kg)
    return WeighedPick(ordered_g, actual_g, inside, difference)
