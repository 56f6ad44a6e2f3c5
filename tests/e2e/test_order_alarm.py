"""End to end: the new-order alarm and auto-accept in the real window, against the real hub.

The window tells time by a frozen clock set from the deadlines the hub sends, so a repeat or
an escalation is a clock step, not a wait; the sound is a recording backend (tests assert on
signals, timers and what would have played, never on audio).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.device import Device
from app.domain.new_order_alarm import ESCALATED_VOLUME, REPEAT_EVERY, AlarmLevel
from app.domain.order_lifecycle import OrderAction
from app.domain.vocabulary import Channel, OrderStatus
from app.main import screen_services
from app.services.audit_trail import AuditTrail
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import FrozenClock
from tests.unit.ui.pin_prompts import answer_prompt, type_pin
from ui.alarm.alarm_sound import AlarmSound, Silence, SilentSound
from ui.cashier.order_inbox_model import InboxColumn
from ui.main_window import MainWindow
from ui.pin_prompt_dialog import PinPromptDialog
from ui.sync_bridge import SyncBridge
from ui.theme import URGENT_RED, WAITING_AMBER

_ARRIVAL_MS = 10_000
_TICK_WAIT_MS = 3_000
"""A tick comes every second; this bounds the wait for the next one."""


@dataclass
class RecordingSound:
    """A sound backend that keeps what it was asked to play."""

    plays: list[tuple[AlarmSound, float]] = field(default_factory=list)
    silence_reason: str = ""

    def play(self, sound: AlarmSound, volume: float) -> None:
        self.plays.append((sound, volume))


@pytest.fixture
def app_clock() -> FrozenClock:
    """The window's clock; the hub and sync keep real time."""
    return FrozenClock(datetime.now(UTC))


@pytest.fixture
def sound() -> RecordingSound:
    return RecordingSound()


