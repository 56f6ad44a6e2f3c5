"""OrderInboxModel: rows by order id, moved and updated in place; times tick without reloads."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel, Qt

from app.domain.order_lifecycle import InboxTab
from ui.cashier.order_inbox_model import InboxColumn, OrderInboxModel
from ui.theme import URGENT_RED


def _model(services) -> OrderInboxModel:
    model = OrderInboxModel(services.clock)
    model.set_rows(services.order_queries.inbox(InboxTab.NEW))
    return model


def _text(model: OrderInboxModel, row: int, column: InboxColumn) -> str:
    return model.data(model.index(row, column))


def test_rows_show_the_order(qapp, seed, services) -> None:
    seed.orders(seed.order_row("o1", serial=23, placed_ago=timedelta(minutes=4, seconds=10)))
    model = _model(services)
    assert _text(model, 0, InboxColumn.CHANNEL) == "Meituan"
    assert _text(model, 0, InboxColumn.SERIAL) == "#23"
    assert _text(model, 0, InboxColumn.AGE) == "4 min"
    assert _text(model, 0, InboxColumn.COUNTDOWN) == "0:50"
    assert _text(model, 0, InboxColumn.ITEMS) == "3"
    assert _text(model, 0, InboxColumn.TOTAL) == "¥53.00"
    assert _text(model, 0, InboxColumn.SYNC) == ""
    colour = model.data(model.index(0, InboxColumn.CHANNEL), Qt.ItemDataRole.BackgroundRole)
    assert colour.name().upper() == "#FFD100"
    assert model.data(model.index(0, InboxColumn.COUNTDOWN), Qt.ItemDataRole.ForegroundRole) == (
        URGENT_RED
    )


def test_pending_actions_show_as_waiting_to_sync(qapp, seed, services) -> None:
    seed.orders(seed.order_row("o1"))
    services.order_actions.accept(seed.cashier.signed_in(), "o1")
    model = OrderInboxModel(services.clock)
    model.set_rows(services.order_queries.inbox(InboxTab.IN_PROGRESS))
    assert _text(model, 0, InboxColumn.SYNC) == "Waiting"


def test_overdue(qapp, seed, services) -> None:
    seed.orders(seed.order_row("o1", placed_ago=timedelta(minutes=6)))
    assert _text(_model(services), 0, InboxColumn.COUNTDOWN) == "Overdue"


def test_refresh_times_touches_only_the_time_columns(qtbot, seed, services, clock) -> None:
    seed.orders(seed.order_row("o1"), seed.order_row("o2", serial=2))
    model = _model(services)
    clock.advance(seconds=30)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_times()
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert (top_left.row(), bottom_right.row()) == (0, 1)
    assert {top_left.column(), bottom_right.column()} == {InboxColumn.AGE, InboxColumn.COUNTDOWN}
    assert _text(model, 0, InboxColumn.COUNTDOWN) == "2:30"


def test_set_rows_keeps_the_selection_on_the_same_order(qapp, seed, services) -> None:
    seed.orders(
        seed.order_row("o1", serial=1, placed_ago=timedelta(minutes=3)),
        seed.order_row("o2", serial=2, placed_ago=timedelta(minutes=2)),
    )
    model = _model(services)
    selection = QItemSelectionModel(model)
    selection.select(
        model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    seed.orders(seed.order_row("o0", serial=9, placed_ago=timedelta(minutes=4)))
    model.set_rows(services.order_queries.inbox(InboxTab.NEW))
    assert [model.summary_at(row).order_id for row in range(3)] == ["o0", "o1", "o2"]
    assert [index.row() for index in selection.selectedRows()] == [2]
    assert resets == []


def test_set_rows_updates_changed_rows_and_drops_gone_ones(qapp, seed, services) -> None:
    seed.orders(seed.order_row("o1", serial=1), seed.order_row("o2", serial=2))
    model = _model(services)
    rows = services.order_queries.inbox(InboxTab.NEW)
    model.set_rows([replace(rows[1], total_cents=999)])
    assert model.rowCount() == 1
    assert _text(model, 0, InboxColumn.TOTAL) == "¥9.99"
    assert model.row_of("o1") is None
