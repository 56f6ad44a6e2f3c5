"""kill -9 of the hub while it takes in unreadable orders: nothing lost, nothing twice.

A child process takes in spoiled orders of every channel and is killed at a random moment,
several times, on the same database; the hub then starts on that file and a device pulls.
Every order the child reported stored is on the device exactly once as an exception order,
every exception order the hub holds is in the feed and has its raw payload.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Final

from app.domain.vocabulary import OrderStatus
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device
from tests.fakes import RecordingListener

ROOT: Final = Path(__file__).resolve().parents[3]
SEED: Final = 23
KILLS: Final = 3
_READY_S: Final = 60.0


def _run_and_kill(database: Path, rng: random.Random) -> list[str]:
    """Start a child taking in orders, SIGKILL it after a random number of them; their ids."""
    taken: list[str] = []
    wanted = rng.randint(1, 6)
    with subprocess.Popen(
        [sys.executable, "-m", "tests.integration.hub.intake_child", str(database), str(SEED)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as child:
        watchdog = threading.Timer(_READY_S, child.kill)  # a silent child ends the read
        watchdog.start()
        try:
            assert child.stdout is not None
            for line in child.stdout:
                taken.append(line.split()[1])
                if len(taken) >= wanted:
                    break
            child.send_signal(signal.SIGKILL)
            assert child.wait(_READY_S) == -signal.SIGKILL
        finally:
            watchdog.cancel()
            if child.poll() is None:
                child.kill()
                child.wait(_READY_S)
    assert len(taken) == wanted, "the child ended before its kill"
    return taken


def test_a_killed_hub_loses_no_exception_order_and_keeps_every_raw_payload(
    tmp_path: Path,
) -> None:
    database = tmp_path / "hub.db"
    rng = random.Random(SEED)
    reported = [order_id for _ in range(KILLS) for order_id in _run_and_kill(database, rng)]
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    hub = EmbeddedHub(database, simulate=False, seed=SEED)
    hub.start()
    device = enrolled_device(hub, tmp_path / "device", RecordingListener())
    try:
        drain_feed(device)
        held = hub.demo.orders()
        feed = hub.hub.devices.read_feed(hub.hub.world.demo_store_id, limit=1000).records
        in_feed = Counter(r["id"] for r in feed if r["kind"] == "order")

        assert len(set(reported)) == len(reported)
        assert set(reported) <= {order.order_id for order in held}
        for order in held:
            assert order.status is OrderStatus.EXCEPTION
            assert order.exception is not None
            assert order.channel_order_no in hub.hub.admin.raw_payload(
                order.exception.raw_payload_id
            )
            assert in_feed[order.order_id] == 1
            shown = device.order_queries.detail(order.order_id)
            assert shown is not None, order.order_id
            assert shown.status is OrderStatus.EXCEPTION
    finally:
        device.stop()
        hub.stop()
