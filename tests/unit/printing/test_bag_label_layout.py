"""The bag label's layout and the label printer setting, decoded back from ESC/POS bytes."""

from __future__ import annotations

from datetime import UTC, datetime

from app.printing.layout import columns_for, encode, ticket_rows
from app.printing.print_setup import PrinterConfig, PrintSetup
from app.printing.tickets import Ticket, TicketKind
from app.services.print_settings import setup_from_json, setup_to_json
from tests.fake_printer import decode

PLACED = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


def _label(number: int, count: int, pickup_code: str | None = None) -> Ticket:
    return Ticket(
        kind=TicketKind.BAG_LABEL,
        order_id="eleme-9001",
        channel="eleme",
        channel_order_no="EL-9001",
        daily_serial=23,
        station_name="",
        placed_at=PLACED,
        fulfilment="delivery",
        pickup_code=pickup_code,
        bag_number=number,
        bag_count=count,
    )


def test_a_bag_label_says_which_bag_of_how_many_with_serial_channel_and_qr() -> None:
    printed = decode(encode(ticket_rows(_label(2, 3), columns_for(58), UTC)))

    assert len(printed) == 1
    label = printed[0]
    assert "#23" in label.texts
    assert "Bag 2 of 3" in label.texts
    assert "Eleme" in label.texts
    assert any("EL-9001" in text for text in label.texts)
    assert label.qr_codes == ["eleme-9001"]


def test_a_bag_label_in_chinese_words() -> None:
    chinese = {
        "Bag {number} of {count}": "第{number}/{count}袋",
        "Eleme": "饿了么",
        "Pickup {code}": "取餐码 {code}",
    }
    label = _label(2, 3, pickup_code="A23")
    rows = ticket_rows(label, columns_for(58), UTC, lambda source: chinese.get(source, source))
    (printed,) = decode(encode(rows))

    assert printed.texts[1:4] == ["饿了么", "第2/3袋", "取餐码 A23"]


def test_a_pickup_label_shows_the_pickup_code() -> None:
    printed = decode(encode(ticket_rows(_label(1, 1, pickup_code="A23"), columns_for(80))))
    assert any("A23" in text for text in printed[0].texts)


def test_a_label_ticket_reads_back_from_the_journal_json() -> None:
    label = _label(3, 4)
    assert Ticket.from_json(label.to_json()) == label


def test_older_journal_rows_without_bag_fields_still_read() -> None:
    data = _label(1, 2).to_json()
    del data["bag_number"], data["bag_count"]
    data["kind"] = "receipt"
    assert Ticket.from_json(data).bag_count == 0


def test_the_label_printer_is_kept_in_the_setup() -> None:
    printer = PrinterConfig(printer_id="labels", name="Labels", host="10.0.0.9")
    setup = PrintSetup(printers=(printer,), label_printer_id="labels")

    assert setup_from_json(setup_to_json(setup)).label_printer_id == "labels"
    assert not setup.is_printing  # a label printer alone prints no kitchen tickets
