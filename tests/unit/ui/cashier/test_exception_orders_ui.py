"""Exception orders at the counter: fed through the real feed apply, badged first in New, mapped
in the dialog (OK only once every line is mapped), a manager's PIN for a cashier, rejected with
the channel's reasons, and the alarm rings for them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.vocabulary import OrderStatus
from app.services.alarm_preferences import AlarmPreferences
from app.services.device_preferences import DevicePreferences
from app.services.exception_orders import ExceptionOrders
from local_db.models import OutboxEntry
from sync.feed_apply import apply_raw_records
from sync.protocol import COMMAND
from tests.factories import order_record
from tests.unit.services.exception_records import exception_record, product_record
from tests.unit.ui.conftest import NOW
from tests.unit.ui.pin_prompts import answer_prompt, type_pin
from ui.alarm.alarm_sound import AlarmSound
from ui.alarm.order_alarm import OrderAlarm
from ui.cashier.cashier_screen import CashierScreen
from ui.cashier.exception_mapping_dialog import ExceptionMappingDialog
from ui.cashier.order_inbox_model import EXCEPTION_BADGE_ROLE, InboxColumn
from ui.pin_prompt_dialog import PinPromptDialog
from ui.staff_session import StaffSession

UNREAD = (("1", "SKU-991", "神秘商品 Mystery snack", 2), ("2", "SKU-992", "Odd tea", 1))


def _feed(db, records: list[dict[str, Any]]) -> None:
    """Write records as the puller does: validated, mapped, applied in one transaction."""
    with db.write() as session:
        assert apply_raw_records(session, records, NOW).quarantined == 0


@pytest.fixture
def fed(db, seed) -> None:
    seed.staff(seed.cashier, seed.manager)
    _feed(
        db,
        [
            product_record(1, "milk", "牛奶 Milk"),
            product_record(2, "tea", "绿茶 Green tea"),
            # The plain order's deadline is sooner, yet the exception order comes first.
            order_record(3, "o-new", serial=1, placed_at=NOW),
            exception_record(4, "o-x", serial=2, unread=UNREAD, placed_at=NOW),
        ],
    )


@pytest.fixture
def screen(qtbot, services, bridge, db, clock, fed) -> CashierScreen:
    wired = replace(services, exception_orders=ExceptionOrders(db, clock))
    screen = CashierScreen(wired, bridge)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _outbox(db) -> list[Any]:
    with db.read() as session:
        return list(
            session.execute(
                select(OutboxEntry.command_type, OutboxEntry.staff_id, OutboxEntry.payload)
            )
        )


def _open_mapping(qtbot, screen: CashierScreen) -> ExceptionMappingDialog:
    screen.show_order("o-x")
    button = screen.action_bar.buttons[OrderAction.ACCEPT_EXCEPTION]
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.exception_flow.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: ExceptionMappingDialog, row: int, search: str, sku: str) -> None:
    line = dialog.rows[row]
    line.search_field.setText(search)
    index = line.picker.findData(sku)
    assert index >= 0, f"{sku} not offered for {search!r}"
    line.picker.setCurrentIndex(index)


def test_an_exception_order_shows_first_in_new_with_the_badge_and_the_reason(
    qtbot, screen, seed
) -> None:
    screen.set_actor(seed.cashier.signed_in())
    assert screen.current_tab() is InboxTab.NEW
    assert [screen.model.summary_at(r).order_id for r in range(2)] == ["o-x", "o-new"]
    cell = screen.model.index(0, InboxColumn.ITEMS)
    assert cell.data(EXCEPTION_BADGE_ROLE) == "Needs checking"
    assert cell.data() == "Unknown item 'SKU-991' ×2 (and 1 more)"
    assert screen.model.index(1, InboxColumn.ITEMS).data(EXCEPTION_BADGE_ROLE) is None
    assert screen.table.columnSpan(0, InboxColumn.ITEMS) == 3
    assert screen.table.columnSpan(1, InboxColumn.ITEMS) == 1
    # It keeps the channel's deadline countdown.
    assert screen.model.index(0, InboxColumn.COUNTDOWN).data() != ""
    rect = screen.table.visualRect(screen.model.index(0, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    label = screen.detail_pane.exception_label
    assert label is not None
    assert "Needs checking" in label.text()
    assert "Unknown item 'SKU-992' ×1" in label.text()
    buttons = screen.action_bar.buttons
    assert buttons[OrderAction.ACCEPT_EXCEPTION].isVisible()
    assert buttons[OrderAction.REJECT].isVisible()
    assert not buttons[OrderAction.ACCEPT].isVisible()


def test_ok_stays_disabled_until_every_line_is_mapped(qtbot, screen, seed, db) -> None:
    screen.set_actor(seed.manager.signed_in())
    dialog = _open_mapping(qtbot, screen)
    assert [row.line.ref for row in dialog.rows] == ["1", "2"]
    assert dialog.rows[0].quantity.value() == 2
    assert not dialog.ok_button.isEnabled()
    _choose(dialog, 0, "milk", "milk")
    assert not dialog.ok_button.isEnabled()
    _choose(dialog, 1, "绿茶", "tea")
    assert dialog.ok_button.isEnabled()
    dialog.rows[1].search_field.setText("nothing like it")
    assert not dialog.ok_button.isEnabled()  # a new search clears the choice
    dialog.reject()
    assert _outbox(db) == []


def test_a_manager_maps_and_accepts_and_one_command_is_queued(qtbot, screen, seed, db) -> None:
    screen.set_actor(seed.manager.signed_in())
    dialog = _open_mapping(qtbot, screen)
    _choose(dialog, 0, "milk", "milk")
    _choose(dialog, 1, "tea", "tea")
    dialog.rows[0].quantity.setValue(3)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [(command_type, staff_id, payload)] = _outbox(db)
    assert (command_type, staff_id) == ("accept_exception_order", seed.manager.staff_id)
    command = COMMAND.validate_python(payload)
    assert [(m.ref, m.sku, m.quantity) for m in command.line_mappings] == [
        ("1", "milk", 3),
        ("2", "tea", 1),
    ]
    shown = screen.detail_pane.order
    assert shown is not None
    assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, True)
    assert "Mapped and accepted" in screen.message_strip.text()
    assert screen.model.row_of("o-x") is None  # it left New


def test_a_cashier_is_asked_for_a_managers_pin(qtbot, screen, seed, db, services) -> None:
    session = StaffSession(services.sign_in, services.clock, screen)
    session.begin(seed.cashier.signed_in())
    screen.set_actor(seed.cashier.signed_in())
    dialog = _open_mapping(qtbot, screen)
    _choose(dialog, 0, "milk", "milk")
    _choose(dialog, 1, "tea", "tea")
    seen: list[PinPromptDialog] = []
    answer_prompt(type_pin(seed.manager.pin, seed.manager.staff_id), seen)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    [(command_type, staff_id, payload)] = _outbox(db)
    assert command_type == "accept_exception_order"
    assert (staff_id, payload["approved_by"]) == (seed.cashier.staff_id, seed.manager.staff_id)


def test_without_the_pin_a_cashiers_mapping_is_refused_in_words(qtbot, screen, seed, db) -> None:
    # No session at the window (so no prompt): the service refuses, the strip says why.
    screen.set_actor(seed.cashier.signed_in())
    dialog = _open_mapping(qtbot, screen)
    _choose(dialog, 0, "milk", "milk")
    _choose(dialog, 1, "tea", "tea")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert _outbox(db) == []
    assert "Your role does not allow this." in screen.message_strip.text()


def test_reject_queues_reject_order_with_the_channels_reason(qtbot, screen, seed, db) -> None:
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("o-x")
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.REJECT], Qt.MouseButton.LeftButton)
    dialog = screen.reject_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.reason_buttons[RejectReason.SOLD_OUT], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    [(command_type, _staff, payload)] = _outbox(db)
    assert (command_type, payload["reason"]) == ("reject_order", "sold_out")


@dataclass
class RecordingSound:
    played: list[AlarmSound] = field(default_factory=list)
    silence_reason: str = ""

    def play(self, sound: AlarmSound, _volume: float) -> None:
        self.played.append(sound)


def test_the_alarm_rings_for_an_exception_order(qtbot, db, clock, services, bridge, seed) -> None:
    seed.staff(seed.cashier)
    _feed(db, [exception_record(1, "o-x", unread=UNREAD, placed_at=NOW)])
    sound = RecordingSound()
    alarm = OrderAlarm(
        queries=services.order_queries,
        preferences=AlarmPreferences(DevicePreferences(db, clock), clock),
        auto_accept=None,
        sound=sound,
        clock=clock,
        bridge=bridge,
    )
    with qtbot.waitSignal(alarm.rang, timeout=2000) as rang:
        alarm.start()
    alarm.stop()
    assert rang.args[0].ringing == frozenset({"o-x"})
    assert sound.played == [AlarmSound.NEW_ORDER]
