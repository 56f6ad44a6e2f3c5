"""Guards in front of the hub's routes: a request body cap and per-address attempt throttles."""

from __future__ import annotations

import json
import math
import threading
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from app.domain.wire_limits import REQUEST_BODY_MAX_BYTES
from hub.clock import Clock
from hub.errors import TooManyRequests

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_TOO_LARGE: Final = json.dumps(
    {
        "error": "request_too_large",
        "message": f"The request body is too large (at most {REQUEST_BODY_MAX_BYTES} bytes).",
        "details": {"max_bytes": REQUEST_BODY_MAX_BYTES},
    }
).encode()


@dataclass(frozen=True, slots=True)
class RequestGuards:
    """The hub's throttle figures: attempts allowed per sliding window of `window_s` seconds."""

    enrol_per_address: int = 10
    """POST /v1/enrol attempts per client address (successful ones count too)."""
    enrol_per_store: int = 5
    """POST /v1/enrol attempts per store code, from any address."""
    token_per_address: int = 30
    """POST /v1/token attempts per client address."""
    window_s: int = 60
    """Length of the sliding window, in seconds."""


class Throttle:
    """Sliding-log attempt counters per key, read against the hub's clock; thread-safe."""

    def __init__(self, clock: Clock, window_s: int) -> None:
        self._clock = clock
        self._window = timedelta(seconds=window_s)
        self._attempts: dict[tuple[str, str], deque[datetime]] = {}
        self._lock = threading.Lock()

    def attempt(self, what: str, checks: list[tuple[str, str, int]]) -> None:
        """Count one attempt under every (bucket, key, limit); raise TooManyRequests if any
        bucket is full (the refused attempt is not counted)."""
        now = self._clock()
        with self._lock:
            self._forget_before(now - self._window)
            wait_s = 0
            for bucket, key, limit in checks:
                log = self._attempts.get((bucket, key))
                if log is not None and len(log) >= limit:
                    free_at = log[len(log) - limit] + self._window
                    wait_s = max(wait_s, math.ceil((free_at - now).total_seconds()), 1)
            if wait_s:
                raise TooManyRequests(
                    f"Too many {what} attempts; try again in {wait_s} seconds.", wait_s
                )
            for bucket, key, _limit in checks:
                self._attempts.setdefault((bucket, key), deque()).append(now)

    def _forget_before(self, cutoff: datetime) -> None:
        for key in list(self._attempts):
            log = self._attempts[key]
            while log and log[0] <= cutoff:
                log.popleft()
            if not log:
                del self._attempts[key]


class BodyCap:
    """ASGI middleware answering 413 to a body over the cap, by Content-Length or as it streams
    (a chunked body is counted chunk by chunk and never held whole)."""

    def __init__(self, app: ASGIApp, max_bytes: int = REQUEST_BODY_MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(send)
            return
        seen = 0
        refused = False

        async def counted_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    refused = True
                    await _refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(_TOO_LARGE)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": _TOO_LARGE})
