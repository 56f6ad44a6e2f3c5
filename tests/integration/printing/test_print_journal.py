"""The print journal against the real hub and fake printers: one ticket per key, routing,
failover, waiting, VOID on cancellation, reprints."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from app.device import Device
from app.domain.vocabulary import Channel, Role
from app.read_models import SignedInStaff
from app.services.print_journal import PrintRefused
from hub.embedded import EmbeddedHub
from local_db import order_repository, print_journal_repository
from local_db.models import OrderLine
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fake_printer import FakePrinter
from tests.fakes import RecordingListener
from tests.integration.printing.conftest import RecordingPrintListener, station_setup
from tests.polling import wait_until

_CASHIER = SignedInStaff("staff-wangfang", "王芳 Wang Fang", frozenset({Role.CASHIER}))


def _accepted_order(hub: EmbeddedHub, device: Device, channel: Channel = Channel.MEITUAN) -> str:
    order = hub.demo.place_order(channel)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)
    device.pusher.push()
    drain_feed(device)
    return order.order_id


def _categories(device: Device, order_id: str) -> dict[str, list[str]]:
    """Line names of the order by station, as the test setup routes them."""
    with device.db.read() as session:
        order = order_repository.get_order(session, order_id)
    assert order is not None
    routed: dict[str, list[str]] = {"hot": [], "cold": []}
    for line in order.lines:
        station = "hot" if line.category in ("hot_food", "bakery") else "cold"
        routed[station].append(line.name)
    return routed


def _serial(device: Device, order_id: str) -> int:
    detail = device.order_queries.detail(order_id)
    assert detail is not None
    return detail.daily_serial


def test_kitchen_tickets_are_routed_to_stations_by_category_once(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    order_id = _accepted_order(hub, counter)
    runner = counter.printing.runner
    runner.step()
    runner.step()  # a second pass, as the timer would: nothing more

    serial = f"#{_serial(counter, order_id)}"
    for station, names in _categories(counter, order_id).items():
        tickets = printers[station].tickets()
        if not names:
            assert tickets == []
            continue
        (ticket,) = tickets
        assert serial in ticket.texts
        for name in names:
            assert any(name in text for text in ticket.texts), name
    assert printers["counter"].tickets() == []


def test_concurrent_clicks_and_retries_queue_one_ticket_per_station(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    order_id = _accepted_order(hub, counter)
    journal = counter.printing.journal
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def click() -> None:
        start.wait(timeout=5)
        try:
            journal.print_kitchen("staff-wangfang", order_id)
            journal.reconcile()
        except BaseException as error:  # reported to the test thread
            errors.append(error)

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    for _ in range(3):
        counter.printing.runner.step()

    stations = [s for s, names in _categories(counter, order_id).items() if names]
    tickets = journal.order_tickets(order_id)
    assert sorted(t.station_name for t in tickets) == sorted(
        {"hot": "热菜 Hot", "cold": "冷柜 Cold"}[s] for s in stations
    )
    assert all(t.state == "printed" for t in tickets)
    for station in stations:
        assert len(printers[station].tickets()) == 1
    again = journal.print_kitchen("staff-wangfang", order_id)
    assert again.queued == ()
    assert {t.ticket_id for t in again.existing} == {t.ticket_id for t in tickets}


def test_printer_refusing_then_back_prints_the_ticket_exactly_once(
    hub: EmbeddedHub,
    counter: Device,
    printers: dict[str, FakePrinter],
    print_events: RecordingPrintListener,
) -> None:
    for fake in printers.values():
        fake.refuse()
    order_id = _accepted_order(hub, counter)
    runner = counter.printing.runner
    runner.step()
    runner.print_due()  # not due yet: waits for its next attempt or a printer back
    tickets = counter.printing.journal.order_tickets(order_id)
    assert tickets
    assert {t.state for t in tickets} == {"failed_waiting"}
    assert {n.printed_on for n in print_events.failovers} == {""}
    assert len(print_events.failovers) == len(tickets)  # told once per ticket, not per retry

    for fake in printers.values():
        fake.refuse(refusing=False)
    runner.check_health()
    runner.print_due()
    runner.step()

    assert {t.state for t in counter.printing.journal.order_tickets(order_id)} == {"printed"}
    assert sum(len(fake.tickets()) for fake in printers.values()) == len(tickets)


def test_failed_printer_sends_its_tickets_to_the_backup_and_the_counter_is_told(
    hub: EmbeddedHub,
    counter: Device,
    printers: dict[str, FakePrinter],
    print_events: RecordingPrintListener,
) -> None:
    setup = station_setup(printers, hot_backup="cold")
    # One station makes everything, so the order surely has lines for the failing printer.
    counter.printing.settings.save(
        replace(setup, stations=(replace(setup.stations[0], categories=()),))
    )
    printers["hot"].paper_out = True
    _accepted_order(hub, counter, Channel.ELEME)
    counter.printing.runner.step()

    assert printers["hot"].tickets() == []
    cold_texts = [t.text for t in printers["cold"].tickets()]
    assert any("热菜 Hot" in text for text in cold_texts)
    notice = next(n for n in print_events.failovers if n.failed_printer == "hot printer")
    assert notice.printed_on == "cold printer"
    assert notice.problem == "paper_out"
    hot = next(h for h in counter.printing.runner.health() if h.printer_id == "hot")
    assert not hot.ok
    assert hot.problem == "paper_out"


def test_cancellation_through_the_hub_prints_a_void_at_the_same_station(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    order_id = _accepted_order(hub, counter)
    counter.printing.runner.step()
    stations = [s for s, names in _categories(counter, order_id).items() if names]

    hub.hub.intake.customer_cancels(order_id)
    drain_feed(counter)
    counter.printing.runner.step()
    counter.printing.runner.step()

    serial = f"#{_serial(counter, order_id)}"
    for station in stations:
        kitchen, void = printers[station].tickets()
        assert not kitchen.is_void
        assert void.is_void
        assert serial in void.texts
        assert f"Kitchen ticket {serial} rev 1" in void.text


def test_cancellation_before_printing_withdraws_the_ticket_instead(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    for fake in printers.values():
        fake.refuse()
    order_id = _accepted_order(hub, counter)
    counter.printing.runner.step()
    hub.hub.intake.customer_cancels(order_id)
    drain_feed(counter)
    for fake in printers.values():
        fake.refuse(refusing=False)
    counter.printing.runner.check_health()
    counter.printing.runner.step()

    assert {t.state for t in counter.printing.journal.order_tickets(order_id)} == {"withdrawn"}
    assert all(fake.tickets() == [] for fake in printers.values())


def test_reprint_needs_a_reason_and_is_marked_reprint(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    order_id = _accepted_order(hub, counter)
    journal = counter.printing.journal
    journal.print_receipt("staff-wangfang", order_id)
    counter.printing.runner.step()
    (original,) = [t for t in journal.order_tickets(order_id) if t.kind == "receipt"]

    with pytest.raises(PrintRefused) as refused:
        journal.reprint(_CASHIER, original.ticket_id, "   ")
    assert refused.value.code == "reason_required"
    first = journal.reprint(_CASHIER, original.ticket_id, "顾客要发票 customer asked")
    second = journal.reprint(_CASHIER, original.ticket_id, "double click")
    assert second.queued == ()
    assert [t.ticket_id for t in second.existing] == [first.queued[0].ticket_id]
    counter.printing.runner.step()

    receipt, reprint = printers["counter"].tickets()
    assert not receipt.is_reprint
    assert receipt.qr_codes == [order_id]
    assert reprint.is_reprint
    assert reprint.texts[1:3] == ["Reason: 顾客要发票 customer", "asked"]  # wrapped at 32
    copies = [t for t in journal.order_tickets(order_id) if t.kind == "receipt"]
    assert [(t.copy, t.reason, t.state) for t in copies] == [
        (0, "", "printed"),
        (1, "顾客要发票 customer asked", "printed"),
    ]


def test_device_without_printers_queues_nothing(hub: EmbeddedHub, counter: Device) -> None:
    from app.printing.print_setup import PrintSetup  # noqa: PLC0415

    counter.printing.settings.save(PrintSetup())
    order_id = _accepted_order(hub, counter)
    assert counter.printing.journal.reconcile() == 0
    assert counter.printing.journal.order_tickets(order_id) == []
    with pytest.raises(PrintRefused):
        counter.printing.journal.print_kitchen("staff-wangfang", order_id)


def test_ticket_left_printing_by_a_stopped_program_prints_again_marked_resent(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    order_id = _accepted_order(hub, counter)
    journal = counter.printing.journal
    result = journal.print_receipt("staff-wangfang", order_id)
    (ticket,) = result.queued
    with counter.db.write() as session:
        # The program stopped between claiming the ticket and hearing from the printer.
        assert print_journal_repository.claim(session, ticket.ticket_id)

    assert counter.printing.runner.recover() == 1
    counter.printing.runner.print_due()

    (printed,) = printers["counter"].tickets()
    assert "RESENT" in printed.text
    assert [t.state for t in journal.order_tickets(order_id) if t.kind == "receipt"] == ["printed"]


def test_changed_lines_make_a_new_revision_with_new_kitchen_tickets(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    setup = station_setup(printers)
    counter.printing.settings.save(
        replace(setup, stations=(replace(setup.stations[0], categories=()),))
    )
    order_id = _accepted_order(hub, counter)
    counter.printing.runner.step()
    with counter.db.write() as session:
        # As after a shortage decided "partial refund": one unit fewer of the first line.
        order = order_repository.get_order(session, order_id)
        assert order is not None
        first = order.lines[0]
        order_repository.update_order(session, order_id, version=order.version + 1)
        session.execute(
            update(OrderLine)
            .where(OrderLine.order_id == order_id, OrderLine.line_id == first.line_id)
            .values(quantity=first.quantity + 1)
        )
    counter.wake_pusher()  # what the shortage decision's service calls once committed
    counter.printing.runner.step()
    counter.printing.runner.step()

    original, changed = printers["hot"].tickets()
    assert not any("CHANGED" in text for text in original.texts)
    assert any("CHANGED rev 2" in text for text in changed.texts)
    assert any(f"{first.quantity + 1} x {first.name}" in text for text in changed.texts)
    revisions = [t.revision for t in counter.printing.journal.order_tickets(order_id)]
    assert revisions == [1, 2]


def test_running_device_prints_kitchen_tickets_of_an_order_accepted_elsewhere(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter], tmp_path: Path
) -> None:
    """The background jobs: another device accepts; the tickets print here by themselves."""
    order = hub.demo.place_order(Channel.MEITUAN)
    counter.start()
    tablet = enrolled_device(hub, tmp_path / "tablet", RecordingListener())
    try:
        drain_feed(tablet)
        cashier = sign_in_as(tablet.sign_in, "cashier", "1111")
        tablet.order_actions.accept(cashier, order.order_id)
        tablet.pusher.push()
    finally:
        tablet.stop()

    def printed() -> bool:
        if counter.order_queries.detail(order.order_id) is None:
            return False
        stations = [s for s, names in _categories(counter, order.order_id).items() if names]
        return bool(stations) and all(len(printers[s].tickets()) == 1 for s in stations)

    wait_until(printed, 20, "kitchen tickets printed by the running device")
    assert printers["counter"].tickets() == []


def test_the_journal_looks_again_only_at_the_orders_it_is_told_of(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    setup = station_setup(printers)
    counter.printing.settings.save(
        replace(setup, stations=(replace(setup.stations[0], categories=()),))
    )
    order_id = _accepted_order(hub, counter)
    counter.printing.runner.step()
    assert len(printers["hot"].tickets()) == 1

    def change_a_line_behind_its_back() -> None:
        with counter.db.write() as session:
            order = order_repository.get_order(session, order_id)
            assert order is not None
            order_repository.update_order(session, order_id, version=order.version + 1)
            session.execute(
                update(OrderLine)
                .where(OrderLine.order_id == order_id)
                .values(quantity=OrderLine.quantity + 1)
            )

    # Nobody says the order changed: the next steps do not read every order again...
    change_a_line_behind_its_back()
    counter.printing.runner.step()
    assert len(printers["hot"].tickets()) == 1
    # ...until a feed page (or an action here) names it.
    counter.printing.journal.orders_changed(frozenset({order_id}))
    counter.printing.runner.step()
    assert len(printers["hot"].tickets()) == 2
