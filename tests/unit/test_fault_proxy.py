"""The fault proxy: each mode, per request under keep-alive, seeded schedules, a bounded stop."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests import fault_proxy
from tests.fault_proxy import FaultProxy, Mode
from tests.polling import wait_until

pytestmark = pytest.mark.timeout(30)

_DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)
"""How httpx reports a connection closed under it: at the end of stream, or by a reset."""
_REPLY_PADDING = "x" * 2000
"""Makes each reply longer than any cut a test makes inside its body."""


class _Upstream(ThreadingHTTPServer):
    """A loopback HTTP/1.1 server that answers every request and counts what it handled."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _EchoHandler)
        self.lock = threading.Lock()
        self.bodies: list[bytes] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def handled(self) -> int:
        with self.lock:
            return len(self.bodies)


class _EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn serves
    server: _Upstream

    def do_GET(self) -> None:
        self._answer(b"")

    def do_POST(self) -> None:
        self._answer(self.rfile.read(int(self.headers.get("Content-Length", "0"))))

    def _answer(self, body: bytes) -> None:
        with self.server.lock:
            self.server.bodies.append(body)
            number = len(self.server.bodies)
        reply = json.dumps({"n": number, "echo": body.decode(), "padding": _REPLY_PADDING}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    server = _Upstream()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.port) as running:
        yield running


@pytest.fixture
def client(proxy: FaultProxy) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=proxy.url, timeout=httpx.Timeout(5.0, connect=2.0)) as http:
        yield http


def test_pass_forwards_requests_and_replies_on_one_kept_alive_connection(
    proxy: FaultProxy, upstream: _Upstream, client: httpx.Client
) -> None:
    answers = [client.post("/v1/commands", content=f"body {n}".encode()) for n in range(3)]

    assert [answer.json()["echo"] for answer in answers] == ["body 0", "body 1", "body 2"]
    assert upstream.handled == 3
    assert proxy.connections == 1
    assert proxy.requests == 3
    assert [exchange.body for exchange in proxy.exchanges] == [b"body 0", b"body 1", b"body 2"]
    assert {exchange.status for exchange in proxy.exchanges} == {200}


def test_latency_delays_both_directions(proxy: FaultProxy, client: httpx.Client) -> None:
    proxy.set_fault(fault_proxy.latency(100))
    started = time.monotonic()
    answer = client.get("/v1/health")
    elapsed = time.monotonic() - started

    assert answer.status_code == 200
    assert elapsed >= 0.2  # what the fault adds, a lower bound only
    assert proxy.exchanges[-1].mode is Mode.LATENCY


def test_blackhole_reads_the_request_and_never_answers(
    proxy: FaultProxy, upstream: _Upstream
) -> None:
    proxy.set_fault(fault_proxy.BLACKHOLE)
    with (
        httpx.Client(base_url=proxy.url, timeout=httpx.Timeout(0.3, connect=2.0)) as impatient,
        pytest.raises(httpx.ReadTimeout),
    ):
        impatient.post("/v1/commands", content=b"into the void")

    assert upstream.handled == 0
    assert [(e.body, e.status) for e in proxy.exchanges] == [(b"into the void", None)]


def test_reset_after_reply_lets_the_upstream_answer_but_the_client_never_hears(
    proxy: FaultProxy, upstream: _Upstream, client: httpx.Client
) -> None:
    proxy.set_fault(fault_proxy.RESET_AFTER_REPLY)
    with pytest.raises(_DROPPED):
        client.post("/v1/commands", content=b"applied but unheard")

    assert upstream.bodies == [b"applied but unheard"]
    assert proxy.replies_dropped == 1
    assert proxy.exchanges[0].status == 200

    proxy.set_fault(fault_proxy.PASS)
    assert client.post("/v1/commands", content=b"again").json()["n"] == 2


def test_cut_after_sends_only_the_first_bytes_of_the_reply(
    proxy: FaultProxy, upstream: _Upstream, client: httpx.Client
) -> None:
    proxy.set_fault(fault_proxy.cut_after(1000))  # inside the body: replies pass 2,000 bytes
    with pytest.raises(_DROPPED):
        client.post("/v1/commands", content=b"half an answer")

    assert upstream.handled == 1
    assert proxy.replies_dropped == 1


def test_refuse_closes_new_connections_without_reading(
    proxy: FaultProxy, upstream: _Upstream, client: httpx.Client
) -> None:
    proxy.set_fault(fault_proxy.REFUSE)
    for _ in range(3):
        with pytest.raises(_DROPPED):
            client.get("/v1/health")

    assert upstream.handled == 0
    assert proxy.refused == proxy.connections == 3
    assert proxy.requests == 0


def test_refuse_also_ends_a_connection_kept_alive_from_before(
    proxy: FaultProxy, upstream: _Upstream, client: httpx.Client
) -> None:
    assert client.get("/v1/health").status_code == 200
    proxy.set_fault(fault_proxy.REFUSE)
    with pytest.raises(_DROPPED):
        client.get("/v1/health")

    assert upstream.handled == 1


def test_a_dead_upstream_looks_like_a_closed_connection(upstream: _Upstream) -> None:
    with FaultProxy(upstream.port) as proxy:
        upstream.shutdown()
        upstream.server_close()
        with (
            httpx.Client(base_url=proxy.url, timeout=2.0) as http,
            pytest.raises(_DROPPED),
        ):
            http.get("/v1/health")
        assert [e.status for e in proxy.exchanges] == [None]


def test_random_faults_follow_the_seed_and_spare_other_requests(
    proxy: FaultProxy, upstream: _Upstream, client: httpx.Client
) -> None:
    proxy.set_random_fault(fault_proxy.RESET_AFTER_REPLY, 0.3, random.Random(7))
    expected = random.Random(7)
    predicted_drops = 0
    for n in range(40):
        dropped = expected.random() < 0.3
        predicted_drops += dropped
        try:
            client.post("/v1/commands", content=str(n).encode())
        except httpx.TransportError:
            assert dropped, f"request {n} failed though the schedule let it through"
        else:
            assert not dropped, f"request {n} was answered though the schedule dropped it"
        assert client.get("/v1/health").status_code == 200  # not matched: never dropped

    assert 0 < predicted_drops < 40
    assert proxy.replies_dropped == predicted_drops
    assert upstream.handled == 80  # every request reached the upstream, dropped or not


def test_stop_ends_idle_and_blackholed_connections_within_its_bound(
    upstream: _Upstream,
) -> None:
    proxy = FaultProxy(upstream.port)
    proxy.start()
    idle = httpx.Client(base_url=proxy.url, timeout=5.0)
    waiting = httpx.Client(base_url=proxy.url, timeout=5.0)
    errors: list[Exception] = []

    def wait_forever() -> None:
        try:
            waiting.get("/v1/health")
        except httpx.TransportError as error:
            errors.append(error)

    try:
        assert idle.get("/v1/health").status_code == 200  # one connection stays open
        proxy.set_fault(fault_proxy.BLACKHOLE)
        caller = threading.Thread(target=wait_forever)
        caller.start()
        wait_for_requests(proxy, 2)
        proxy.stop()  # raises if the loop thread outlives fault_proxy.STOP_TIMEOUT_S
        caller.join(5)
        assert not caller.is_alive()
        assert len(errors) == 1  # the held request ended with the proxy, not at its timeout
    finally:
        idle.close()
        waiting.close()


def wait_for_requests(proxy: FaultProxy, count: int) -> None:
    """Block until the proxy has read `count` requests."""
    wait_until(lambda: proxy.requests >= count, 5.0, f"{count} requests at the proxy")
