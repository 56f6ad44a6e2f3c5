"""The print runner as an APScheduler job, off the UI thread; woken after tickets are queued."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.services.print_runner import PrintRunner

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

log = logging.getLogger(__name__)

_PRINT_JOB = "print"


class PrintJobs:
    """Runs `PrintRunner.step` every `interval_s` and whenever woken."""

    def __init__(self, runner: PrintRunner, *, interval_s: float = 2.0) -> None:
        self._runner = runner
        self._interval_s = interval_s
        self._scheduler: BackgroundScheduler | None = None

    def start(self) -> None:
        """Requeue what a stopped program left printing, then start; the first step runs now.

        The scheduler (and APScheduler itself) is made here, not with the device: the
        device starts its jobs after the first screen is painted.
        """
        from apscheduler.executors.pool import ThreadPoolExecutor  # noqa: PLC0415
        from apscheduler.schedulers.background import BackgroundScheduler  # noqa: PLC0415

        self._runner.recover()
        scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )
        scheduler.add_job(self._step, "interval", seconds=self._interval_s, id=_PRINT_JOB)
        scheduler.start()
        self._scheduler = scheduler
        self.wake()

    def wake(self) -> None:
        """Run a step now (tickets were queued, orders changed), not at the next tick."""
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.modify_job(_PRINT_JOB, next_run_time=datetime.now(UTC))

    def stop(self) -> None:
        """Stop; a ticket being sent finishes within the printer timeouts."""
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=True)

    def _step(self) -> None:
        try:
            self._runner.step()
        except Exception:
            log.exception("print step failed unexpectedly")
