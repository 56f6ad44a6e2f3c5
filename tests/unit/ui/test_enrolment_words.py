"""Every reason an enrolment failed reads as a sentence with what to do, never as a code."""

from __future__ import annotations

import pytest

from app.domain.enrolment_problems import EnrolmentProblem
from ui.enrolment_words import enrolment_problem_text


@pytest.mark.parametrize("problem", list(EnrolmentProblem))
def test_each_problem_is_a_finished_sentence(qapp, problem: EnrolmentProblem) -> None:
    text = enrolment_problem_text(problem, address="https://hub.example.cn", store_code="SH01")
    assert text.endswith(".")
    assert "{" not in text
    assert problem.value not in text
    assert "_" not in text


def test_the_address_and_store_code_are_the_ones_typed(qapp) -> None:
    unreachable = enrolment_problem_text(
        EnrolmentProblem.HUB_UNREACHABLE, address="https://hub.example.cn", store_code="SH01"
    )
    assert "https://hub.example.cn" in unreachable
    unknown = enrolment_problem_text(
        EnrolmentProblem.UNKNOWN_STORE, address="https://hub.example.cn", store_code="SH01"
    )
    assert "SH01" in unknown
