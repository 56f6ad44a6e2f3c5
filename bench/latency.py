"""New-order latency: from the hub's commit to the row in the cashier inbox's Qt model.

The reference hub on 127.0.0.1 places orders at a lunch-peak rate (exponential gaps, mean
`--interval` seconds) from a thread of this process, noting the monotonic time as each
`place_order` returns (the hub has committed it). The app runs offscreen as `storeside`
builds it: a real Device with its sync jobs, the SyncBridge, the main window signed in as
the cashier, whose cashier screen shows the New tab; the time a row for the order appears
in the inbox model (rowsInserted / modelReset, on the GUI thread) ends the measurement.

In the same run, before the app starts, a bare client measures the hub's own delivery
(against a hub of its own, so that the app starts with an empty New tab): an httpx
long-poll loop on GET /v1/feed with a device token, timed from the commit to the response
holding the order. Stages of the app's path are printed too: the
feed page written to the cache (the sync thread's `records_changed`), the bridge's signal
on the GUI thread, the row in the model.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app.device import build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel
from app.main import screen_services
from app.read_models import SignedInStaff
from app.settings import Settings
from hub.embedded import EmbeddedHub
from ui.application import QtApplication
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge

GOAL_RATIO_P50 = 4.0
"""Row in the inbox, p50, at most this many times the bare long-poll's p50 (same run)."""
GOAL_P99_MS = 100.0
_CHANNELS = (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM)


class Placer(threading.Thread):
    """Places `count` orders at exponential gaps; `committed` maps order id to monotonic time."""

    def __init__(self, hub: EmbeddedHub, count: int, interval_s: float, seed: int) -> None:
        super().__init__(name="placer", daemon=True)
        self._hub = hub
        self._count = count
        self._interval_s = interval_s
        self._rng = random.Random(seed)
        self.lock = threading.Lock()
        self.committed: dict[str, float] = {}

    def run(self) -> None:
        for n in range(self._count):
            time.sleep(self._rng.expovariate(1.0 / self._interval_s))
            order = self._hub.demo.place_order(_CHANNELS[n % 3])
            at = time.monotonic()
            with self.lock:
                self.committed[order.order_id] = at


class TimedBridge(SyncBridge):
    """The app's bridge, noting when a page of orders was written and when the GUI heard."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[float] = []
        self.heard: list[float] = []

    def records_changed(self, kinds: Any, order_ids: Any = None) -> None:
        """The sync thread wrote records (any thread)."""
        self.written.append(time.monotonic())
        super().records_changed(kinds, order_ids)

    def _on_self_records_arrived(self, changes: Any) -> None:
        # On the GUI thread, before any screen's slot (orders_updated, then records_updated).
        self.heard.append(time.monotonic())
        super()._on_self_records_arrived(changes)


def bare_long_poll(hub: EmbeddedHub, directory: Path, count: int, interval_s: float) -> list[float]:
    """Milliseconds from commit to the long-poll response holding each order."""
    credentials, db = enrol_with_embedded_hub(hub, Settings(data_dir=directory, hub_url=hub.url))
    db.close()
    token = credentials.device_token()
    delivered: dict[str, float] = {}
    placer = Placer(hub, count, interval_s, seed=1)
    stop = threading.Event()

    def poll() -> None:
        with httpx.Client(
            base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {token}"}, timeout=40
        ) as client:
            cursor = client.get("/feed", params={"wait": 0, "limit": 1000}).json()["cursor"]
            while not stop.is_set():
                page = client.get("/feed", params={"after": cursor, "wait": 2, "limit": 500})
                at = time.monotonic()
                body = page.json()
                cursor = body["cursor"]
                for record in body["records"]:
                    if record["kind"] == "order":
                        delivered.setdefault(record["id"], at)

    poller = threading.Thread(target=poll, name="bare-poll", daemon=True)
    poller.start()
    time.sleep(0.5)
    placer.start()
    placer.join()
    deadline = time.monotonic() + 10
    while len(delivered) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    poller.join(timeout=5)
    return latencies(placer.committed, delivered)


_OFFSCREEN_CHATTER = "This plugin does not support propagateSizeHints()"


def bench_application() -> QApplication:
    """The app's own QApplication (it also moves garbage collection to a GUI timer), with the
    offscreen platform's one warning per shown window left out of the bench's figures."""

    def relay(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message != _OFFSCREEN_CHATTER:
            print(message, file=sys.stderr)

    qInstallMessageHandler(relay)
    return QtApplication().app


def app_path(hub: EmbeddedHub, directory: Path, count: int, interval_s: float) -> dict[str, Any]:
    """Milliseconds from commit to the order's row in the inbox model, and the stages."""
    qt = bench_application()
    settings = Settings(data_dir=directory, hub_url=hub.url)
    credentials, db = enrol_with_embedded_hub(hub, settings)
    bridge = TimedBridge()
    device = build_device(settings, credentials, utc_now, bridge, db=db)
    window = MainWindow(screen_services(device), bridge, store_name="bench")
    model = window.cashier_screen.model
    shown: dict[str, float] = {}

    def note_rows(first: int, last: int) -> None:
        at = time.monotonic()
        for row in range(first, last + 1):
            summary = model.summary_at(row)
            if summary is not None:
                shown.setdefault(summary.order_id, at)

    model.rowsInserted.connect(lambda _parent, first, last: note_rows(first, last))
    model.modelReset.connect(lambda: note_rows(0, model.rowCount() - 1))
    placer = Placer(hub, count, interval_s, seed=2)
    device.start()
    window.show()
    run_until(qt, lambda: bool(device.sign_in.staff_cards()), 20)
    card = next(card for card in device.sign_in.staff_cards() if "cashier" in card.roles)
    window.sign_in_screen.signed_in.emit(SignedInStaff(card.staff_id, card.name, card.roles))
    bridge.written.clear()
    bridge.heard.clear()
    placer.start()
    run_until(
        qt,
        lambda: not placer.is_alive() and all(key in shown for key in placer.committed),
        count * interval_s + 60,
    )
    device.stop()
    window.close()
    return {
        "model": latencies(placer.committed, shown),
        "written": _stage(placer.committed, bridge.written),
        "heard": _stage(placer.committed, bridge.heard),
    }


