"""What printing tells the counter: printer health, a failover, the journal changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PrinterHealth:
    """Whether one printer can print, as last checked."""

    printer_id: str
    name: str
    ok: bool
    since: datetime
    problem: str = ""
    """Stable code (unreachable, no_status, offline, paper_out, send_failed, write_failed)."""


@dataclass(frozen=True, slots=True)
class FailoverNotice:
    """A ticket printed on a backup printer, or waiting because no printer could take it."""

    ticket_id: int
    order_id: str
    daily_serial: int
    kind: str
    station_name: str
    failed_printer: str
    printed_on: str
    """The printer's name that took it; "" when it waits for a printer to come back."""
    problem: str
    at: datetime


class PrintListener(Protocol):
    """Receives printing events; called from the print thread, so it must not block."""

    def printer_health_changed(self, health: PrinterHealth) -> None:
        """A printer started or stopped working."""

    def ticket_failed_over(self, notice: FailoverNotice) -> None:
        """A ticket went to a backup printer, or waits for one."""

    def journal_changed(self) -> None:
        """Tickets were queued or changed state."""
