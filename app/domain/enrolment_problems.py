"""Why a device could not enrol, as kinds the enrolment screen words; the hub's codes for them.

The hub's own message and any exception text stay in the log: a person reads only the
sentence the screen has for the kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final


class EnrolmentProblem(StrEnum):
    """What stopped an enrolment, in terms of what the person can do about it."""

    WRONG_CODE = "wrong_code"
    """The one-time code is unknown, already used or expired: ask the manager for one."""
    UNKNOWN_STORE = "unknown_store"
    """The hub knows no store with this store code."""
    HUB_UNREACHABLE = "hub_unreachable"
    """No answer from the address (network down, wrong address, hub stopped or failing)."""
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    """The hub throttles enrolment (a few tries a minute per store): wait, then try again."""
    CERTIFICATE_PROBLEM = "certificate_problem"
    """The hub's TLS certificate failed verification: nothing was sent to it."""
    INSECURE_ADDRESS = "insecure_address"
    """Plain http:// to another computer: the codes must not cross the network in clear."""
    BAD_ADDRESS = "bad_address"
    """What was typed is not a web address (http:// or https:// and a host)."""
    HUB_REFUSED = "hub_refused"
    """Anything else the hub refused; its reason code is in the log."""


HUB_REFUSAL_CODES: Final[Mapping[str, EnrolmentProblem]] = MappingProxyType(
    {
        "enrolment_refused": EnrolmentProblem.WRONG_CODE,
        "enrolment_code_used": EnrolmentProblem.WRONG_CODE,
        "enrolment_code_expired": EnrolmentProblem.WRONG_CODE,
        "enrolment_store_unknown": EnrolmentProblem.UNKNOWN_STORE,
    }
)
"""The hub's `error` codes on POST /v1/enrol (hub/errors.py) and what each means here."""


def problem_of_refusal(error_code: str) -> EnrolmentProblem:
    """The kind for the hub's refusal code; HUB_REFUSED for any code not in the table."""
    return HUB_REFUSAL_CODES.get(error_code, EnrolmentProblem.HUB_REFUSED)
