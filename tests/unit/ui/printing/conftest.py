"""Printing wired over the UI tests' cache, printing to a fake network printer on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from app.printing.network_printer import NetworkPrinterLink, Timeouts
from app.printing.print_setup import PrinterConfig, PrintSetup, Station
from app.services.print_wiring import Printing, build_printing
from local_db.database import Database
from tests.fake_printer import FakePrinter
from tests.unit.ui.conftest import FrozenClock, Seeder
from ui.screen_services import ScreenServices


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    """The kitchen's and the counter's printer."""
    fake = FakePrinter()
    yield fake
    fake.stop()


@pytest.fixture
def backup_printer() -> Iterator[FakePrinter]:
    """A second printer, the first one's backup."""
    fake = FakePrinter()
    yield fake
    fake.stop()


@pytest.fixture
def printing(
    db: Database, clock: FrozenClock, printer: FakePrinter, backup_printer: FakePrinter
) -> Printing:
    """Printing set up with one station on `printer`, backed up by `backup_printer`."""
    wired = build_printing(db, clock, NetworkPrinterLink(Timeouts(1.0, 1.0, 2.0)))
    wired.settings.save(
        PrintSetup(
            printers=(
                PrinterConfig(
                    printer_id="main",
                    name="Kitchen 厨房",
                    host=printer.address.host,
                    port=printer.address.port,
                    backup_id="spare",
                ),
                PrinterConfig(
                    printer_id="spare",
                    name="Spare 备用",
                    host=backup_printer.address.host,
                    port=backup_printer.address.port,
                ),
            ),
            stations=(Station(station_id="kitchen", name="厨房 Kitchen", printer_id="main"),),
            counter_printer_id="main",
        )
    )
    return wired


@pytest.fixture
def printing_services(services: ScreenServices, printing: Printing) -> ScreenServices:
    """The screens' services with printing."""
    return replace(services, printing=printing)


@pytest.fixture
def accepted_order(seed: Seeder, clock: FrozenClock) -> str:
    """Order #7, accepted now, with two lines."""
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("o-7", serial=7, status="accepted", accepted_at=clock()))
    seed.orders(seed.order_row("o-8", serial=8, status="accepted", accepted_at=clock()))
    return "o-7"
