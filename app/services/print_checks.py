"""The print journal's refusals and the checks a print request passes before it queues anything."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.printing.print_setup import COUNTER_STATION, PrintSetup
from app.services import input_checks
from app.services.print_settings import PrintSettings
from local_db import order_repository
from local_db.order_repository import OrderSnapshot
from local_db.print_journal_repository import JournalRow


class PrintRefused(Exception):
    """A print request that cannot be done; `code` is stable (the screens say it in words).

    Codes: not_printing (no printer set up here), unknown_order, not_accepted (no kitchen
    ticket before acceptance), no_printer (no printer for that ticket), reason_required,
    unknown_ticket, not_permitted (the person may not reprint; nothing was queued), and a
    reprint reason the trail would not take (input_checks: reason_too_long,
    reason_control_character, reason_broken_character, reason_wrong_type).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def printing_setup(settings: PrintSettings) -> PrintSetup:
    """The printing setup of this device; not_printing when no printer is set up here."""
    setup = settings.setup()
    if not setup.printers:
        raise PrintRefused("not_printing")
    return setup


def order_to_print(session: Session, order_id: str) -> OrderSnapshot:
    """The cached order `order_id`; unknown_order when there is none."""
    if input_checks.identifier(order_id) is None:
        raise PrintRefused("unknown_order")
    order = order_repository.get_order(session, order_id)
    if order is None:
        raise PrintRefused("unknown_order")
    return order


def current_printer(setup: PrintSetup, original: JournalRow) -> str:
    """The printer a copy of `original` goes to now; no_printer when there is none left."""
    if original.key.station == COUNTER_STATION:
        printer = setup.counter_printer_id
    else:
        station = setup.station(original.key.station)
        printer = station.printer_id if station is not None else ""
    if printer and setup.printer(printer) is not None:
        return printer
    if setup.printer(original.target_printer) is not None:
        return original.target_printer
    raise PrintRefused("no_printer")
