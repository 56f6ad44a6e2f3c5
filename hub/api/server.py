"""The device API served over HTTP by uvicorn: a socket bound up front, a stop that never hangs."""

from __future__ import annotations

import logging
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Final

import uvicorn

from hub.api.request_guards import RequestGuards
from hub.api.routes import create_app
from hub.doors.device_api import DeviceApi

logger = logging.getLogger(__name__)

GRACEFUL_TIMEOUT_S: Final = 1
"""Seconds uvicorn waits for in-flight requests once stopping (woken long-polls end at once)."""


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """The PEM files a hub serves HTTPS with; the device checks them against its trust store."""

    certfile: Path
    """The hub's certificate, followed by any intermediate certificates."""
    keyfile: Path
    """The certificate's private key."""


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, telling us when it is up and when a signal asks it to stop."""

    def __init__(self, config: uvicorn.Config, server: HubServer) -> None:
        super().__init__(config)
        self._owner = server

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self._owner.ready.set()

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # Ctrl-C: release long-polls first, or uvicorn waits for them to time out.
        self._owner.release_requests()
        super().handle_exit(sig, frame)


class HubServer:
    """One serving session of the device API on `host:port` (port 0 picks a free one).

    The socket is bound in the constructor, so `port` is known and a taken port fails early.
    `serve()` blocks until `request_stop()` (or Ctrl-C when run on the main thread).
    """

    def __init__(
        self,
        devices: DeviceApi,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        graceful_timeout_s: int = GRACEFUL_TIMEOUT_S,
        tls: TlsFiles | None = None,
        guards: RequestGuards | None = None,
    ) -> None:
        self._devices = devices
        self.host = host
        self.tls = tls
        self.ready = threading.Event()
        self._stopping = threading.Event()
        self._socket = _bind(host, port)
        self.port: int = self._socket.getsockname()[1]
        config = uvicorn.Config(
            create_app(devices, shutdown=self._stopping, guards=guards),
            log_config=None,
            access_log=False,
            lifespan="off",
            http="h11",
            ws="none",
            loop="asyncio",
            timeout_graceful_shutdown=graceful_timeout_s,
            ssl_certfile=None if tls is None else str(tls.certfile),
            ssl_keyfile=None if tls is None else str(tls.keyfile),
        )
        self._server = _Uvicorn(config, self)

    @property
    def url(self) -> str:
        """Base URL of this server (https when it serves TLS)."""
        scheme = "http" if self.tls is None else "https"
        return f"{scheme}://{self.host}:{self.port}"

    def serve(self) -> None:
        """Serve until asked to stop; the socket is closed afterwards either way."""
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._socket.close()

    def request_stop(self) -> None:
        """Ask the server to stop: long-polls answer now, then uvicorn shuts down."""
        self.release_requests()
        self._server.should_exit = True

    def release_requests(self) -> None:
        """Make waiting long-polls answer at once."""
        self._stopping.set()
        self._devices.wake_waiters()

    def discard(self) -> None:
        """Close the socket of a server that was never served."""
        self._socket.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off only on sockets whose proto says TCP, and
    # accepted connections inherit it. With Nagle on, a reply's body waits ~40 ms for the
    # client's delayed ACK after its head was written apart.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if sys.platform != "win32":
            # Lets go_online re-bind the same port while old connections sit in TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock
