"""The wire's building blocks: the API prefix, capped texts, strict numbers, times, WireModel."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

from app.domain import wire_limits as limits

API_PREFIX = "/v1"

# Every text of the wire has a length cap and no control characters (limits.TEXT_PATTERN);
# a constrained text also refuses lone surrogates. Integers and booleans are strict: `true`
# is not 1, 1.5 is not a quantity and "7" is not a number.
_TEXT = limits.TEXT_PATTERN
Identifier = Annotated[
    str, StringConstraints(min_length=1, max_length=limits.CODE_MAX, pattern=_TEXT)
]
Code = Annotated[str, StringConstraints(max_length=limits.CODE_MAX, pattern=_TEXT)]
Name = Annotated[str, StringConstraints(max_length=limits.NAME_MAX, pattern=_TEXT)]
ProductName = Annotated[str, StringConstraints(max_length=limits.PRODUCT_NAME_MAX, pattern=_TEXT)]
Note = Annotated[str, StringConstraints(max_length=limits.NOTE_MAX, pattern=_TEXT)]
Reason = Annotated[str, StringConstraints(max_length=limits.REASON_MAX, pattern=_TEXT)]
Message = Annotated[str, StringConstraints(max_length=limits.MESSAGE_MAX, pattern=_TEXT)]
Phone = Annotated[str, StringConstraints(max_length=limits.PHONE_MAX, pattern=_TEXT)]
ShortText = Annotated[str, StringConstraints(max_length=limits.SHORT_TEXT_MAX, pattern=_TEXT)]
# A code of a closed set the hub documents (snake_case); typed as text, not an enum, so that
# a code added by a newer hub still validates on an older device, which then shows the words.
StatusCode = Annotated[
    str,
    StringConstraints(max_length=limits.CODE_MAX, pattern=_TEXT),
    Field(description="A snake_case code; one a device does not know yet still validates"),
]

Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
Count = Annotated[int, Strict(), Field(ge=0)]
Version = Annotated[int, Strict(), Field(ge=1)]
Serial = Annotated[int, Strict(), Field(ge=1, description="The order's number of the day")]
Cents = Annotated[
    int, Strict(), Field(ge=0, le=limits.AMOUNT_MAX_CENTS, description="Amount in cents (fen)")
]
SignedCents = Annotated[
    int,
    Strict(),
    Field(ge=-limits.AMOUNT_MAX_CENTS, le=limits.AMOUNT_MAX_CENTS, description="Cents; may be < 0"),
]
Quantity = Annotated[
    int, Strict(), Field(ge=1, le=limits.QUANTITY_MAX, description="Units of a counted line")
]
Grams = Annotated[int, Strict(), Field(ge=0, le=limits.WEIGHT_G_MAX, description="Grams")]


def _not_a_number(value: Any) -> Any:
    if isinstance(value, (int, float)):
        raise ValueError("a time is ISO 8601 text with its offset, not a number")
    return value


# An aware time. pydantic would read a number as seconds since 1970; the wire never means that.
Time = Annotated[AwareDatetime, BeforeValidator(_not_a_number)]


class WireModel(BaseModel):
    """Base of every wire schema: unknown fields ignored, values immutable once parsed."""

    model_config = ConfigDict(frozen=True, extra="ignore")
