"""schemathesis against the live hub: every operation answers as its OpenAPI document says."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hub.api.request_guards import RequestGuards
from hub.api.routes import openapi_document
from hub.api.server import HubServer
from hub.composition import compose_hub

EXAMPLES = 25
GENEROUS = RequestGuards(
    enrol_per_address=100_000, enrol_per_store=100_000, token_per_address=100_000
)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    hub = compose_hub(tmp_path_factory.mktemp("hub") / "hub.db", seed=7)
    server = HubServer(hub.devices, guards=GENEROUS)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    assert server.ready.wait(10)
    with httpx.Client(base_url=server.url, timeout=10) as client:
        grant = client.post(
            "/v1/enrol",
            json={
                "store_code": hub.admin.store_code(hub.world.demo_store_id),
                "enrolment_code": hub.admin.new_enrolment_code(hub.world.demo_store_id),
                "device_name": "schemathesis",
            },
        )
        grant.raise_for_status()
    yield server.url, {"Authorization": f"Bearer {grant.json()['device_token']}"}
    server.request_stop()
    thread.join(5)
    hub.close()


# The document is loaded at import (schemathesis's lazy fixture loader does not run under
# pytest 9); the first test checks the live hub serves this very document.
schema = schemathesis.openapi.from_dict(openapi_document())
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES
)


def test_the_live_hub_serves_the_document_tested(served: tuple[str, dict[str, str]]) -> None:
    assert httpx.get(f"{served[0]}/openapi.json", timeout=10).json() == openapi_document()


@pytest.mark.timeout(120)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_every_operation_answers_as_documented(
    case: schemathesis.Case, served: tuple[str, dict[str, str]]
) -> None:
    # Both adjustments keep what the case generated invalid: a negative case that dropped the
    # Authorization header or made `wait` a string must reach the hub that way.
    if "Authorization" in case.headers:
        case.headers["Authorization"] = served[1]["Authorization"]
    if case.path == "/v1/feed" and isinstance(case.query, dict):
        wait = case.query.get("wait", 0)
        if isinstance(wait, (int, float)) and not isinstance(wait, bool) and 0 <= wait <= 30:
            case.query["wait"] = 0  # a long-poll would only spend the time box
    case.call_and_validate(base_url=served[0], checks=CHECKS, timeout=15)
