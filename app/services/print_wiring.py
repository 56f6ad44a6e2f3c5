"""Printing of one device wired once: settings, journal, runner and its job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.clock import Clock
from app.domain.sync_events import RejectionNotice, SyncListener, SyncStatus
from app.domain.vocabulary import RecordKind
from app.services.bag_labels import BagLabels
from app.services.device_preferences import DevicePreferences
from app.services.print_jobs import PrintJobs
from app.services.print_journal import PrintJournal
from app.services.print_runner import PrinterLink, PrintRunner
from app.services.print_settings import PrintSettings
from local_db.database import Database


@dataclass(frozen=True, slots=True)
class Printing:
    """What screens and the device need of printing."""

    settings: PrintSettings
    journal: PrintJournal
    runner: PrintRunner
    jobs: PrintJobs
    bag_labels: BagLabels
    """Labels of packed orders' bags (the handheld's pack screen)."""

    def waking(self, listener: SyncListener) -> SyncListener:
        """`listener`, also waking the print job when orders changed in the cache."""
        return _WakingListener(listener, self.journal.orders_changed, self.jobs.wake)

    def also_waking(self, callback: Callable[[], None]) -> Callable[[], None]:
        """`callback`, then a wake of the print job (after a person's action on an order)."""

        def both() -> None:
            callback()
            self.journal.orders_changed(None)  # which order the person acted on is not said
            self.jobs.wake()

        return both


def build_printing(
    db: Database, clock: Clock, link: PrinterLink, *, interval_s: float = 2.0
) -> Printing:
    """Wire printing over `db`, reaching network printers through `link`; nothing prints
    until a printer is set up on this device."""
    settings = PrintSettings(DevicePreferences(db, clock), clock)
    waker = _Waker()
    journal = PrintJournal(db, clock, settings, on_queued=waker.wake)
    runner = PrintRunner(db, clock, journal, link)
    jobs = PrintJobs(runner, interval_s=interval_s)
    waker.target = jobs.wake
    bag_labels = BagLabels(db, clock, settings, journal, on_queued=waker.wake)
    return Printing(
        settings=settings, journal=journal, runner=runner, jobs=jobs, bag_labels=bag_labels
    )


class _WakingListener:
    """Passes sync events on; orders written to the cache are told to the journal and wake
    the print job."""

    def __init__(
        self,
        inner: SyncListener,
        changed: Callable[[frozenset[str] | None], None],
        wake: Callable[[], None],
    ) -> None:
        self._inner = inner
        self._changed = changed
        self._wake = wake

    def sync_status_changed(self, status: SyncStatus) -> None:
        self._inner.sync_status_changed(status)

    def records_changed(
        self, kinds: frozenset[RecordKind], order_ids: frozenset[str] | None = None
    ) -> None:
        self._inner.records_changed(kinds, order_ids)
        if RecordKind.ORDER in kinds:
            self._changed(order_ids)
            self._wake()

    def command_rejected(self, notice: RejectionNotice) -> None:
        self._inner.command_rejected(notice)


class _Waker:
    """Calls the print job's wake once it exists (the journal is built before the job)."""

    target: Callable[[], None] | None = None

    def wake(self) -> None:
        if self.target is not None:
            self.target()
