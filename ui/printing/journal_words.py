"""What the screens call a print-journal entry's channel and station, in the interface's words.

Tickets print in the ticket language (ui/printing/ticket_language.py); the screens showing
the journal speak the interface's language, like every other screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.vocabulary import Channel
from app.printing.tickets import TicketKind
from app.services.ticket_views import TicketView
from ui.labels import channel_name


def channel_text(channel: str) -> str:
    """The channel as the counter calls it (the raw code of a channel this program lacks)."""
    try:
        return channel_name(Channel(channel))
    except ValueError:
        return channel


def station_text(ticket: TicketView) -> str:
    """Where the ticket is made: the station's name, the counter, or which bag it labels."""
    if ticket.kind is TicketKind.BAG_LABEL and ticket.bag_count:
        return QCoreApplication.translate("Labels", "Bag {number} of {count}").format(
            number=ticket.bag_number, count=ticket.bag_count
        )
    if ticket.at_counter:
        return QCoreApplication.translate("Labels", "Counter")
    return ticket.station_name
