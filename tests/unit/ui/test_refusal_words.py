"""Every refusal a person can meet reads as a sentence of ours, limits included, never raw text."""

from __future__ import annotations

import pytest

from app.domain.wire_limits import InputProblem
from app.services.input_checks import MISSING, NOT_SENDABLE, WRONG_TYPE, InputField, InputIssue
from ui import labels
from ui.handheld.picking_words import picking_refusal_text
from ui.manager.shortage_words import refusal_text as decision_refusal_text
from ui.refusal_words import hub_refusal_text, input_refusal_text

_PROBLEMS = [*(p.value for p in InputProblem), WRONG_TYPE, MISSING]
_WORDERS = [
    lambda code: labels.action_refusal_text(code, None),
    labels.pause_refusal_text,
    labels.print_refusal_text,
    picking_refusal_text,
    decision_refusal_text,
]


def test_the_sentences_people_are_promised(qapp) -> None:
    assert input_refusal_text("quantity_not_whole") == "Quantity must be a whole number."
    assert input_refusal_text("note_too_long") == ("The note is too long (at most 200 characters).")
    assert input_refusal_text("reason_control_character") == (
        "The reason contains a character that cannot be sent."
    )
    assert input_refusal_text("quantity_out_of_range") == "Quantity must be from 1 to 999."
    assert input_refusal_text("bag_count_out_of_range") == (
        "The number of bags must be from 1 to 20."
    )
    assert input_refusal_text("unknown_order") is None


@pytest.mark.parametrize("field", list(InputField))
def test_every_input_code_is_a_sentence_on_every_screen(qapp, field: InputField) -> None:
    for problem in _PROBLEMS:
        code = InputIssue(field, problem).code
        sentence = input_refusal_text(code)
        assert sentence is not None
        assert sentence.endswith(".")
        assert code not in sentence
        assert "{" not in sentence
        assert "None" not in sentence
        for words in _WORDERS:
            assert words(code) == sentence


def test_a_command_the_device_could_not_send_is_a_sentence(qapp) -> None:
    for words in _WORDERS:
        text = words(NOT_SENDABLE)
        assert text == "This cannot be sent to the hub as it is. Check what you typed."


def test_an_unknown_code_is_never_shown_as_it_is(qapp) -> None:
    for words in _WORDERS:
        assert "brand_new_code" not in words("brand_new_code")
    assert hub_refusal_text("brand_new_code") == "The hub refused this action."


@pytest.mark.parametrize(
    "reason",
    ["invalid_request", "invalid_command", "too_many", "line_done", "shortage_decided", "x"],
)
def test_the_hub_s_refusal_is_worded_from_its_code_never_its_message(qapp, reason: str) -> None:
    dump = (
        "1 validation error for PickLine\nquantity\n  Input should be a valid integer "
        "[type=int_type, input_value=1.5, input_type=float]"
    )
    text = labels.hub_rejection_text(reason, dump)
    assert text
    assert "validation" not in text
    assert "int_type" not in text
