"""A fake ESC/POS network printer on 127.0.0.1 and a decoder of the bytes it received.

The printer answers DLE EOT status queries like a real one, records every other byte, and
can be made to refuse connections, report no paper, or swallow status queries.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

from app.printing.network_printer import NetworkAddress

STATUS_OK = 0x12
STATUS_OFFLINE = 0x12 | 0x08
PAPER_OK = 0x12
PAPER_OUT = 0x12 | 0x60


class FakePrinter:
    """A TCP server on a free 127.0.0.1 port; `received` holds the bytes of every job."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.address = NetworkAddress("127.0.0.1", self._server.getsockname()[1])
        self._lock = threading.Lock()
        self._received = bytearray()
        self._refusing = False
        self.paper_out = False
        self.silent = False
        """Status queries get no answer (a printer hung)."""
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def received(self) -> bytes:
        """Everything printed so far (status queries left out)."""
        with self._lock:
            return bytes(self._received)

    def tickets(self) -> list[DecodedTicket]:
        """What was printed, one decoded ticket per paper cut."""
        return decode(self.received)

    def refuse(self, refusing: bool = True) -> None:
        """Close every connection at once without reading (a printer switched off)."""
        self._refusing = refusing

    def stop(self) -> None:
        """Stop listening: connections are refused by the system from now on."""
        self._stopped.set()
        self._thread.join(timeout=5)
        self._server.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._refusing:
                connection.close()
                continue
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection: socket.socket) -> None:
        connection.settimeout(5)
        pending = bytearray()
        with connection:
            while True:
                try:
                    chunk = connection.recv(65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                pending += chunk
                pending = self._take(connection, pending)

    def _take(self, connection: socket.socket, pending: bytearray) -> bytearray:
        """Record printed bytes as they come and answer status queries in stream order.

        A status answer therefore proves every byte before the query was recorded, as a real
        printer's answer proves it read them. Returns an incomplete query left at the end.
        """
        index = 0
        while index < len(pending):
            start = pending.find(b"\x10\x04", index)
            if start < 0 or start + 2 >= len(pending):
                end = len(pending) if start < 0 else start
                if start < 0 and pending.endswith(b"\x10"):
                    end -= 1
                self._record(pending[index:end])
                return pending[end:]
            self._record(pending[index:start])
            if not self.silent:
                connection.sendall(bytes([self._status(pending[start + 2])]))
            index = start + 3
        return bytearray()

    def _record(self, data: bytes | bytearray) -> None:
        with self._lock:
            self._received += data

    def _status(self, which: int) -> int:
        if which == 4:
            return PAPER_OUT if self.paper_out else PAPER_OK
        return STATUS_OK


@dataclass
class DecodedLine:
    """One printed line and how it looked."""

    text: str
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass
class DecodedTicket:
    """One cut piece of paper."""

    lines: list[DecodedLine] = field(default_factory=list)
    qr_codes: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The printed text lines."""
        return [line.text for line in self.lines]

    @property
    def text(self) -> str:
        """All lines, joined by newlines."""
        return "\n".join(self.texts)

    @property
    def is_void(self) -> bool:
        """The ticket says VOID in large letters."""
        return any("VOID" in line.text and line.width >= 2 for line in self.lines)

    @property
    def is_reprint(self) -> bool:
        """The ticket carries the REPRINT mark."""
        return any("REPRINT" in line.text for line in self.lines)


def decode(data: bytes) -> list[DecodedTicket]:
    """Turn ESC/POS bytes back into tickets of text lines (GB18030), QR data and cuts.

    Raises ValueError on a command this decoder does not know: the encoder must not send
    anything a test cannot read.
    """
    tickets: list[DecodedTicket] = []
    current = DecodedTicket()
    text = bytearray()
    style = {"bold": False, "width": 1, "height": 1}
    index = 0

    def flush() -> None:
        current.lines.append(DecodedLine(text.decode("gb18030"), **style))  # type: ignore[arg-type]
        text.clear()

    while index < len(data):
        byte = data[index]
        two = data[index : index + 2]
        if byte == 0x0A:
            flush()
            index += 1
        elif two in (b"\x1b@", b"\x1c&", b"\x1c."):
            index += 2
        elif two in (b"\x1ba", b"\x1bd"):
            index += 3
        elif two == b"\x1bE":
            style["bold"] = bool(data[index + 2])
            index += 3
        elif two == b"\x1d!":
            style["width"] = (data[index + 2] >> 4) + 1
            style["height"] = (data[index + 2] & 0x0F) + 1
            index += 3
        elif two == b"\x1dV":
            index += 4
            tickets.append(current)
            current = DecodedTicket()
        elif two == b"\x1d(" and data[index + 2 : index + 3] == b"k":
            length = data[index + 3] | data[index + 4] << 8
            body = data[index + 5 : index + 5 + length]
            if body[:2] == b"\x31\x50":
                current.qr_codes.append(body[3:].decode("ascii"))
            index += 5 + length
        elif byte < 0x20:
            raise ValueError(f"unknown command byte {byte:#04x} at {index}")
        else:
            text.append(byte)
            index += 1
    if current.lines or current.qr_codes:
        tickets.append(current)
    return tickets
