"""The sign-in screen: staff as buttons, PIN by keypad or keyboard, refusals in words."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.domain.vocabulary import RecordKind
from ui.sign_in_screen import SignInScreen


def _screen(qtbot, services, bridge, demo_staff=()) -> SignInScreen:
    screen = SignInScreen(services.sign_in, bridge, demo_staff)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _tap_pin(qtbot, screen: SignInScreen, pin: str) -> None:
    keys = {button.property("key"): button for button in screen.findChildren(QPushButton)}
    for digit in pin:
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)


def test_right_pin_on_the_keypad_signs_in(qtbot, seed, services, bridge) -> None:
    seed.staff(seed.cashier, seed.manager)
    screen = _screen(qtbot, services, bridge)
    qtbot.mouseClick(screen.staff_button(seed.cashier.staff_id), Qt.MouseButton.LeftButton)
    _tap_pin(qtbot, screen, seed.cashier.pin)
    assert screen.pin_field.text() == seed.cashier.pin
    with qtbot.waitSignal(screen.signed_in) as blocker:
        qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [seed.cashier.signed_in()]


def test_pin_typed_on_the_keyboard_with_enter_signs_in(qtbot, seed, services, bridge) -> None:
    seed.staff(seed.manager)
    screen = _screen(qtbot, services, bridge)
    qtbot.mouseClick(screen.staff_button(seed.manager.staff_id), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, seed.manager.pin)
    with qtbot.waitSignal(screen.signed_in) as blocker:
        qtbot.keyClick(screen.pin_field, Qt.Key.Key_Return)
    assert blocker.args[0].name == seed.manager.name


def test_pin_is_masked(qtbot, seed, services, bridge) -> None:
    seed.staff(seed.cashier)
    screen = _screen(qtbot, services, bridge)
    assert screen.pin_field.echoMode() == screen.pin_field.EchoMode.Password


def test_wrong_pin_says_so_clears_the_field_and_stays(qtbot, seed, services, bridge) -> None:
    seed.staff(seed.cashier)
    screen = _screen(qtbot, services, bridge)
    signed_in = []
    screen.signed_in.connect(signed_in.append)
    qtbot.mouseClick(screen.staff_button(seed.cashier.staff_id), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, "9999")
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    assert screen.message_label.isVisible()
    assert screen.message_label.text() == (
        f"That PIN is not right for {seed.cashier.name}. Please try again."
    )
    assert screen.pin_field.text() == ""
    assert screen.picked_staff_id() == seed.cashier.staff_id
    assert signed_in == []


def test_keypad_before_picking_a_name_asks_for_the_name(qtbot, seed, services, bridge) -> None:
    seed.staff(seed.cashier)
    screen = _screen(qtbot, services, bridge)
    _tap_pin(qtbot, screen, "1")
    assert screen.message_label.text() == "Pick your name first."
    assert screen.pin_field.text() == ""


def test_empty_staff_list_waits_for_the_hub(qtbot, services, bridge) -> None:
    screen = _screen(qtbot, services, bridge)
    assert any(
        label.text() == "Waiting for the staff list from the hub…" and label.isVisible()
        for label in screen.findChildren(QLabel)
    )


def test_staff_arriving_from_the_hub_appear_without_a_click(qtbot, seed, services, bridge) -> None:
    screen = _screen(qtbot, services, bridge)

    def sync_worker() -> None:
        seed.staff(seed.cashier)
        bridge.records_changed(frozenset({RecordKind.STAFF}))

    worker = threading.Thread(target=sync_worker)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: seed.cashier.staff_id in screen.listed_staff_ids())
    assert screen.staff_button(seed.cashier.staff_id).isVisible()


def test_demo_panel_lists_the_pins(qtbot, seed, services, bridge) -> None:
    seed.staff(seed.cashier)
    screen = _screen(qtbot, services, bridge, [("李娜", "Cashier", "1234")])
    texts = {label.text() for label in screen.findChildren(QLabel)}
    assert {"李娜", "1234"} <= texts
