"""Sentences for refused input and for the hub's refusals, so no raw error text reaches a person.

A person's input refused at a service's boundary carries a code naming the field and the
problem (`app.services.input_checks`); it is worded here with the field's limits. A command
the hub refused is worded from its reason code alone: the hub's own message is never shown
(it may be a schema dump), an unknown code reads as "The hub refused this action.".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.wire_limits import InputProblem
from app.services.input_checks import (
    MISSING,
    NOT_SENDABLE,
    WRONG_TYPE,
    InputField,
    InputIssue,
    issue_of,
)


def input_refusal_text(code: str) -> str | None:
    """The sentence for a refused input's code (e.g. "note_too_long"), or None when the code
    names no input."""
    if code == NOT_SENDABLE:
        return QCoreApplication.translate(
            "Refusals", "This cannot be sent to the hub as it is. Check what you typed."
        )
    issue = issue_of(code)
    return None if issue is None else _issue_text(issue)


def _issue_text(issue: InputIssue) -> str:
    templates = {
        InputProblem.TOO_LONG: QCoreApplication.translate(
            "Refusals", "{what} is too long (at most {limit} characters)."
        ),
        InputProblem.CONTROL_CHARACTER: QCoreApplication.translate(
            "Refusals", "{what} contains a character that cannot be sent."
        ),
        InputProblem.BROKEN_CHARACTER: QCoreApplication.translate(
            "Refusals", "{what} contains a broken character that cannot be sent. Type it again."
        ),
        InputProblem.NOT_WHOLE: QCoreApplication.translate(
            "Refusals", "{what} must be a whole number."
        ),
        InputProblem.NOT_A_NUMBER: QCoreApplication.translate(
            "Refusals", "{what} must be a number."
        ),
        InputProblem.OUT_OF_RANGE: QCoreApplication.translate(
            "Refusals", "{what} must be from {low} to {high}."
        ),
        MISSING: QCoreApplication.translate("Refusals", "{what} is empty. Type it first."),
        WRONG_TYPE: QCoreApplication.translate(
            "Refusals", "{what} is not valid. Choose or type it again."
        ),
    }
    if issue.max_length is None:
        templates[InputProblem.TOO_LONG] = QCoreApplication.translate(
            "Refusals", "{what} is too long."
        )
    if issue.number_range is None:
        templates[InputProblem.OUT_OF_RANGE] = QCoreApplication.translate(
            "Refusals", "{what} is out of range."
        )
    low, high = issue.number_range or (0, 0)
    template = templates.get(
        issue.problem, QCoreApplication.translate("Refusals", "{what} cannot be used.")
    )
    return template.format(
        what=_field_name(issue.field), limit=issue.max_length, low=low, high=high
    )


def _field_name(field: InputField) -> str:
    """The input a sentence is about, as its subject ("The note")."""
    return {
        InputField.NOTE: QCoreApplication.translate("Refusals", "The note"),
        InputField.REASON: QCoreApplication.translate("Refusals", "The reason"),
        InputField.REPLY: QCoreApplication.translate("Refusals", "The reply"),
        InputField.NAME: QCoreApplication.translate("Refusals", "The name"),
        InputField.SCANNED_CODE: QCoreApplication.translate("Refusals", "The scanned code"),
        InputField.SUBSTITUTE: QCoreApplication.translate("Refusals", "The substitute's code"),
        InputField.SEARCH: QCoreApplication.translate("Refusals", "The search text"),
        InputField.QUANTITY: QCoreApplication.translate("Refusals", "Quantity"),
        InputField.QUANTITY_FOUND: QCoreApplication.translate("Refusals", "The quantity found"),
        InputField.WEIGHT: QCoreApplication.translate("Refusals", "The weight in grams"),
        InputField.PRICE_DIFFERENCE: QCoreApplication.translate("Refusals", "The price difference"),
        InputField.BAG_COUNT: QCoreApplication.translate("Refusals", "The number of bags"),
        InputField.ANSWER: QCoreApplication.translate("Refusals", "The answer"),
        InputField.HANDED_TO: QCoreApplication.translate("Refusals", "Whom the order goes to"),
        InputField.SHORTAGE_REASON: QCoreApplication.translate("Refusals", "The shortage reason"),
    }[field]


def hub_refusal_text(reason: str) -> str:
    """Why the hub refused a command, from its reason code; never the hub's own message."""
    unreadable = QCoreApplication.translate(
        "Refusals", "The hub could not read this action. It was not applied; do it again."
    )
    too_large = QCoreApplication.translate("Refusals", "This action was too large for the hub.")
    busy = QCoreApplication.translate(
        "Refusals", "The hub was too busy to take this action. Do it again in a moment."
    )
    texts = {
        "invalid_request": unreadable,
        "invalid_command": QCoreApplication.translate(
            "Refusals", "This action could not be sent to the hub as it was saved. Do it again."
        ),
        "out_of_limits": QCoreApplication.translate(
            "Refusals", "Something in this action is beyond what the hub takes."
        ),
        "command_id_reused": QCoreApplication.translate(
            "Refusals", "The hub already had another action under the same number. Do it again."
        ),
        "http_413": too_large,
        "413": too_large,
        "payload_too_large": too_large,
        "request_too_large": too_large,
        "422": unreadable,
        "http_422": unreadable,
        "429": busy,
        "http_429": busy,
        "rate_limited": busy,
        "too_many_requests": busy,
        "internal_error": QCoreApplication.translate(
            "Refusals", "The hub failed on this action. Try again shortly."
        ),
        "unknown_task": QCoreApplication.translate("Refusals", "The hub does not know this task."),
        "unknown_line": QCoreApplication.translate(
            "Refusals", "The hub does not know this line of the task."
        ),
        "not_clocked_in": QCoreApplication.translate(
            "Refusals", "The picker was not clocked in at the hub."
        ),
        "task_cancelled": QCoreApplication.translate(
            "Refusals", "The task was cancelled. Put the items back."
        ),
        "not_yours": QCoreApplication.translate(
            "Refusals", "The task belongs to another picker now."
        ),
        "wrong_status": QCoreApplication.translate(
            "Refusals", "The task had already moved on at the hub."
        ),
        "task_paused": QCoreApplication.translate("Refusals", "The task was paused at the hub."),
        "line_done": QCoreApplication.translate(
            "Refusals", "That line was already complete at the hub."
        ),
        "too_many": QCoreApplication.translate(
            "Refusals", "That is more than the customer ordered."
        ),
        "lines_open": QCoreApplication.translate(
            "Refusals", "Some lines were not picked or decided yet."
        ),
        "assignee_off_duty": QCoreApplication.translate("Refusals", "That picker is not on duty."),
        "unknown_shortage": QCoreApplication.translate(
            "Refusals", "The hub does not know this shortage."
        ),
        "shortage_decided": QCoreApplication.translate(
            "Refusals", "Another manager had already decided this shortage."
        ),
        "unknown_substitute": QCoreApplication.translate(
            "Refusals", "The hub does not know that substitute."
        ),
        "unknown_item": QCoreApplication.translate(
            "Refusals", "That item is not in the store's catalogue at the hub."
        ),
        "unknown_line_ref": QCoreApplication.translate(
            "Refusals", "That item is not one of the order's unreadable items."
        ),
        "line_mapped_twice": QCoreApplication.translate(
            "Refusals", "An item was matched twice. Match each item once."
        ),
        "line_unmapped": QCoreApplication.translate(
            "Refusals", "Some items are not matched to a product yet. Match every item."
        ),
        "nothing_to_accept": QCoreApplication.translate(
            "Refusals", "The order has no items the store could prepare. Reject it instead."
        ),
    }
    return texts.get(reason, QCoreApplication.translate("Refusals", "The hub refused this action."))
