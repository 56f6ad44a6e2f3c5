"""The hub's /v1 API over real HTTP: enrolment, auth, feed long-poll and commands."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from sync.protocol import COMMAND_ID_REUSED, CURSOR_INVALID, CommandResults, ErrorBody, FeedPage
from tests.hub_controls import append_raw_feed_record, reset_feed_epoch
from tests.integration.hub.conftest import DEADLINE_S, wait_until


def _accept(order_id: str, command_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "type": "accept_order",
        "command_id": command_id or str(uuid.uuid4()),
        "staff_id": "staff-wangfang",
        "issued_at": datetime.now(UTC).isoformat(),
        "order_id": order_id,
        **extra,
    }


def test_health_needs_no_token(client: httpx.Client, embedded: EmbeddedHub) -> None:
    body = client.get("/v1/health").json()
    assert body["status"] == "ok"
    assert body["feed_epoch"] == embedded.hub.devices.feed_epoch


def test_an_enrolment_code_works_once(client: httpx.Client, embedded: EmbeddedHub) -> None:
    request = {
        "store_code": "DEMO01",
        "enrolment_code": embedded.new_enrolment_code(),
        "device_name": "handheld",
    }
    first = client.post("/v1/enrol", json=request)
    second = client.post("/v1/enrol", json=request)
    unknown = client.post("/v1/enrol", json={**request, "enrolment_code": "ZZZZ-ZZZZ"})

    assert first.status_code == 200
    assert first.json()["store_id"] == embedded.hub.world.demo_store_id
    assert second.status_code == 409
    assert ErrorBody.model_validate(second.json()).error == "enrolment_code_used"
    assert (unknown.status_code, unknown.json()["error"]) == (403, "enrolment_refused")


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/v1/staff"), ("GET", "/v1/feed"), ("POST", "/v1/commands")]
)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token-we-issued"}])
def test_endpoints_need_a_device_token(
    client: httpx.Client, method: str, path: str, headers: dict[str, str]
) -> None:
    response = client.request(method, path, headers=headers, json={"commands": []})
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_staff_of_the_store(client: httpx.Client, auth: dict[str, str]) -> None:
    staff = client.get("/v1/staff", headers=auth).json()
    assert {member["staff_id"] for member in staff} == {
        "staff-wangfang",
        "staff-liqiang",
        "staff-chenjing",
    }


def test_feed_long_poll_answers_when_an_order_arrives(
    client: httpx.Client, auth: dict[str, str], embedded: EmbeddedHub
) -> None:
    start = FeedPage.model_validate(client.get("/v1/feed", headers=auth).json())
    assert [r.kind for r in start.records][:1] == ["store_settings"]
    answer: dict[str, Any] = {}

    def long_poll() -> None:
        began = time.monotonic()
        params: dict[str, str | float] = {"after": start.cursor, "wait": 25}
        answer["body"] = client.get("/v1/feed", headers=auth, params=params).json()
        answer["took"] = time.monotonic() - began

    poller = threading.Thread(target=long_poll)
    poller.start()
    wait_until(lambda: embedded.hub.devices.waiting_readers == 1)
    order = embedded.demo.place_order(Channel.MEITUAN)
    poller.join(DEADLINE_S)

    assert not poller.is_alive()
    assert answer["took"] < DEADLINE_S
    page = FeedPage.model_validate(answer["body"])
    assert [(r.kind, r.id) for r in page.records] == [("order", order.order_id)]


def test_commands_are_applied_replayed_and_guarded(
    client: httpx.Client, auth: dict[str, str], embedded: EmbeddedHub
) -> None:
    order = embedded.demo.place_order(Channel.ELEME)
    command = _accept(order.order_id)

    first = client.post("/v1/commands", headers=auth, json={"commands": [command]})
    replay = client.post("/v1/commands", headers=auth, json={"commands": [command]})
    reused = client.post(
        "/v1/commands",
        headers=auth,
        json={"commands": [{**command, "type": "mark_ready"}]},
    )

    [applied] = CommandResults.model_validate(first.json()).results
    [duplicate] = CommandResults.model_validate(replay.json()).results
    assert (applied.outcome, duplicate.outcome) == ("applied", "duplicate")
    assert reused.status_code == 422
    error = ErrorBody.model_validate(reused.json())
    assert error.error == COMMAND_ID_REUSED
    assert error.details == {"command_id": command["command_id"]}
    assert len(embedded.hub.admin.channel_calls(order.order_id)) == 1


def test_malformed_requests_answer_error_bodies(client: httpx.Client, auth: dict[str, str]) -> None:
    bad_body = client.post("/v1/commands", headers=auth, json={"commands": [{"type": "nope"}]})
    bad_limit = client.get("/v1/feed", headers=auth, params={"limit": 0})
    no_path = client.get("/v1/nowhere")

    assert (bad_body.status_code, bad_body.json()["error"]) == (422, "invalid_request")
    assert (bad_limit.status_code, bad_limit.json()["error"]) == (422, "invalid_request")
    assert (no_path.status_code, no_path.json()["error"]) == (404, "not_found")


def test_cursors_die_with_their_epoch(
    client: httpx.Client, auth: dict[str, str], embedded: EmbeddedHub
) -> None:
    cursor = client.get("/v1/feed", headers=auth).json()["cursor"]
    reset_feed_epoch(embedded.hub)

    stale = client.get("/v1/feed", headers=auth, params={"after": cursor})
    garbage = client.get("/v1/feed", headers=auth, params={"after": "%%%"})

    assert (stale.status_code, stale.json()["error"]) == (410, CURSOR_INVALID)
    assert (garbage.status_code, garbage.json()["error"]) == (410, CURSOR_INVALID)


def test_a_malformed_feed_record_is_served_as_stored(
    client: httpx.Client, auth: dict[str, str], embedded: EmbeddedHub
) -> None:
    seq = append_raw_feed_record(
        embedded.hub, embedded.hub.world.demo_store_id, {"kind": "order", "id": "x"}
    )

    records = client.get("/v1/feed", headers=auth).json()["records"]

    assert records[-1] == {"kind": "order", "id": "x", "seq": seq}


def test_openapi_document_is_published(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    assert document["info"] == {
        "title": "Storeside order hub",
        "version": "1",
        "description": document["info"]["description"],
    }


@pytest.mark.skipif(sys.platform != "linux", reason="finds the hub's socket in /proc/self/fd")
def test_the_hub_sends_replies_without_nagle_delay(embedded: EmbeddedHub) -> None:
    """Every connection the hub accepts has TCP_NODELAY, so a reply is never held back.

    Without it uvicorn's reply head and body go out apart and the body waits for the
    client's delayed ACK, ~40 ms a request. The effect shows in `python -m bench.drain`.
    """
    with socket.create_connection(("127.0.0.1", embedded.port), timeout=5) as client:
        client.sendall(b"GET /v1/health HTTP/1.1\r\nHost: hub\r\n\r\n")
        assert client.recv(65536).startswith(b"HTTP/1.1 200")
        nodelay = server_side_option(client, socket.IPPROTO_TCP, socket.TCP_NODELAY)
    assert nodelay != 0


def server_side_option(client: socket.socket, level: int, option: int) -> int:
    """A socket option of the accepted end of `client`'s connection, found in this process."""
    wanted = (client.getpeername(), client.getsockname())
    for name in os.listdir("/proc/self/fd"):
        try:
            with socket.fromfd(int(name), socket.AF_INET, socket.SOCK_STREAM) as candidate:
                if (candidate.getsockname(), candidate.getpeername()) == wanted:
                    return candidate.getsockopt(level, option)
        except OSError:
            continue  # not a connected socket
    raise AssertionError("the hub's end of the connection is not in this process")