@pytest.fixture
def alarm_window(
    qtbot, bridge: SyncBridge, running_device: Device, app_clock: FrozenClock, sound
) -> MainWindow:
    """The main window over the counter device, its alarm on the frozen clock."""
    shown = MainWindow(
        screen_services(running_device, app_clock),
        bridge,
        store_name="Storeside 演示店",
        sound=sound,
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _sign_in(qtbot, window: MainWindow, staff_id: str = "staff-wangfang", pin: str = "1111"):
    screen = window.sign_in_screen
    qtbot.waitUntil(lambda: staff_id in screen.listed_staff_ids(), timeout=_ARRIVAL_MS)
    qtbot.mouseClick(screen.staff_button(staff_id), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, pin)
    qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    assert window.staff is not None


def _alarm(window: MainWindow):
    assert window.order_alarm is not None
    return window.order_alarm


def _wait_for_ring(qtbot, window: MainWindow):
    with qtbot.waitSignal(_alarm(window).rang, timeout=_TICK_WAIT_MS) as ring:
        pass
    return ring.args[0]


def _click_action(qtbot, window: MainWindow, order_id: str, action: OrderAction) -> None:
    screen = window.cashier_screen
    qtbot.waitUntil(lambda: screen.model.row_of(order_id) is not None, timeout=_ARRIVAL_MS)
    row = screen.model.row_of(order_id)
    assert row is not None
    rect = screen.table.visualRect(screen.model.index(row, InboxColumn.SERIAL))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    button = screen.action_bar.buttons[action]
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_alarm_repeats_until_every_new_order_has_left_new(
    qtbot, hub: EmbeddedHub, alarm_window: MainWindow, app_clock: FrozenClock, sound
) -> None:
    _sign_in(qtbot, alarm_window)
    alarm = _alarm(alarm_window)
    first = hub.demo.place_order(Channel.MEITUAN)
    second = hub.demo.place_order(Channel.ELEME)

    qtbot.waitUntil(
        lambda: alarm.decision.ringing == {first.order_id, second.order_id}, timeout=_ARRIVAL_MS
    )
    qtbot.waitUntil(lambda: alarm_window.cashier_screen.new_tab_flashing, timeout=_TICK_WAIT_MS)
    assert sound.plays
    assert sound.plays[-1][0] is AlarmSound.NEW_ORDER

    # Nobody acts: it rings again once the repeat interval has passed, and only then.
    with qtbot.assertNotEmitted(alarm.rang, wait=1500):
        pass
    app_clock.advance(seconds=REPEAT_EVERY.total_seconds())
    assert _wait_for_ring(qtbot, alarm_window).level is AlarmLevel.RINGING

    # Accepting one order leaves the other ringing.
    _click_action(qtbot, alarm_window, first.order_id, OrderAction.ACCEPT)
    qtbot.waitUntil(lambda: alarm.decision.ringing == {second.order_id}, timeout=_TICK_WAIT_MS)
    app_clock.advance(seconds=REPEAT_EVERY.total_seconds())
    assert _wait_for_ring(qtbot, alarm_window).ringing == {second.order_id}

    # The customer cancels the other: no new order is left, the alarm stops by itself.
    hub.hub.intake.customer_cancels(second.order_id)
    qtbot.waitUntil(lambda: alarm.decision.level is AlarmLevel.QUIET, timeout=_ARRIVAL_MS)
    qtbot.waitUntil(lambda: not alarm_window.cashier_screen.new_tab_flashing)
    rang = len(sound.plays)
    app_clock.advance(seconds=3 * REPEAT_EVERY.total_seconds())
    with qtbot.assertNotEmitted(alarm.rang, wait=1500):
        pass
    assert len(sound.plays) == rang


def test_countdown_turns_amber_then_red_and_the_escalation_banner_shows_on_any_screen(
    qtbot, hub: EmbeddedHub, alarm_window: MainWindow, app_clock: FrozenClock, sound
) -> None:
    _sign_in(qtbot, alarm_window)
    order = hub.demo.place_order(Channel.MEITUAN)
    screen = alarm_window.cashier_screen
    qtbot.waitUntil(lambda: screen.model.row_of(order.order_id) is not None, timeout=_ARRIVAL_MS)

    def countdown_colour():
        row = screen.model.row_of(order.order_id)
        assert row is not None
        return screen.model.index(row, InboxColumn.COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole)

    app_clock.now = order.accept_by - timedelta(seconds=90)
    qtbot.waitUntil(lambda: countdown_colour() == WAITING_AMBER, timeout=_TICK_WAIT_MS)
    banner = alarm_window.alarm_banner
    assert banner is not None
    assert not banner.deadline_label.isVisible()

    app_clock.now = order.accept_by - timedelta(seconds=45)
    qtbot.waitUntil(lambda: countdown_colour() == URGENT_RED, timeout=_TICK_WAIT_MS)
    qtbot.waitUntil(banner.deadline_label.isVisible, timeout=_TICK_WAIT_MS)
    serial = order.daily_serial
    assert f"#{serial} (Meituan) will be cancelled in 0:4" in banner.deadline_label.text(), (
        banner.deadline_label.text()
    )
    assert "accept or reject now" in banner.deadline_label.text()
    assert (AlarmSound.DEADLINE, ESCALATED_VOLUME) in sound.plays
    assert _alarm(alarm_window).decision.level is AlarmLevel.ESCALATED

    # Signed out, the window still shows it: the banner is the window's, not the inbox's.
    alarm_window.sign_out()
    qtbot.waitUntil(lambda: alarm_window.screens.currentWidget() is alarm_window.sign_in_screen)
    app_clock.advance(seconds=50)
    qtbot.waitUntil(
        lambda: "past its deadline" in banner.deadline_label.text(), timeout=_TICK_WAIT_MS
    )
    assert banner.isVisible()


def test_mute_silences_the_sound_not_the_flash_and_ends_by_itself(
    qtbot, hub: EmbeddedHub, alarm_window: MainWindow, app_clock: FrozenClock, sound
) -> None:
    _sign_in(qtbot, alarm_window)
    dialog = alarm_window.open_alarm_settings()
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.mute_buttons[5], Qt.MouseButton.LeftButton)
    assert "Muted until" in dialog.mute_status.text()
    dialog.reject()
    banner = alarm_window.alarm_banner
    assert banner is not None
    qtbot.waitUntil(banner.mute_label.isVisible, timeout=_TICK_WAIT_MS)
    assert banner.mute_label.text().startswith("Alarm muted until")

    order = hub.demo.place_order(Channel.MINIPROGRAM)
    alarm = _alarm(alarm_window)
    qtbot.waitUntil(lambda: order.order_id in alarm.decision.ringing, timeout=_ARRIVAL_MS)
    qtbot.waitUntil(lambda: alarm_window.cashier_screen.new_tab_flashing, timeout=_TICK_WAIT_MS)
    assert alarm.flash_timer.isActive()
    assert sound.plays == []

    app_clock.advance(minutes=5)
    decision = _wait_for_ring(qtbot, alarm_window)
    assert decision.audible
    assert sound.plays[-1][0] is AlarmSound.NEW_ORDER
    qtbot.waitUntil(lambda: not banner.mute_label.isVisible(), timeout=_TICK_WAIT_MS)


def test_auto_accept_accepts_a_meituan_order_with_nobody_signed_in_and_it_never_rings(
    qtbot, hub: EmbeddedHub, alarm_window: MainWindow
) -> None:
    _sign_in(qtbot, alarm_window, "staff-chenjing", "9999")  # auto-accept is a manager's setting
    dialog = alarm_window.open_alarm_settings()
    qtbot.addWidget(dialog)
    dialog.auto_accept_boxes[Channel.MEITUAN].setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    alarm_window.sign_out()
    alarm = _alarm(alarm_window)
    rung_for: set[str] = set()
    alarm.rang.connect(lambda decision: rung_for.update(decision.ringing))

    meituan = hub.demo.place_order(Channel.MEITUAN)
    eleme = hub.demo.place_order(Channel.ELEME)

    qtbot.waitUntil(
        lambda: hub.hub.admin.order(meituan.order_id).status is OrderStatus.ACCEPTED,
        timeout=_ARRIVAL_MS,
    )
    accepts = [c for c in hub.hub.admin.channel_calls(meituan.order_id) if c.action == "accept"]
    assert len(accepts) == 1
    qtbot.waitUntil(lambda: eleme.order_id in rung_for, timeout=_ARRIVAL_MS)
    assert meituan.order_id not in rung_for
    assert hub.hub.admin.order(eleme.order_id).status is OrderStatus.NEW
    log = [e for e in hub.demo.command_log() if e.order_id == meituan.order_id]
    assert [e.staff_id for e in log] == ["staff-chenjing"]


