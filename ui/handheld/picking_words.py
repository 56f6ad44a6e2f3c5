"""Every word the handheld says for picking's codes: refusals, scan outcomes, reasons, places.

Kept beside the handheld screens rather than in `ui/labels.py` (which holds the counter's
words and is at its size limit); each text is a literal `QCoreApplication.translate` call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.domain.vocabulary import ShortageReason, TaskKind, TaskStatus
from app.read_models import TaskLineView
from ui.refusal_words import input_refusal_text
from ui.value_formats import format_duration, format_money, format_weight


def task_kind_name(kind: TaskKind) -> str:
    """ "Pick" or "Pack"."""
    return {
        TaskKind.PICK: QCoreApplication.translate("PickingWords", "Pick"),
        TaskKind.PACK: QCoreApplication.translate("PickingWords", "Pack"),
    }[kind]


def task_status_name(status: TaskStatus) -> str:
    """A task's status in words."""
    return {
        TaskStatus.QUEUED: QCoreApplication.translate("PickingWords", "Waiting for a picker"),
        TaskStatus.ASSIGNED: QCoreApplication.translate("PickingWords", "Not started"),
        TaskStatus.IN_PROGRESS: QCoreApplication.translate("PickingWords", "In progress"),
        TaskStatus.DONE: QCoreApplication.translate("PickingWords", "Done"),
        TaskStatus.CANCELLED: QCoreApplication.translate("PickingWords", "Cancelled"),
    }[status]


def shortage_reason_name(reason: ShortageReason) -> str:
    """Why a line is short."""
    return {
        ShortageReason.OUT_OF_STOCK: QCoreApplication.translate("PickingWords", "Out of stock"),
        ShortageReason.DAMAGED: QCoreApplication.translate("PickingWords", "Damaged"),
        ShortageReason.NOT_AT_LOCATION: QCoreApplication.translate(
            "PickingWords", "Not at its location"
        ),
        ShortageReason.EXPIRED: QCoreApplication.translate("PickingWords", "Expired"),
    }[reason]


def shortage_decision_text(decision: str | None, substitute_name: str = "") -> str:
    """The manager's decision on a short line, or that it is still awaited."""
    if decision is None:
        return QCoreApplication.translate("PickingWords", "Waiting for the manager")
    if decision == "substitute" and substitute_name:
        return QCoreApplication.translate("PickingWords", "Manager: substitute with {name}").format(
            name=substitute_name
        )
    texts = {
        "found": QCoreApplication.translate("PickingWords", "Manager: look again, pick it"),
        "substitute": QCoreApplication.translate("PickingWords", "Manager: substitute"),
        "partial_refund": QCoreApplication.translate(
            "PickingWords", "Manager: refund the missing units; go on"
        ),
        "cancel_order": QCoreApplication.translate("PickingWords", "Manager: order cancelled"),
    }
    return texts.get(decision, decision)


def line_location(line: TaskLineView) -> str:
    """A line's shelf place as the store signs it ("A-03-2-4"), or that it has none."""
    return line.location_text or QCoreApplication.translate("PickingWords", "No location")


def time_left_text(due_at: datetime | None, now: datetime) -> str:
    """ "Due in 12 min" / "Late by 3 min" / "No deadline"."""
    if due_at is None:
        return QCoreApplication.translate("PickingWords", "No deadline")
    left = (due_at - now).total_seconds()
    if left < 0:
        return QCoreApplication.translate("PickingWords", "Late by {time}").format(
            time=format_duration(-left)
        )
    return QCoreApplication.translate("PickingWords", "Due in {time}").format(
        time=format_duration(left)
    )


def weight_text(ordered_g: int | None, actual_g: int | None) -> str:
    """ "Ordered 500 g" or "Ordered 500 g · weighed 512 g"."""
    ordered = QCoreApplication.translate("PickingWords", "Ordered {weight}").format(
        weight=format_weight(ordered_g or 0)
    )
    if actual_g is None:
        return ordered
    return QCoreApplication.translate("PickingWords", "{ordered} · weighed {weight}").format(
        ordered=ordered, weight=format_weight(actual_g)
    )


