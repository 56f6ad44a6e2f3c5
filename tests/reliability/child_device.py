"""A device in a child process that tests kill: the child's entry point and the parent's handle.

The child runs ``python -m tests.reliability.child_device --data-dir DIR --hub-url URL
--mode M``. The parent enrols the database in DIR first (`enrol_for_child`) and hands the
device token over in the environment variable TOKEN_ENV: a child cannot share the parent's
in-memory keyring. Failpoints are armed through STORESIDE_FAILPOINTS.

Modes:
- ``work``: loop { push, pull, one cashier action on a random cached order, push } until
  killed, or until ``--actions`` actions were committed (then drain, exit 0).
- ``drain``: push until the outbox is empty, pull until the feed is drained, exit 0.
- ``pull``: pull the feed until the hub has nothing newer, exit 0.
- ``open``: open (and so migrate) the database, exit 0.

Only app.device is loaded in the child, never Qt: it says so in its ready file, written once
the device is up (in ``work`` mode, once the cashier has signed in); the parent measures the
child's start-up, interpreter included, up to that file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Final

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.sync_events import RejectionNotice, SyncStatus
from app.domain.vocabulary import FulfilmentMode, HandoverParty, RecordKind
from app.read_models import OrderSummary, SignedInStaff
from app.services.order_queries import actions_for
from app.settings import Settings
from local_db import failpoints, outbox_repository
from local_db.database import Database
from sync.backoff import Backoff
from sync.credentials import Credentials, MemoryKeyring
from tests.polling import wait_until

if TYPE_CHECKING:
    from hub.embedded import EmbeddedHub

TOKEN_ENV: Final = "STORESIDE_TEST_DEVICE_TOKEN"
CASHIER_PIN: Final = "1111"
REPO_ROOT: Final = Path(__file__).resolve().parents[2]
_CASHIER_ACTIONS: Final = frozenset(
    {OrderAction.ACCEPT, OrderAction.MARK_READY, OrderAction.HAND_OVER}
)
_OPEN_TABS: Final = (InboxTab.NEW, InboxTab.IN_PROGRESS, InboxTab.READY)
_DRAIN_ROUNDS: Final = 200


# --- both sides ------------------------------------------------------------------------


class QuietListener:
    """No screen to tell: sync events are dropped, rejections go to stderr."""

    def sync_status_changed(self, status: SyncStatus) -> None:
        pass

    def records_changed(
        self, kinds: frozenset[RecordKind], order_ids: frozenset[str] | None = None
    ) -> None:
        pass

    def command_rejected(self, notice: RejectionNotice) -> None:
        sys.stderr.write(f"rejected: {notice.command_type} {notice.entity_id}: {notice.reason}\n")


def device_settings(data_dir: Path, hub_url: str, page_limit: int = 50) -> Settings:
    """The settings child and parent open the device with."""
    return Settings(data_dir=data_dir, hub_url=hub_url, long_poll_s=0.3, feed_page_limit=page_limit)


class _ChildCredentials(Credentials):
    """In-memory secrets whose PIN pepper is fixed by the data folder: the parent and every
    restarted child seal and check staff PINs alike, as a real keyring keeps the pepper."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(MemoryKeyring(), account=str(settings.database_path))
        self._pepper = hashlib.sha256(str(settings.data_dir).encode()).digest()

    def pin_pepper(self) -> bytes:
        return self._pepper


def open_device(settings: Settings, token: str) -> Device:
    """The enrolled device in `settings.data_dir`, its token put in a fresh memory keyring."""
    credentials = _ChildCredentials(settings)
    credentials.save_device_token(token)
    return build_device(
        settings,
        credentials,
        utc_now,
        QuietListener(),
        backoff_factory=lambda: Backoff(base_s=0.05, cap_s=0.2),
    )


def pending_count(device: Device) -> int:
    """Outbox rows still waiting for the hub's answer."""
    with device.db.read() as session:
        return outbox_repository.count_pending(session)[0]


def drain(device: Device) -> None:
    """Push until nothing is pending, then pull until the feed is drained."""
    for _ in range(_DRAIN_ROUNDS):
        if pending_count(device) == 0:
            break
        device.pusher.push(ignore_backoff=True)
    else:
        raise RuntimeError(f"the outbox did not drain in {_DRAIN_ROUNDS} pushes")
    pull_all(device)


def pull_all(device: Device) -> None:
    """Pull pages until the hub has nothing newer."""
    for _ in range(_DRAIN_ROUNDS):
        if not device.puller.pull(wait=False):
            return
    raise RuntimeError(f"the feed did not drain in {_DRAIN_ROUNDS} pages")


# --- the child -------------------------------------------------------------------------


def _sign_in_cashier(device: Device) -> SignedInStaff:
    card = next(c for c in device.sign_in.staff_cards() if "cashier" in {r.value for r in c.roles})
    return device.sign_in.sign_in(card.staff_id, CASHIER_PIN)


def _actionable(device: Device, cashier: SignedInStaff) -> list[OrderSummary]:
    return [
        order
        for tab in _OPEN_TABS
        for order in device.order_queries.inbox(tab)
        if actions_for(cashier, order) & _CASHIER_ACTIONS
    ]


def _act(device: Device, cashier: SignedInStaff, order: OrderSummary) -> None:
    """The next cashier action the order allows: one local transaction."""
    allowed = actions_for(cashier, order)
    if OrderAction.ACCEPT in allowed:
        device.order_actions.accept(cashier, order.order_id)
    elif OrderAction.MARK_READY in allowed:
        device.order_actions.mark_ready(cashier, order.order_id)
    else:
        delivery = order.fulfilment is FulfilmentMode.DELIVERY
        party = HandoverParty.RIDER if delivery else HandoverParty.CUSTOMER
        device.order_actions.hand_over(cashier, order.order_id, party)


