"""Ticket layouts in rows of text for 58 mm (32 columns) and 80 mm (48 columns) paper.

Layouts are device-independent rows; `encode` turns them into ESC/POS bytes and the PDF
writer draws the same rows, so a PDF ticket looks like the paper one. Widths count East
Asian wide characters (Chinese) as two columns, and double-width text as twice that.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from app.domain.privacy import mask_phones_in
from app.printing import escpos
from app.printing.escpos import Align
from app.printing.ticket_words import (
    BAG_OF,
    CHANGED,
    COUNTER,
    CUSTOMER,
    DELIVERY_FEE,
    DISCOUNT,
    KITCHEN_VOIDED,
    NOTE,
    ORDER_NUMBER,
    PAID,
    PICKUP_CODE,
    REASON,
    REPRINT,
    RESENT,
    SUBTOTAL,
    VOIDS,
    TicketWords,
    channel_words,
    english,
    fulfilment_words,
    kind_words,
    say,
)
from app.printing.tickets import Ticket, TicketKind

PAPER_COLUMNS = {58: 32, 80: 48}
"""Characters per line of the common thermal paper widths (Font A, 12x24 dots)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One printed line: text, alignment, emphasis and character magnification."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True, slots=True)
class QrRow:
    """A QR code with `data`."""

    data: str


Block = Row | QrRow


def columns_for(paper_mm: int) -> int:
    """Columns of one line on `paper_mm` paper (58 or 80)."""
    try:
        return PAPER_COLUMNS[paper_mm]
    except KeyError:
        raise ValueError(f"unsupported paper width {paper_mm} mm (58 or 80)") from None


def display_width(value: str) -> int:
    """Columns `value` takes: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def wrap(value: str, columns: int) -> list[str]:
    """Cut `value` into lines of at most `columns` columns, never splitting a character.

    Chinese breaks anywhere; a word of narrow letters (English, numbers) moves whole to the
    next line when a space before it allows, and the space at that break is dropped.
    """
    lines: list[str] = []
    current = ""
    for ch in value:
        if display_width(current + ch) > columns and current:
            if ch == " ":
                lines.append(current)
                current = ""
                continue
            head, space, word = current.rpartition(" ")
            narrow = display_width(word + ch) == len(word + ch)
            if space and head.strip() and narrow:
                lines.append(head)
                current = word
            else:
                lines.append(current)
                current = ""
        current += ch
    if current or not lines:
        lines.append(current)
    return lines


def spread(left: str, right: str, columns: int) -> str:
    """`left` and `right` on one line, `right` flush right (left is cut when too long)."""
    room = columns - display_width(right) - 1
    cut = wrap(left, max(room, 1))[0]
    return cut + " " * (columns - display_width(cut) - display_width(right)) + right


def ticket_rows(
    ticket: Ticket,
    columns: int,
    local_zone: tzinfo | None = None,
    words: TicketWords = english,
) -> list[Block]:
    """The rows of `ticket` on paper of `columns` columns; times in `local_zone`, the
    program's words in `words` (dish names, notes and reasons print as they were given)."""
    if ticket.kind is TicketKind.BAG_LABEL:
        return bag_label_rows(ticket, columns, local_zone, words)
    rows = _head_rows(ticket, columns, words)
    rows += _order_rows(ticket, columns, local_zone, words)
    if ticket.customer:
        rows.append(Row(say(words, CUSTOMER, name=mask_phones_in(ticket.customer))))
    if ticket.revision > 1 and ticket.kind is TicketKind.KITCHEN:
        changed = say(words, CHANGED, revision=ticket.revision, previous=ticket.revision - 1)
        rows += [Row(line, bold=True) for line in wrap(changed, columns)]
    if ticket.kind is TicketKind.VOID:
        what = say(words, KITCHEN_VOIDED, serial=ticket.daily_serial, revision=ticket.revision)
        rows += [Row(line, bold=True) for line in wrap(say(words, VOIDS, what=what), columns)]
    rows.append(_rule(columns))
    rows += _line_rows(ticket, columns)
    rows.append(_rule(columns))
    if ticket.order_note:
        # Customers write their number into notes; paper left in a bag must not carry it.
        note = say(words, NOTE, note=mask_phones_in(ticket.order_note))
        rows += [Row(line, bold=True) for line in wrap(note, columns)]
    if ticket.kind is TicketKind.RECEIPT:
        rows += _totals(ticket, columns, words)
        rows.append(QrRow(ticket.order_id))
        rows.append(Row(ticket.order_id, Align.CENTER))
    return rows


