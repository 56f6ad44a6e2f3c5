"""How the journal's screens name a ticket's channel and station, in the interface's words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.printing.tickets import TicketKind
from app.services.ticket_views import TicketView
from ui.printing.journal_words import channel_text, station_text


def _view(kind: TicketKind, **changes: object) -> TicketView:
    values: dict[str, object] = {
        "ticket_id": 1,
        "order_id": "o-7",
        "daily_serial": 7,
        "channel": "meituan",
        "channel_order_no": "ME00000007",
        "kind": kind,
        "station_name": "",
        "revision": 1,
        "copy": 0,
        "reason": "",
        "state": "printed",
        "attempts": 1,
        "target_printer": "main",
        "printed_by": "main",
        "created_at": datetime(2026, 11, 22, 4, 0, tzinfo=UTC),
        "printed_at": None,
        "last_error": "",
    }
    values.update(changes)
    return TicketView(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("channel", "shown"),
    [("meituan", "Meituan"), ("eleme", "Eleme"), ("miniprogram", "Mini-program"), ("jd", "jd")],
)
def test_channel_is_named_as_the_counter_calls_it(qapp, channel: str, shown: str) -> None:
    assert channel_text(channel) == shown


def test_station_is_the_stations_name_the_counter_or_the_bag(qapp) -> None:
    assert station_text(_view(TicketKind.KITCHEN, station_name="热菜 Hot")) == "热菜 Hot"
    assert station_text(_view(TicketKind.RECEIPT, at_counter=True)) == "Counter"
    label = _view(TicketKind.BAG_LABEL, bag_number=2, bag_count=3)
    assert station_text(label) == "Bag 2 of 3"
    # A row of an earlier release kept "前台 Counter" as the name: the screen words it anew.
    old = _view(TicketKind.KITCHEN, station_name="前台 Counter", at_counter=True)
    assert station_text(old) == "Counter"
