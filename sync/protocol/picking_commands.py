"""Picking commands: clocking in and out, and the commands on one task (pick, shortage, pack)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict

from app.domain import wire_limits as limits
from app.domain.vocabulary import HandoverParty, ShortageReason
from sync.protocol.command_base import _CommandBase
from sync.protocol.task_data import ShortageDecision
from sync.protocol.wire_types import Code, Grams, Identifier, Quantity, Reason, SignedCents


class ClockIn(_CommandBase):
    """A picker comes on duty: tasks are dispatched to them from now on."""

    type: Literal["clock_in"]


class ClockOut(_CommandBase):
    """A picker goes off duty: their open tasks go to someone else.

    With `target_staff_id`, a manager ends another picker's shift (permission `reassign`).
    """

    type: Literal["clock_out"]
    target_staff_id: Identifier | None = Field(
        default=None, description="Whose shift ends, when not the sender's own (manager only)"
    )


class _TaskCommand(_CommandBase):
    task_id: Identifier


class StartTask(_TaskCommand):
    """The picker starts an assigned task."""

    type: Literal["start_task"]


class PickLine(_TaskCommand):
    """Units of a line picked: one scan or one quantity entry, added to what the line has."""

    type: Literal["pick_line"]
    line_id: Identifier
    scanned_code: Code = ""
    quantity: Quantity
    actual_weight_g: Grams | None = Field(
        default=None, description="Weighed line: the weight on this label"
    )
    price_difference_cents: SignedCents = Field(
        default=0, description="Weighed line: this label's price minus its share of the ordered"
    )


class ReportShortage(_TaskCommand):
    """The picker could not find all units of a line: the rest waits for the manager."""

    type: Literal["report_shortage"]
    line_id: Identifier
    quantity_found: Annotated[int, Strict(), Field(ge=0, le=limits.QUANTITY_MAX)]
    reason: ShortageReason


class PauseTask(_TaskCommand):
    """The picker pauses a task in progress."""

    type: Literal["pause_task"]


class ResumeTask(_TaskCommand):
    """The picker resumes a paused task."""

    type: Literal["resume_task"]


class CompletePick(_TaskCommand):
    """Every line is picked or decided: the pack task follows."""

    type: Literal["complete_pick"]


class CompletePack(_TaskCommand):
    """The order is packed in `bag_count` bags; with `handed_to`, also handed over."""

    type: Literal["complete_pack"]
    bag_count: Annotated[int, Strict(), Field(ge=1, le=limits.BAGS_MAX)]
    handed_to: HandoverParty | None = None


class ReassignTask(_TaskCommand):
    """A manager gives a task to another picker on duty."""

    type: Literal["reassign_task"]
    assignee_staff_id: Identifier


class DecideShortage(_TaskCommand):
    """A manager's decision on a line reported short (the task is the shortage's task)."""

    type: Literal["decide_shortage"]
    shortage_id: Identifier
    decision: ShortageDecision
    substitute_sku: Code = Field(
        default="", description="The SKU to pick instead; required for `substitute`"
    )
    note: Reason = ""
