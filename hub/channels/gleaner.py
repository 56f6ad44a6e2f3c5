"""Lenient reads of a channel payload: every field that cannot be read noted, never raised."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from app.domain.wire_limits import AMOUNT_MAX_CENTS, CODE_MAX, MESSAGE_MAX, QUANTITY_MAX
from hub.wire_text import fit_text
from sync.protocol import ExceptionCode, ExceptionProblem

PROBLEMS_MAX: Final = 50
"""What OrderException holds; further problems are counted in the last one."""


@dataclass
class Problems:
    """The problems found so far in one payload, in the order found."""

    found: list[ExceptionProblem] = field(default_factory=list)
    dropped: int = 0

    def add(  # noqa: PLR0917 (one problem's optional details)
        self,
        code: ExceptionCode,
        message: str,
        key: str = "",
        line_ref: str = "",
        channel_sku: str = "",
        quantity: int | None = None,
    ) -> None:
        """Note one problem; beyond the wire's 50 only a count is kept."""
        if len(self.found) >= PROBLEMS_MAX:
            self.dropped += 1
            return
        self.found.append(
            ExceptionProblem(
                code=code,
                message=fit_text(message, MESSAGE_MAX),
                field=fit_text(key, CODE_MAX),
                line_ref=fit_text(line_ref, CODE_MAX),
                channel_sku=fit_text(channel_sku, CODE_MAX),
                quantity=quantity if quantity is None or quantity >= 0 else None,
            )
        )

    def listed(self) -> list[ExceptionProblem]:
        """The problems as the order carries them (the last one saying how many more)."""
        if not self.dropped:
            return list(self.found)
        last = self.found[-1]
        more = f"{last.message} (and {self.dropped} more problems)"
        return [*self.found[:-1], last.model_copy(update={"message": fit_text(more, MESSAGE_MAX)})]


def shown(value: object) -> str:
    """A raw value as a problem message quotes it (short)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return fit_text(text, 40)


class Gleaner:
    """Reads fields of one JSON object of a payload, noting each that cannot be read.

    `line_ref` names the line of the channel's order the object is (empty: the order itself);
    every read returns None when the field is missing or unreadable.
    """

    def __init__(self, raw: Mapping[str, Any], problems: Problems, line_ref: str = "") -> None:
        self.raw = raw
        self.problems = problems
        self.line_ref = line_ref
        self.sku = ""
        """The line's channel SKU once read, for the problems of its other fields."""

    def _where(self, key: str) -> str:
        return f"field '{key}' of line {self.line_ref}" if self.line_ref else f"field '{key}'"

    def bad(self, key: str, message: str, code: ExceptionCode = "bad_value") -> None:
        """Note a problem with `key`."""
        self.problems.add(code, message, key, self.line_ref, self.sku)

    def present(self, key: str, *, required: bool) -> Any:
        """The field's value, or None (noted as missing when `required`)."""
        value = self.raw.get(key)
        if value is None and required:
            what = f"line {self.line_ref} has no field '{key}'" if self.line_ref else None
            self.bad(key, what or f"missing field '{key}'", "missing_field")
        return value

    def text(self, key: str, *, required: bool = True) -> str | None:
        """A text field (a number is taken as its decimal text)."""
        value = self.present(key, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.bad(key, f"{self._where(key)} is not text: {shown(value)}")
            return None
        text = str(value).strip()
        if not text and required:
            self.bad(key, f"{self._where(key)} is empty", "missing_field")
            return None
        return text

    def whole(
        self, key: str, *, required: bool = True, low: int = 0, high: int | None = None
    ) -> int | None:
        """A whole number in `low..high` (a float with a whole value counts)."""
        value = self.present(key, required=required)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(key, f"{self._where(key)} is not a whole number: {shown(value)}")
            return None
        if value < low or (high is not None and value > high):
            limit = f"{low}..{high}" if high is not None else f"at least {low}"
            self.bad(key, f"{self._where(key)} is {value}, outside {limit}")
            return None
        return value

    def quantity(self, key: str) -> int | None:
        """A line's quantity: 1..QUANTITY_MAX."""
        return self.whole(key, low=1, high=QUANTITY_MAX)

    def fen(self, key: str, *, required: bool = True) -> int | None:
        """An amount in fen (cents)."""
        return self.whole(key, required=required, high=AMOUNT_MAX_CENTS)

    def yuan(self, key: str, *, required: bool = True, value: Any = None) -> int | None:
        """An amount in yuan, returned in cents (`value`: read this instead of the field)."""
        if value is None:
            value = self.present(key, required=required)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.bad(key, f"{self._where(key)} is not an amount in yuan: {shown(value)}")
            return None
        cents = round(value * 100)
        if abs(value * 100 - cents) > 1e-6 or not 0 <= cents <= AMOUNT_MAX_CENTS:
            self.bad(key, f"{self._where(key)} is not an amount of whole fen: {shown(value)}")
            return None
        return cents

    def objects(self, key: str, *, required: bool = True, value: Any = None) -> list[Any] | None:
        """A list field (its items as they are), or None when it is not a list."""
        if value is None:
            value = self.present(key, required=required)
        if value is None:
            return None
        if not isinstance(value, list):
            self.bad(key, f"{self._where(key)} is not a list: {shown(value)}")
            return None
        return value

    def json_list(self, key: str, *, required: bool = True) -> list[Any] | None:
        """A list carried as a JSON string, as some channels do."""
        text = self.present(key, required=required)
        if text is None:
            return None
        if not isinstance(text, str):
            self.bad(key, f"{self._where(key)} is not JSON text: {shown(text)}")
            return None
        try:
            decoded = json.loads(text or "[]")
        except json.JSONDecodeError as error:
            self.bad(key, f"{self._where(key)} is not valid JSON: {error.msg}")
            return None
        return self.objects(key, value=decoded)
