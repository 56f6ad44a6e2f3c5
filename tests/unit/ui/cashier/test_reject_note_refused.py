"""A reject note the wire cannot take is refused at the counter in words, and nothing is queued."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import OrderAction
from app.domain.vocabulary import OrderStatus
from local_db.models import OutboxEntry
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.order_inbox_model import InboxColumn
from ui.cashier.reject_dialog import RejectDialog


def test_a_note_the_hub_cannot_take_is_refused_in_words(qtbot, services, bridge, seed, db) -> None:
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("n1", serial=21, placed_ago=timedelta(minutes=3)))
    screen = CashierScreen(services, bridge)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    screen.set_actor(seed.cashier.signed_in())
    row = screen.model.row_of("n1")
    assert row is not None
    rect = screen.table.visualRect(screen.model.index(row, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.REJECT], Qt.MouseButton.LeftButton)
    dialog = screen.reject_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.reason_buttons[RejectReason.SOLD_OUT], Qt.MouseButton.LeftButton)
    # A control character (a pasted ESC) the dialog passes on, to be refused by the service.
    dialog.note_field.setPlainText("缺货\x1b[2J")
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    assert screen.message_strip.text() == (
        "“Reject #21 (Meituan)” was not done: The note contains a character that cannot be sent."
    )
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
    order = services.order_queries.detail("n1")
    assert order is not None
    assert order.status is OrderStatus.NEW


def test_a_pasted_note_too_long_is_kept_counted_and_blocks_the_reject(
    qtbot, services, seed
) -> None:
    seed.orders(seed.order_row("n2", serial=22, placed_ago=timedelta(minutes=1)))
    order = services.order_queries.detail("n2")
    assert order is not None
    dialog = RejectDialog(order)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.reason_buttons[RejectReason.SOLD_OUT], Qt.MouseButton.LeftButton)
    assert dialog.reject_button.isEnabled()
    pasted = "售罄" * 101  # 202 characters: two more than the wire takes
    dialog.note_field.setPlainText(pasted)
    # Nothing is cut behind the cashier's back: the text stays, the counter says what is wrong.
    assert dialog.note_field.toPlainText() == pasted
    assert dialog.note_counter.text() == "202 / 200: 2 characters too many"
    assert not dialog.reject_button.isEnabled()
    dialog.note_field.setPlainText(pasted[:-2])
    assert dialog.note_counter.text() == "200 / 200"
    assert dialog.reject_button.isEnabled()
    assert dialog.note() == pasted[:-2]
