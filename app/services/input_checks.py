"""A person's input checked at a service's boundary, with the wire's own limits, before queueing.

Every check raises `InputRefused`, whose `code` is stable and self-contained (the field and
the problem, e.g. "note_too_long", "quantity_not_whole"): the screens word it from the code
alone, limits included (`issue_of`). A service turns it into its own typed refusal with
`refusing`, so nothing but the service's refusal ever leaves it: no TypeError, no
AttributeError, no pydantic ValidationError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Final, TypeVar

from app.domain import wire_limits as limits
from app.domain.wire_limits import InputProblem, quantity_problem, text_problem
from app.read_models import SignedInStaff

WRONG_TYPE: Final = "wrong_type"
"""The problem of a value of the wrong kind (None, a number where a text is wanted...)."""
MISSING: Final = "missing"
"""The problem of a text a person must give and left empty."""
NOT_SENDABLE: Final = "not_sendable"
"""The code of a command the wire contract refuses for a reason no check names."""
BAG_COUNT_MAX: Final = limits.BAGS_MAX
"""Bags of one order, as the wire allows them."""

_E = TypeVar("_E", bound=Enum)


class InputField(StrEnum):
    """Which input of a person a problem is about."""

    NOTE = "note"
    REASON = "reason"
    REPLY = "reply"
    NAME = "name"
    SCANNED_CODE = "scanned_code"
    SUBSTITUTE = "substitute"
    SEARCH = "search"
    QUANTITY = "quantity"
    QUANTITY_FOUND = "quantity_found"
    WEIGHT = "weight"
    PRICE_DIFFERENCE = "price_difference"
    BAG_COUNT = "bag_count"
    ANSWER = "answer"
    """Agree or disagree: a yes or a no, nothing else."""
    HANDED_TO = "handed_to"
    """To whom an order is handed: the rider or the customer."""
    SHORTAGE_REASON = "shortage_reason"
    """Why a line is short: one of the reasons the handheld offers."""


TEXT_LIMITS: Final = {
    InputField.NOTE: limits.REASON_MAX,
    InputField.REASON: limits.REASON_MAX,
    InputField.REPLY: limits.REASON_MAX,
    InputField.NAME: limits.NAME_MAX,
    InputField.SCANNED_CODE: limits.CODE_MAX,
    InputField.SUBSTITUTE: limits.CODE_MAX,
    InputField.SEARCH: limits.SHORT_TEXT_MAX,
}
"""Most characters of each text a person gives (what the wire takes for it)."""
NUMBER_RANGES: Final = {
    InputField.QUANTITY: (1, limits.QUANTITY_MAX),
    InputField.QUANTITY_FOUND: (0, limits.QUANTITY_MAX),
    InputField.WEIGHT: (0, limits.WEIGHT_G_MAX),
    InputField.PRICE_DIFFERENCE: (-limits.AMOUNT_MAX_CENTS, limits.AMOUNT_MAX_CENTS),
    InputField.BAG_COUNT: (1, BAG_COUNT_MAX),
}
"""Lowest and highest whole number of each number a person gives."""

WIRE_FIELDS: Final = {
    "note": InputField.NOTE,
    "reason": InputField.REASON,
    "reply": InputField.REPLY,
    "handed_to_name": InputField.NAME,
    "scanned_code": InputField.SCANNED_CODE,
    "substitute_sku": InputField.SUBSTITUTE,
    "quantity": InputField.QUANTITY,
    "quantity_found": InputField.QUANTITY_FOUND,
    "actual_weight_g": InputField.WEIGHT,
    "price_difference_cents": InputField.PRICE_DIFFERENCE,
    "bag_count": InputField.BAG_COUNT,
    "agree": InputField.ANSWER,
}
"""A command's field → the input of a person it carries."""
_NULLABLE: Final = frozenset({"actual_weight_g"})
"""Command fields a person may leave out (None on the wire)."""
_IDENTIFIERS: Final = frozenset(
    {
        "order_id",
        "task_id",
        "line_id",
        "shortage_id",
        "reminder_id",
        "assignee_staff_id",
        "target_staff_id",
    }
)


@dataclass(frozen=True, slots=True)
class InputIssue:
    """What is wrong with one input: the field, the problem and the field's limits."""

    field: InputField
    problem: str
    """An InputProblem value, WRONG_TYPE or MISSING."""

    @property
    def code(self) -> str:
        """The stable refusal code, e.g. "note_too_long"."""
        return f"{self.field.value}_{self.problem}"

    @property
    def max_length(self) -> int | None:
        """Most characters of the field, when it is a text."""
        return TEXT_LIMITS.get(self.field)

    @property
    def number_range(self) -> tuple[int, int] | None:
        """Lowest and highest value of the field, when it is a number."""
        return NUMBER_RANGES.get(self.field)


_PROBLEMS: Final = (*(problem.value for problem in InputProblem), WRONG_TYPE, MISSING)
_FIELDS: Final = frozenset(field.value for field in InputField)


