"""Sending to a printer on TCP 9100: status asked first, every wait bounded, failures coded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.printing.network_printer import (
    NetworkAddress,
    NetworkPrinterLink,
    PrinterUnavailable,
    Timeouts,
)
from app.printing.print_setup import PrinterConfig, PrintSetup, Station
from tests.fake_printer import FakePrinter

_QUICK = Timeouts(connect_s=0.5, status_s=0.3, send_s=1.0)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.stop()


def test_bytes_sent_have_reached_the_printer_when_send_returns(printer: FakePrinter):
    NetworkPrinterLink(_QUICK).send(printer.address, b"\x1b@hello\n")
    assert printer.received == b"\x1b@hello\n"  # the status queries are not printed


def test_paper_out_is_refused_before_anything_is_sent(printer: FakePrinter):
    printer.paper_out = True
    with pytest.raises(PrinterUnavailable) as refused:
        NetworkPrinterLink(_QUICK).send(printer.address, b"ticket")
    assert refused.value.code == "paper_out"
    assert not refused.value.sent_any
    assert printer.received == b""


def test_a_printer_that_does_not_answer_times_out_as_no_status(printer: FakePrinter):
    printer.silent = True
    with pytest.raises(PrinterUnavailable) as refused:
        NetworkPrinterLink(_QUICK).check(printer.address)
    assert refused.value.code == "no_status"


def test_nobody_listening_is_unreachable():
    fake = FakePrinter()
    address = fake.address
    fake.stop()
    with pytest.raises(PrinterUnavailable) as refused:
        NetworkPrinterLink(_QUICK).send(NetworkAddress(address.host, address.port), b"x")
    assert refused.value.code == "unreachable"


def test_backup_chains_stop_at_a_loop():
    a = PrinterConfig(printer_id="a", name="A", host="h", backup_id="b")
    b = PrinterConfig(printer_id="b", name="B", host="h", backup_id="a")
    setup = PrintSetup(
        printers=(a, b), stations=(Station(station_id="s", name="S", printer_id="a"),)
    )
    assert [p.printer_id for p in setup.printers_for("a")] == ["a", "b"]
    assert setup.printers_for("missing") == []


def test_categories_go_to_their_station_and_the_rest_to_the_catch_all():
    hot = Station(station_id="hot", name="Hot", printer_id="p", categories=("hot_food",))
    rest = Station(station_id="rest", name="Rest", printer_id="p")
    setup = PrintSetup(stations=(hot, rest))
    assert setup.station_of("hot_food") == hot
    assert setup.station_of("drinks") == rest
    assert PrintSetup(stations=(hot,)).station_of("drinks") is None