def run_until(
    qt: Any, done: Callable[[], bool], timeout_s: float, *, must_finish: bool = True
) -> None:
    """Run the Qt event loop until `done()` or `timeout_s` passed (an error, if `must_finish`).

    The loop is left with `exit`, not `quit`: Qt 6's quit first closes every window, and
    the window would then be hidden (never painted) for the rest of the bench.
    """
    deadline = time.monotonic() + timeout_s
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: (done() or time.monotonic() > deadline) and qt.exit(0))
    timer.start()
    qt.exec()
    timer.stop()
    if must_finish and not done():
        raise RuntimeError("the bench did not finish in time")


def latencies(committed: dict[str, float], arrived: dict[str, float]) -> list[float]:
    """Milliseconds from each commit to its arrival, for the orders that arrived."""
    return [(arrived[key] - at) * 1000 for key, at in committed.items() if key in arrived]


def _stage(committed: dict[str, float], moments: list[float]) -> list[float]:
    """For each order, milliseconds to the first of `moments` at or after its commit."""
    ordered = sorted(moments)
    result = []
    for at in committed.values():
        later = next((moment for moment in ordered if moment >= at), None)
        if later is not None:
            result.append((later - at) * 1000)
    return result


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p99 and the largest of `samples`."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered), p99, ordered[-1]


def print_stages(rows: tuple[tuple[str, list[float]], ...]) -> None:
    """The table of stages: a header, then p50 / p99 / max and the count of each ("-" when
    a stage has no samples)."""
    print(f"  {'':<36} {'p50':>7} {'p99':>7} {'max':>7}  n")
    for name, samples in rows:
        if samples:
            p50, p99, top = percentiles(samples)
            print(f"  {name:<36} {p50:7.1f} {p99:7.1f} {top:7.1f}  {len(samples)}")
        else:
            print(f"  {name:<36} {'-':>7} {'-':>7} {'-':>7}  0")


def main() -> None:
    """Run the bare client, then the app, against one hub; print p50 / p99 / max."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--interval", type=float, default=0.2, help="mean seconds between orders")
    arguments = parser.parse_args()
    # As the app does: a long-poll outlasting its job's interval is normal, not a warning.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        # One hub each, so the app's New tab starts empty, as at the start of a lunch peak.
        with EmbeddedHub(root / "bare-hub.db", simulate=False, seed=5) as hub:
            bare = bare_long_poll(hub, root / "bare", arguments.orders, arguments.interval)
        with EmbeddedHub(root / "app-hub.db", simulate=False, seed=5) as hub:
            app = app_path(hub, root / "app", arguments.orders, arguments.interval)
    print(
        f"latency: {arguments.orders} orders, mean gap {arguments.interval * 1000:.0f} ms, "
        f"hub commit -> ... (ms)"
    )
    print_stages(
        (
            ("bare long-poll delivery", bare),
            ("app: page written to the cache", app["written"]),
            ("app: bridge signal on the GUI thread", app["heard"]),
            ("app: row in the inbox model", app["model"]),
        )
    )
    p50, p99, _ = percentiles(app["model"])
    bare_p50 = percentiles(bare)[0]
    ratio = p50 / bare_p50 if bare_p50 > 0 else float("inf")
    verdict = "met" if ratio <= GOAL_RATIO_P50 else "NOT met"
    print(
        f"  ratio row in the inbox / bare long-poll (p50): {ratio:.1f} "
        f"(goal <= {GOAL_RATIO_P50:.0f}): {verdict}"
    )
    verdict = "met" if p99 <= GOAL_P99_MS else "NOT met"
    print(f"  p99 row in the inbox: {p99:.1f} ms (goal <= {GOAL_P99_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