def issue_of(code: str) -> InputIssue | None:
    """The issue a refusal code names, or None when it is no input code."""
    for problem in _PROBLEMS:
        field, _sep, rest = code.rpartition(f"_{problem}")
        if _sep and not rest and field in _FIELDS:
            return InputIssue(InputField(field), problem)
    return None


class InputRefused(Exception):
    """A person's input cannot be sent; `code` names the field and the problem (or is
    NOT_SENDABLE, with no `issue`, when the wire refuses the command for another reason)."""

    def __init__(self, issue: InputIssue | None) -> None:
        code = NOT_SENDABLE if issue is None else issue.code
        super().__init__(f"input refused: {code}")
        self.issue = issue
        self.code = code


@contextmanager
def refusing(refusal: Callable[[str], Exception]) -> Iterator[None]:
    """Turn an InputRefused raised inside into the service's own refusal, `refusal(code)`."""
    try:
        yield
    except InputRefused as refused:
        raise refusal(refused.code) from refused


def text(value: object, field: InputField, *, required: bool = False) -> str:
    """`value` stripped, when it is a text the wire takes for `field`.

    None is the empty text for an optional field. Raises InputRefused: WRONG_TYPE (not a
    text), MISSING (empty when `required`), too_long, control_character, broken_character.
    """
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InputRefused(InputIssue(field, WRONG_TYPE))
    stripped = value.strip()
    problem = text_problem(stripped, TEXT_LIMITS[field])
    if problem is not None:
        raise InputRefused(InputIssue(field, problem.value))
    if required and not stripped:
        raise InputRefused(InputIssue(field, MISSING))
    return stripped


def whole(value: object, field: InputField, *, high: int | None = None) -> int:
    """`value` as an int, when it is a whole number in the field's range (`high` may lower
    the top). A float with a whole value counts (2.0 from a spin box); 1.5, True, "2" and
    None do not. Raises InputRefused: not_a_number, not_whole, out_of_range."""
    low, top = NUMBER_RANGES[field]
    problem = quantity_problem(value, low=low, high=top if high is None else min(high, top))
    if problem is not None or not isinstance(value, int | float):
        raise InputRefused(InputIssue(field, (problem or InputProblem.NOT_A_NUMBER).value))
    return int(value)


def yes_or_no(value: object, field: InputField = InputField.ANSWER) -> bool:
    """`value` when it is a bool; raises InputRefused WRONG_TYPE otherwise ("no" is no bool)."""
    if not isinstance(value, bool):
        raise InputRefused(InputIssue(field, WRONG_TYPE))
    return value


def member(enum: type[_E], value: object) -> _E | None:
    """`value` as a member of `enum` (a member, or its value), or None when it is neither."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return enum(value)
        except ValueError:
            return None
    return None


def identifier(value: object) -> str | None:
    """`value` when it can name a record on the wire (a text of 1..CODE_MAX characters
    without control characters), else None: the caller says it does not know that record."""
    if not isinstance(value, str) or not value:
        return None
    return value if text_problem(value, limits.CODE_MAX) is None else None


def is_signed_in(actor: object) -> bool:
    """Whether `actor` is a signed-in person (not None, not a name or an id)."""
    return isinstance(actor, SignedInStaff)


def check_arguments(arguments: dict[str, object]) -> None:
    """Check a command's arguments as the wire will (belt and braces behind each service's
    own checks): a person's texts and numbers within their limits, numbers as ints (2.0 is
    no int on the wire), records named by identifiers. Raises InputRefused."""
    for key, value in arguments.items():
        if key == "line_mappings":
            _check_mappings(value)
            continue
        field = WIRE_FIELDS.get(key)
        if key in _IDENTIFIERS and value is not None and identifier(value) is None:
            raise InputRefused(None)
        if field is None or (value is None and key in _NULLABLE):
            continue
        if field is InputField.ANSWER:
            yes_or_no(value)
        elif field in NUMBER_RANGES:
            if isinstance(value, float):
                raise InputRefused(InputIssue(field, InputProblem.NOT_WHOLE.value))
            whole(value, field)
        elif not isinstance(value, str):
            raise InputRefused(InputIssue(field, WRONG_TYPE))
        elif (problem := text_problem(value, TEXT_LIMITS[field])) is not None:
            raise InputRefused(InputIssue(field, problem.value))
        elif field is InputField.REPLY and not value:
            raise InputRefused(InputIssue(field, MISSING))


def _check_mappings(value: object) -> None:
    """An exception order's line mappings: a list of at most LINES_MAX {ref, sku, quantity}."""
    if not isinstance(value, list) or len(value) > limits.LINES_MAX:
        raise InputRefused(None)
    for mapping in value:
        if not isinstance(mapping, dict):
            raise InputRefused(None)
        if identifier(mapping.get("ref")) is None or identifier(mapping.get("sku")) is None:
            raise InputRefused(None)
        quantity = mapping.get("quantity")
        if isinstance(quantity, float):
            raise InputRefused(InputIssue(InputField.QUANTITY, InputProblem.NOT_WHOLE.value))
        whole(quantity, InputField.QUANTITY)