@pytest.fixture
def second_device(hub: EmbeddedHub, tmp_path: Path) -> Iterator[Device]:
    """Another device of the store, synced by hand."""
    device = enrolled_device(hub, tmp_path / "second", SyncBridge())
    yield device
    device.stop()


@pytest.fixture
def idle_device(hub: EmbeddedHub, tmp_path: Path, bridge: SyncBridge) -> Iterator[Device]:
    """The counter device with its sync driven by hand, so a race can be staged."""
    device = enrolled_device(hub, tmp_path / "counter", bridge)
    yield device
    device.stop()


def test_an_auto_accept_beaten_by_another_device_tells_nobody_of_a_failure(
    qtbot,
    hub: EmbeddedHub,
    bridge: SyncBridge,
    idle_device: Device,
    second_device: Device,
    sound,
) -> None:
    window = MainWindow(
        screen_services(idle_device), bridge, store_name="Storeside 演示店", sound=sound
    )
    qtbot.addWidget(window)
    drain_feed(idle_device)
    services = screen_services(idle_device)
    assert services.alarm_preferences is not None
    cashier = sign_in_as(idle_device.sign_in, "cashier", "1111")
    manager = sign_in_as(idle_device.sign_in, "manager", "9999")  # auto-accept is a setting
    services.alarm_preferences.set_auto_accept(Channel.MEITUAN, True, cashier.approved(manager))
    order = hub.demo.place_order(Channel.MEITUAN)

    # This device sees the order and auto-accepts it locally, not yet sent...
    drain_feed(idle_device)
    qtbot.waitUntil(
        lambda: (
            (detail := idle_device.order_queries.detail(order.order_id)) is not None
            and detail.status is OrderStatus.ACCEPTED
        ),
        timeout=_ARRIVAL_MS,
    )
    # ...while the other device accepts it first at the hub.
    drain_feed(second_device)
    other = sign_in_as(second_device.sign_in, "manager", "9999")
    second_device.order_actions.accept(other, order.order_id)
    assert second_device.pusher.push(ignore_backoff=True) >= 1

    idle_device.pusher.push(ignore_backoff=True)
    drain_feed(idle_device)
    qtbot.waitUntil(lambda: len(idle_device.notices.history()) == 1, timeout=_ARRIVAL_MS)
    refused = idle_device.notices.history()[0]
    assert refused.reason == "transition_refused"
    qtbot.waitUntil(lambda: idle_device.notices.unseen() == [], timeout=_ARRIVAL_MS)
    assert window.notice_banner.rows == {}
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED


def test_without_sound_the_alarm_still_flashes_and_the_settings_say_why(
    qtbot, hub: EmbeddedHub, bridge: SyncBridge, running_device: Device, app_clock: FrozenClock
) -> None:
    silent = SilentSound(Silence.NO_OUTPUT)
    window = MainWindow(
        screen_services(running_device, app_clock), bridge, store_name="店", sound=silent
    )
    qtbot.addWidget(window)
    window.show()
    _sign_in(qtbot, window)
    order = hub.demo.place_order(Channel.MEITUAN)

    decision = _wait_for_ring(qtbot, window)
    assert order.order_id in decision.ringing
    qtbot.waitUntil(lambda: window.cashier_screen.new_tab_flashing, timeout=_TICK_WAIT_MS)
    with qtbot.waitSignal(_alarm(window).flash_changed, timeout=_TICK_WAIT_MS):
        pass  # it keeps flashing
    dialog = window.open_alarm_settings()
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(
        "No sound on this device: no speakers or headphones were found." in t for t in labels
    )


def test_a_cashier_switching_auto_accept_on_brings_a_managers_pin_and_both_are_audited(
    qtbot, alarm_window: MainWindow, running_device: Device
) -> None:
    _sign_in(qtbot, alarm_window)  # 王芳, a cashier: settings are a manager's
    dialog = alarm_window.open_alarm_settings()
    qtbot.addWidget(dialog)
    dialog.auto_accept_boxes[Channel.ELEME].setChecked(True)
    seen: list[PinPromptDialog] = []
    answer_prompt(type_pin("9999", "staff-chenjing"), seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(seen) == 1
    services = screen_services(running_device)
    assert services.alarm_preferences is not None
    assert services.alarm_preferences.auto_accept_all()[Channel.ELEME].on
    [change] = AuditTrail(running_device.db).entries(actions=("setting_change",))
    assert (change.staff_id, change.approved_by, change.result) == (
        "staff-wangfang",
        "staff-chenjing",
        "ok",
    )
