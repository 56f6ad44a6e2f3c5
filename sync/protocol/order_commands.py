"""Commands on one order (accept, reject, ready, hand over, answer, reply) and channel pauses."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from app.domain import wire_limits as limits
from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, HandoverParty
from sync.protocol.command_base import _CommandBase
from sync.protocol.order_data import LineMapping
from sync.protocol.wire_types import _TEXT, Bool, Identifier, Name, Reason, Time


class AcceptOrder(_CommandBase):
    """The store accepts a new order."""

    type: Literal["accept_order"]
    order_id: Identifier
    pickup_code: (
        Annotated[
            str, StringConstraints(min_length=1, max_length=limits.PICKUP_CODE_MAX, pattern=_TEXT)
        ]
        | None
    ) = Field(
        default=None,
        description="The daily pickup code the store gives the order on acceptance, for "
        "channels that take one; the hub gives the next free code if another order of the "
        "channel holds it that day",
    )


class AcceptExceptionOrder(_CommandBase):
    """A manager maps every unread line of an exception order to the catalogue and accepts it.

    Sensitive (permission `map_items`): a cashier needs a manager's PIN (`approved_by`).
    """

    type: Literal["accept_exception_order"]
    order_id: Identifier
    line_mappings: Annotated[list[LineMapping], Field(max_length=limits.LINES_MAX)]
    pickup_code: (
        Annotated[
            str, StringConstraints(min_length=1, max_length=limits.PICKUP_CODE_MAX, pattern=_TEXT)
        ]
        | None
    ) = None


class RejectOrder(_CommandBase):
    """The store rejects a new order with one of the channel's reasons."""

    type: Literal["reject_order"]
    order_id: Identifier
    reason: RejectReason
    note: Reason = ""


class MarkReady(_CommandBase):
    """The order is ready to leave the store."""

    type: Literal["mark_ready"]
    order_id: Identifier


class HandOver(_CommandBase):
    """The order left the store, handed to a rider or the customer."""

    type: Literal["hand_over"]
    order_id: Identifier
    handed_to: HandoverParty
    handed_to_name: Name = ""


PickupCode = Annotated[
    str, StringConstraints(min_length=1, max_length=limits.PICKUP_CODE_MAX, pattern=r"^[0-9A-Z-]+$")
]


class SetPickupCode(_CommandBase):
    """The store gives an accepted order the code its customer collects it with."""

    type: Literal["set_pickup_code"]
    order_id: Identifier
    pickup_code: PickupCode


class _RequestAnswer(_CommandBase):
    order_id: Identifier
    agree: Bool
    reason: Reason = ""

    @model_validator(mode="after")
    def _disagreeing_needs_a_reason(self) -> _RequestAnswer:
        if not self.agree and not self.reason.strip():
            raise ValueError("disagreeing with a customer's request needs a reason")
        return self


class AnswerCancelRequest(_RequestAnswer):
    """The store agrees to or disagrees with a customer's cancel request (with a reason)."""

    type: Literal["answer_cancel_request"]


class AnswerRefundRequest(_RequestAnswer):
    """The store agrees to or disagrees with a customer's refund request (with a reason)."""

    type: Literal["answer_refund_request"]


class ReplyReminder(_CommandBase):
    """The store replies to a customer's "where is my order"."""

    type: Literal["reply_reminder"]
    order_id: Identifier
    reminder_id: Identifier
    reply: Annotated[
        str, StringConstraints(min_length=1, max_length=limits.REASON_MAX, pattern=_TEXT)
    ]


class PauseChannel(_CommandBase):
    """Busy mode: the channel sends no new orders until `paused_until` (None: reopen now)."""

    type: Literal["pause_channel"]
    channel: Channel
    paused_until: Time | None
