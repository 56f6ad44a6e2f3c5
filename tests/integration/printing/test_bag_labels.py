"""Bag labels against the real hub and a fake label printer: one label per (order, bag i of n)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.device import Device
from app.domain.vocabulary import Channel
from app.printing.print_setup import PrinterConfig, PrintSetup
from app.services.print_journal import PrintRefused
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, sign_in_as
from tests.fake_printer import FakePrinter


def _label_setup(label: FakePrinter) -> PrintSetup:
    """A handheld's setup: one label printer, no stations, no counter printer."""
    printer = PrinterConfig(
        printer_id="labels",
        name="Label printer",
        host=label.address.host,
        port=label.address.port,
        paper_mm=58,
    )
    return PrintSetup(printers=(printer,), label_printer_id="labels")


def test_three_bags_print_three_labels_once_each(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    order = hub.demo.place_order(Channel.ELEME)
    drain_feed(counter)
    labels = counter.printing.bag_labels
    first = labels.print_labels("staff-zhaomin", order.order_id, 3)
    again = labels.print_labels("staff-zhaomin", order.order_id, 3)
    counter.printing.runner.print_due()

    assert len(first.queued) == 3
    assert not again.queued
    assert len(again.existing) == 3
    printed = [t for t in printers["counter"].tickets() if "Bag" in t.text]
    assert len(printed) == 3
    assert [("Bag 2 of 3" in t.text) for t in printed] == [False, True, False]
    serial = counter.order_queries.detail(order.order_id)
    assert serial is not None
    assert all(f"#{serial.daily_serial}" in t.texts for t in printed)
    assert all(t.qr_codes == [order.order_id] for t in printed)


def test_labels_go_to_the_label_printer_when_one_is_set(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    label = FakePrinter()
    try:
        setup = counter.printing.settings.setup()
        label_printer = _label_setup(label).printers[0]
        counter.printing.settings.save(
            replace(setup, printers=(*setup.printers, label_printer), label_printer_id="labels")
        )
        order = hub.demo.place_order(Channel.MEITUAN)
        drain_feed(counter)
        counter.printing.bag_labels.print_labels("staff-zhaomin", order.order_id, 2)
        counter.printing.runner.print_due()

        assert [("Bag 1 of 2" in t.text) for t in label.tickets()] == [True, False]
        assert not [t for t in printers["counter"].tickets() if "Bag" in t.text]
    finally:
        label.stop()


def test_a_label_printer_alone_prints_no_kitchen_tickets(hub: EmbeddedHub, counter: Device) -> None:
    label = FakePrinter()
    try:
        counter.printing.settings.save(_label_setup(label))
        order = hub.demo.place_order(Channel.MEITUAN)
        drain_feed(counter)
        counter.order_actions.accept(sign_in_as(counter.sign_in, "cashier", "1111"), order.order_id)
        counter.printing.runner.step()
        assert counter.printing.journal.order_tickets(order.order_id) == []
    finally:
        label.stop()


@pytest.mark.parametrize("bags", [0, 21])
def test_a_bag_count_out_of_range_is_refused(hub: EmbeddedHub, counter: Device, bags: int) -> None:
    order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(counter)
    with pytest.raises(PrintRefused) as refusal:
        counter.printing.bag_labels.print_labels("staff-zhaomin", order.order_id, bags)
    assert refusal.value.code == "bad_bag_count"
