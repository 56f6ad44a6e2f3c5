"""Enrols this device with the codes a person typed; when it cannot, the kind of problem.

The hub's words and exception texts go to the log only: the screen words the kind
(ui/enrolment_words.py). Nothing is sent to an address that is not a web address or that
would carry the codes in clear.
"""

from __future__ import annotations

import logging
import socket
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app.domain.enrolment_problems import EnrolmentProblem, problem_of_refusal
from app.settings import hub_url_problem
from local_db.database import Database
from sync.credentials import Credentials
from sync.enrolment import enrol_device
from sync.errors import (
    CertificateRefused,
    HubBusy,
    HubUnreachable,
    RequestRefused,
    SyncError,
)

if TYPE_CHECKING:  # the wire schemas load when a device enrols, not at every start
    from pydantic import ValidationError

log = logging.getLogger(__name__)

_NOT_IN_A_HOST = frozenset("/\\@?#")


def address_problem(hub_url: str) -> EnrolmentProblem | None:
    """BAD_ADDRESS unless `hub_url` is http(s)://host[:port][/path], INSECURE_ADDRESS for
    plain http to another computer (app.settings.hub_url_problem), else None."""
    parts = urlsplit(hub_url.strip())
    try:
        parts.port  # noqa: B018 -- read for its ValueError on a port that is not a number
    except ValueError:
        return EnrolmentProblem.BAD_ADDRESS
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host:
        return EnrolmentProblem.BAD_ADDRESS
    if any(character.isspace() or character in _NOT_IN_A_HOST for character in host):
        return EnrolmentProblem.BAD_ADDRESS
    if hub_url_problem(hub_url) is not None:
        return EnrolmentProblem.INSECURE_ADDRESS
    return None


def enrol_with_codes(
    db: Database,
    credentials: Credentials,
    hub_url: str,
    store_code: str,
    code: str,
    *,
    verify: bool | str = True,
) -> EnrolmentProblem | None:
    """Enrol this device; None when it worked, else what stopped it (the details logged).

    `verify` is Settings.hub_verify: enrolment trusts the same CA file as sync. Blocks
    for up to the hub client's deadline: call it off the GUI thread.
    """
    from pydantic import ValidationError  # noqa: PLC0415 -- see the imports above

    from sync.hub_client import HubClient  # noqa: PLC0415 -- HTTP only when enrolling

    problem = address_problem(hub_url)
    if problem is not None:
        log.warning("enrolment: not sending the codes to %r (%s)", hub_url, problem)
        return problem
    client = HubClient(hub_url, credentials.device_token, verify=verify)
    try:
        enrol_device(
            db,
            credentials,
            client,
            store_code=store_code,
            enrolment_code=code,
            device_name=socket.gethostname(),
        )
    except ValidationError as error:
        return _unsendable(error)
    except SyncError as error:
        return _problem_of(error, hub_url)
    finally:
        client.close()
    log.info("enrolled with the hub at %s", hub_url)
    return None


def _problem_of(error: SyncError, hub_url: str) -> EnrolmentProblem:
    """The kind of a failed enrolment request; what the hub or the network said is logged."""
    if isinstance(error, RequestRefused):
        log.warning(
            "enrolment refused by the hub at %s: %s %s (%s)",
            hub_url,
            error.status_code,
            error.error,
            error.message,
        )
        return problem_of_refusal(error.error)
    if isinstance(error, HubBusy) and error.status_code == HTTPStatus.TOO_MANY_REQUESTS:
        log.warning("enrolment: the hub at %s refused more attempts for now", hub_url)
        return EnrolmentProblem.TOO_MANY_ATTEMPTS
    if isinstance(error, CertificateRefused):
        log.warning("enrolment: the certificate of the hub at %s was refused: %s", hub_url, error)
        return EnrolmentProblem.CERTIFICATE_PROBLEM
    if isinstance(error, HubUnreachable):
        log.warning("enrolment: the hub at %s could not be reached: %s", hub_url, error)
        return EnrolmentProblem.HUB_UNREACHABLE
    log.warning("enrolment: the hub at %s refused: %s", hub_url, error)
    return EnrolmentProblem.HUB_REFUSED


def _unsendable(error: ValidationError) -> EnrolmentProblem:
    """What typed codes the request's schema refused (before anything was sent) mean."""
    fields = {str(detail["loc"][0]) for detail in error.errors() if detail["loc"]}
    log.warning("enrolment: the request cannot be sent: %s", sorted(fields))
    if "store_code" in fields:
        return EnrolmentProblem.UNKNOWN_STORE
    if "enrolment_code" in fields:
        return EnrolmentProblem.WRONG_CODE
    return EnrolmentProblem.HUB_REFUSED
