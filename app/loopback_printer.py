"""An ESC/POS printer on 127.0.0.1 for the self-test and the tests: it answers the status
queries as a ready printer does and keeps every other byte it is sent."""

from __future__ import annotations

import socket
import threading
from types import TracebackType
from typing import Final

from app.printing.network_printer import NetworkAddress

_STATUS_QUERY: Final = b"\x10\x04"
_READY: Final = 0x12
"""The answer of a ready printer to DLE EOT 1 and 4: online, paper present."""
_CUT: Final = b"\x1dV"


class LoopbackPrinter:
    """Listens on a free 127.0.0.1 port until `close()`; `printed` is set after the status
    answer that follows a paper cut (the link asks once more after each ticket).

    Each connection is served on a thread of its own, as a printer serves its status port
    and its print port at once. Subclasses (tests/fake_printer.py) change `_status` and
    `_accepts` to play a printer that is off, out of paper or hung.
    """

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.address = NetworkAddress("127.0.0.1", self._server.getsockname()[1])
        self.printed = threading.Event()
        self._lock = threading.Lock()
        self._received = bytearray()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="loopback-printer", daemon=True)
        self._thread.start()

    @property
    def received(self) -> bytes:
        """Every byte printed so far, status queries left out."""
        with self._lock:
            return bytes(self._received)

    def close(self) -> None:
        """Stop listening (connections are refused by the system from now on) and wait for
        the server thread."""
        self._closed.set()
        self._thread.join(timeout=5)
        self._server.close()

    def __enter__(self) -> LoopbackPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _accepts(self) -> bool:
        """Whether a new connection is read (False: closed at once, a printer switched off)."""
        return True

    def _status(self, which: int) -> int | None:
        """The answer to DLE EOT `which` (None: no answer, a printer hung)."""
        return _READY

    def _serve(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self._accepts():
                connection.close()
                continue
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        pending = b""
        with connection:
            while not self._closed.is_set():
                try:
                    chunk = connection.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                pending = self._take(connection, pending + chunk)

    def _take(self, connection: socket.socket, data: bytes) -> bytes:
        """Keep the bytes before each complete status query and answer it, in stream order
        (an answer proves every byte before the query was kept, as a real printer's answer
        proves it read them); returns a query cut short at the end of `data`."""
        while True:
            start = data.find(_STATUS_QUERY)
            if start < 0 or start + 2 >= len(data):
                keep = len(data) if start < 0 else start
                if start < 0 and data.endswith(b"\x10"):
                    keep -= 1
                self._keep(data[:keep])
                return data[keep:]
            self._keep(data[:start])
            answer = self._status(data[start + 2])
            if answer is not None:
                connection.sendall(bytes([answer]))
            if _CUT in self.received:
                self.printed.set()
            data = data[start + 3 :]

    def _keep(self, data: bytes) -> None:
        with self._lock:
            self._received += data
