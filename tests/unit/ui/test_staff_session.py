"""The staff session: idle re-authentication, manager override prompt, input watching."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import Permission
from app.domain.vocabulary import OrderStatus
from app.read_models import SignedInStaff
from app.services.audit_trail import AuditTrail
from tests.unit.ui.pin_prompts import answer_prompt, cancel, type_pin
from ui.cashier.cashier_screen import CashierScreen
from ui.pin_prompt_dialog import PinPromptDialog
from ui.staff_session import StaffSession, authorise


def _window(qtbot, services) -> tuple[QWidget, StaffSession, QLineEdit]:
    window = QWidget()
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    session = StaffSession(services.sign_in, services.clock, window)
    window.show()
    qtbot.waitExposed(window)
    return window, session, field


def test_a_fresh_session_reprints_without_a_prompt(qtbot, seed, services) -> None:
    seed.staff(seed.cashier)
    window, session, _field = _window(qtbot, services)
    assert authorise(window, Permission.REPRINT, None) is None  # nobody signed in
    session.begin(seed.cashier.signed_in())
    assert authorise(window, Permission.REPRINT, None) == seed.cashier.signed_in()
    # A cashier's accept is not sensitive: even idle, no PIN.
    services.clock.advance(minutes=30)
    assert session.authorise(window, Permission.ACCEPT) == seed.cashier.signed_in()


def test_after_fifteen_idle_minutes_the_pin_is_asked_again(qtbot, seed, services, db) -> None:
    seed.staff(seed.cashier)
    window, session, _field = _window(qtbot, services)
    session.begin(seed.cashier.signed_in())
    services.clock.advance(minutes=15)
    seen: list[PinPromptDialog] = []
    answer_prompt(type_pin("0000"), seen)
    answer_prompt(cancel, seen)
    # A wrong PIN keeps the prompt open with the refusal; cancel gives up the action.
    assert session.authorise(window, Permission.REPRINT) is None
    assert "not right" in seen[0].message_label.text()
    answer_prompt(type_pin(seed.cashier.pin), seen)
    assert session.authorise(window, Permission.REPRINT) == seed.cashier.signed_in()
    assert not session.is_idle()
    results = [e.result for e in reversed(AuditTrail(db).entries(actions=("reauth",)))]
    assert results == ["refused", "ok"]


def test_typing_in_the_window_keeps_the_session_fresh(qtbot, seed, services) -> None:
    seed.staff(seed.cashier)
    _shown, session, field = _window(qtbot, services)
    session.begin(seed.cashier.signed_in())
    services.clock.advance(minutes=14)
    qtbot.keyClick(field, Qt.Key.Key_A)
    services.clock.advance(minutes=14)
    assert not session.is_idle()
    services.clock.advance(minutes=1)
    assert session.is_idle()


def _reprint_button(window: QWidget, results: list[SignedInStaff | None]) -> QPushButton:
    """A button whose slot asks the session, as a screen's reprint button does."""
    button = QPushButton("Reprint", window)
    window.layout().addWidget(button)
    button.clicked.connect(lambda: results.append(authorise(button, Permission.REPRINT, None)))
    return button


def _cancel_any_prompt_once(seen: list[PinPromptDialog]) -> None:
    """Look once, as soon as the event loop runs, and cancel a prompt if one shows.

    Unlike `answer_prompt` it stops polling at once, so nothing is left for the next test.
    """

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, PinPromptDialog) and widget.isVisible():
                seen.append(widget)
                widget.cancel_button.click()

    QTimer.singleShot(0, look)


