"""Printers and stations of this device as plain data: who prints what, and the backups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from app.printing.layout import Block
from app.printing.network_printer import DEFAULT_PORT

COUNTER_STATION = "counter"
"""The station id of receipts (and of kitchen lines no station claims, when none is the default)."""


class PrinterKind(StrEnum):
    """How a printer receives tickets."""

    NETWORK = "network"
    """An ESC/POS thermal printer on TCP (port 9100)."""
    PDF = "pdf"
    """A folder receiving one PDF file per ticket, for stores without a thermal printer."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PrinterConfig:
    """One printer."""

    printer_id: str
    name: str
    kind: PrinterKind = PrinterKind.NETWORK
    host: str = ""
    port: int = DEFAULT_PORT
    paper_mm: int = 80
    folder: str = ""
    """PDF printers: where files are written."""
    backup_id: str = ""
    """The printer that takes this one's tickets while it fails ("" for none)."""

    def describe(self) -> str:
        """Where the printer is, for people (host:port or the folder)."""
        if self.kind is PrinterKind.PDF:
            return self.folder
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Station:
    """A kitchen station and the product categories whose lines it makes."""

    station_id: str
    name: str
    printer_id: str
    categories: tuple[str, ...] = ()
    """Empty: every category no other station claims."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PrintSetup:
    """Everything configured for printing on this device."""

    printers: tuple[PrinterConfig, ...] = ()
    stations: tuple[Station, ...] = ()
    counter_printer_id: str = ""
    """Receipts print here."""
    label_printer_id: str = ""
    """Bag labels print here ("": on the counter printer)."""
    auto_kitchen: bool = True
    """Kitchen tickets print by themselves when an order is accepted (here or elsewhere)."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_printing(self) -> bool:
        """This device prints: at least one printer and somewhere for tickets to go."""
        return bool(self.printers) and bool(self.stations or self.counter_printer_id)

    def printer(self, printer_id: str) -> PrinterConfig | None:
        """The printer with that id, if configured."""
        return next((p for p in self.printers if p.printer_id == printer_id), None)

    def station(self, station_id: str) -> Station | None:
        """The station with that id, if configured."""
        return next((s for s in self.stations if s.station_id == station_id), None)

    def station_of(self, category: str) -> Station | None:
        """The station making lines of `category`: the one naming it, else the catch-all."""
        for station in self.stations:
            if category in station.categories:
                return station
        return next((s for s in self.stations if not s.categories), None)

    def printers_for(self, printer_id: str) -> list[PrinterConfig]:
        """`printer_id` then its backups in order (a backup's backup too), without loops."""
        chain: list[PrinterConfig] = []
        current = self.printer(printer_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.printer(current.backup_id) if current.backup_id else None
        return chain


class TicketFileWriter(Protocol):
    """Writes a ticket's rows as a document file (the PDF printer kind)."""

    def write(self, rows: Sequence[Block], columns: int, path: Path) -> None:
        """Write `rows` to `path`; raise OSError when the file cannot be written."""
