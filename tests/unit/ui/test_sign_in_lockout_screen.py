"""Lockout on the sign-in screen, a manager's unlock, and the quick user switch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain.sign_in_lockout import LOCKOUT, MAX_FAILURES
from app.services.audit_trail import AuditTrail
from ui.main_window import MainWindow
from ui.pin_prompt_dialog import PinPromptDialog
from ui.sign_in_screen import SignInScreen
from ui.value_formats import format_clock_time


def _screen(qtbot, services, bridge) -> SignInScreen:
    screen = SignInScreen(services.sign_in, bridge, clock=services.clock)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _try(qtbot, screen: SignInScreen, staff_id: str, pin: str) -> None:
    if screen.picked_staff_id() != staff_id:
        qtbot.mouseClick(screen.staff_button(staff_id), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, pin)
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)


def test_ten_wrong_pins_lock_the_person_and_say_until_when_and_who(
    qtbot, seed, services, bridge
) -> None:
    seed.staff(seed.cashier, seed.manager)
    screen = _screen(qtbot, services, bridge)
    for _ in range(MAX_FAILURES - 1):
        _try(qtbot, screen, seed.cashier.staff_id, "0000")
    assert "not right" in screen.message_label.text()
    assert not screen.unlock_button.isVisibleTo(screen)
    _try(qtbot, screen, seed.cashier.staff_id, "0000")
    text = screen.message_label.text()
    until = format_clock_time(services.clock() + LOCKOUT, services.clock())
    assert "Locked" in text
    assert until in text
    assert "manager" in text
    assert screen.unlock_button.isVisibleTo(screen)
    signed_in: list[object] = []
    screen.signed_in.connect(signed_in.append)
    _try(qtbot, screen, seed.cashier.staff_id, seed.cashier.pin)
    assert signed_in == []
    assert "Locked" in screen.message_label.text()


def test_a_manager_unlocks_with_their_pin_and_the_person_signs_in(
    qtbot, seed, services, bridge
) -> None:
    seed.staff(seed.cashier, seed.manager)
    screen = _screen(qtbot, services, bridge)
    for _ in range(MAX_FAILURES):
        _try(qtbot, screen, seed.cashier.staff_id, "0000")
    dialog = screen.open_unlock()
    assert isinstance(dialog, PinPromptDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pick(seed.manager.staff_id)
    dialog.pin_field.setText(seed.manager.pin)
    with qtbot.waitSignal(dialog.accepted):
        dialog.confirm_button.click()
    with qtbot.waitSignal(screen.signed_in) as blocker:
        _try(qtbot, screen, seed.cashier.staff_id, seed.cashier.pin)
    assert blocker.args == [seed.cashier.signed_in()]


def test_switch_user_hands_the_open_window_to_the_next_person(
    qtbot, seed, services, bridge, db
) -> None:
    seed.staff(seed.cashier, seed.manager)
    window = MainWindow(services, bridge, store_name="静安寺店")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _try(qtbot, window.sign_in_screen, seed.cashier.staff_id, seed.cashier.pin)
    cashier_screen = window.cashier_screen
    assert window.staff == seed.cashier.signed_in()
    qtbot.mouseClick(window.sync_status_bar.switch_user_button, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.sign_in_screen
    title = window.sign_in_screen.title_label.text()
    assert "Switch user" in title
    assert seed.cashier.name in title
    _try(qtbot, window.sign_in_screen, seed.manager.staff_id, seed.manager.pin)
    assert window.staff == seed.manager.signed_in()
    assert window.staff_session.staff == seed.manager.signed_in()
    assert window.cashier_screen is cashier_screen  # nothing was torn down
    assert window.screens.currentWidget() is window.manager_screen
    switch = AuditTrail(db).entries(actions=("switch_user",))[0]
    assert (switch.staff_id, switch.detail_values()["from_staff_id"]) == (
        seed.manager.staff_id,
        seed.cashier.staff_id,
    )
