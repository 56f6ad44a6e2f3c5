"""Bag labels of a packed order: one journal ticket per (order, bag i of n), printed once.

The label is a ticket of the print journal (decision 010) of kind "bag_label", keyed by the
order and "bag i of n" in the station column, so pressing "Print labels" twice, or once more
after a restart, queues nothing new; a torn label is reprinted from the journal with a reason.
Packing the same order in a different number of bags queues the labels of that count.
"""

from __future__ import annotations

from collections.abc import Callable

from app.domain import wire_limits as limits
from app.domain.clock import Clock
from app.printing.tickets import Ticket, TicketKind
from app.services import input_checks
from app.services.print_journal import PrintJournal, PrintRefused, PrintRequest
from app.services.print_settings import PrintSettings
from local_db import order_repository
from local_db import print_journal_repository as journal
from local_db.database import Database
from local_db.order_repository import OrderSnapshot
from local_db.print_journal_repository import TicketKey

MAX_BAGS = limits.BAGS_MAX
_LABEL_REVISION = 1
"""Labels do not follow the order's content revisions: a bag is a bag."""


def bag_station(number: int, count: int) -> str:
    """The journal's station key of the label of bag `number` of `count`."""
    return f"bag-{number}-of-{count}"


def bag_label(order: OrderSnapshot, number: int, count: int) -> Ticket:
    """The label of bag `number` (1-based) of `count` of `order`."""
    return Ticket(
        kind=TicketKind.BAG_LABEL,
        order_id=order.order_id,
        channel=order.channel,
        channel_order_no=order.channel_order_no,
        daily_serial=order.daily_serial,
        station_name="",
        placed_at=order.placed_at,
        fulfilment=order.fulfilment,
        pickup_code=order.pickup_code,
        bag_number=number,
        bag_count=count,
    )


class BagLabels:
    """Queues bag labels in the print journal; the print runner prints them."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: PrintSettings,
        print_journal: PrintJournal,
        *,
        on_queued: Callable[[], None] = lambda: None,
    ) -> None:
        """`on_queued` runs after labels were queued (it wakes the print runner)."""
        self._db = db
        self._clock = clock
        self._settings = settings
        self._journal = print_journal
        self._on_queued = on_queued

    def label_printer(self) -> str:
        """The printer id labels go to ("" when none is set up: the label printer, else the
        counter printer)."""
        setup = self._settings.setup()
        for printer_id in (setup.label_printer_id, setup.counter_printer_id):
            if printer_id and setup.printer(printer_id) is not None:
                return printer_id
        return ""

    def print_labels(self, staff_id: str, order_id: str, bag_count: int) -> PrintRequest:
        """Queue labels "bag 1 of n" … "bag n of n", those not already in the journal.

        One local transaction. Raises PrintRefused: not_printing, no_printer (no label or
        counter printer), unknown_order, bad_bag_count (not 1..MAX_BAGS).
        """
        if type(bag_count) is not int or not 1 <= bag_count <= MAX_BAGS:
            raise PrintRefused("bad_bag_count")
        if not self._settings.setup().printers:
            raise PrintRefused("not_printing")
        printer_id = self.label_printer()
        if not printer_id:
            raise PrintRefused("no_printer")
        queued_ids: list[int] = []
        with self._db.write() as session:
            order = (
                order_repository.get_order(session, order_id)
                if input_checks.identifier(order_id) is not None
                else None
            )
            if order is None:
                raise PrintRefused("unknown_order")
            now = self._clock()
            for number in range(1, bag_count + 1):
                ticket_id = journal.insert_ticket(
                    session,
                    TicketKey(
                        order_id,
                        _LABEL_REVISION,
                        bag_station(number, bag_count),
                        TicketKind.BAG_LABEL,
                    ),
                    document=bag_label(order, number, bag_count).to_json(),
                    target_printer=printer_id,
                    now=now,
                    requested_by=staff_id,
                )
                if ticket_id is not None:
                    queued_ids.append(ticket_id)
        wanted = {bag_station(number, bag_count) for number in range(1, bag_count + 1)}
        labels = [
            view
            for view in self._journal.order_tickets(order_id)
            if view.kind is TicketKind.BAG_LABEL and view.copy == 0
        ]
        with self._db.read() as session:
            stations = {
                row.id: row.key.station for row in journal.tickets_of_order(session, order_id)
            }
        labels = [view for view in labels if stations.get(view.ticket_id) in wanted]
        if queued_ids:
            self._on_queued()
        return PrintRequest(
            tuple(view for view in labels if view.ticket_id in queued_ids),
            tuple(view for view in labels if view.ticket_id not in queued_ids),
        )
