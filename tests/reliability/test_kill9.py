"""kill -9 at random moments: a child device acts and pushes while the parent kills it.

The hub keeps placing orders, so the child always has work. After every kill the file
passes `PRAGMA integrity_check` and shows no change without its outbox row; after the last
one a clean drain leaves nothing lost, duplicated or phantom at the hub. Some runs arm a
failpoint right after the hub answered (the worst moment for duplicates): with the hub's
de-duplication switched off the same schedule must show duplicates, or the test is blind.
"""

from __future__ import annotations

import contextlib
import random
import statistics
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Final

import pytest

from app.domain.vocabulary import Channel, OrderStatus
from hub.composition import Hub
from hub.embedded import EmbeddedHub
from local_db import failpoints
from tests.reliability.child_device import (
    ChildDevice,
    device_settings,
    drain,
    enrol_for_child,
    open_device,
    start_child,
)
from tests.reliability.conftest import scaled
from tests.reliability.ledger import (
    LedgerReport,
    check_ledger,
    integrity_of,
    unexplained_statuses,
)

KILLED: Final = -9
_START_S: Final = 30.0
_REPLY_POINTS: Final = (failpoints.AFTER_REQUEST_BEFORE_REPLY, failpoints.AFTER_REPLY_BEFORE_DONE)
_REPLY_KILL_SHARE: Final = 0.3
"""Share of runs with a failpoint armed right after the hub answered."""
_START_UP_KILL_SHARE: Final = 0.1
"""Share of runs killed while the child starts (opening and migrating the file, signing in)."""
_NEW_ORDER_BACKLOG: Final = 10
_ORDER_EVERY_S: Final = 0.1


class OrderFlow:
    """Customers order through the channels in a background thread, keeping a backlog."""

    def __init__(self, hub: Hub, rng: random.Random) -> None:
        self._hub = hub
        self._rng = rng
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="order-flow", daemon=True)
        self._error: BaseException | None = None
        self.placed = 0

    def _run(self) -> None:
        try:
            # Event.wait is the flow's pace, not a wait for a condition.
            while not self._stop.wait(_ORDER_EVERY_S):
                if (
                    len(self._hub.admin.orders(self._hub.world.demo_store_id, OrderStatus.NEW))
                    < _NEW_ORDER_BACKLOG
                ):
                    self._hub.world.place_order(
                        self._rng.choice(list(Channel)), store_id=self._hub.world.demo_store_id
                    )
                    self.placed += 1
        except BaseException as error:  # handed to the test thread in __exit__
            self._error = error

    def __enter__(self) -> OrderFlow:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(10)
        assert not self._thread.is_alive(), "the order flow did not stop"
        if self._error is not None and exc is None:
            raise self._error


@dataclass
class KillSchedule:
    """What one seeded run did."""

    kills: int = 0
    failpoint_kills: int = 0
    start_up_kills: int = 0
    start_s: list[float] = field(default_factory=list)


def _one_run(
    rng: random.Random, schedule: KillSchedule, launch: Callable[[str], ChildDevice]
) -> str:
    """Start a child, let it work for a random while, SIGKILL it; its stderr."""
    armed = ""
    if rng.random() < _REPLY_KILL_SHARE:
        armed = f"{rng.choice(_REPLY_POINTS)}=kill@{rng.randint(1, 3)}"
    during_start_up = not armed and rng.random() < _START_UP_KILL_SHARE
    child = launch(armed)
    try:
        if during_start_up:
            delay_s = rng.uniform(0.0, 1.0)
        else:
            schedule.start_s.append(child.wait_ready(_START_S))
            delay_s = rng.uniform(0.0, 2.0 if armed else 1.0)
        # The kill schedule: before it, the child may only end by its own failpoint.
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.process.wait(timeout=delay_s)
        code = child.kill()
    finally:
        child.stop()
    stderr = child.stderr()
    assert code == KILLED, f"child ended with {code} before its kill: {stderr}"
    schedule.kills += 1
    schedule.failpoint_kills += "failpoint push." in stderr
    schedule.start_up_kills += during_start_up and not child.ready_file.exists()
    return stderr


def _kill_and_drain(
    hub: EmbeddedHub, tmp_path: Path, seed: int, kills: int
) -> tuple[KillSchedule, LedgerReport, int]:
    """Kill a working child `kills` times, then drain in this process; the ledger after."""
    data_dir, logs = tmp_path / "device", tmp_path / "logs"
    db_path = data_dir / "storeside.db"
    token = enrol_for_child(hub, data_dir)
    rng = random.Random(seed)
    schedule = KillSchedule()

    def launch(armed: str) -> ChildDevice:
        return start_child(
            data_dir, hub.url, token, seed=rng.randrange(2**32), armed=armed, log_dir=logs
        )

    with OrderFlow(hub.hub, random.Random(seed + 1)) as flow:
        for number in range(1, kills + 1):
            stderr = _one_run(rng, schedule, launch)
            integrity = integrity_of(db_path)
            assert integrity == "ok", f"after kill {number}: {integrity}\n{stderr}"
            orphans = unexplained_statuses(db_path)
            assert orphans == [], f"after kill {number}: {orphans}\n{stderr}"
    device = open_device(device_settings(data_dir, hub.url), token)
    try:
        drain(device)
    finally:
        device.stop()
    return schedule, check_ledger(db_path, hub.hub), flow.placed


def _figures(
    record: Callable[..., None], schedule: KillSchedule, report: LedgerReport, placed: int
) -> None:
    record(
        kills=schedule.kills,
        failpoint_kills=schedule.failpoint_kills,
        start_up_kills=schedule.start_up_kills,
        orders_placed=placed,
        actions_committed=report.local_commands,
        hub_commands=report.hub_commands,
        effects=report.effects,
        duplicates=len(report.duplicated),
        lost=len(report.lost),
        phantom=len(report.phantom),
        child_start_median_s=round(statistics.median(schedule.start_s or [0.0]), 2),
    )


@pytest.mark.timeout(scaled(150, 1800))
def test_kill9_at_random_moments_loses_and_duplicates_nothing(
    hub: EmbeddedHub, tmp_path: Path, seed: int, figures: Callable[..., None]
) -> None:
    schedule, report, placed = _kill_and_drain(hub, tmp_path, seed, scaled(20, 200))
    _figures(figures, schedule, report, placed)
    assert report.is_clean, report.describe()
    # The child did work between kills: not in every run (a loaded machine may kill it before
    # its first action), but in most, or the test would be killing an idle device.
    assert report.local_commands >= schedule.kills // 2
    assert report.hub_commands == report.local_commands


@pytest.mark.timeout(scaled(150, 1800))
def test_the_same_run_without_hub_dedupe_reports_duplicates(
    hub: EmbeddedHub, tmp_path: Path, seed: int, figures: Callable[..., None]
) -> None:
    hub.hub.state.dedupe_enabled = False
    # Half the kills of the run above keep make test short; a third of them hit a reply.
    schedule, report, placed = _kill_and_drain(hub, tmp_path, seed, scaled(10, 200))
    _figures(figures, schedule, report, placed)
    assert report.duplicated, report.describe()
    assert not report.lost, report.describe()
