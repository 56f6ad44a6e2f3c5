"""The sentence for each reason an enrolment failed: what happened and what to do about it.

Worded from the kind alone (app.domain.enrolment_problems): the hub's own message and any
exception text are in the log, never on the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.enrolment_problems import EnrolmentProblem


def enrolment_problem_text(problem: EnrolmentProblem, *, address: str, store_code: str) -> str:
    """What the person reads for `problem`; `address` and `store_code` as they typed them."""
    return _template(problem).format(address=address, store_code=store_code)


def _template(problem: EnrolmentProblem) -> str:  # noqa: PLR0911 -- one sentence per kind
    match problem:
        case EnrolmentProblem.WRONG_CODE:
            return QCoreApplication.translate(
                "Enrolment",
                "The one-time code was not accepted. Check the one-time code with your"
                " manager; a code works once and expires 24 hours after it was made, so you"
                " may need a new one.",
            )
        case EnrolmentProblem.UNKNOWN_STORE:
            return QCoreApplication.translate(
                "Enrolment",
                "The hub knows no store with the code {store_code}. Check the store code"
                " with your manager.",
            )
        case EnrolmentProblem.HUB_UNREACHABLE:
            return QCoreApplication.translate(
                "Enrolment",
                "The hub could not be reached at {address}. Check the address and the"
                " store's internet connection, then try again.",
            )
        case EnrolmentProblem.TOO_MANY_ATTEMPTS:
            return QCoreApplication.translate(
                "Enrolment",
                "The hub allows only a few enrolment attempts a minute. Wait a minute, check"
                " the store code and the one-time code with your manager, then try again.",
            )
        case EnrolmentProblem.CERTIFICATE_PROBLEM:
            return QCoreApplication.translate(
                "Enrolment",
                "The hub's certificate could not be verified, so nothing was sent to"
                " {address}. Check that this computer's date and time are right; if they"
                " are, ask your manager to have the hub's certificate checked.",
            )
        case EnrolmentProblem.INSECURE_ADDRESS:
            return QCoreApplication.translate(
                "Enrolment",
                "The address {address} is not secure: the codes would cross the network"
                " unencrypted. Ask your manager for the hub's address that starts with"
                " https://.",
            )
        case EnrolmentProblem.BAD_ADDRESS:
            return QCoreApplication.translate(
                "Enrolment",
                "“{address}” is not a web address. Type the hub's address as your manager"
                " gave it, starting with https://, for example https://hub.example.cn.",
            )
        case EnrolmentProblem.HUB_REFUSED:
            return QCoreApplication.translate(
                "Enrolment",
                "The hub at {address} did not enrol this device. Try again; if it happens"
                " again, tell your manager (this device's log says why).",
            )
