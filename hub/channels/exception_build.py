"""The exception order for what could be read of a channel order: its lines, totals and problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from app.domain.vocabulary import OrderStatus
from app.domain.wire_limits import AMOUNT_MAX_CENTS, CODE_MAX, LINES_MAX, NOTE_MAX, PRODUCT_NAME_MAX
from hub.catalogue import Catalogue
from hub.channels.adapter import IntakeContext, unified_order_id
from hub.channels.gleaner import Problems
from hub.channels.salvage import RawLine, SalvagedOrder
from hub.channels.unified_order import (
    ParsedLine,
    catalogue_line,
    customer_of,
    order_times,
    pickup_code_of,
)
from hub.money import paid_amounts
from hub.wire_text import fit_text
from sync.protocol import OrderData, OrderException, OrderLine, UnreadLine


@dataclass(frozen=True, slots=True)
class Totals:
    """An order's amounts in cents, consistent enough to be stored."""

    subtotal: int
    discount: int
    delivery_fee: int
    total: int


def exception_order(
    read: SalvagedOrder,
    problems: Problems,
    context: IntakeContext,
    raw_payload_id: str,
    strict_error: str,
) -> OrderData:
    """The exception order of `read`: readable lines as order lines, the others unread."""
    kept = _kept_lines(read, problems)
    totals = _totals(read, read.lines, problems)  # all the channel sent, kept or not
    order_id = unified_order_id(read.channel, read.channel_order_no)
    amounts = [_amount(line) for line in kept]
    shares = paid_amounts(amounts, min(totals.discount, sum(amounts)))
    lines: list[OrderLine] = []
    unread: list[RawLine] = []
    for line, paid in zip(kept, shares, strict=True):
        built = _order_line(order_id, line, paid, context.catalogue, problems)
        if built is None:
            unread.append(line)
        else:
            lines.append(built)
    if not problems.found:
        # The adapter saw something these readers do not check: say what it said.
        problems.add("bad_value", strict_error)
    serial = read.daily_serial or context.next_daily_serial
    return OrderData(
        order_id=order_id,
        store_id=context.store_id,
        channel=read.channel,
        channel_order_no=read.channel_order_no,
        daily_serial=serial,
        status=OrderStatus.EXCEPTION,
        fulfilment=read.fulfilment,
        customer=customer_of(read.customer_name, read.phone_reported, read.preference),
        lines=lines,
        subtotal_cents=totals.subtotal,
        discount_cents=totals.discount,
        delivery_fee_cents=totals.delivery_fee,
        total_cents=totals.total,
        note=fit_text(read.note, NOTE_MAX),
        pickup_code=pickup_code_of(read.channel, read.fulfilment, serial),
        exception=OrderException(
            problems=problems.listed(),
            unread_lines=[_unread(line) for line in unread],
            raw_payload_id=raw_payload_id,
            received_at=context.received_at,
        ),
        version=1,
        **order_times(read.channel, context.received_at, read.deliver_by),
    )


def _kept_lines(read: SalvagedOrder, problems: Problems) -> Sequence[RawLine]:
    if read.line_count is not None and read.line_count > LINES_MAX:
        problems.add(
            "too_many_lines",
            f"the order has {read.line_count} items; the hub keeps the first {LINES_MAX}",
            quantity=read.line_count,
        )
    if read.line_count == 0:
        problems.add("bad_line", "the order lists no items")
    return read.lines[:LINES_MAX]


def _amount(line: RawLine) -> int:
    if line.quantity is None or line.unit_price_cents is None:
        return 0
    return line.quantity * line.unit_price_cents


def _totals(read: SalvagedOrder, lines: Sequence[RawLine], problems: Problems) -> Totals:
    """The channel's amounts where readable, else the sum of the readable lines."""
    line_total = sum(_amount(line) for line in lines)
    priced = all(line.quantity is not None and line.unit_price_cents is not None for line in lines)
    goods, discount, fee, paid = (
        read.goods_cents,
        read.discount_cents,
        read.delivery_fee_cents,
        read.paid_cents,
    )
    if goods is not None and priced and lines and goods != line_total:
        problems.add("totals_mismatch", f"items add up to {line_total} fen, the order says {goods}")
    if goods is not None and discount is not None and discount > goods:
        problems.add("totals_mismatch", f"discount {discount} fen exceeds the goods, {goods}")
    if None not in (goods, discount, fee, paid):
        expected = (goods or 0) - (discount or 0) + (fee or 0)
        if expected != paid:
            problems.add(
                "totals_mismatch",
                f"paid {paid} fen, but goods − discount + delivery fee is {expected}",
            )
    # A missing amount is what the others say it must be, where they can say it.
    subtotal = _capped(goods if goods is not None else line_total)
    if discount is None:
        discount = subtotal + fee - paid if fee is not None and paid is not None else 0
    discount = min(_capped(discount), subtotal)
    if fee is None:
        fee = paid - subtotal + discount if paid is not None else 0
    fee = _capped(fee)
    total = _capped(paid if paid is not None else subtotal - discount + fee)
    return Totals(subtotal, discount, fee, total)


def _capped(cents: int) -> int:
    return max(0, min(cents, AMOUNT_MAX_CENTS))


def _order_line(
    order_id: str, line: RawLine, paid: int, catalogue: Catalogue, problems: Problems
) -> OrderLine | None:
    """The line as an item of the catalogue, or None (its problem noted) when it is not one."""
    if line.sku is None or line.quantity is None or line.unit_price_cents is None:
        return None  # its unreadable field is noted already
    product = catalogue.find(line.sku)
    if product is None:
        problems.add(
            "unknown_item",
            f"unknown item '{fit_text(line.sku, CODE_MAX)}' x{line.quantity}",
            line_ref=line.ref,
            channel_sku=line.sku,
            quantity=line.quantity,
        )
        return None
    parsed = ParsedLine(
        sku=product.sku,
        name=line.name or product.name,
        unit_price_cents=line.unit_price_cents,
        quantity=line.quantity,
        unit_weight_g=line.unit_weight_g,
    )
    try:
        return catalogue_line(f"{order_id}-L{line.ref}", product, parsed, paid)
    except ValidationError:
        problems.add(
            "bad_line",
            f"line {line.ref} ({product.sku} x{line.quantity}) is beyond the hub's limits",
            line_ref=line.ref,
            channel_sku=line.sku,
            quantity=line.quantity,
        )
        return None


def _unread(line: RawLine) -> UnreadLine:
    return UnreadLine(
        ref=line.ref,
        channel_sku=fit_text(line.sku or "", CODE_MAX),
        name=fit_text(line.name, PRODUCT_NAME_MAX),
        quantity=line.quantity,
        unit_price_cents=line.unit_price_cents,
    )
