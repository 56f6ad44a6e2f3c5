"""A fake ESC/POS network printer on 127.0.0.1 and a decoder of the bytes it received.

The printer is the self-test's loopback printer: it answers DLE EOT status queries like a real
one and records every other byte; here it can also refuse connections, report no paper, or
swallow status queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.loopback_printer import LoopbackPrinter

STATUS_OK = 0x12
STATUS_OFFLINE = 0x12 | 0x08
PAPER_OK = 0x12
PAPER_OUT = 0x12 | 0x60


class FakePrinter(LoopbackPrinter):
    """The loopback printer (app/loopback_printer.py) that can also be switched off, run out
    of paper or hang; `received` holds the bytes of every job."""

    def __init__(self) -> None:
        self._refusing = False
        self.paper_out = False
        self.silent = False
        """Status queries get no answer (a printer hung)."""
        super().__init__()

    def tickets(self) -> list[DecodedTicket]:
        """What was printed, one decoded ticket per paper cut."""
        return decode(self.received)

    def refuse(self, refusing: bool = True) -> None:
        """Close every connection at once without reading (a printer switched off)."""
        self._refusing = refusing

    def stop(self) -> None:
        """Stop listening: connections are refused by the system from now on."""
        self.close()

    def _accepts(self) -> bool:
        return not self._refusing

    def _status(self, which: int) -> int | None:
        if self.silent:
            return None
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