def test_a_click_after_thirty_idle_minutes_asks_for_the_pin(qtbot, seed, services) -> None:
    # The press that starts the click is input too: it must not make its own action fresh.
    seed.staff(seed.cashier)
    window, session, _field = _window(qtbot, services)
    results: list[SignedInStaff | None] = []
    button = _reprint_button(window, results)
    session.begin(seed.cashier.signed_in())
    services.clock.advance(minutes=30)
    seen: list[PinPromptDialog] = []
    answer_prompt(cancel, seen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (len(seen), results) == (1, [None])
    # A cancelled prompt leaves the session stale: the next click asks again.
    answer_prompt(type_pin(seed.cashier.pin), seen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (len(seen), results) == (2, [None, seed.cashier.signed_in()])
    assert not session.is_idle()
    # The PIN was given: the next click goes ahead without one.
    _cancel_any_prompt_once(seen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert (len(seen), results[-1]) == (2, seed.cashier.signed_in())


def test_a_click_within_fifteen_minutes_asks_for_nothing(qtbot, seed, services) -> None:
    seed.staff(seed.cashier)
    window, session, _field = _window(qtbot, services)
    results: list[SignedInStaff | None] = []
    button = _reprint_button(window, results)
    session.begin(seed.cashier.signed_in())
    services.clock.advance(minutes=14)
    seen: list[PinPromptDialog] = []
    _cancel_any_prompt_once(seen)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert (seen, results) == ([], [seed.cashier.signed_in()])


def test_a_cashiers_refund_needs_a_managers_pin_and_carries_both(qtbot, seed, services) -> None:
    seed.staff(seed.cashier, seed.manager)
    window, session, _field = _window(qtbot, services)
    session.begin(seed.cashier.signed_in())
    seen: list[PinPromptDialog] = []
    answer_prompt(type_pin(seed.manager.pin, seed.manager.staff_id), seen)
    approved = authorise(window, Permission.REFUND, seed.cashier.signed_in())
    assert approved is not None
    assert approved.staff_id == seed.cashier.staff_id
    assert approved.approved_by == seed.manager.signed_in()
    # Only people who may refund are offered.
    offered = [seen[0].person_box.itemData(i) for i in range(seen[0].person_box.count())]
    assert offered == [seed.manager.staff_id]


def test_a_cancelled_override_gives_nobody(qtbot, seed, services) -> None:
    seed.staff(seed.cashier, seed.manager)
    window, session, _field = _window(qtbot, services)
    session.begin(seed.cashier.signed_in())
    seen: list[PinPromptDialog] = []
    answer_prompt(cancel, seen)
    assert session.authorise(window, Permission.CANCEL) is None
    assert len(seen) == 1


def test_a_screen_without_a_session_goes_on_with_its_actor(qtbot, seed) -> None:
    lone = QWidget()
    qtbot.addWidget(lone)
    assert authorise(lone, Permission.REFUND, seed.cashier.signed_in()) == seed.cashier.signed_in()


def test_a_cashier_agreeing_to_a_cancel_request_brings_a_managers_pin_first(
    qtbot, seed, services, bridge, clock, db
) -> None:
    now = clock()
    request = {
        "kind": "cancel",
        "reason": "地址填错了 wrong address",
        "requested_at": now.isoformat(),
        "respond_by": (now + timedelta(minutes=15)).isoformat(),
    }
    seed.staff(seed.cashier, seed.manager)
    seed.orders(
        seed.order_row(
            "c1", status="cancel_requested", resume_status="accepted", request=request, now=now
        )
    )
    screen = CashierScreen(services, bridge)
    qtbot.addWidget(screen)
    session = StaffSession(services.sign_in, services.clock, screen)
    screen.show()
    qtbot.waitExposed(screen)
    session.begin(seed.cashier.signed_in())
    screen.set_actor(seed.cashier.signed_in())
    screen.show_order("c1")
    seen: list[PinPromptDialog] = []
    answer_prompt(type_pin(seed.manager.pin, seed.manager.staff_id), seen)
    qtbot.mouseClick(screen.action_bar.buttons[OrderAction.AGREE_CANCEL], Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert screen.detail_pane.order is not None
    assert screen.detail_pane.order.status is OrderStatus.CANCELLED
    override = AuditTrail(db).entries(actions=("override",))[0]
    assert (override.staff_id, override.approved_by) == (
        seed.cashier.staff_id,
        seed.manager.staff_id,
    )
