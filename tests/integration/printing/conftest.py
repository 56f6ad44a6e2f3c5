"""A counter device that prints to fake network printers on 127.0.0.1, against the real hub."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.device import Device
from app.printing.print_events import FailoverNotice, PrinterHealth
from app.printing.print_setup import PrinterConfig, PrintSetup, Station
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device
from tests.fake_printer import FakePrinter
from tests.fakes import RecordingListener


class RecordingPrintListener:
    """Keeps every printing event; safe from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.health: list[PrinterHealth] = []
        self.failovers: list[FailoverNotice] = []

    def printer_health_changed(self, health: PrinterHealth) -> None:
        with self._lock:
            self.health.append(health)

    def ticket_failed_over(self, notice: FailoverNotice) -> None:
        with self._lock:
            self.failovers.append(notice)

    def journal_changed(self) -> None:
        pass


@pytest.fixture
def printers() -> Iterator[dict[str, FakePrinter]]:
    """Three fake printers: the hot kitchen's, the cold kitchen's, the counter's."""
    fakes = {name: FakePrinter() for name in ("hot", "cold", "counter")}
    yield fakes
    for fake in fakes.values():
        fake.stop()


def station_setup(printers: dict[str, FakePrinter], *, hot_backup: str = "") -> PrintSetup:
    """Hot food and bakery to the hot kitchen; everything else to the cold kitchen."""
    configs = tuple(
        PrinterConfig(
            printer_id=name,
            name=f"{name} printer",
            host=fake.address.host,
            port=fake.address.port,
            paper_mm=58 if name == "counter" else 80,
            backup_id=hot_backup if name == "hot" else "",
        )
        for name, fake in printers.items()
    )
    return PrintSetup(
        printers=configs,
        stations=(
            Station(
                station_id="hot",
                name="热菜 Hot",
                printer_id="hot",
                categories=("hot_food", "bakery"),
            ),
            Station(station_id="cold", name="冷柜 Cold", printer_id="cold"),
        ),
        counter_printer_id="counter",
    )


@pytest.fixture
def print_events() -> RecordingPrintListener:
    """Printing events the counter would be shown."""
    return RecordingPrintListener()


@pytest.fixture
def counter(
    hub: EmbeddedHub,
    tmp_path: Path,
    listener: RecordingListener,
    printers: dict[str, FakePrinter],
    print_events: RecordingPrintListener,
) -> Iterator[Device]:
    """The counter PC, printing to the fake printers; sync and printing driven by hand."""
    device = enrolled_device(hub, tmp_path / "counter", listener)
    drain_feed(device)
    device.printing.settings.save(station_setup(printers))
    device.printing.runner.subscribe(print_events)
    yield device
    device.stop()
