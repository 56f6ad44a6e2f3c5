"""ESC/POS encoding and ticket layouts, read back through the fake printer's decoder.

Layouts print the program's words through the `words` they are given (English by default);
dish names, notes and reasons print as they were written.
"""

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
from app.printing.ticket_words import TicketWords
from app.printing.tickets import Ticket, TicketKind, TicketLine
from tests.fake_printer import decode

# What the lead's zh_CN catalogue says for the ticket texts (a stand-in for it here: the
# Qt-backed words are tested in tests/unit/ui/printing/test_ticket_language.py).
_CHINESE = {
    "Kitchen": "厨房单",
    "Receipt": "顾客小票",
    "VOID": "作废单",
    "Meituan": "美团",
    "Pickup {code}": "取餐码 {code}",
    "Order no. {number}": "单号 {number}",
    "Note: {note}": "备注：{note}",
    "Delivery": "外卖配送",
    "Subtotal": "小计",
    "Discount": "优惠",
    "Delivery fee": "配送费",
    "Paid": "实付",
    "Customer {name}": "顾客 {name}",
    "REPRINT": "补打",
    "Reason: {reason}": "原因：{reason}",
    "Voids: {what}": "作废：{what}",
    "Kitchen ticket #{serial} rev {revision}": "厨房单 #{serial} 第{revision}版",
}


def _chinese(source: str) -> str:
    return _CHINESE.get(source, source)


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


def _printed(ticket: Ticket, paper_mm: int = 80, words: TicketWords | None = None) -> list[str]:
    rows = ticket_rows(ticket, columns_for(paper_mm), UTC, *([words] if words else []))
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


def test_wrap_moves_a_whole_english_word_to_the_next_line():
    assert wrap("Note: extra chopsticks please", 16) == ["Note: extra", "chopsticks", "please"]
    assert wrap("备注：多给餐具 please", 12) == ["备注：多给餐", "具 please"]


def test_an_order_number_too_long_for_one_line_with_the_time_is_never_cut():
    texts = _printed(_ticket(channel_order_no="MT2026112200123"), paper_mm=58)
    assert "Order no. MT2026112200123" in texts
    assert texts[texts.index("Order no. MT2026112200123") + 1].endswith("11-22 03:30")


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
    assert "Note: 多给餐具" in decoded.texts
    assert "Meituan · Kitchen" in decoded.texts
    assert "Delivery" in decoded.texts
    assert decoded.qr_codes == []


def test_kitchen_ticket_in_chinese_words_keeps_dishes_and_notes_as_written():
    texts = _printed(_ticket(pickup_code="A23"), words=_chinese)
    assert "美团 · 厨房单" in texts
    assert "取餐码 A23" in texts
    assert "备注：多给餐具" in texts
    assert "外卖配送" in texts
    assert any(t.startswith("单号 MT2026112200123") for t in texts)
    assert "2 x 宫保鸡丁" in texts
    assert "1 x Egg fried rice 蛋炒饭" in texts
    assert "  * 不要辣" in texts
    assert "热菜 Hot kitchen" in texts


def test_receipt_has_totals_and_a_qr_code_with_the_order_id():
    rows = ticket_rows(_ticket(TicketKind.RECEIPT), 32, UTC)
    (decoded,) = decode(encode(rows))
    assert decoded.qr_codes == ["ord-7f3a"]
    assert any(t.startswith("Paid") and t.endswith("¥72.00") for t in decoded.texts)
    assert any(t.endswith("-¥5.00") for t in decoded.texts)


def test_english_receipt_shows_subtotal_and_paid_in_yuan_and_fen():
    ticket = _ticket(
        TicketKind.RECEIPT,
        lines=(TicketLine(name="蛋炒饭", quantity=1, amount_cents=1250),),
        subtotal_cents=1250,
        discount_cents=0,
        delivery_fee_cents=0,
        total_cents=1250,
        customer="张先生 13812345678",
    )
    texts = _printed(ticket, paper_mm=58)
    assert "Meituan · Receipt" in texts
    for label in ("1 x 蛋炒饭", "Subtotal", "Paid"):
        assert any(t.startswith(label) and t.endswith(" ¥12.50") for t in texts), label
    assert not any("Discount" in t or "Delivery fee" in t for t in texts)
    assert "Customer 张先生 138****5678" in texts