def bag_label_rows(
    ticket: Ticket,
    columns: int,
    local_zone: tzinfo | None = None,
    words: TicketWords = english,
) -> list[Block]:
    """A bag label: serial and channel large, "bag i of n", the order number, and a QR code
    of the order id for the rider's or the counter's scanner."""
    rows: list[Block] = _marks(ticket, columns, words)
    bag = say(words, BAG_OF, number=ticket.bag_number, count=ticket.bag_count)
    rows += [
        Row(f"#{ticket.daily_serial}", Align.CENTER, bold=True, width=3, height=3),
        Row(channel_words(ticket.channel, words), Align.CENTER, bold=True, height=2),
        Row(bag, Align.CENTER, bold=True, height=2),
    ]
    if ticket.pickup_code:
        pickup = say(words, PICKUP_CODE, code=ticket.pickup_code)
        rows.append(Row(pickup, Align.CENTER, bold=True))
    rows += _order_rows(ticket, columns, local_zone, words)
    rows += [
        _rule(columns),
        QrRow(ticket.order_id),
        Row(ticket.order_id, Align.CENTER),
    ]
    return rows


def encode(rows: Sequence[Block], *, feed_lines: int = 4) -> bytes:
    """ESC/POS bytes printing `rows` then cutting the paper."""
    out = bytearray(escpos.initialise())
    for row in rows:
        if isinstance(row, QrRow):
            out += escpos.align(Align.CENTER) + escpos.qr_code(row.data) + escpos.line()
            continue
        out += escpos.align(row.align)
        out += escpos.bold(row.bold)
        out += escpos.size(row.width, row.height)
        out += escpos.line(row.text)
    out += escpos.size(1, 1) + escpos.bold(False) + escpos.align(Align.LEFT)
    out += escpos.feed(feed_lines) + escpos.cut()
    return bytes(out)


def _marks(ticket: Ticket, columns: int, words: TicketWords) -> list[Block]:
    rows: list[Block] = []
    if ticket.reprint_reason is not None:
        rows.append(Row(f"** {words(REPRINT)} **", Align.CENTER, bold=True, height=2))
        reason = say(words, REASON, reason=ticket.reprint_reason)
        rows += [Row(line, Align.CENTER) for line in wrap(reason, columns)]
    if ticket.resent:
        rows += [Row(line, Align.CENTER, bold=True) for line in wrap(words(RESENT), columns)]
    return rows


def _head_rows(ticket: Ticket, columns: int, words: TicketWords) -> list[Block]:
    """Marks, the VOID sign, serial, channel and kind, station, pickup code."""
    rows = _marks(ticket, columns, words)
    if ticket.kind is TicketKind.VOID:
        rows += [Row(kind_words(ticket.kind, words), Align.CENTER, bold=True, width=2, height=2)]
    rows += [
        Row(f"#{ticket.daily_serial}", Align.CENTER, bold=True, width=2, height=2),
        Row(
            f"{channel_words(ticket.channel, words)} · {kind_words(ticket.kind, words)}",
            Align.CENTER,
            bold=True,
        ),
    ]
    if ticket.kind is not TicketKind.RECEIPT:
        station = words(COUNTER) if ticket.at_counter else ticket.station_name
        rows.append(Row(station, Align.CENTER, bold=True, width=1, height=2))
    if ticket.pickup_code:
        pickup = say(words, PICKUP_CODE, code=ticket.pickup_code)
        rows.append(Row(pickup, Align.CENTER, bold=True, height=2))
    return rows


def _order_rows(
    ticket: Ticket, columns: int, local_zone: tzinfo | None, words: TicketWords
) -> list[Block]:
    placed = ticket.placed_at.astimezone(local_zone).strftime("%m-%d %H:%M")
    number = say(words, ORDER_NUMBER, number=ticket.channel_order_no)
    fulfilment = Row(fulfilment_words(ticket.fulfilment, words))
    if display_width(number) + 1 + display_width(placed) <= columns:
        return [Row(spread(number, placed, columns)), fulfilment]
    # The order number is what the rider and the channel ask for: never cut it.
    return [*(Row(line) for line in wrap(number, columns)), Row(placed, Align.RIGHT), fulfilment]


def _line_rows(ticket: Ticket, columns: int) -> list[Block]:
    rows: list[Block] = []
    kitchen = ticket.kind is not TicketKind.RECEIPT
    for item in ticket.lines:
        head = f"{item.quantity} x {item.name}"
        if kitchen:
            # Double height only: a kitchen line keeps the full width for long dish names.
            rows += [Row(line, bold=True, height=2) for line in wrap(head, columns)]
        else:
            rows.append(Row(spread(head, _money(item.amount_cents), columns)))
        if item.note:
            rows += [Row(line) for line in wrap(f"  * {mask_phones_in(item.note)}", columns)]
    return rows


def _totals(ticket: Ticket, columns: int, words: TicketWords) -> list[Block]:
    rows: list[Block] = [Row(spread(words(SUBTOTAL), _money(ticket.subtotal_cents), columns))]
    if ticket.discount_cents:
        discount = "-" + _money(ticket.discount_cents)
        rows.append(Row(spread(words(DISCOUNT), discount, columns)))
    if ticket.delivery_fee_cents:
        fee = _money(ticket.delivery_fee_cents)
        rows.append(Row(spread(words(DELIVERY_FEE), fee, columns)))
    rows.append(Row(spread(words(PAID), _money(ticket.total_cents), columns), bold=True))
    return rows


def _rule(columns: int) -> Row:
    return Row("-" * columns)


def _money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}¥{cents // 100}.{cents % 100:02d}"
