"""The wire contract's limits in one place: lengths, counts, quantities and amounts.

`sync/protocol/` builds its pydantic types from these numbers, so the hub refuses an
out-of-limit command (422, shown in its OpenAPI) and the device validates every record it
receives against the same figures; the device's services check a person's input with
`text_problem` and `quantity_problem` before anything is queued, so nobody meets the hub's
refusal for something the device could have said at once.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

NOTE_MAX: Final = 500
"""A customer's order note, a line note, a store's note on a decision."""
NAME_MAX: Final = 80
"""A person's name: customer, rider, staff member, device."""
PRODUCT_NAME_MAX: Final = 120
ADDRESS_MAX: Final = 200
REASON_MAX: Final = 200
"""A reason or reply a person writes: disagreeing, replying to a reminder, rejecting."""
MESSAGE_MAX: Final = 1000
"""A sentence the hub writes for people (refusals, exception reasons)."""
CODE_MAX: Final = 64
"""Identifiers, SKUs, barcodes, channel order numbers, stable error codes."""
PHONE_MAX: Final = 32
PICKUP_CODE_MAX: Final = 16
SHORT_TEXT_MAX: Final = 200
"""Any other short label: a category, a shelf zone, a store name, a timezone."""

BAGS_MAX: Final = 20
"""Bags of one packed order: more than this is a typing slip, not an order."""
LINES_MAX: Final = 200
"""Lines of one order (or one task)."""
QUANTITY_MAX: Final = 999
"""Units of a counted line."""
WEIGHT_G_MAX: Final = 100_000
"""Grams of a weighed line (100 kg)."""
AMOUNT_MAX_CENTS: Final = 100_000_000
"""Any amount of one order: one million yuan, far beyond a store's largest basket."""
LIST_MAX: Final = 500
"""Other lists in a record: reminders, staff roles, channels."""

REQUEST_BODY_MAX_BYTES: Final = 1024 * 1024
"""The hub refuses a larger request body with 413."""
RESPONSE_BODY_MAX_BYTES: Final = 8 * 1024 * 1024
"""The device refuses a larger reply as a protocol error."""
CALL_MARGIN_S: Final = 10.0
"""Every call ends within its long-poll hold (if any) plus this, however slowly bytes drip."""

CONTROL_CHARACTERS: Final = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
"""C0 controls but tab, line feed and carriage return, and DEL: never in a text of the wire
(a NUL truncates C strings, an ESC would drive the ticket printer)."""
TEXT_PATTERN: Final = f"^[^{CONTROL_CHARACTERS}]*$"
_CONTROL: Final = re.compile(f"[{CONTROL_CHARACTERS}]")


class InputProblem(StrEnum):
    """Why a value a person typed cannot go on the wire."""

    TOO_LONG = "too_long"
    CONTROL_CHARACTER = "control_character"
    BROKEN_CHARACTER = "broken_character"
    """A lone surrogate: half of a character that cannot be stored or sent."""
    NOT_WHOLE = "not_whole"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_NUMBER = "not_a_number"


def text_problem(value: str, max_length: int) -> InputProblem | None:
    """Why `value` cannot be sent as a text of at most `max_length` characters, or None."""
    if len(value) > max_length:
        return InputProblem.TOO_LONG
    if _CONTROL.search(value):
        return InputProblem.CONTROL_CHARACTER
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return InputProblem.BROKEN_CHARACTER
    return None


def quantity_problem(
    value: object, *, low: int = 1, high: int = QUANTITY_MAX
) -> InputProblem | None:
    """Why `value` cannot be sent as a whole quantity in `low..high`, or None.

    A float with a whole value (2.0 from a spin box) is a whole number; 1.5 is not; a bool
    is not a number at all.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return InputProblem.NOT_A_NUMBER
    if isinstance(value, float) and not value.is_integer():
        return InputProblem.NOT_WHOLE
    if not low <= value <= high:
        return InputProblem.OUT_OF_RANGE
    return None
