"""A scripted fake of the hub's feed on 127.0.0.1: each GET /v1/feed gets the next reply queued.

A test decides exactly what each pull gets: status, headers and body bytes, with the length
declared or the body chunked, optionally dripped a few bytes per interval (from the status
line on, or from the body on) or held back after some bytes until the fake stops. Every
request is recorded with its `after` cursor, its other parameters and its Authorization
header, and how many body bytes the fake managed to send.

How the device gets credentials: the fake knows nothing of enrolment or tokens. The device is
enrolled the way every other test enrols one, against a real `hub.embedded.EmbeddedHub`
(its one-time code, its tokens in the device's keyring); then the device is built by
`app.device.build_device`, the app's own wiring, with its hub address set to the fake's URL.
So the FeedPuller, HubClient, TokenKeeper and CallDeadline transport are the app's; only the
server at the other end of the socket is scripted, and it sees the real bearer token (the
tests check that). The access token lives 15 minutes and the tests' clock starts at the real
time, so the keeper never renews it here; any path other than the feed is answered 404
and recorded, so an unexpected call shows in `exchanges`.

A feed request with nothing queued is answered 503 (the device sees an unreachable hub) and
recorded as unscripted, so a test that pulls more than it scripted fails on its own
assertions rather than hanging.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import Clock
from app.domain.sync_events import SyncListener
from app.settings import Settings
from hub.embedded import EmbeddedHub
from tests.devices import quick_backoff

HOST: Final = "127.0.0.1"
FEED_PATH: Final = "/v1/feed"
STOP_TIMEOUT_S: Final = 5.0
"""How long `stop()` waits for each answering thread (they all watch the stop event)."""
_HOLD_LIMIT_S: Final = 60.0
"""A held-back reply resumes at the latest after this (a test ends long before)."""
_WRITE_STEP: Final = 64 * 1024
JSON_HEADERS: Final = (("Content-Type", "application/json"),)


@dataclass(frozen=True, slots=True)
class Drip:
    """Send `size` bytes, wait `every_s`, and so on."""

    size: int = 1
    every_s: float = 0.5
    from_status_line: bool = False
    """Drip the status line and headers too (else they come at once and the body drips)."""


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = JSON_HEADERS
    chunked: bool = False
    """Send the body in chunked transfer encoding, with no Content-Length."""
    declared_length: int | None = None
    """The Content-Length to declare (None: the body's true length); ignored when chunked."""
    drip: Drip | None = None
    hold_after: int | None = None
    """Send this many body bytes, then nothing more until the fake stops."""


@dataclass(slots=True)
class Exchange:
    """One request the fake read and what it did about it."""

    method: str
    path: str
    query: dict[str, str]
    authorization: str
    scripted: bool
    body_bytes_sent: int = 0
    """Body bytes written to the socket so far (the answering thread updates it)."""

    @property
    def after(self) -> str | None:
        """The `after` cursor the device sent (None: from the start)."""
        return self.query.get("after")


def page_body(records: Sequence[Any], cursor: Any, *, has_more: bool = False) -> bytes:
    """A feed page as the hub writes it: UTF-8 JSON text.

    Text is written as is, except lone surrogates, which UTF-8 cannot hold: they go as their
    JSON escape (`\\ud800`), the only way such a text can travel in a readable reply.
    """
    text = json.dumps(
        {"records": list(records), "cursor": cursor, "has_more": has_more}, ensure_ascii=False
    )
    return text.encode("utf-8", "backslashreplace")


def page_reply(records: Sequence[Any], cursor: Any, *, has_more: bool = False) -> Reply:
    """A 200 answer carrying a feed page."""
    return Reply(body=page_body(records, cursor, has_more=has_more))


class FakeFeedHub:
    """The scripted server; use as a context manager or call `start()` and `stop()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._replies: deque[Reply] = deque()
        self._exchanges: list[Exchange] = []
        self._threads: list[threading.Thread] = []
        self.stopping = threading.Event()
        self._server = _Server(self)
        self._serving: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:54321."""
        return f"http://{HOST}:{self._server.server_address[1]}"

    def start(self) -> None:
        """Serve on a free loopback port in a daemon thread."""
        self._serving = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-feed-hub",
            daemon=True,
        )
        self._serving.start()

    def stop(self) -> None:
        """Stop serving, release held and dripping replies, and join every thread."""
        self.stopping.set()
        if self._serving is not None:
            self._server.shutdown()
            self._serving.join(STOP_TIMEOUT_S)
        self._server.server_close()
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(STOP_TIMEOUT_S)

    def __enter__(self) -> FakeFeedHub:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def script(self, *replies: Reply) -> None:
        """Queue replies for the next feed requests, in order."""
        with self._lock:
            self._replies.extend(replies)

    @property
    def waiting_replies(self) -> int:
        """Replies queued and not yet asked for."""
        with self._lock:
            return len(self._replies)

    @property
    def exchanges(self) -> list[Exchange]:
        """Every request so far, oldest first."""
        with self._lock:
            return list(self._exchanges)

    @property
    def feed_requests(self) -> list[Exchange]:
        """The GET /v1/feed requests so far."""
        return [e for e in self.exchanges if e.method == "GET" and e.path == FEED_PATH]

    def _take(
        self, method: str, path: str, query: dict[str, str], auth: str
    ) -> tuple[Exchange, Reply | None]:
        with self._lock:
            reply = None
            if method == "GET" and path == FEED_PATH and self._replies:
                reply = self._replies.popleft()
            exchange = Exchange(method, path, query, auth, scripted=reply is not None)
            self._exchanges.append(exchange)
            return exchange, reply

    def _started_thread(self, thread: threading.Thread) -> None:
        with self._lock:
            self._threads.append(thread)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, fake: FakeFeedHub) -> None:
        self.fake = fake
        super().__init__((HOST, 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="fake-feed-hub-answer",
            daemon=True,
        )
        self.fake._started_thread(thread)
        thread.start()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A device that hung up on a reply is what some tests are about: not an error."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests assert on the recorded exchanges instead."""

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self._answer()

    def _answer(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        exchange, reply = fake._take(
            self.command, parts.path, query, self.headers.get("Authorization", "")
        )
        if reply is None:
            status = 503 if parts.path == FEED_PATH else 404
            reply = Reply(status=status, body=b'{"error": "nothing_scripted"}')
        self.close_connection = True
        with contextlib.suppress(OSError):
            self._send(reply, exchange, fake.stopping)

    def _send(self, reply: Reply, exchange: Exchange, stopping: threading.Event) -> None:
        head = [f"HTTP/1.1 {reply.status} {_phrase(reply.status)}"]
        head += [f"{name}: {value}" for name, value in reply.headers]
        if reply.chunked:
            head.append("Transfer-Encoding: chunked")
        else:
            length = len(reply.body) if reply.declared_length is None else reply.declared_length
            head.append(f"Content-Length: {length}")
        head.append("Connection: close")
        head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        drip = reply.drip
        wrote = False

        def write(data: bytes | memoryview) -> None:
            nonlocal wrote
            pause = drip.every_s if drip is not None and wrote else 0.0
            if stopping.wait(pause):
                raise _Stopping
            self.wfile.write(data)
            wrote = True

        if drip is not None and drip.from_status_line:
            for start in range(0, len(head_bytes), drip.size):
                write(head_bytes[start : start + drip.size])
        else:
            self.wfile.write(head_bytes)
        sent = 0
        for piece in _pieces(memoryview(reply.body), drip, reply.hold_after):
            if piece is _HOLD:
                stopping.wait(_HOLD_LIMIT_S)
                continue
            write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if reply.chunked else piece)
            sent += len(piece)
            exchange.body_bytes_sent = sent
        if reply.chunked:
            self.wfile.write(b"0\r\n\r\n")
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)