def price_difference_text(cents: int) -> str:
    """A weighed line's price difference: what the customer gets back or pays more."""
    if cents > 0:
        return QCoreApplication.translate("PickingWords", "Surcharge {amount}").format(
            amount=format_money(cents)
        )
    if cents < 0:
        return QCoreApplication.translate("PickingWords", "Refund {amount}").format(
            amount=format_money(-cents)
        )
    return QCoreApplication.translate("PickingWords", "No price difference")


def picking_refusal_text(code: str) -> str:
    """Why the handheld refused an action (PickingRefused codes), in words."""
    if (words := input_refusal_text(code)) is not None:
        return words
    texts = {
        "not_clocked_in": QCoreApplication.translate("PickingWords", "Clock in first."),
        "not_yours": QCoreApplication.translate(
            "PickingWords", "This task is no longer yours: it was given to someone else."
        ),
        "wrong_status": QCoreApplication.translate(
            "PickingWords", "The task has moved on; this is no longer possible."
        ),
        "line_done": QCoreApplication.translate("PickingWords", "That line is already complete."),
        "too_many": QCoreApplication.translate(
            "PickingWords", "That is more than the order asks for."
        ),
        "unknown_task": QCoreApplication.translate(
            "PickingWords", "This task is no longer on this handheld."
        ),
        "unknown_line": QCoreApplication.translate(
            "PickingWords", "That line is not on this task."
        ),
        "not_permitted": QCoreApplication.translate(
            "PickingWords", "Your role does not allow this."
        ),
        "lines_open": QCoreApplication.translate(
            "PickingWords", "Some lines are not picked yet (or not reported short)."
        ),
        "bad_quantity": QCoreApplication.translate(
            "PickingWords", "Give a quantity the line allows."
        ),
        "unknown_notice": QCoreApplication.translate(
            "PickingWords", "That notice is not on this handheld."
        ),
        "bad_bag_count": QCoreApplication.translate(
            "PickingWords", "Give a bag count from 1 to 20."
        ),
        "task_paused": QCoreApplication.translate(
            "PickingWords", "The task is paused: resume it first."
        ),
        "task_cancelled": QCoreApplication.translate(
            "PickingWords", "This order was cancelled: stop picking it."
        ),
        "storage_full": QCoreApplication.translate(
            "PickingWords",
            "This handheld's storage is full, so the action was not saved. Earlier scans are"
            " safe; call the manager.",
        ),
    }
    return texts.get(code, QCoreApplication.translate("PickingWords", "This is not possible now."))


def scan_outcome_text(kind: str, line_name: str = "", args: Mapping[str, object] = {}) -> str:
    """What a scan did (ScanOutcome.kind), naming the line when there is one; `args` are the
    outcome's message_args (a missing one reads as empty)."""
    texts = {
        "counted": QCoreApplication.translate("PickingWords", "Counted one: {name}"),
        "line_done": QCoreApplication.translate(
            "PickingWords", "{name} is complete already. Nothing was counted."
        ),
        "quantity_needed": QCoreApplication.translate("PickingWords", "How many of {name}?"),
        "wrong_item": QCoreApplication.translate(
            "PickingWords", "Wrong item: this code is not on the order. Nothing was counted."
        ),
        "bad_code": QCoreApplication.translate(
            "PickingWords", "The code could not be read (check digit wrong). Nothing was counted."
        ),
        "weight_out_of_tolerance": QCoreApplication.translate(
            "PickingWords",
            "Weight too far from the order for {name} ({actual_g} g on the label, {ordered_g} g"
            " ordered). Nothing was counted.",
        ),
        "nothing_open": QCoreApplication.translate(
            "PickingWords", "Nothing is left to pick for that code. Nothing was counted."
        ),
    }
    text = texts.get(kind, QCoreApplication.translate("PickingWords", "Scan not counted."))
    values: defaultdict[str, object] = defaultdict(str, args)
    values["name"] = line_name or values["name"]
    return text.format_map(values)
