"""The day summary dialog: a row per channel and one for the store, for today or a chosen day."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.vocabulary import Channel
from app.services.day_summary import EXPIRED_CODE, DaySummaries
from app.services.order_search import OrderSearch
from tests.unit.ui.conftest import NOW
from ui.day_summary_dialog import DaySummaryDialog, format_seconds
from ui.main_window import MainWindow
from ui.value_formats import format_money


@pytest.fixture
def dialog(qtbot, db, clock, seed) -> DaySummaryDialog:
    accepted = NOW - timedelta(hours=1)
    seed.orders(
        seed.order_row(
            "m1",
            serial=1,
            status="completed",
            total_cents=5300,
            placed_ago=timedelta(hours=1, seconds=90),
            accepted_at=accepted,
        ),
        seed.order_row(
            "m2",
            serial=2,
            status="accepted",
            total_cents=2000,
            placed_ago=timedelta(hours=1, seconds=30),
            accepted_at=accepted,
        ),
        seed.order_row(
            "m3",
            serial=3,
            status="cancelled",
            status_reason="not confirmed in time",
            status_code=EXPIRED_CODE,
            total_cents=999,
        ),
        seed.order_row("e1", channel=Channel.ELEME, serial=1, status="rejected"),
        seed.order_row(
            "e2",
            channel=Channel.ELEME,
            serial=2,
            status="cancelled",
            status_reason="cancelled by the customer",
            status_code="customer_cancelled",
        ),
        seed.order_row("old", serial=9, status="completed", placed_ago=timedelta(days=1)),
    )
    dialog = DaySummaryDialog(DaySummaries(db, clock))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _row(dialog: DaySummaryDialog, row: int) -> list[str]:
    return [dialog.table.item(row, column).text() for column in range(dialog.table.columnCount())]


def test_today_by_channel_and_in_all(dialog) -> None:
    assert dialog.heading.text() == f"Today, {NOW.date().isoformat()}"
    assert _row(dialog, 0) == [
        "Meituan",
        "3",
        format_money(7300),
        "1 min 00 s",
        "1",
        "0",
        "0",
    ]
    assert _row(dialog, 1) == ["Eleme", "2", format_money(0), "—", "0", "1", "1"]
    assert _row(dialog, 2) == ["Mini-program", "0", format_money(0), "—", "0", "0", "0"]
    assert _row(dialog, 3) == [
        "All channels",
        "5",
        format_money(7300),
        "1 min 00 s",
        "1",
        "1",
        "1",
    ]
    assert dialog.table.item(3, 0).font().bold()


def test_previous_day_shows_that_day(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.day_picker.previous_button, Qt.MouseButton.LeftButton)

    assert dialog.summary is not None
    assert not dialog.summary.is_today
    assert dialog.heading.text() == (NOW.date() - timedelta(days=1)).isoformat()
    assert _row(dialog, 3)[:2] == ["All channels", "1"]

    qtbot.mouseClick(dialog.day_picker.today_button, Qt.MouseButton.LeftButton)
    assert _row(dialog, 3)[:2] == ["All channels", "5"]


@pytest.mark.parametrize(
    ("seconds", "text"), [(None, "—"), (44.6, "45 s"), (60, "1 min 00 s"), (754, "12 min 34 s")]
)
def test_seconds_to_accept_are_shown_to_the_second(seconds, text) -> None:
    assert format_seconds(seconds) == text


def test_the_orders_menu_opens_history_and_summary_once_signed_in(
    qtbot, services, bridge, db, clock, seed
) -> None:
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("o1", serial=23))
    window = MainWindow(
        dataclasses.replace(
            services, order_search=OrderSearch(db, clock), day_summaries=DaySummaries(db, clock)
        ),
        bridge,
        store_name="静安寺店",
    )
    qtbot.addWidget(window)
    window.show()
    assert "&Orders" in [action.text() for action in window.menuBar().actions()]
    assert not window.order_history_action.isEnabled()
    assert not window.day_summary_action.isEnabled()

    window.sign_in_screen.signed_in.emit(seed.cashier.signed_in())

    assert window.order_history_action.isEnabled()
    assert window.day_summary_action.isEnabled()
    history = window.open_order_history()
    qtbot.addWidget(history)
    assert [order.order_id for order in history.orders] == ["o1"]
    summary = window.open_day_summary()
    qtbot.addWidget(summary)
    assert summary.summary is not None
    assert summary.summary.total.orders == 1
    window.sign_out()
    assert not window.order_history_action.isEnabled()
