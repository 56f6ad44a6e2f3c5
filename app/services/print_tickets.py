"""Making tickets from cached orders: route lines to stations, number content revisions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.privacy import mask_phone
from app.printing.print_setup import COUNTER_STATION, PrintSetup
from app.printing.tickets import Ticket, TicketKind, TicketLine
from local_db.order_repository import LineSnapshot, OrderSnapshot


@dataclass(frozen=True, slots=True)
class Routed:
    """The lines of one order that one station makes, and the printer it uses."""

    station_id: str
    station_name: str
    """The name a person gave the station ("" for the counter: the layout words it)."""
    printer_id: str
    lines: tuple[LineSnapshot, ...]


def content_digest(order: OrderSnapshot) -> str:
    """A hash of what the kitchen makes: a change of it is a new revision of the order."""
    content = [
        (line.line_id, line.sku, line.name, line.quantity, line.note, line.category)
        for line in order.lines
    ]
    encoded = json.dumps([content, order.note], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(encoded.encode()).hexdigest()


def route(order: OrderSnapshot, setup: PrintSetup) -> list[Routed]:
    """Group the order's lines by the station making them, in station order.

    Lines of a category no station claims (and no catch-all station) go to the counter
    printer, so no line is ever silently left off every ticket.
    """
    by_station: dict[str, list[LineSnapshot]] = {}
    for line in order.lines:
        station = setup.station_of(line.category)
        by_station.setdefault(
            COUNTER_STATION if station is None else station.station_id, []
        ).append(line)
    routed: list[Routed] = []
    for station in setup.stations:
        if station.station_id in by_station:
            routed.append(
                Routed(
                    station.station_id,
                    station.name,
                    station.printer_id,
                    tuple(by_station[station.station_id]),
                )
            )
    if COUNTER_STATION in by_station and setup.counter_printer_id:
        routed.append(
            Routed(
                COUNTER_STATION,
                "",
                setup.counter_printer_id,
                tuple(by_station[COUNTER_STATION]),
            )
        )
    return routed


def kitchen_ticket(order: OrderSnapshot, routed: Routed, revision: int) -> Ticket:
    """The kitchen ticket of one station."""
    return _ticket(
        order,
        TicketKind.KITCHEN,
        revision,
        routed.lines,
        station_name=routed.station_name,
        at_counter=routed.station_id == COUNTER_STATION,
    )


def receipt(order: OrderSnapshot, revision: int) -> Ticket:
    """The customer's receipt."""
    return _ticket(order, TicketKind.RECEIPT, revision, order.lines, at_counter=True)


def void_of(kitchen: Ticket) -> Ticket:
    """The VOID ticket cancelling a kitchen ticket that was printed (it says which one by the
    kitchen ticket's serial and revision)."""
    return Ticket(
        kind=TicketKind.VOID,
        order_id=kitchen.order_id,
        channel=kitchen.channel,
        channel_order_no=kitchen.channel_order_no,
        daily_serial=kitchen.daily_serial,
        station_name=kitchen.station_name,
        placed_at=kitchen.placed_at,
        fulfilment=kitchen.fulfilment,
        pickup_code=kitchen.pickup_code,
        revision=kitchen.revision,
        lines=kitchen.lines,
        at_counter=kitchen.at_counter,
    )


def _ticket(
    order: OrderSnapshot,
    kind: TicketKind,
    revision: int,
    lines: Sequence[LineSnapshot],
    *,
    station_name: str = "",
    at_counter: bool = False,
) -> Ticket:
    return Ticket(
        kind=kind,
        order_id=order.order_id,
        channel=order.channel,
        channel_order_no=order.channel_order_no,
        daily_serial=order.daily_serial,
        station_name=station_name,
        at_counter=at_counter,
        placed_at=order.placed_at,
        fulfilment=order.fulfilment,
        pickup_code=order.pickup_code,
        revision=revision,
        lines=tuple(
            TicketLine(
                name=line.name,
                quantity=line.quantity,
                note=line.note,
                amount_cents=line.paid_cents,
            )
            for line in lines
        ),
        order_note=order.note,
        customer=_customer_words(order) if kind is TicketKind.RECEIPT else "",
        subtotal_cents=order.subtotal_cents,
        discount_cents=order.discount_cents,
        delivery_fee_cents=order.delivery_fee_cents,
        total_cents=order.total_cents,
    )


def _customer_words(order: OrderSnapshot) -> str:
    # The masked form only, masked again in case a hub sent a full number in that field.
    phone = mask_phone(order.customer_phone_masked)
    return f"{order.customer_name} {phone}".strip()
