"""A hub inside this process: HTTP on 127.0.0.1 in a thread, optional simulator, offline switch."""

from __future__ import annotations

import logging
import random
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Final

from app.domain.vocabulary import Role
from hub.api.request_guards import RequestGuards
from hub.api.server import HubServer, TlsFiles
from hub.clock import Clock, system_clock
from hub.composition import Hub, compose_hub
from hub.one_store import OneStore
from hub.world.simulator import OrderSimulator

logger = logging.getLogger(__name__)

HOST: Final = "127.0.0.1"
DEMO_BAD_ORDER_RATE: Final = 0.08
"""Share of the demo's simulated orders a channel spoils: an exception order now and then."""
_START_TIMEOUT_S: Final = 10.0
_STOP_TIMEOUT_S: Final = 5.0


class EmbeddedHub:
    """The reference hub for the demo and the tests, served on 127.0.0.1.

    `start()` serves HTTP and starts the simulator; `go_offline()` stops only the HTTP side
    (connections are refused, orders keep coming); `go_online()` serves again on the same port
    with the same data; `stop()` ends everything. All of them are safe to repeat.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        port: int = 0,
        simulate: bool = True,
        order_interval_s: float = 15.0,
        seed: int = 1,
        clock: Clock = system_clock,
        tls: TlsFiles | None = None,
        bad_order_rate: float = DEMO_BAD_ORDER_RATE,
        guards: RequestGuards | None = None,
    ) -> None:
        """`tls` serves HTTPS with those files instead of plain HTTP (the TLS tests);
        `bad_order_rate` is the share of simulated orders sent unreadable (exception orders);
        `guards`: the body cap and throttles (None: the hub's defaults, as in production)."""
        self.hub: Hub = compose_hub(db_path, clock=clock, seed=seed)
        self.demo = OneStore(self.hub, self.hub.world.demo_store_id)
        """The demo store, the one store an embedded hub serves."""
        self._guards = guards
        self._port = port
        self._tls = tls
        self._simulator = (
            OrderSimulator(
                self.hub.world,
                self.hub.intake,
                self.hub.admin,
                store_id=self.hub.world.demo_store_id,
                rng=random.Random(seed),
                clock=clock,
                order_interval_s=order_interval_s,
                bad_order_rate=bad_order_rate,
            )
            if simulate
            else None
        )
        self._server: HubServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.RLock()

    def start(self) -> None:
        """Serve HTTP and run the simulator; returns once connections are accepted."""
        with self._lock:
            if self._simulator is not None:
                self._simulator.start()
            self.go_online()

    def stop(self) -> None:
        """Stop serving and simulating, join the threads and release the database."""
        with self._lock:
            self.go_offline()
            if self._simulator is not None:
                self._simulator.stop()
            self.hub.close()

    def go_offline(self) -> None:
        """Stop the HTTP server only: connections are refused until `go_online()`."""
        with self._lock:
            server, thread = self._server, self._thread
            self._server = self._thread = None
            if server is None or thread is None:
                return
            server.request_stop()
            thread.join(_STOP_TIMEOUT_S)
            if thread.is_alive():
                logger.warning("Hub HTTP thread still running after %.0f s", _STOP_TIMEOUT_S)

    def go_online(self) -> None:
        """Serve HTTP again, on the same port as before; a no-op while online."""
        with self._lock:
            if self._server is not None:
                return
            server = HubServer(
                self.hub.devices, host=HOST, port=self._port, tls=self._tls, guards=self._guards
            )
            self._port = server.port
            thread = threading.Thread(target=server.serve, name="storeside-hub-http", daemon=True)
            thread.start()
            deadline = time.monotonic() + _START_TIMEOUT_S
            while not server.ready.wait(0.02):
                if not thread.is_alive() or time.monotonic() > deadline:
                    server.request_stop()
                    thread.join(_STOP_TIMEOUT_S)
                    raise RuntimeError(f"the hub could not serve on {HOST}:{self._port}")
            self._server, self._thread = server, thread

    @property
    def is_online(self) -> bool:
        """Whether the HTTP server is up."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The TCP port; fixed at the first start when 0 was asked for."""
        return self._port

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:54321 (known once started; https when TLS)."""
        if self._port == 0:
            raise RuntimeError("the embedded hub has not been started")
        scheme = "http" if self._tls is None else "https"
        return f"{scheme}://{HOST}:{self._port}"

    @property
    def store_code(self) -> str:
        """The demo store's code, for enrolment."""
        return self.demo.store_code()

    @property
    def demo_staff(self) -> list[tuple[str, tuple[Role, ...], str]]:
        """(name, roles, PIN) of each demo staff member, for the demo banner."""
        return [(member.name, member.roles, member.pin) for member in self.hub.world.demo_staff]

    def new_enrolment_code(self) -> str:
        """A fresh one-time enrolment code for the demo store."""
        return self.demo.new_enrolment_code()

    def __enter__(self) -> EmbeddedHub:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
