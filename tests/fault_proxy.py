"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, for tests: drops, delays, cuts and refusals.

The proxy reads each request whole (head, then the body by Content-Length or chunks), so
faults apply per request even when the client keeps its connection alive (httpx does).
Every request goes upstream on a fresh connection, and the reply is read whole (by its
Content-Length, its chunks, or to end of stream) before the fault decides what the client
gets. So `reset_after_reply` and `cut_after` only ever hit a request the upstream has
finished handling: the hub applied the command, the device never hears.

Faults are set at any time from any thread: one for every request (`set_fault`), and
optionally a seeded random one for matching requests (`set_random_fault`). A `refuse`
fault closes new connections at once, before reading anything. Every await is bounded,
and `stop()` ends the loop thread within `STOP_TIMEOUT_S`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Final

HOST: Final = "127.0.0.1"
STOP_TIMEOUT_S: Final = 2.0
_START_TIMEOUT_S: Final = 5.0
_CONNECT_TIMEOUT_S: Final = 2.0
_UPSTREAM_TIMEOUT_S: Final = 40.0
"""Longer than any long-poll a test asks the hub for."""
_IDLE_TIMEOUT_S: Final = 60.0
"""How long a kept-alive client connection may sit between requests (and a blackhole hold)."""
_CLOSE_TIMEOUT_S: Final = 1.0
_NO_BODY_STATUSES: Final = frozenset({204, 304})
_BROKEN: Final = (
    OSError,
    TimeoutError,
    ValueError,
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
)
"""A peer gone, too slow, or not speaking HTTP: the exchange ends without an answer."""


class Mode(StrEnum):
    """What the proxy does with one request."""

    PASS = "pass"
    LATENCY = "latency"
    """Delay the request and the reply by `latency_ms` each."""
    BLACKHOLE = "blackhole"
    """Read the request, send nothing upstream, never answer (hold until the client leaves)."""
    RESET_AFTER_REPLY = "reset_after_reply"
    """Let the upstream answer in full, drop the answer, reset the client connection."""
    CUT_AFTER = "cut_after"
    """Let the upstream answer in full, send the client only `cut_after_bytes` of it, close."""
    REFUSE = "refuse"
    """Close the connection at once without a word, as a dead hub behind a balancer would."""


@dataclass(frozen=True, slots=True)
class Fault:
    """A mode and its parameter."""

    mode: Mode = Mode.PASS
    latency_ms: float = 0.0
    cut_after_bytes: int = 0


PASS: Final = Fault()
BLACKHOLE: Final = Fault(Mode.BLACKHOLE)
RESET_AFTER_REPLY: Final = Fault(Mode.RESET_AFTER_REPLY)
REFUSE: Final = Fault(Mode.REFUSE)


def latency(ms: float) -> Fault:
    """Delay each direction by `ms` milliseconds."""
    return Fault(Mode.LATENCY, latency_ms=ms)


def cut_after(size: int) -> Fault:
    """Forward only the first `size` bytes of each reply, then close."""
    return Fault(Mode.CUT_AFTER, cut_after_bytes=size)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request the proxy read and what became of it."""

    method: str
    path: str
    body: bytes
    """The request body as the client sent it (de-chunked)."""
    mode: Mode
    status: int | None
    """The upstream's answer, None when it was not asked or did not answer."""


@dataclass(slots=True)
class _RandomFault:
    fault: Fault
    probability: float
    rng: random.Random
    method: str
    path: str


@dataclass(slots=True)
class _Message:
    start_line: str
    headers: dict[str, str]
    body: bytes
    raw: bytes
    read_to_eof: bool = False

    @property
    def wants_close(self) -> bool:
        return self.read_to_eof or self.headers.get("connection", "").lower() == "close"


class FaultProxy:
    """Listens on 127.0.0.1:`port` and forwards to `upstream_port` on 127.0.0.1."""

    def __init__(self, upstream_port: int, *, upstream_host: str = HOST) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._lock = threading.Lock()
        self._fault = PASS
        self._random: _RandomFault | None = None
        self._connections = self._refused = self._replies_dropped = 0
        self._exchanges: list[Exchange] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    # --- control, from any thread -------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL for a client, e.g. http://127.0.0.1:54321."""
        return f"http://{HOST}:{self.port}"

    def set_fault(self, fault: Fault) -> None:
        """The fault every request meets from now on (unless the random fault hits it)."""
        with self._lock:
            self._fault = fault

    def set_random_fault(
        self,
        fault: Fault,
        probability: float,
        rng: random.Random,
        *,
        method: str = "POST",
        path: str = "/v1/commands",
    ) -> None:
        """Requests matching `method` and `path` meet `fault` with `probability`.

        One draw of `rng` per matching request, in the order requests arrive, so a client
        that sends one request at a time sees the same schedule for the same seed.
        """
        with self._lock:
            self._random = _RandomFault(fault, probability, rng, method, path)

    @property
    def connections(self) -> int:
        """Client connections accepted so far (refused ones included)."""
        with self._lock:
            return self._connections

    @property
    def refused(self) -> int:
        """Client connections closed at once by a `refuse` fault."""
        with self._lock:
            return self._refused

    @property
    def replies_dropped(self) -> int:
        """Upstream replies the client never received whole (reset or cut)."""
        with self._lock:
            return self._replies_dropped

    @property
    def exchanges(self) -> list[Exchange]:
        """Every request read so far, oldest first."""
        with self._lock:
            return list(self._exchanges)

    @property
    def requests(self) -> int:
        """How many requests were read."""
        with self._lock:
            return len(self._exchanges)

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Listen on a free port; returns once connections are accepted."""
        if self._thread is not None:
            raise RuntimeError("the fault proxy is already running")
        started = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(started,), name="fault-proxy", daemon=True
        )
        self._thread.start()
        if not started.wait(_START_TIMEOUT_S) or self.port == 0:
            self.stop()
            raise RuntimeError("the fault proxy did not start")

    def stop(self) -> None:
        """Close the listener and every connection; raises if the thread outlives the bound."""
        thread, loop, stopping = self._thread, self._loop, self._stopping
        if thread is None:
            return
        if loop is not None and stopping is not None and not loop.is_closed():
            # RuntimeError: the loop closed in between, so the thread is ending anyway.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopping.set)
        thread.join(STOP_TIMEOUT_S)
        if thread.is_alive():
            raise RuntimeError(f"the fault proxy did not stop within {STOP_TIMEOUT_S} s")
        self._thread = None

    def __enter__(self) -> FaultProxy:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # --- the loop thread ----------------------------------------------------------------

    def _run(self, started: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(started))
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self, started: threading.Event) -> None:
        self._stopping = asyncio.Event()
        server = await asyncio.start_server(self._on_connection, HOST, 0)
        self.port = server.sockets[0].getsockname()[1]
        started.set()
        try:
            await self._stopping.wait()
        finally:
            server.close()
            for task in list(self._tasks):
                task.cancel()
            if self._tasks:
                await asyncio.wait(list(self._tasks), timeout=STOP_TIMEOUT_S / 2)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(_CLOSE_TIMEOUT_S):
                    await server.wait_closed()

    async def _on_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._serve_client(reader, writer)
        except _BROKEN:
            pass  # the client left, or sent what is not HTTP: nothing to answer
        finally:
            self._tasks.discard(task)
            await _close(writer)

    async def _serve_client(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        with self._lock:
            self._connections += 1
            refuse = self._fault.mode is Mode.REFUSE
            self._refused += refuse
        if refuse:
            return
        while True:
            async with asyncio.timeout(_IDLE_TIMEOUT_S):
                request = await _read_message(reader, request_method=None)
            if request is None:
                return
            if not await self._exchange(request, reader, writer):
                return

    async def _exchange(
        self, request: _Message, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Handle one request; returns whether the client connection stays open."""
        method, path = _method_and_path(request)
        fault = self._fault_for(method, path)
        if fault.mode is Mode.REFUSE:
            self._record(method, path, request, fault, None)
            return False
        if fault.mode is Mode.BLACKHOLE:
            self._record(method, path, request, fault, None)
            await _hold_until_gone(reader)
            return False
        if fault.mode is Mode.LATENCY:
            await asyncio.sleep(fault.latency_ms / 1000)
        reply = await self._forward(request, method)
        self._record(method, path, request, fault, _status(reply))
        if reply is None:
            return False  # upstream down: the client sees the connection close
        if fault.mode is Mode.RESET_AFTER_REPLY:
            self._count_drop()
            _reset(writer)
            return False
        if fault.mode is Mode.CUT_AFTER:
            if fault.cut_after_bytes < len(reply.raw):
                self._count_drop()
            writer.write(reply.raw[: fault.cut_after_bytes])
            await _drain(writer)
            return False
        if fault.mode is Mode.LATENCY:
            await asyncio.sleep(fault.latency_ms / 1000)
        writer.write(reply.raw)
        await _drain(writer)
        return not (request.wants_close or reply.wants_close)

    async def _forward(self, request: _Message, method: str) -> _Message | None:
        """The upstream's whole reply to `request` on a fresh connection; None if none came."""
        try:
            async with asyncio.timeout(_CONNECT_TIMEOUT_S):
                up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        except (OSError, TimeoutError):
            return None
        try:
            up_writer.write(request.raw)
            async with asyncio.timeout(_UPSTREAM_TIMEOUT_S):
                await up_writer.drain()
                return await _read_message(up_reader, request_method=method)
        except _BROKEN:
            return None
        finally:
            await _close(up_writer)

    def _fault_for(self, method: str, path: str) -> Fault:
        with self._lock:
            chosen = self._random
            matches = chosen is not None and (chosen.method, chosen.path) == (method, path)
            if matches and chosen is not None and chosen.rng.random() < chosen.probability:
                return chosen.fault
            return self._fault

    def _record(
        self, method: str, path: str, request: _Message, fault: Fault, status: int | None
    ) -> None:
        with self._lock:
            self._exchanges.append(Exchange(method, path, request.body, fault.mode, status))

    def _count_drop(self) -> None:
        with self._lock:
            self._replies_dropped += 1


