"""Tickets carry the customer's masked number only, whatever the order holds."""

from __future__ import annotations

from sqlalchemy import update

from app.device import Device
from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from local_db.models import Order
from tests.devices import drain_feed, sign_in_as
from tests.fake_printer import FakePrinter

_NOTE_PHONE = "13912345678"


def test_receipts_and_kitchen_tickets_never_print_a_full_number(
    hub: EmbeddedHub, counter: Device, printers: dict[str, FakePrinter]
) -> None:
    placed = hub.demo.place_order(Channel.MEITUAN)
    phone = placed.customer.phone
    assert len(phone) == 11  # the channel sent its privacy number in full
    drain_feed(counter)
    with counter.db.write() as session:
        stored = session.get(Order, placed.order_id)
        assert stored is not None
        assert stored.customer_phone == phone  # kept for whom may call the customer
        # Customers type their number into the note too.
        session.execute(
            update(Order)
            .where(Order.order_id == placed.order_id)
            .values(note=f"到了打电话 call +86 {_NOTE_PHONE}")
        )
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    counter.order_actions.accept(cashier, placed.order_id)
    counter.printing.journal.print_receipt(cashier.staff_id, placed.order_id)
    counter.printing.runner.step()

    (receipt,) = printers["counter"].tickets()
    masked = f"{phone[:3]}****{phone[-4:]}"
    assert f"Customer {placed.customer.name} {masked}" in receipt.texts
    assert f"+86 139****{_NOTE_PHONE[-4:]}" in " ".join(receipt.texts)  # wrapped at 32
    printed = b"".join(fake.received for fake in printers.values())
    assert printed.count(b"****") >= 2
    for full in (phone, _NOTE_PHONE):
        assert full.encode("ascii") not in printed
