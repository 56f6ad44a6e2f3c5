"""Daily pickup codes the store gives a channel's orders on acceptance: 1, 2, 3... each day."""

from __future__ import annotations

from collections.abc import Iterable


def next_pickup_code(taken: Iterable[str]) -> str:
    """The code after the highest numeric code in `taken` ("1" when there is none).

    Codes that are not plain numbers (typed by hand elsewhere) are ignored, never reused.
    """
    numbers = [int(code) for code in taken if code.isdecimal()]
    return str(max(numbers, default=0) + 1)