def _work(device: Device, seed: int, limit: int, ready: Callable[[], None]) -> None:
    """Act, push and pull until killed, or until `limit` actions were committed.

    `ready` is called once the cashier is signed in, before the first step.
    """
    rng = random.Random(seed)
    cashier = _sign_in_cashier(device)
    ready()
    done = 0
    while limit == 0 or done < limit:
        device.pusher.push(ignore_backoff=True)
        device.puller.pull(wait=False)
        candidates = _actionable(device, cashier)
        if not candidates:
            device.puller.pull(wait=True)  # the hub's long-poll wakes it when an order comes
            continue
        _act(device, cashier, rng.choice(candidates))
        done += 1
        device.pusher.push(ignore_backoff=True)
    drain(device)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="child_device")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--hub-url", required=True)
    parser.add_argument("--mode", choices=("work", "drain", "pull", "open"), default="work")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--actions", type=int, default=0, help="0: until killed")
    parser.add_argument("--page-limit", type=int, default=50)
    parser.add_argument("--ready-file", type=Path)
    return parser.parse_args(argv)


def _say_ready(ready_file: Path | None) -> None:
    """Tell the parent the device is up (written whole, then renamed into place)."""
    if ready_file is None:
        return
    qt_loaded = any(name.startswith("PySide6") for name in sys.modules)
    partial = ready_file.with_suffix(".partial")
    partial.write_text(f"pid={os.getpid()} qt={int(qt_loaded)}\n")
    partial.replace(ready_file)


def main(argv: list[str] | None = None) -> int:
    """Run one mode; 0 when it finished (a killed child never gets here)."""
    arguments = _arguments(argv)
    settings = device_settings(arguments.data_dir, arguments.hub_url, arguments.page_limit)
    if arguments.mode == "open":
        Database(settings.database_path).close()
        _say_ready(arguments.ready_file)
        return 0
    token = os.environ.get(TOKEN_ENV)
    if not token:
        sys.stderr.write(f"{TOKEN_ENV} is not set: the parent hands the token over\n")
        return 2
    device = open_device(settings, token)
    try:
        if arguments.mode == "work":
            ready = partial(_say_ready, arguments.ready_file)
            _work(device, arguments.seed, arguments.actions, ready)
        else:
            _say_ready(arguments.ready_file)
            if arguments.mode == "drain":
                drain(device)
            else:
                pull_all(device)
    finally:
        device.stop()
    return 0


# --- the parent ------------------------------------------------------------------------


def enrol_for_child(hub: EmbeddedHub, data_dir: Path) -> str:
    """Enrol a device database in `data_dir`, pull the store's staff into it; its token."""
    settings = device_settings(data_dir, hub.url)
    credentials, db = enrol_with_embedded_hub(hub, settings, _ChildCredentials(settings))
    token = credentials.device_token()
    assert token is not None
    device = build_device(settings, credentials, utc_now, QuietListener(), db=db)
    try:
        pull_all(device)
    finally:
        device.stop()
    return token


@dataclass
class ChildDevice:
    """One started child; `stop()` in a `finally` so none outlives its test."""

    process: subprocess.Popen[bytes]
    ready_file: Path
    stderr_file: Path
    started_at: float

    def wait_ready(self, timeout_s: float) -> float:
        """Seconds from launch until the device was up; fails if it died or took too long."""
        wait_until(
            lambda: self.ready_file.exists() or self.process.poll() is not None,
            timeout_s,
            "child device up",
        )
        if not self.ready_file.exists():
            raise AssertionError(f"child exited {self.process.returncode}: {self.stderr()}")
        return time.monotonic() - self.started_at

    def loaded_qt(self) -> bool:
        """Whether the child had any PySide6 module loaded when it said ready."""
        return "qt=1" in self.ready_file.read_text()

    def kill(self) -> int:
        """SIGKILL now (if still running) and reap; the exit code (-9 when killed)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=10)

    def wait_exit(self, timeout_s: float) -> int:
        """The exit code once the child ends by itself; killed and failed past `timeout_s`."""
        try:
            return self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"child still running after {timeout_s} s") from None

    def stderr(self) -> str:
        """What the child wrote to stderr so far."""
        return self.stderr_file.read_text(errors="replace")

    def stop(self) -> None:
        """Leave no child behind."""
        if self.process.poll() is None:
            self.kill()


def start_child(
    data_dir: Path,
    hub_url: str,
    token: str,
    *,
    mode: str = "work",
    seed: int = 0,
    actions: int = 0,
    page_limit: int = 50,
    armed: str = "",
    log_dir: Path,
) -> ChildDevice:
    """Launch a child device; `armed` is the STORESIDE_FAILPOINTS value ("" arms none)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    run = len(list(log_dir.glob("*.err")))
    ready_file = log_dir / f"{run:04d}.ready"
    stderr_file = log_dir / f"{run:04d}.err"
    environment = {**os.environ, TOKEN_ENV: token}
    environment.pop(failpoints.ENV_VAR, None)
    if armed:
        environment[failpoints.ENV_VAR] = armed
    command = [
        sys.executable,
        "-m",
        "tests.reliability.child_device",
        f"--data-dir={data_dir}",
        f"--hub-url={hub_url}",
        f"--mode={mode}",
        f"--seed={seed}",
        f"--actions={actions}",
        f"--page-limit={page_limit}",
        f"--ready-file={ready_file}",
    ]
    started_at = time.monotonic()
    with stderr_file.open("wb") as stderr:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=stderr
        )
    return ChildDevice(process, ready_file, stderr_file, started_at)


if __name__ == "__main__":
    sys.exit(main())
