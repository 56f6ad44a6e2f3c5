"""Enrolling with typed codes against the real hub on 127.0.0.1: each failure is one kind.

The hub's reason code and words reach the log; the caller gets the kind and nothing else.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.enrolment_problems import EnrolmentProblem
from app.enrolment import address_problem, enrol_with_codes
from hub.api.request_guards import RequestGuards
from hub.embedded import EmbeddedHub
from local_db.database import Database
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import is_enrolled
from tests.fakes import FrozenClock


@pytest.fixture
def device_db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "device.db")
    yield database
    database.close()


@pytest.fixture
def credentials() -> Credentials:
    return Credentials(MemoryKeyring(), account="counter")


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port bound by nobody listening: a connection to it is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]


def _refused(
    device_db: Database, credentials: Credentials, url: str, store: str, code: str
) -> EnrolmentProblem | None:
    problem = enrol_with_codes(device_db, credentials, url, store, code)
    assert not is_enrolled(device_db, credentials)
    assert credentials.device_tokens() is None
    return problem


def test_right_codes_enrol(hub: EmbeddedHub, device_db: Database, credentials: Credentials) -> None:
    code = hub.new_enrolment_code()
    assert enrol_with_codes(device_db, credentials, hub.url, hub.store_code, code) is None
    assert is_enrolled(device_db, credentials)


def test_a_wrong_code_is_a_wrong_code_and_the_log_keeps_the_hubs_reason(
    hub: EmbeddedHub,
    device_db: Database,
    credentials: Credentials,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.enrolment"):
        problem = _refused(device_db, credentials, hub.url, hub.store_code, "WRONG-CODE")
    assert problem is EnrolmentProblem.WRONG_CODE
    assert "403 enrolment_refused" in caplog.text
    assert "WRONG-CODE" not in caplog.text  # a typed code is never logged


def test_a_used_code_is_a_wrong_code(
    hub: EmbeddedHub, device_db: Database, credentials: Credentials, tmp_path: Path
) -> None:
    code = hub.new_enrolment_code()
    first = Database(tmp_path / "first.db")
    try:
        earlier = Credentials(MemoryKeyring(), account="first")
        assert enrol_with_codes(first, earlier, hub.url, hub.store_code, code) is None
    finally:
        first.close()
    assert _refused(device_db, credentials, hub.url, hub.store_code, code) is (
        EnrolmentProblem.WRONG_CODE
    )


def test_an_expired_code_is_a_wrong_code(
    tmp_path: Path,
    device_db: Database,
    credentials: Credentials,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FrozenClock()
    with EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, clock=clock) as hub:
        code = hub.new_enrolment_code()
        clock.advance(hours=24)
        with caplog.at_level(logging.WARNING, logger="app.enrolment"):
            problem = _refused(device_db, credentials, hub.url, hub.store_code, code)
    assert problem is EnrolmentProblem.WRONG_CODE
    assert "enrolment_code_expired" in caplog.text


def test_an_unknown_store_is_said_so(
    hub: EmbeddedHub, device_db: Database, credentials: Credentials
) -> None:
    code = hub.new_enrolment_code()
    assert _refused(device_db, credentials, hub.url, "NOPE01", code) is (
        EnrolmentProblem.UNKNOWN_STORE
    )
    # The code was not spent by the refusal: the right store code still enrols with it.
    assert enrol_with_codes(device_db, credentials, hub.url, hub.store_code, code) is None


@pytest.mark.parametrize(
    ("store", "code", "expected"),
    [
        ("DEMO 01\n", "ABCD-EFGH", EnrolmentProblem.UNKNOWN_STORE),
        ("DEMO01", "AB", EnrolmentProblem.WRONG_CODE),
    ],
)
def test_codes_that_cannot_even_be_sent_are_refused_in_the_same_words(
    hub: EmbeddedHub,
    device_db: Database,
    credentials: Credentials,
    store: str,
    code: str,
    expected: EnrolmentProblem,
) -> None:
    assert _refused(device_db, credentials, hub.url, store, code) is expected


def test_too_many_tries_in_a_minute_are_told_apart_from_an_unreachable_hub(
    tmp_path: Path, device_db: Database, credentials: Credentials
) -> None:
    guards = RequestGuards(enrol_per_store=2)
    with EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, guards=guards) as hub:
        tries = [
            _refused(device_db, credentials, hub.url, hub.store_code, "WRONG-CODE")
            for _ in range(3)
        ]
    assert tries == [
        EnrolmentProblem.WRONG_CODE,
        EnrolmentProblem.WRONG_CODE,
        EnrolmentProblem.TOO_MANY_ATTEMPTS,
    ]


def test_a_closed_port_is_unreachable(
    closed_port: int,
    device_db: Database,
    credentials: Credentials,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"http://127.0.0.1:{closed_port}"
    with caplog.at_level(logging.WARNING, logger="app.enrolment"):
        problem = _refused(device_db, credentials, url, "DEMO01", "ABCD-EFGH")
    assert problem is EnrolmentProblem.HUB_UNREACHABLE
    assert "ConnectError" in caplog.text  # the exception's text is kept for whoever reads the log


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("hub.example.com", EnrolmentProblem.BAD_ADDRESS),
        ("ftp://hub.example.com", EnrolmentProblem.BAD_ADDRESS),
        ("https://", EnrolmentProblem.BAD_ADDRESS),
        ("https://hub example.com", EnrolmentProblem.BAD_ADDRESS),
        ("https://hub.example.com:99999", EnrolmentProblem.BAD_ADDRESS),
        ("https://hub.example.com:port", EnrolmentProblem.BAD_ADDRESS),
        ("http://192.0.2.1:8700", EnrolmentProblem.INSECURE_ADDRESS),
        ("http://hub.example.com", EnrolmentProblem.INSECURE_ADDRESS),
        ("https://hub.example.com", None),
        ("https://中文.cn/storeside", None),
        ("http://127.0.0.1:8700", None),
    ],
)
def test_addresses_are_judged_before_anything_is_sent(
    url: str, expected: EnrolmentProblem | None
) -> None:
    assert address_problem(url) is expected


@pytest.mark.parametrize("url", ["http://192.0.2.1:8700", "hub.example.com"])
def test_a_refused_address_is_never_contacted(
    url: str, device_db: Database, credentials: Credentials
) -> None:
    problem = _refused(device_db, credentials, url, "DEMO01", "ABCD-EFGH")
    assert problem is address_problem(url)
    assert problem is not None
