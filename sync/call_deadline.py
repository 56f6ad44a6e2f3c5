"""An overall deadline per hub call: every socket wait of the call is cut to the time left."""

from __future__ import annotations

import ssl
import threading
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager

import httpcore
import httpx

# httpx's timeouts are per socket operation (a reply dripping a byte a second never trips a
# 10 s read timeout), and httpcore reads the request's timeout once for the whole body, so
# no per-request setting can bound a call (encode/httpx#1450). The connection pool's network
# backend is the one place every connect, read and write of a call passes through: there
# each wait is cut to what is left of the call's deadline, so a call ends by it even when
# one blocked read would otherwise outlast it.


class CallDeadline:
    """The deadline of the call in flight on each thread (none: the set timeouts alone)."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextmanager
    def running(self, seconds: float) -> Iterator[None]:
        """Within this block, this thread's socket waits end `seconds` from now at the latest."""
        previous = getattr(self._local, "deadline", None)
        self._local.deadline = time.monotonic() + seconds
        try:
            yield
        finally:
            self._local.deadline = previous

    def remaining(self) -> float | None:
        """Seconds left for this thread's call (may be ≤ 0), None when no call is timed."""
        deadline: float | None = getattr(self._local, "deadline", None)
        return None if deadline is None else deadline - time.monotonic()

    def passed(self) -> bool:
        """Whether this thread's call is past its deadline."""
        left = self.remaining()
        return left is not None and left <= 0

    def cut(self, timeout: float | None, error: type[Exception]) -> float | None:
        """`timeout` no longer than the time left; `error` raised when none is left."""
        left = self.remaining()
        if left is None:
            return timeout
        if left <= 0:
            raise error("the call's deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: CallDeadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        cut = self._deadline.cut(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, cut), self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend, deadline: CallDeadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        cut = self._deadline.cut(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, cut, local_address, socket_options)
        return _Stream(stream, self._deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        cut = self._deadline.cut(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, cut, socket_options), self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(verify: ssl.SSLContext, deadline: CallDeadline) -> httpx.HTTPTransport:
    """An httpx transport whose every socket wait is cut to `deadline`'s time left.

    httpx offers no way to give its transport a network backend, so the transport's pool is
    replaced by one built with it (the same settings as httpx's defaults otherwise); the
    slow-drip test in tests/integration/sync/test_call_deadlines.py fails if httpx changes.
    """
    transport = httpx.HTTPTransport(verify=verify)
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=verify,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=_Backend(httpcore.SyncBackend(), deadline),
    )
    return transport
