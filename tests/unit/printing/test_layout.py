"""ESC/POS encoding and ticket layouts, read back through the fake printer's decoder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.printing import escpos
from app.printing.layout import (
    columns_for,
    display_width,
    encode,
    spread,
    ticket_rows,
    wrap,
)
from app.printing.tickets import Ticket, TicketKind, TicketLine
from tests.fake_printer import decode


def _ticket(kind: TicketKind = TicketKind.KITCHEN, **changes: object) -> Ticket:
    values: dict[str, object] = {
        "kind": kind,
        "order_id": "ord-7f3a",
        "channel": "meituan",
        "channel_order_no": "MT2026112200123",
        "daily_serial": 23,
        "station_name": "热菜 Hot kitchen",
        "placed_at": datetime(2026, 11, 22, 3, 30, tzinfo=UTC),
        "fulfilment": "delivery",
        "lines": (
            TicketLine(name="宫保鸡丁", quantity=2, note="不要辣", amount_cents=5600),
            TicketLine(name="Egg fried rice 蛋炒饭", quantity=1, amount_cents=1800),
        ),
        "order_note": "多给餐具",
        "subtotal_cents": 7400,
        "discount_cents": 500,
        "delivery_fee_cents": 300,
        "total_cents": 7200,
    }
    values.update(changes)
    return Ticket(**values)  # type: ignore[arg-type]


def _printed(ticket: Ticket, paper_mm: int = 80) -> list[str]:
    rows = ticket_rows(ticket, columns_for(paper_mm), UTC)
    (decoded,) = decode(encode(rows))
    return decoded.texts


def test_chinese_counts_two_columns():
    assert display_width("宫保鸡丁") == 8
    assert display_width("abc") == 3
    assert display_width("2 x 蛋炒饭") == 10


def test_wrap_never_exceeds_the_columns_nor_splits_a_character():
    text = "宫保鸡丁" * 10
    lines = wrap(text, 32)
    assert all(display_width(line) <= 32 for line in lines)
    assert "".join(lines) == text
    assert display_width(lines[0]) == 32


def test_spread_puts_the_amount_flush_right():
    assert display_width(spread("小计 Subtotal", "¥74.00", 32)) == 32
    assert spread("小计 Subtotal", "¥74.00", 32).endswith("¥74.00")


@pytest.mark.parametrize(("paper_mm", "columns"), [(58, 32), (80, 48)])
def test_every_line_fits_the_paper(paper_mm: int, columns: int):
    long_name = "超大份麻辣香锅配米饭加辣加麻" * 3
    ticket = _ticket(
        TicketKind.RECEIPT, lines=(TicketLine(name=long_name, quantity=1, amount_cents=9900),)
    )
    rows = ticket_rows(ticket, columns, UTC)
    (decoded,) = decode(encode(rows))
    for line in decoded.lines:
        assert display_width(line.text) * line.width <= columns, line.text


def test_kitchen_ticket_reads_back_with_serial_station_lines_and_notes():
    rows = ticket_rows(_ticket(), 48, UTC)
    (decoded,) = decode(encode(rows))
    serial = next(line for line in decoded.lines if line.text == "#23")
    assert (serial.width, serial.height, serial.bold) == (2, 2, True)
    text = decoded.text
    assert "热菜 Hot kitchen" in text
    assert "2 x 宫保鸡丁" in text
    assert "不要辣" in text
    assert "多给餐具" in text
    assert "美团 Meituan" in text
    assert decoded.qr_codes == []


def test_receipt_has_totals_and_a_qr_code_with_the_order_id():
    rows = ticket_rows(_ticket(TicketKind.RECEIPT), 32, UTC)
    (decoded,) = decode(encode(rows))
    assert decoded.qr_codes == ["ord-7f3a"]
    assert any(t.startswith("实付 Paid") and t.endswith("¥72.00") for t in decoded.texts)
    assert any(t.endswith("-¥5.00") for t in decoded.texts)


def test_void_ticket_is_big_and_says_what_it_voids():
    ticket = _ticket(TicketKind.VOID, voids="厨房单 Kitchen ticket #23 rev 1")
    (decoded,) = decode(encode(ticket_rows(ticket, 48, UTC)))
    assert decoded.is_void
    assert "#23" in decoded.texts
    assert "厨房单 Kitchen ticket #23 rev 1" in decoded.text


def test_reprint_is_marked_with_its_reason():
    (decoded,) = decode(encode(ticket_rows(_ticket(reprint_reason="纸卡住了 paper jam"), 48, UTC)))
    assert decoded.is_reprint
    assert "纸卡住了 paper jam" in decoded.text


def test_changed_order_says_which_revision_it_replaces():
    texts = _printed(_ticket(revision=2))
    assert any("CHANGED rev 2" in t and "replaces rev 1" in t for t in texts)


def test_qr_code_bytes_follow_gs_k_model_2():
    data = escpos.qr_code("ord-1")
    assert data.startswith(b"\x1d(k\x04\x00\x31\x41\x32\x00")
    assert b"\x1d(k\x08\x00\x31\x50\x30ord-1" in data
    assert data.endswith(b"\x1d(k\x03\x00\x31\x51\x30")


def test_text_is_gb18030_and_control_characters_are_dropped():
    assert escpos.text("宫保\x1bE") == "宫保E".encode("gb18030")


def test_ticket_survives_its_json_round_trip():
    ticket = _ticket(reprint_reason="x")
    assert Ticket.from_json(ticket.to_json()) == ticket
