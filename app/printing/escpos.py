"""A thin ESC/POS encoder: the handful of commands a kitchen or receipt ticket needs.

Only commands common to Epson-compatible thermal printers sold in China (Xprinter, Gprinter,
Epson TM-T82) are used; text is encoded in GB18030 after `FS &` selects Chinese mode.
"""

from __future__ import annotations

from enum import IntEnum

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
DLE = b"\x10"
EOT = b"\x04"
LF = b"\n"

TEXT_ENCODING = "gb18030"
QR_MAX_BYTES = 7089


class Align(IntEnum):
    """ESC a n."""

    LEFT = 0
    CENTER = 1
    RIGHT = 2


class StatusQuery(IntEnum):
    """DLE EOT n: which status byte the printer answers with."""

    PRINTER = 1
    OFFLINE_CAUSE = 2
    ERROR_CAUSE = 3
    PAPER = 4


def initialise() -> bytes:
    """ESC @ then FS &: reset modes and select Chinese (double-byte) character mode."""
    return ESC + b"@" + FS + b"&"


def align(where: Align) -> bytes:
    """ESC a n."""
    return ESC + b"a" + bytes([where])


def bold(on: bool) -> bytes:
    """ESC E n."""
    return ESC + b"E" + bytes([1 if on else 0])


def size(width: int, height: int) -> bytes:
    """GS ! n: character magnification, 1 to 8 each way."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError(f"character size {width}x{height} out of 1..8")
    return GS + b"!" + bytes([(width - 1) << 4 | (height - 1)])


def text(value: str) -> bytes:
    """Printable text in GB18030; control characters are dropped (they would be commands)."""
    clean = "".join(ch for ch in value if ch >= " " or ch == "\n")
    return clean.encode(TEXT_ENCODING, errors="replace")


def line(value: str = "") -> bytes:
    """`text` followed by a line feed."""
    return text(value) + LF


def feed(lines: int) -> bytes:
    """ESC d n: print and feed n lines."""
    return ESC + b"d" + bytes([max(0, min(lines, 255))])


def cut() -> bytes:
    """GS V 66 0: feed to the cutter and cut (partial cut where the printer has one)."""
    return GS + b"V" + bytes([66, 0])


def qr_code(data: str, module_size: int = 6) -> bytes:
    """GS ( k: model 2, module size, error level M, store the data, print it."""
    payload = data.encode("ascii")
    if not payload or len(payload) > QR_MAX_BYTES:
        raise ValueError("QR data must be 1..7089 ASCII bytes")
    stored = len(payload) + 3
    return (
        _qr_function(b"\x31\x41\x32\x00")  # model 2
        + _qr_function(b"\x31\x43" + bytes([max(1, min(module_size, 16))]))
        + _qr_function(b"\x31\x45\x31")  # error correction level M
        + GS
        + b"(k"
        + bytes([stored & 0xFF, stored >> 8])
        + b"\x31\x50\x30"
        + payload
        + _qr_function(b"\x31\x51\x30")  # print the stored symbol
    )


def status_query(which: StatusQuery) -> bytes:
    """DLE EOT n: the printer answers one status byte at once, even while busy."""
    return DLE + EOT + bytes([which])


def _qr_function(body: bytes) -> bytes:
    return GS + b"(k" + bytes([len(body) & 0xFF, len(body) >> 8]) + body
