"""Prints queued tickets off the UI thread: failover to backups, waiting, printer health.

A ticket goes to its station's printer, or, while that one fails, to its backup (and the
backup's backup); the counter is told. When no printer takes it, it waits in the journal
and prints as soon as a health check finds a printer back. Nothing is dropped.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Protocol

from app.domain.clock import Clock
from app.printing.layout import columns_for, encode, ticket_rows
from app.printing.network_printer import NetworkAddress, PrinterUnavailable
from app.printing.print_events import FailoverNotice, PrinterHealth, PrintListener
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup, TicketFileWriter
from app.printing.ticket_words import TicketWords, english
from app.printing.tickets import Ticket
from app.services.print_journal import PrintJournal
from local_db import print_journal_repository as journal
from local_db.database import Database
from local_db.print_journal_repository import JournalRow

log = logging.getLogger(__name__)


class PrinterLink(Protocol):
    """Talks to network printers (app.printing.network_printer.NetworkPrinterLink)."""

    def check(self, address: NetworkAddress) -> None:
        """Return when the printer can print; else raise PrinterUnavailable."""

    def send(self, address: NetworkAddress, data: bytes) -> None:
        """Print `data`; raise PrinterUnavailable when it cannot."""


class PrintRunner:
    """One step prints every due ticket; meant for one scheduler thread at a time."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        print_journal: PrintJournal,
        link: PrinterLink,
        file_writer: TicketFileWriter | None = None,
        *,
        retry_s: float = 5.0,
        retry_cap_s: float = 60.0,
        health_interval_s: float = 30.0,
        local_zone: tzinfo | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._journal = print_journal
        self._link = link
        self._file_writer = file_writer
        self._ticket_words: Callable[[], TicketWords] = lambda: english
        self._retry_s = retry_s
        self._retry_cap_s = retry_cap_s
        self._health_interval_s = health_interval_s
        self._local_zone = local_zone
        self._lock = threading.Lock()
        self._health: dict[str, PrinterHealth] = {}
        self._listeners: list[PrintListener] = []
        self._next_health_check = 0.0

    def use_file_writer(self, writer: TicketFileWriter) -> None:
        """Write PDF tickets with `writer` (set by the composition root before start)."""
        self._file_writer = writer

    def use_ticket_words(self, current: Callable[[], TicketWords]) -> None:
        """Word each ticket in what `current` gives as it prints (the device's ticket language;
        set by the composition root before start). Without it tickets print in English."""
        self._ticket_words = current

    def subscribe(self, listener: PrintListener) -> None:
        """Send printing events to `listener` (from the print thread)."""
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: PrintListener) -> None:
        """Stop sending events to `listener`."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def health(self) -> list[PrinterHealth]:
        """Each configured printer's health as last checked (unchecked ones are left out)."""
        configured = {p.printer_id for p in self._journal.settings.setup().printers}
        with self._lock:
            return [h for pid, h in sorted(self._health.items()) if pid in configured]

    def recover(self) -> int:
        """At start: tickets a stopped program left printing wait again, marked as resent."""
        with self._db.write() as session:
            return journal.requeue_interrupted(session)

    def step(self) -> int:
        """Queue what is due, check printers when it is time, print due tickets; how many."""
        self._journal.reconcile()
        if time.monotonic() >= self._next_health_check:
            self.check_health()
        return self.print_due()

    def check_health(self) -> None:
        """Ask every configured printer whether it can print; a printer back makes waiting
        tickets due at once."""
        self._next_health_check = time.monotonic() + self._health_interval_s
        came_back = False
        for printer in self._journal.settings.setup().printers:
            try:
                self._check(printer)
            except PrinterUnavailable as problem:
                self._set_health(printer, ok=False, problem=problem.code)
            else:
                came_back |= self._set_health(printer, ok=True, problem="")
        if came_back:
            with self._db.write() as session:
                journal.make_waiting_due(session)

    def print_due(self) -> int:
        """Print every ticket due now, oldest first; returns how many printed."""
        setup = self._journal.settings.setup()
        printed = 0
        with self._db.read() as session:
            due = journal.due_tickets(session, self._clock())
        for row in due:
            with self._db.write() as session:
                if not journal.claim(session, row.id):
                    continue
            printed += self._print(setup, row)
            self._emit_journal_changed()
        return printed

    def _print(self, setup: PrintSetup, row: JournalRow) -> int:
        ticket = Ticket.from_json(row.document)
        if row.interrupted:
            ticket = replace(ticket, resent=True)
        words = self._words()
        chain = self._ordered(setup.printers_for(row.target_printer) or _fallback(setup, row))
        sent_any = False
        problem = "no_printer"
        for printer in chain:
            try:
                self._deliver(printer, ticket, words)
            except PrinterUnavailable as failure:
                log.warning(
                    "printer %s could not print ticket %s: %s", printer.name, row.id, failure
                )
                self._set_health(printer, ok=False, problem=failure.code)
                sent_any |= failure.sent_any
                problem = failure.code
                continue
            with self._db.write() as session:
                journal.mark_printed(session, row.id, printer.printer_id, self._clock())
            self._set_health(printer, ok=True, problem="")
            if printer.printer_id != row.target_printer:
                with self._lock:
                    known = self._health.get(row.target_printer)
                problem = known.problem if known is not None and not known.ok else problem
                self._tell_failover(setup, row, ticket, printed_on=printer.name, problem=problem)
            return 1
        delay = min(self._retry_cap_s, self._retry_s * 2 ** min(row.attempts, 10))
        with self._db.write() as session:
            journal.mark_waiting(
                session,
                row.id,
                error=problem,
                next_attempt_at=self._clock() + timedelta(seconds=delay),
                interrupted=sent_any,
            )
        if row.attempts == 0:
            self._tell_failover(setup, row, ticket, printed_on="", problem=problem)
        return 0

    def _words(self) -> TicketWords:
        # Read at each ticket, so a new choice applies to the next one; never stops printing.
        try:
            return self._ticket_words()
        except Exception:
            log.exception("the ticket language could not be read: this ticket prints in English")
            return english

    def _ordered(self, chain: Sequence[PrinterConfig]) -> list[PrinterConfig]:
        # Printers known to be failing are tried last, not skipped: a check may be stale.
        with self._lock:
            failing = {pid for pid, h in self._health.items() if not h.ok}
        return sorted(chain, key=lambda p: p.printer_id in failing)

    def _deliver(self, printer: PrinterConfig, ticket: Ticket, words: TicketWords) -> None:
        rows = ticket_rows(ticket, columns_for(printer.paper_mm), self._local_zone, words)
        if printer.kind is PrinterKind.NETWORK:
            self._link.send(NetworkAddress(printer.host, printer.port), encode(rows))
            return
        if self._file_writer is None:
            raise PrinterUnavailable("write_failed", "this program cannot write PDF files")
        folder = Path(printer.folder)
        name = (
            f"{ticket.placed_at.astimezone(self._local_zone):%Y%m%d}-{ticket.daily_serial:04d}-"
            f"{ticket.kind}-{ticket.order_id}-{self._clock():%H%M%S%f}.pdf"
        )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._file_writer.write(rows, columns_for(printer.paper_mm), folder / name)
        except OSError as error:
            raise PrinterUnavailable("write_failed", str(error)) from error

    def _check(self, printer: PrinterConfig) -> None:
        if printer.kind is PrinterKind.NETWORK:
            self._link.check(NetworkAddress(printer.host, printer.port))
            return
        folder = Path(printer.folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PrinterUnavailable("write_failed", str(error)) from error
        if self._file_writer is None or not os.access(folder, os.W_OK):
            raise PrinterUnavailable("write_failed", str(folder))

    def _set_health(self, printer: PrinterConfig, *, ok: bool, problem: str) -> bool:
        """Record a printer's health; True when it changed from failing to working."""
        with self._lock:
            before = self._health.get(printer.printer_id)
            if before is not None and before.ok == ok and before.problem == problem:
                return False
            health = PrinterHealth(printer.printer_id, printer.name, ok, self._clock(), problem)
            self._health[printer.printer_id] = health
            listeners = list(self._listeners)
        for listener in listeners:
            _tell(listener.printer_health_changed, health)
        return ok and before is not None and not before.ok

    def _tell_failover(
        self, setup: PrintSetup, row: JournalRow, ticket: Ticket, *, printed_on: str, problem: str
    ) -> None:
        target = setup.printer(row.target_printer)
        notice = FailoverNotice(
            ticket_id=row.id,
            order_id=row.key.order_id,
            daily_serial=ticket.daily_serial,
            kind=str(ticket.kind),
            station_name=ticket.station_name,
            failed_printer=target.name if target is not None else row.target_printer,
            printed_on=printed_on,
            problem=problem,
            at=self._clock(),
        )
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            _tell(listener.ticket_failed_over, notice)

    def _emit_journal_changed(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            _tell(listener.journal_changed)


def _tell(event: Callable[..., None], *values: object) -> None:
    """Deliver one event; a listener going away never stops printing."""
    try:
        event(*values)
    except Exception:
        log.exception("a print listener failed")


def _fallback(setup: PrintSetup, row: JournalRow) -> list[PrinterConfig]:
    """Printers for a ticket whose printer was removed or renamed: its station's, the counter's."""
    station = setup.station(row.key.station)
    for printer_id in (station.printer_id if station else "", setup.counter_printer_id):
        if printer_id and setup.printers_for(printer_id):
            return setup.printers_for(printer_id)
    return []
