"""Outbox drain: actions queued offline, then sent to the reference hub on 127.0.0.1 as it returns.

Each measurement gets a fresh hub and a fresh device: orders placed, the device enrolled and
synced, the hub taken offline, the cashier's actions queued (accept, mark ready, hand over),
the hub brought back, and the drain timed from the first push until nothing is pending.
Pushes ignore the back-off: what is timed is sending, not waiting. The drain is measured with
the default batch size and with one command per request, and split into the time spent in
requests (of which the hub's `receive_commands`) and the time the device spends around them.

The drain runs under the app's garbage collection (ui/garbage_collection.py): automatic
collection off, the youngest generation collected once a second (timed with the drain), the
setup's garbage collected before the clock starts. Python's default, a full collection
whenever enough objects pile up, is not what the app's sync threads meet.
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, HandoverParty
from app.settings import Settings
from hub.composition import Hub
from hub.devices.enrolment import Device as HubDevice
from hub.embedded import EmbeddedHub
from local_db import outbox_repository
from sync.hub_client import HubClient
from sync.outbox_pusher import OutboxPusher
from sync.protocol import AuditHead, Command, CommandResults
from tests.devices import drain_feed, sign_in_as
from tests.fakes import RecordingListener

COLLECT_EVERY_S = 1.0
"""How often the app's GUI thread collects the youngest generation (ui/garbage_collection.py)."""


@dataclass(frozen=True)
class Drain:
    """One timed drain."""

    commands: int
    batch_size: int
    seconds: float
    in_requests_s: float
    in_hub_s: float
    requests: int

    @property
    def rate(self) -> float:
        """Commands per second."""
        return self.commands / self.seconds


class TimedHubClient(HubClient):
    """The real client, adding up the time spent in command requests."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = 0.0
        self.requests = 0

    def send_commands(
        self, commands: list[dict[str, Any]], audit_head: AuditHead | None = None
    ) -> CommandResults:
        started = time.perf_counter()
        try:
            return super().send_commands(commands, audit_head)
        finally:
            self.seconds += time.perf_counter() - started
            self.requests += 1


class HubTimer:
    """Adds up the time the hub spends in `receive_commands` (on its server thread)."""

    def __init__(self, hub: Hub) -> None:
        self.seconds = 0.0
        self._receive = hub.devices.receive_commands

    def receive_commands(
        self, device: HubDevice, commands: Sequence[Command], audit_head: AuditHead | None = None
    ) -> CommandResults:
        started = time.perf_counter()
        try:
            return self._receive(device, commands, audit_head)
        finally:
            self.seconds += time.perf_counter() - started


def measure(directory: Path, commands: int, batch_size: int, seed: int) -> Drain:
    """Queue `commands` actions while the hub is offline, bring it back, time the drain."""
    directory.mkdir(parents=True, exist_ok=True)
    hub = EmbeddedHub(directory / "hub.db", simulate=False, seed=seed)
    timer = HubTimer(hub.hub)
    # A bench may wrap one method of one object; the API calls it through this instance.
    hub.hub.devices.receive_commands = timer.receive_commands  # type: ignore[method-assign]
    hub.start()
    try:
        rng = random.Random(seed)
        orders = [hub.demo.place_order(rng.choice(list(Channel))) for _ in range(-(-commands // 3))]
        settings = Settings(
            data_dir=directory / "device", hub_url=hub.url, push_batch_size=batch_size
        )
        device, pusher, client = timed_device(hub, settings)
        try:
            drain_feed(device)
            hub.go_offline()
            queue_actions(device, [order.order_id for order in orders], commands, rng)
            hub.go_online()
            with app_garbage_collection() as collect_when_due:
                started = time.perf_counter()
                while pusher.push(ignore_backoff=True):
                    collect_when_due()
                seconds = time.perf_counter() - started
            with device.db.read() as session:
                left = outbox_repository.count_pending(session)[0]
            if left:
                raise RuntimeError(f"{left} command(s) still pending after the drain")
        finally:
            client.close()
            device.stop()
        return Drain(commands, batch_size, seconds, client.seconds, timer.seconds, client.requests)
    finally:
        hub.stop()


@contextmanager
def app_garbage_collection() -> Iterator[Callable[[], None]]:
    """Collection as the app runs it: off but for the youngest generation, collected by the
    function yielded once `COLLECT_EVERY_S` has passed since the last time (call it often)."""
    gc.collect()
    gc.disable()
    last = time.perf_counter()

    def collect_when_due() -> None:
        nonlocal last
        if time.perf_counter() - last >= COLLECT_EVERY_S:
            gc.collect(0)
            last = time.perf_counter()

    try:
        yield collect_when_due
    finally:
        gc.enable()


def timed_device(
    hub: EmbeddedHub, settings: Settings
) -> tuple[Device, OutboxPusher, TimedHubClient]:
    """A device wired as the app wires it, and a pusher like its own whose client is timed."""
    credentials, db = enrol_with_embedded_hub(hub, settings)
    device = build_device(settings, credentials, utc_now, RecordingListener(), db=db)
    client = TimedHubClient(settings.hub_url, credentials.device_token)
    pusher = OutboxPusher(
        device.db,
        client,
        utc_now,
        device.connectivity,
        RecordingListener(),
        batch_size=settings.push_batch_size,
    )
    return device, pusher, client


def queue_actions(device: Device, order_ids: list[str], commands: int, rng: random.Random) -> None:
    """The cashier accepts, readies and hands over orders, interleaved, `commands` actions."""
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    do = device.order_actions
    steps: dict[str, list[Callable[[], object]]] = {
        order_id: [
            partial(do.accept, cashier, order_id),
            partial(do.mark_ready, cashier, order_id),
            partial(do.hand_over, cashier, order_id, HandoverParty.RIDER),
        ]
        for order_id in order_ids
    }
    for _ in range(commands):
        order_id = rng.choice([order_id for order_id, left in steps.items() if left])
        steps[order_id].pop(0)()


def report(drain: Drain) -> str:
    """Two lines per drain: the rate, and where the time went."""
    device_s = drain.seconds - drain.in_requests_s
    transport_s = drain.in_requests_s - drain.in_hub_s
    return (
        f"  batch {drain.batch_size:>3}: {drain.commands:5d} commands in {drain.seconds:6.2f} s"
        f" = {drain.rate:6.0f} commands/s ({drain.requests} requests)\n"
        f"             hub apply {drain.in_hub_s:6.2f} s"
        f" ({drain.in_hub_s / drain.commands * 1000:5.2f} ms/command),"
        f" device {device_s:6.2f} s ({device_s / drain.commands * 1000:5.2f} ms/command),"
        f" HTTP {transport_s:6.2f} s ({transport_s / drain.requests * 1000:5.1f} ms/request)"
    )


def main() -> None:
    """Print the batched rate, the one-per-request rate and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=5000)
    parser.add_argument("--single-commands", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=Settings(data_dir=Path()).push_batch_size)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        batched = measure(Path(directory) / "batched", arguments.commands, arguments.batch, 1)
    with tempfile.TemporaryDirectory() as directory:
        single = measure(Path(directory) / "single", arguments.single_commands, 1, 2)
    print("drain: actions queued offline, the hub back on 127.0.0.1, pushed until none pending")
    print(report(batched))
    print(report(single))
    print(f"  ratio batched / one-per-request : {batched.rate / single.rate:7.2f}")
    print(f"  goal: >= 2000 commands/s batched : {'met' if batched.rate >= 2000 else 'NOT met'}")


if __name__ == "__main__":
    main()