async def _read_message(
    reader: asyncio.StreamReader, *, request_method: str | None
) -> _Message | None:
    """One HTTP/1.1 message; a request when `request_method` is None, else its reply.

    Returns None on a clean end of stream before the message starts.
    """
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if not error.partial:
            return None
        raise
    lines = head[:-4].decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    message = _Message(lines[0], headers, b"", head)
    if request_method is not None and not _reply_has_body(lines[0], request_method):
        return message
    if "chunked" in headers.get("transfer-encoding", "").lower():
        await _read_chunks(reader, message)
    elif "content-length" in headers:
        message.body = await reader.readexactly(int(headers["content-length"]))
        message.raw += message.body
    elif request_method is not None:
        message.body = await reader.read()  # a reply delimited by the end of the stream
        message.raw += message.body
        message.read_to_eof = True
    return message


async def _read_chunks(reader: asyncio.StreamReader, message: _Message) -> None:
    body = bytearray()
    while True:
        size_line = await reader.readuntil(b"\r\n")
        message.raw += size_line
        size = int(size_line.split(b";")[0].strip(), 16)
        if size == 0:
            break
        chunk = await reader.readexactly(size + 2)
        message.raw += chunk
        body += chunk[:-2]
    while True:  # trailers, up to the empty line
        line = await reader.readuntil(b"\r\n")
        message.raw += line
        if line == b"\r\n":
            break
    message.body = bytes(body)


def _reply_has_body(status_line: str, request_method: str) -> bool:
    status = int(status_line.split()[1])
    return request_method != "HEAD" and status >= 200 and status not in _NO_BODY_STATUSES


def _method_and_path(request: _Message) -> tuple[str, str]:
    method, target, _version = request.start_line.split(" ", 2)
    return method, target.split("?", 1)[0]


def _status(reply: _Message | None) -> int | None:
    return None if reply is None else int(reply.start_line.split()[1])


async def _hold_until_gone(reader: asyncio.StreamReader) -> None:
    """Read and discard until the client closes, `_IDLE_TIMEOUT_S` passes, or we are cancelled."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(_IDLE_TIMEOUT_S):
            while await reader.read(65536):
                pass


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (SO_LINGER 0), dropping anything not yet sent."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _drain(writer: asyncio.StreamWriter) -> None:
    async with asyncio.timeout(_UPSTREAM_TIMEOUT_S):
        await writer.drain()


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(OSError, TimeoutError):  # already reset or gone: closed is closed
        async with asyncio.timeout(_CLOSE_TIMEOUT_S):
            await writer.wait_closed()
