"""The counter's keys drive the same actions as the buttons, and only the ones on offer."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.domain.vocabulary import Channel
from local_db.models import OutboxEntry


def _queued(db) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.execute(
            select(OutboxEntry.command_type, OutboxEntry.entity_id).order_by(OutboxEntry.seq)
        )
        return [tuple(row) for row in rows]


def _seed(seed) -> None:
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row("n1", serial=21, placed_ago=timedelta(minutes=3)),
        seed.order_row("n2", channel=Channel.ELEME, serial=22, placed_ago=timedelta(minutes=1)),
    )


def test_ctrl_down_and_f2_accept_the_next_order_as_the_button_would(
    qtbot, screen, seed, db
) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    screen.table.setFocus()

    qtbot.keyClick(screen.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert screen.detail_pane.order.order_id == "n1"
    qtbot.keyClick(screen.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert screen.detail_pane.order.order_id == "n2"
    qtbot.keyClick(screen.table, Qt.Key.Key_F2)

    assert _queued(db) == [("accept_order", "n2")]
    assert screen.message_strip.text() == "Accepted #22 (Eleme). It is now under “Preparing”."


def test_a_key_whose_button_is_not_offered_does_nothing(qtbot, screen, seed, db) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("n1")

    qtbot.keyClick(screen.table, Qt.Key.Key_F4)  # hand over: a new order cannot be

    assert _queued(db) == []
    assert screen.detail_pane.order.status.value == "new"


def test_f6_opens_the_reject_dialog(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("n1")

    qtbot.keyClick(screen.table, Qt.Key.Key_F6)

    qtbot.waitUntil(lambda: screen.reject_dialog is not None and screen.reject_dialog.isVisible())
    screen.reject_dialog.reject()


def test_f1_lists_every_key_with_what_it_does(qtbot, screen, seed) -> None:
    _seed(seed)
    screen.set_actor(seed.cashier.signed_in())

    qtbot.keyClick(screen.table, Qt.Key.Key_F1)

    dialog = screen.shortcuts.help_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    keys = {key.text(): meaning.text() for key, meaning in dialog.rows}
    assert keys["F2"] == "Accept the order"
    assert keys["F6"] == "Reject the order…"
    assert keys["Ctrl+Down"] == "Next order in the list"
    assert len(keys) == 10
    dialog.close()
