"""Exception orders after intake: a manager's mapping of their unread lines, and their deadline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.domain.order_lifecycle import OrderAction, next_status
from app.domain.vocabulary import Actor, OrderStatus
from hub.catalogue import Catalogue
from hub.channels import ChannelAction
from hub.channels.unified_order import ParsedLine, catalogue_line
from hub.money import paid_amounts
from hub.orders import order_refusals, status_reasons
from hub.orders.order_records import order_of, record_channel_call, update_order
from hub.storage.tables import OrderRow
from sync.protocol import AcceptExceptionOrder, OrderData, OrderLine


def mapped_changes(
    command: AcceptExceptionOrder, order: OrderData, catalogue: Catalogue
) -> dict[str, Any]:
    """The lines and totals of `order` once each unread line is the catalogue item mapped to
    it; raise Refusal unless every unread line is mapped exactly once to a known item.

    A mapped line is priced at the channel's unit price where it was readable, else at the
    catalogue's; the discount is spread over all lines again, the totals follow the lines.
    """
    exception = order.exception
    if exception is None:
        raise order_refusals.not_an_exception_order(order)
    unread = {line.ref: line for line in exception.unread_lines}
    mapped: dict[str, OrderLine] = {}
    for mapping in command.line_mappings:
        line = unread.get(mapping.ref)
        if line is None:
            raise order_refusals.unknown_line_ref(mapping.ref)
        if mapping.ref in mapped:
            raise order_refusals.line_mapped_twice(mapping.ref)
        product = catalogue.find(mapping.sku)
        if product is None:
            raise order_refusals.unknown_item(mapping.sku)
        parsed = ParsedLine(
            sku=product.sku,
            name=product.name,
            unit_price_cents=product.price_cents
            if line.unit_price_cents is None
            else line.unit_price_cents,
            quantity=mapping.quantity,
        )
        try:
            mapped[mapping.ref] = catalogue_line(
                f"{order.order_id}-L{mapping.ref}", product, parsed, paid_cents=0
            )
        except ValidationError:
            raise order_refusals.mapping_too_large(mapping.ref, product.name) from None
    missing = [ref for ref in unread if ref not in mapped]
    if missing:
        raise order_refusals.lines_unmapped(missing)
    lines = sorted([*order.lines, *mapped.values()], key=_line_place)
    if not lines:
        raise order_refusals.nothing_to_accept(order)
    amounts = [line.unit_price_cents * line.quantity for line in lines]
    subtotal = sum(amounts)
    discount = min(order.discount_cents, subtotal)
    paid = paid_amounts(amounts, discount)
    return {
        "lines": [
            line.model_copy(update={"paid_cents": cents})
            for line, cents in zip(lines, paid, strict=True)
        ],
        "subtotal_cents": subtotal,
        "discount_cents": discount,
        "total_cents": subtotal - discount + order.delivery_fee_cents,
    }


def _line_place(line: OrderLine) -> tuple[int, str]:
    """Lines in the channel's order: their ids end in "-L<place>"."""
    place = line.line_id.rpartition("-L")[2]
    return (int(place), "") if place.isdigit() else (1 << 30, line.line_id)


def expire(session: Session, row: OrderRow, now: datetime) -> OrderData | None:
    """Cancel an exception order whose acceptance deadline passed, telling its channel."""
    order = order_of(row)
    if order.status is not OrderStatus.EXCEPTION or order.accept_by > now:
        return None
    status = next_status(order.status, OrderAction.EXPIRE, Actor.HUB)
    updated = update_order(
        session,
        row,
        status=status,
        closed_at=now,
        **status_reasons.not_confirmed_in_time(),
    )
    record_channel_call(session, updated, ChannelAction.EXPIRE, now)
    return updated
