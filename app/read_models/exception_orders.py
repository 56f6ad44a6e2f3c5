"""Views of an exception order: what the hub could not read, and the lines left to map."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ExceptionProblemView:
    """One thing the hub could not read in a channel's order; the device words it from `code`
    (unknown_item, bad_line, totals_mismatch, missing_field, bad_value, too_many_lines)."""

    code: str
    field: str = ""
    line_ref: str = ""
    channel_sku: str = ""
    quantity: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UnreadLineView:
    """A line of the channel's order the hub could not match to the catalogue, as sent."""

    ref: str
    channel_sku: str
    name: str
    quantity: int | None
    """None: the channel's quantity was unreadable."""
    unit_price_cents: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExceptionView:
    """Why an order is an exception order, and the lines the store must map to accept it."""

    problems: tuple[ExceptionProblemView, ...]
    unread_lines: tuple[UnreadLineView, ...]
    raw_payload_id: str
    received_at: datetime | None

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> ExceptionView:
        """The view of a stored wire OrderException (validated when it arrived)."""
        received = data.get("received_at")
        return cls(
            problems=tuple(
                ExceptionProblemView(
                    code=str(problem.get("code", "")),
                    field=str(problem.get("field", "")),
                    line_ref=str(problem.get("line_ref", "")),
                    channel_sku=str(problem.get("channel_sku", "")),
                    quantity=_whole_or_none(problem.get("quantity")),
                )
                for problem in data.get("problems", ())
            ),
            unread_lines=tuple(
                UnreadLineView(
                    ref=str(line.get("ref", "")),
                    channel_sku=str(line.get("channel_sku", "")),
                    name=str(line.get("name", "")),
                    quantity=_whole_or_none(line.get("quantity")),
                    unit_price_cents=_whole_or_none(line.get("unit_price_cents")),
                )
                for line in data.get("unread_lines", ())
            ),
            raw_payload_id=str(data.get("raw_payload_id", "")),
            received_at=None if received is None else datetime.fromisoformat(str(received)),
        )


def _whole_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
