"""What a ticket says, as data kept in the print journal: kitchen, receipt, VOID, bag label."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class TicketKind(StrEnum):
    """Kinds of ticket; each has its own layout."""

    KITCHEN = "kitchen"
    RECEIPT = "receipt"
    VOID = "void"
    BAG_LABEL = "bag_label"
    """One per bag of a packed order: "bag i of n" (decision 016)."""


@dataclass(frozen=True, slots=True)
class TicketLine:
    """One order line as a ticket shows it."""

    name: str
    quantity: int
    note: str = ""
    amount_cents: int = 0
    """What the customer paid for the line (receipts only)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Ticket:
    """Everything printed on one ticket; made when the ticket is queued, kept as JSON.

    A reprint prints the same content with the REPRINT mark and its reason.
    """

    kind: TicketKind
    order_id: str
    channel: str
    channel_order_no: str
    daily_serial: int
    station_name: str
    """The name a person gave the station ("" at the counter and on bag labels)."""
    placed_at: datetime
    fulfilment: str
    pickup_code: str | None = None
    revision: int = 1
    lines: tuple[TicketLine, ...] = ()
    order_note: str = ""
    customer: str = ""
    """Receipts: the customer's name and masked number, e.g. "张先生 138****5678"."""
    subtotal_cents: int = 0
    discount_cents: int = 0
    delivery_fee_cents: int = 0
    total_cents: int = 0
    at_counter: bool = False
    """Made at the counter (receipts, kitchen lines no station claims): the layout words the
    station in the ticket language."""
    reprint_reason: str | None = None
    """Set on a reprint: the reason a person gave."""
    resent: bool = False
    """Set on the copy printed again after a stop mid-print: an earlier attempt may have
    printed part of this ticket."""
    bag_number: int = 0
    """A bag label: which bag this is (1-based); 0 on other kinds."""
    bag_count: int = 0
    """A bag label: how many bags the order was packed in; 0 on other kinds."""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; `from_json` reads it back."""
        data = asdict(self)
        data["placed_at"] = self.placed_at.isoformat()
        data["lines"] = [asdict(line) for line in self.lines]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ticket:
        """The ticket `to_json` wrote, this release's or an earlier one's."""
        values = dict(data)
        # Earlier releases kept printed words: the layout now says them in the ticket language
        # (what a VOID voids follows from its serial and revision).
        values.pop("voids", None)
        if values.pop("retry_note", ""):
            values["resent"] = True
        values["kind"] = TicketKind(values["kind"])
        values["placed_at"] = datetime.fromisoformat(values["placed_at"])
        values["lines"] = tuple(TicketLine(**line) for line in values.get("lines", ()))
        return cls(**values)
