"""The hub's answers match its OpenAPI: ErrorBody for every refusal, 405 Allow, 413, 429."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hub.embedded import EmbeddedHub
from tests.fakes import FrozenClock

MIB = 1024 * 1024


@pytest.fixture
def moved() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def timed(tmp_path: Path, moved: FrozenClock) -> Iterator[EmbeddedHub]:
    served = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=5, clock=moved)
    served.start()
    yield served
    served.stop()


def _is_error_body(response: httpx.Response) -> None:
    body = response.json()
    assert set(body) == {"error", "message", "details"}
    assert body["message"].endswith(".")
    assert " " in body["message"]


def test_broken_json_is_422_with_error_body(client: httpx.Client) -> None:
    response = client.post(
        "/v1/enrol", content=b'{"store_code": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    _is_error_body(response)
    assert response.json()["details"]["errors"][0]["type"] == "json_invalid"


def test_405_names_the_allowed_methods(client: httpx.Client) -> None:
    response = client.get("/v1/enrol")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    _is_error_body(response)


def test_oversized_body_by_content_length_is_413(client: httpx.Client) -> None:
    response = client.post(
        "/v1/enrol", content=b"x" * (3 * MIB // 2), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    _is_error_body(response)


def test_oversized_chunked_body_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(24):
            yield b" " * (64 * 1024)

    try:
        response = client.post(
            "/v1/enrol", content=chunks(), headers={"Content-Type": "application/json"}
        )
    except httpx.TransportError:
        pytest.fail("the hub closed before answering 413")
    assert response.status_code == 413
    _is_error_body(response)


def _enrol(client: httpx.Client, store_code: str) -> httpx.Response:
    return client.post(
        "/v1/enrol",
        json={"store_code": store_code, "enrolment_code": "WRONG-CODE", "device_name": "c"},
    )


def test_enrolment_is_throttled_per_store_then_allowed_again(
    timed: EmbeddedHub, moved: FrozenClock
) -> None:
    with httpx.Client(base_url=timed.url, timeout=10.0) as client:
        for _ in range(5):
            assert _enrol(client, timed.store_code).status_code == 403
        refused = _enrol(client, timed.store_code)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "60"
        _is_error_body(refused)
        assert "Too many enrolment attempts; try again in 60 seconds." in refused.text
        moved.advance(seconds=61)
        assert _enrol(client, timed.store_code).status_code == 403


def test_enrolment_is_throttled_per_address(timed: EmbeddedHub, moved: FrozenClock) -> None:
    with httpx.Client(base_url=timed.url, timeout=10.0) as client:
        for number in range(10):
            assert _enrol(client, f"store-{number}").status_code == 403
        refused = _enrol(client, "store-x")
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        moved.advance(seconds=61)
        assert _enrol(client, "store-y").status_code == 403


def test_every_operation_documents_its_refusals(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            wanted = {"413", "422", "500"}
            if operation.get("security") or path not in ("/v1/health", "/v1/enrol", "/v1/token"):
                wanted.add("401")
            if path in ("/v1/enrol", "/v1/token"):
                wanted.add("429")
            if method == "post":
                wanted.add("400")
            assert wanted <= set(answers), (method, path, wanted - set(answers))
            for code in wanted:
                schema = answers[code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (path, code)


def _command(**fields: object) -> dict[str, object]:
    return {
        "command_id": "8c5b1a8e-3f7a-4a1e-9a55-0c7d2f1e6b10",
        "staff_id": "staff-1",
        "issued_at": "2026-11-22T03:30:00Z",
        **fields,
    }


_REJECT = {"type": "reject_order", "order_id": "o-1", "reason": "sold_out"}
_HEAD = {"seq": 3, "hash": "0" * 64}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/audit/head", {**_HEAD, "anchor": {"seq": False, "hash": "0" * 64}}, "anchor"),
        (
            "/v1/commands",
            {
                "commands": [
                    _command(
                        type="accept_exception_order",
                        order_id="o-1",
                        line_mappings=[{"ref": "1", "sku": "s", "quantity": 1.5}],
                        pickup_code="1234",
                    )
                ]
            },
            "quantity",
        ),
        ("/v1/commands", {"commands": [_command(**_REJECT, note="n" * (2 * MIB))]}, ""),
        ("/v1/commands", {"commands": [_command(**_REJECT, note="n" * (MIB // 2))]}, "note"),
        ("/v1/commands", {"commands": [_command(**_REJECT, note="bad\x00note")]}, "note"),
    ],
    ids=["anchor-seq-false", "quantity-1.5", "note-2mb", "note-half-mb", "nul-in-note"],
)
def test_wrong_types_are_refused_in_words(
    client: httpx.Client, auth: dict[str, str], path: str, body: dict[str, object], field: str
) -> None:
    response = client.post(path, headers=auth, json=body)
    if not field:  # a 2 MB note makes the whole body too large: 413 before any parsing
        assert response.status_code == 413
    else:
        assert response.status_code == 422
        assert field in response.json()["message"]
    _is_error_body(response)


def test_lone_surrogate_is_refused_in_words(client: httpx.Client) -> None:
    raw = b'{"store_code": "s", "enrolment_code": "abcd", "device_name": "\\ud800"}'
    response = client.post("/v1/enrol", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    _is_error_body(response)


@pytest.mark.parametrize("moment", [0, 1.5e9, True])
def test_a_number_is_no_time(client: httpx.Client, auth: dict[str, str], moment: object) -> None:
    body = {"pending_count": 0, "rejected_count": 0, "quarantined_count": 0, "last_push_at": moment}
    response = client.post("/v1/devices/health", headers=auth, json=body)
    assert response.status_code == 422
    assert "last_push_at" in response.json()["message"]
    _is_error_body(response)


def test_a_time_in_words_is_still_a_time(client: httpx.Client, auth: dict[str, str]) -> None:
    body = {
        "pending_count": 0,
        "rejected_count": 0,
        "quarantined_count": 0,
        "last_push_at": "2026-12-07T01:00:00+08:00",
    }
    assert client.post("/v1/devices/health", headers=auth, json=body).status_code == 200
