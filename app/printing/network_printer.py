"""Raw TCP (port 9100) printing with bounded timeouts, and the printer's status bytes.

Before a ticket is sent the printer is asked for its status (DLE EOT 1 and 4): a printer
that is offline, has its cover open or is out of paper would otherwise keep the ticket in
its buffer and print it whenever someone fixes it, possibly after the ticket went to a
backup printer: food made twice.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from app.printing import escpos
from app.printing.escpos import StatusQuery

DEFAULT_PORT = 9100

_OFFLINE = 0x08
_PAPER_END = 0x60
_FIXED_BITS_MASK = 0x93
_FIXED_BITS = 0x12


class PrinterUnavailable(Exception):
    """The printer cannot print now; `code` is stable, `sent_any` says if bytes left us.

    Codes: unreachable (refused, no route, timed out connecting), no_status (did not answer
    the status query in time), offline (cover open, error), paper_out, send_failed (the
    connection broke while sending: part of the ticket may have printed), write_failed.
    """

    def __init__(self, code: str, detail: str = "", *, sent_any: bool = False) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.sent_any = sent_any


@dataclass(frozen=True, slots=True)
class NetworkAddress:
    """Where a network printer listens."""

    host: str
    port: int = DEFAULT_PORT


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Every wait on a printer is bounded by one of these (seconds)."""

    connect_s: float = 2.0
    status_s: float = 2.0
    send_s: float = 10.0


class NetworkPrinterLink:
    """Sends tickets to, and asks the status of, printers on TCP 9100."""

    def __init__(self, timeouts: Timeouts | None = None) -> None:
        self._timeouts = timeouts or Timeouts()

    def check(self, address: NetworkAddress) -> None:
        """Return when the printer answers that it can print; else raise PrinterUnavailable."""
        with self._connect(address) as connection:
            self._check_status(connection)

    def send(self, address: NetworkAddress, data: bytes) -> None:
        """Check the printer's status, send `data`, check again; raise PrinterUnavailable when
        it fails (`sent_any` when the ticket may have printed in part)."""
        with self._connect(address) as connection:
            self._check_status(connection)
            connection.settimeout(self._timeouts.send_s)
            try:
                connection.sendall(data)
            except OSError as error:
                raise PrinterUnavailable("send_failed", str(error), sent_any=True) from error
            # The answer to a status query sent after the ticket proves the printer read it
            # all; offline now means it stopped part way (paper ran out, cover opened).
            try:
                self._check_status(connection)
            except PrinterUnavailable as failure:
                raise PrinterUnavailable(failure.code, failure.detail, sent_any=True) from failure

    def _connect(self, address: NetworkAddress) -> socket.socket:
        try:
            connection = socket.create_connection(
                (address.host, address.port), timeout=self._timeouts.connect_s
            )
        except OSError as error:
            raise PrinterUnavailable("unreachable", str(error)) from error
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def _check_status(self, connection: socket.socket) -> None:
        connection.settimeout(self._timeouts.status_s)
        printer = self._status_byte(connection, StatusQuery.PRINTER)
        if printer & _OFFLINE:
            raise PrinterUnavailable("offline", f"status {printer:#04x}")
        paper = self._status_byte(connection, StatusQuery.PAPER)
        if paper & _PAPER_END:
            raise PrinterUnavailable("paper_out", f"paper status {paper:#04x}")

    def _status_byte(self, connection: socket.socket, which: StatusQuery) -> int:
        try:
            connection.sendall(escpos.status_query(which))
            answer = connection.recv(1)
        except OSError as error:
            raise PrinterUnavailable("no_status", str(error)) from error
        if len(answer) != 1 or answer[0] & _FIXED_BITS_MASK != _FIXED_BITS:
            raise PrinterUnavailable("no_status", f"answer {answer!r}")
        return answer[0]
