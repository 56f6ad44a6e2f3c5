"""The command unions, the Command adapter, and the batch a device pushes with its results."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, TypeAdapter

from sync.protocol.audit import AuditHead
from sync.protocol.feed import FeedRecord
from sync.protocol.order_commands import (
    AcceptExceptionOrder,
    AcceptOrder,
    AnswerCancelRequest,
    AnswerRefundRequest,
    HandOver,
    MarkReady,
    PauseChannel,
    RejectOrder,
    ReplyReminder,
    SetPickupCode,
)
from sync.protocol.picking_commands import (
    ClockIn,
    ClockOut,
    CompletePack,
    CompletePick,
    DecideShortage,
    PauseTask,
    PickLine,
    ReassignTask,
    ReportShortage,
    ResumeTask,
    StartTask,
)
from sync.protocol.wire_types import Message, Reason, Time, WireModel

StaffCommand = ClockIn | ClockOut
"""Commands on the sender's own staff record."""

TaskCommand = (
    StartTask
    | PickLine
    | ReportShortage
    | PauseTask
    | ResumeTask
    | CompletePick
    | CompletePack
    | ReassignTask
    | DecideShortage
)
"""Commands on one task (they carry its `task_id`)."""


OrderCommand = (
    AcceptOrder
    | AcceptExceptionOrder
    | RejectOrder
    | MarkReady
    | HandOver
    | SetPickupCode
    | AnswerCancelRequest
    | AnswerRefundRequest
    | ReplyReminder
)
"""Commands on one order (they carry its `order_id`)."""

Command = Annotated[
    AcceptOrder
    | AcceptExceptionOrder
    | RejectOrder
    | MarkReady
    | HandOver
    | SetPickupCode
    | AnswerCancelRequest
    | AnswerRefundRequest
    | ReplyReminder
    | PauseChannel
    | ClockIn
    | ClockOut
    | StartTask
    | PickLine
    | ReportShortage
    | PauseTask
    | ResumeTask
    | CompletePick
    | CompletePack
    | ReassignTask
    | DecideShortage,
    Field(discriminator="type"),
]
COMMAND: TypeAdapter[Command] = TypeAdapter(Command)


class CommandBatch(WireModel):
    """Commands in the device's local commit order; the hub applies them in that order."""

    commands: Annotated[list[Command], Field(min_length=1, max_length=200)]
    audit_head: AuditHead | None = Field(
        default=None, description="The device's audit trail head when it sent the batch"
    )


class CommandResult(WireModel):
    """What became of one command."""

    command_id: UUID
    outcome: Literal["applied", "duplicate", "rejected"]
    reason: Reason = Field(default="", description="Stable code when rejected")
    message: Message = Field(default="", description="Why, in words a person understands")
    current: FeedRecord | None = Field(
        default=None, description="The entity's state after the command (or as it stands)"
    )
    applied_at: Time | None = None


class CommandResults(WireModel):
    """The hub's answers, one per command, in the order they were sent."""

    results: list[CommandResult]
    audit_head: AuditHead | None = Field(
        default=None, description="The audit head the hub holds for the device (acknowledged)"
    )


COMMAND_ID_REUSED = "command_id_reused"
"""`error` code of the 422 answer: a command id came back with a different body."""
