"""The cashier screen with real services over a temp cache: tabs, detail, actions, live updates."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.vocabulary import Channel, RecordKind
from local_db.models import OutboxEntry
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.order_inbox_model import InboxColumn


def _outbox(db) -> list:
    """Every queued command as (command_type, entity_id, staff_id, payload), oldest first."""
    with db.read() as session:
        return list(
            session.execute(
                select(
                    OutboxEntry.command_type,
                    OutboxEntry.entity_id,
                    OutboxEntry.staff_id,
                    OutboxEntry.payload,
                ).order_by(OutboxEntry.seq)
            )
        )


def _tab_texts(screen: CashierScreen) -> list[str]:
    return [screen.tab_bar.tabText(index) for index in range(screen.tab_bar.count())]


def _click_order(qtbot, screen: CashierScreen, order_id: str) -> None:
    row = screen.model.row_of(order_id)
    assert row is not None
    rect = screen.table.visualRect(screen.model.index(row, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.order_id == order_id


def _seed_mixed(seed) -> None:
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row("n1", serial=21, placed_ago=timedelta(minutes=3)),
        seed.order_row("n2", channel=Channel.ELEME, serial=22, placed_ago=timedelta(minutes=1)),
        seed.order_row("p1", serial=18, status="preparing"),
        seed.order_row("r1", serial=15, status="ready", fulfilment="pickup", pickup_code="8812"),
        seed.order_row("c1", serial=9, status="cancelled", status_reason="Customer cancelled"),
    )


def test_tabs_show_their_counts_and_orders(qtbot, screen, seed) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    assert _tab_texts(screen) == [
        "New (2)",
        "Booked (0)",
        "Preparing (1)",
        "Ready (1)",
        "Done (0)",
        "Cancelled (1)",
    ]
    assert screen.current_tab() is InboxTab.NEW
    assert [screen.model.summary_at(row).order_id for row in range(2)] == ["n1", "n2"]
    screen.show_tab(InboxTab.READY)
    assert screen.model.rowCount() == 1
    assert screen.model.summary_at(0).order_id == "r1"
    assert screen.table.isColumnHidden(InboxColumn.COUNTDOWN)


def test_detail_shows_the_chosen_order(qtbot, screen, seed) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    screen.show_tab(InboxTab.READY)
    _click_order(qtbot, screen, "r1")
    texts = {label.text() for label in screen.detail_pane.widget().findChildren(QLabel)}
    assert {"#15", "8812", "宫保鸡丁", "陈先生 · 138****5678", "¥53.00"} <= texts
    hand_over = screen.action_bar.buttons[OrderAction.HAND_OVER]
    assert hand_over.isVisible()
    assert hand_over.text() == "Hand to customer"
    assert not screen.action_bar.buttons[OrderAction.ACCEPT].isVisible()


def test_accept_moves_the_order_on_and_queues_one_command(qtbot, screen, seed, db) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n1")
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.ACCEPT], Qt.MouseButton.LeftButton)
    assert screen.model.row_of("n1") is None
    assert _tab_texts(screen)[:3] == ["New (1)", "Booked (0)", "Preparing (2)"]
    # The accepted order stays on show (now with Mark ready); no neighbour gets selected.
    assert screen.detail_pane.order.order_id == "n1"
    assert screen.table.selectionModel().selectedRows() == []
    assert screen.message_strip.text() == "Accepted #21 (Meituan). It is now under “Preparing”."
    [entry] = _outbox(db)
    assert (entry.command_type, entry.entity_id) == ("accept_order", "n1")
    assert entry.staff_id == seed.cashier.staff_id
    screen.show_tab(InboxTab.IN_PROGRESS)
    row = screen.model.row_of("n1")
    assert screen.model.data(screen.model.index(row, InboxColumn.SYNC)) == "Waiting"
    assert screen.table.selectionModel().selectedRows()[0].row() == row


def test_action_buttons_rest_after_an_action(qtbot, screen, seed) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n1")
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.ACCEPT], Qt.MouseButton.LeftButton)
    ready = screen.action_bar.buttons[OrderAction.MARK_READY]
    assert ready.isVisible()
    assert not ready.isEnabled()
    qtbot.waitUntil(ready.isEnabled)


def test_reject_offers_only_the_channels_reasons_and_queues_the_one_chosen(
    qtbot, screen, seed, db
) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n2")
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.REJECT], Qt.MouseButton.LeftButton)
    dialog = screen.reject_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert tuple(dialog.reason_buttons) == CHANNEL_RULES[Channel.ELEME].reject_reasons
    assert RejectReason.OUT_OF_RANGE not in dialog.reason_buttons
    assert not dialog.reject_button.isEnabled()
    qtbot.mouseClick(dialog.reason_buttons[RejectReason.TOO_BUSY], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.note_field, "Kitchen backed up")
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    [entry] = _outbox(db)
    assert entry.command_type == "reject_order"
    assert entry.payload["reason"] == "too_busy"
    assert entry.payload["note"] == "Kitchen backed up"
    assert _tab_texts(screen)[0] == "New (1)"
    assert _tab_texts(screen)[5] == "Cancelled (2)"
    screen.show_tab(InboxTab.CANCELLED)
    assert screen.model.row_of("n2") is not None


def test_cancelling_the_reject_dialog_changes_nothing(qtbot, screen, seed, db) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n1")
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.REJECT], Qt.MouseButton.LeftButton)
    screen.reject_dialog.reject()
    assert _outbox(db) == []
    assert screen.model.row_of("n1") is not None


def test_refused_action_is_explained(qtbot, screen, seed, db) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n1")
    # The hub cancelled the order after the screen last read it.
    seed.orders(seed.order_row("n1", serial=21, status="cancelled", version=2))
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.ACCEPT], Qt.MouseButton.LeftButton)
    assert screen.message_strip.text() == (
        "“Accept #21 (Meituan)” was not done: The order has moved on: it is now “Cancelled”."
    )
    assert screen.message_strip.property("tone") == "error"
    assert _outbox(db) == []


def test_countdown_follows_the_clock(qtbot, screen, seed, clock) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    index = screen.model.index(screen.model.row_of("n1"), InboxColumn.COUNTDOWN)
    assert index.data() == "2:00"
    clock.advance(seconds=75)
    qtbot.waitUntil(lambda: index.data() == "0:45", timeout=3000)
    assert index.data(Qt.ItemDataRole.ForegroundRole).name().upper() == "#DC2626"
    clock.advance(seconds=60)
    qtbot.waitUntil(lambda: index.data() == "Overdue", timeout=3000)


def test_new_order_from_a_sync_thread_appears_without_a_click(qtbot, screen, seed, bridge) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n2")

    def sync_worker() -> None:
        seed.orders(seed.order_row("n3", serial=30, placed_ago=timedelta(seconds=5)))
        bridge.records_changed(frozenset({RecordKind.ORDER}))

    worker = threading.Thread(target=sync_worker)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: screen.model.row_of("n3") is not None)
    assert _tab_texts(screen)[0] == "New (3)"
    selected = screen.table.selectionModel().selectedRows()
    assert [screen.model.summary_at(index.row()).order_id for index in selected] == ["n2"]


def test_signing_out_empties_the_screen(qtbot, screen, seed) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n1")
    screen.set_actor(None)
    assert screen.model.rowCount() == 0
    assert screen.detail_pane.order is None


def test_hub_change_to_the_order_on_show_updates_it_in_place(qtbot, screen, seed, bridge) -> None:
    _seed_mixed(seed)
    screen.set_actor(seed.cashier.signed_in())
    _click_order(qtbot, screen, "n1")
    pane_content = screen.detail_pane.widget()
    with qtbot.waitSignal(bridge.records_updated):
        bridge.records_changed(frozenset({RecordKind.ORDER}))
    assert screen.detail_pane.widget() is pane_content
    seed.orders(
        seed.order_row("n1", serial=21, status="cancelled", status_reason="顾客取消", version=2)
    )
    bridge.records_changed(frozenset({RecordKind.ORDER}))
    qtbot.waitUntil(lambda: screen.detail_pane.order.status_reason == "顾客取消")
    assert screen.model.row_of("n1") is None
    assert not any(button.isVisible() for button in screen.action_bar.buttons.values())
    assert (
        screen.action_bar.explanation.text() == "Nothing to do at the counter for this order now."
    )
