"""History by day: the chosen store day's orders, every status, one opened beside the list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.vocabulary import Channel
from app.services.order_search import OrderSearch
from tests.unit.ui.conftest import NOW
from ui.day_picker import from_qdate
from ui.order_history_dialog import ORDER_ID_ROLE, OrderHistoryDialog

# NOW is noon in Shanghai; the store's day began 12 hours before.


@pytest.fixture
def dialog(qtbot, services, db, clock, seed) -> OrderHistoryDialog:
    seed.orders(
        seed.order_row("today-new", serial=31),
        seed.order_row(
            "today-done",
            channel=Channel.ELEME,
            serial=30,
            status="completed",
            placed_ago=timedelta(hours=3),
        ),
        seed.order_row(
            "today-cancelled",
            serial=29,
            status="cancelled",
            status_reason="not confirmed in time",
            status_code="not_confirmed_in_time",
            placed_ago=timedelta(hours=11, minutes=59),
        ),
        seed.order_row("yesterday-late", serial=80, placed_ago=timedelta(hours=12, minutes=1)),
        seed.order_row("two-days", serial=5, status="rejected", placed_ago=timedelta(days=2)),
    )
    dialog = OrderHistoryDialog(OrderSearch(db, clock), services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _listed(dialog: OrderHistoryDialog) -> list[str]:
    table = dialog.table
    return [str(table.item(row, 0).data(ORDER_ID_ROLE)) for row in range(table.rowCount())]


def test_opens_on_today_with_every_status_oldest_first(dialog) -> None:
    assert from_qdate(dialog.day_picker.date_edit.date()) == NOW.date()
    assert _listed(dialog) == ["today-cancelled", "today-done", "today-new"]
    statuses = [dialog.table.item(row, 3).text() for row in range(3)]
    assert statuses == ["Cancelled", "Completed", "New"]
    assert [dialog.table.item(row, 2).text() for row in range(3)] == ["#29", "#30", "#31"]
    assert dialog.table.item(1, 1).text() == "Eleme"
    assert dialog.count_label.text().startswith("Orders: 3 ·")


def test_previous_day_and_a_picked_date(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.day_picker.previous_button, Qt.MouseButton.LeftButton)
    assert _listed(dialog) == ["yesterday-late"]

    dialog.day_picker.date_edit.setDate(dialog.day_picker.date_edit.date().addDays(-1))
    assert _listed(dialog) == ["two-days"]
    assert dialog.table.item(0, 3).text() == "Rejected"

    dialog.day_picker.date_edit.setDate(dialog.day_picker.date_edit.date().addDays(-10))
    assert _listed(dialog) == []
    assert dialog.count_label.text() == "Orders: 0 · total ¥0.00"


def test_choosing_a_row_opens_the_order_in_the_detail_pane(qtbot, dialog) -> None:
    dialog.table.selectRow(1)

    qtbot.waitUntil(lambda: dialog.detail_pane.order is not None)
    assert dialog.detail_pane.order.order_id == "today-done"
    assert [line.name for line in dialog.detail_pane.order.lines] == ["宫保鸡丁", "米饭"]