def test_receipt_in_chinese_words_names_every_total():
    texts = _printed(_ticket(TicketKind.RECEIPT), words=_chinese)
    assert "美团 · 顾客小票" in texts
    assert any(t.startswith("小计") and t.endswith("¥74.00") for t in texts)
    assert any(t.startswith("优惠") and t.endswith("-¥5.00") for t in texts)
    assert any(t.startswith("配送费") and t.endswith("¥3.00") for t in texts)
    assert any(t.startswith("实付") and t.endswith("¥72.00") for t in texts)


def test_void_ticket_is_big_and_says_what_it_voids():
    (decoded,) = decode(encode(ticket_rows(_ticket(TicketKind.VOID), 48, UTC)))
    assert decoded.is_void
    assert "#23" in decoded.texts
    assert "Voids: Kitchen ticket #23 rev 1" in decoded.texts


def test_void_ticket_in_chinese_words():
    texts = _printed(_ticket(TicketKind.VOID, revision=2), words=_chinese)
    assert texts[0] == "作废单"
    assert "作废：厨房单 #23 第2版" in texts


def test_reprint_is_marked_with_its_reason():
    (decoded,) = decode(encode(ticket_rows(_ticket(reprint_reason="纸卡住了 paper jam"), 48, UTC)))
    assert decoded.is_reprint
    assert decoded.texts[:2] == ["** REPRINT **", "Reason: 纸卡住了 paper jam"]


def test_reprint_in_chinese_words():
    texts = _printed(_ticket(reprint_reason="纸卡住了"), words=_chinese)
    assert texts[:2] == ["** 补打 **", "原因：纸卡住了"]


def test_counter_ticket_words_its_station():
    texts = _printed(_ticket(station_name="", at_counter=True))
    assert "Counter" in texts


def test_a_translation_with_wrong_placeholders_prints_the_english_instead():
    texts = _printed(
        _ticket(pickup_code="A23"), words=lambda s: "取餐码 {pickup}" if "{code}" in s else s
    )
    assert "Pickup A23" in texts


def test_changed_order_says_which_revision_it_replaces():
    texts = _printed(_ticket(revision=2))
    assert "CHANGED rev 2, replaces rev 1" in texts


def test_qr_code_bytes_follow_gs_k_model_2():
    data = escpos.qr_code("ord-1")
    assert data.startswith(b"\x1d(k\x04\x00\x31\x41\x32\x00")
    assert b"\x1d(k\x08\x00\x31\x50\x30ord-1" in data
    assert data.endswith(b"\x1d(k\x03\x00\x31\x51\x30")


def test_text_is_gb18030_and_control_characters_are_dropped():
    assert escpos.text("宫保\x1bE") == "宫保E".encode("gb18030")


def test_ticket_survives_its_json_round_trip():
    ticket = _ticket(reprint_reason="x", at_counter=True)
    assert Ticket.from_json(ticket.to_json()) == ticket


def test_a_journal_row_of_an_earlier_release_still_reads_and_prints():
    # Earlier releases kept a VOID's words and a retry note in the ticket's document.
    old = _ticket(TicketKind.VOID).to_json()
    del old["at_counter"], old["resent"]
    old |= {"voids": "厨房单 Kitchen ticket #23 rev 1", "retry_note": "补发 RESENT"}

    ticket = Ticket.from_json(old)

    assert ticket.resent
    texts = _printed(ticket)
    assert "Voids: Kitchen ticket #23 rev 1" in texts
    assert texts[:2] == ["RESENT: an earlier attempt may have printed part", "of this ticket"]