class _Stopping(OSError):
    """The fake is stopping: the reply ends where it is."""


_HOLD: Final = memoryview(b"")


def _pieces(body: memoryview, drip: Drip | None, hold_after: int | None) -> Iterator[memoryview]:
    """The body in the slices it is written in, with `_HOLD` where the reply stops a while."""
    step = drip.size if drip is not None else _WRITE_STEP
    hold = None if hold_after is None else min(hold_after, len(body))
    start = 0
    while start < len(body) or hold is not None:
        if hold is not None and start >= hold:
            hold = None
            yield _HOLD
            continue
        end = min(start + step, len(body) if hold is None else hold)
        yield body[start:end]
        start = end


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


@dataclass
class DeviceOnFakeHub:
    """A device enrolled with the reference hub and syncing with the fake."""

    device: Device
    access_token: str = field(repr=False)


def device_on_fake_hub(
    reference: EmbeddedHub,
    fake: FakeFeedHub,
    directory: Path,
    clock: Clock,
    listener: SyncListener,
) -> DeviceOnFakeHub:
    """Enrol a fresh device (real SQLite file, Alembic-migrated) with `reference`, then wire
    it as the app does with `fake` as its hub; its sync is driven by hand."""
    settings = Settings(
        data_dir=directory,
        hub_url=fake.url,
        long_poll_s=1.0,
        push_interval_s=0.2,
        storage_pause_s=0.5,
    )
    credentials, db = enrol_with_embedded_hub(reference, settings)
    token = credentials.device_token()
    assert token is not None, "enrolment with the reference hub gave no token"
    device = build_device(
        settings, credentials, clock, listener, db=db, backoff_factory=quick_backoff
    )
    return DeviceOnFakeHub(device, token)
