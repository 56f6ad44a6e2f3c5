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

_CONTEXT = "Refusals"


def input_refusal_text(code: str) -> str | None:
    """The sentence for a refused input's code (e.g. "note_too_long"), or None when the code
    names no input."""
    if code == NOT_SENDABLE:
        return QCoreApplication.translate(
            _CONTEXT, "This cannot be sent to the hub as it is. Check what you typed."
        )
    issue = issue_of(code)
    return None if issue is None else _issue_text(issue)


def _issue_text(issue: InputIssue) -> str:
    tr = QCoreApplication.translate
    templates = {
        InputProblem.TOO_LONG: tr(_CONTEXT, "{what} is too long (at most {limit} characters)."),
        InputProblem.CONTROL_CHARACTER: tr(
            _CONTEXT, "{what} contains a character that cannot be sent."
        ),
        InputProblem.BROKEN_CHARACTER: tr(
            _CONTEXT, "{what} contains a broken character that cannot be sent. Type it again."
        ),
        InputProblem.NOT_WHOLE: tr(_CONTEXT, "{what} must be a whole number."),
        InputProblem.NOT_A_NUMBER: tr(_CONTEXT, "{what} must be a number."),
        InputProblem.OUT_OF_RANGE: tr(_CONTEXT, "{what} must be from {low} to {high}."),
        MISSING: tr(_CONTEXT, "{what} is empty. Type it first."),
        WRONG_TYPE: tr(_CONTEXT, "{what} is not valid. Choose or type it again."),
    }
    if issue.max_length is None:
        templates[InputProblem.TOO_LONG] = tr(_CONTEXT, "{what} is too long.")
    if issue.number_range is None:
        templates[InputProblem.OUT_OF_RANGE] = tr(_CONTEXT, "{what} is out of range.")
    low, high = issue.number_range or (0, 0)
    template = templates.get(issue.problem, tr(_CONTEXT, "{what} cannot be used."))
    return template.format(
        what=_field_name(issue.field), limit=issue.max_length, low=low, high=high
    )


def _field_name(field: InputField) -> str:
    """The input a sentence is about, as its subject ("The note")."""
    tr = QCoreApplication.translate
    return {
        InputField.NOTE: tr(_CONTEXT, "The note"),
        InputField.REASON: tr(_CONTEXT, "The reason"),
        InputField.REPLY: tr(_CONTEXT, "The reply"),
        InputField.NAME: tr(_CONTEXT, "The name"),
        InputField.SCANNED_CODE: tr(_CONTEXT, "The scanned code"),
        InputField.SUBSTITUTE: tr(_CONTEXT, "The substitute's code"),
        InputField.SEARCH: tr(_CONTEXT, "The search text"),
        InputField.QUANTITY: tr(_CONTEXT, "Quantity"),
        InputField.QUANTITY_FOUND: tr(_CONTEXT, "The quantity found"),
        InputField.WEIGHT: tr(_CONTEXT, "The weight in grams"),
        InputField.PRICE_DIFFERENCE: tr(_CONTEXT, "The price difference"),
        InputField.BAG_COUNT: tr(_CONTEXT, "The number of bags"),
        InputField.ANSWER: tr(_CONTEXT, "The answer"),
        InputField.HANDED_TO: tr(_CONTEXT, "Whom the order goes to"),
        InputField.SHORTAGE_REASON: tr(_CONTEXT, "The shortage reason"),
    }[field]


def hub_refusal_text(reason: str) -> str:
    """Why the hub refused a command, from its reason code; never the hub's own message."""
    tr = QCoreApplication.translate
    unreadable = tr(
        _CONTEXT, "The hub could not read this action. It was not applied; do it again."
    )
    too_large = tr(_CONTEXT, "This action was too large for the hub.")
    busy = tr(_CONTEXT, "The hub was too busy to take this action. Do it again in a moment.")
    texts = {
        "invalid_request": unreadable,
        "invalid_command": tr(
            _CONTEXT, "This action could not be sent to the hub as it was saved. Do it again."
        ),
        "out_of_limits": tr(_CONTEXT, "Something in this action is beyond what the hub takes."),
        "command_id_reused": tr(
            _CONTEXT, "The hub already had another action under the same number. Do it again."
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
        "internal_error": tr(_CONTEXT, "The hub failed on this action. Try again shortly."),
        "unknown_task": tr(_CONTEXT, "The hub does not know this task."),
        "unknown_line": tr(_CONTEXT, "The hub does not know this line of the task."),
        "not_clocked_in": tr(_CONTEXT, "The picker was not clocked in at the hub."),
        "task_cancelled": tr(_CONTEXT, "The task was cancelled. Put the items back."),
        "not_yours": tr(_CONTEXT, "The task belongs to another picker now."),
        "wrong_status": tr(_CONTEXT, "The task had already moved on at the hub."),
        "task_paused": tr(_CONTEXT, "The task was paused at the hub."),
        "line_done": tr(_CONTEXT, "That line was already complete at the hub."),
        "too_many": tr(_CONTEXT, "That is more than the customer ordered."),
        "lines_open": tr(_CONTEXT, "Some lines were not picked or decided yet."),
        "assignee_off_duty": tr(_CONTEXT, "That picker is not on duty."),
        "unknown_shortage": tr(_CONTEXT, "The hub does not know this shortage."),
        "shortage_decided": tr(_CONTEXT, "Another manager had already decided this shortage."),
        "unknown_substitute": tr(_CONTEXT, "The hub does not know that substitute."),
        "unknown_item": tr(_CONTEXT, "That item is not in the store's catalogue at the hub."),
        "unknown_line_ref": tr(_CONTEXT, "That item is not one of the order's unreadable items."),
        "line_mapped_twice": tr(_CONTEXT, "An item was matched twice. Match each item once."),
        "line_unmapped": tr(
            _CONTEXT, "Some items are not matched to a product yet. Match every item."
        ),
        "nothing_to_accept": tr(
            _CONTEXT, "The order has no items the store could prepare. Reject it instead."
        ),
    }
    return texts.get(reason, tr(_CONTEXT, "The hub refused this action."))
