"""The reference hub serving on 127.0.0.1, an HTTP client and an enrolled device token."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from hub.embedded import EmbeddedHub
from tests.polling import wait_until as poll_until

DEADLINE_S = 5.0


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedHub]:
    """A started hub without simulator thread; orders are placed by the test."""
    served = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=5)
    served.start()
    yield served
    served.stop()


@pytest.fixture
def client(embedded: EmbeddedHub) -> Iterator[httpx.Client]:
    """A plain HTTP client of the hub."""
    with httpx.Client(base_url=embedded.url, timeout=10.0) as http:
        yield http


@pytest.fixture
def auth(embedded: EmbeddedHub, client: httpx.Client) -> dict[str, str]:
    """Authorization headers of a freshly enrolled device."""
    response = client.post(
        "/v1/enrol",
        json={
            "store_code": embedded.store_code,
            "enrolment_code": embedded.new_enrolment_code(),
            "device_name": "counter",
        },
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['device_token']}"}


def wait_until(condition: Callable[[], bool], timeout_s: float = DEADLINE_S) -> None:
    """Poll `condition` until true; fail the test after `timeout_s`."""
    poll_until(condition, timeout_s)
