"""The scan detector: scanner bursts become scans anywhere on a screen; typing stays typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.handheld.scan_detector import MAX_KEY_GAP_MS, ScanDetector

SCANNER_GAP_MS = 4
"""A wedge scanner's pause between keys."""
HUMAN_GAP_MS = 140
"""A quick person's pause between keys."""


class KeyClock:
    """Monotonic seconds that move only when the test types."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance_ms(self, ms: float) -> None:
        self.seconds += ms / 1000


class Screen(QWidget):
    """A pick-screen stand-in: a label, a button and a manual-entry field."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.label = QLabel("Scan the item")
        self.field = QLineEdit()
        self.button = QPushButton("Count")
        for widget in (self.label, self.field, self.button):
            layout.addWidget(widget)


@pytest.fixture
def key_clock() -> KeyClock:
    return KeyClock()


@pytest.fixture
def screen(qtbot) -> Screen:
    screen = Screen()
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def detector(screen: Screen, key_clock: KeyClock) -> ScanDetector:
    return ScanDetector(screen, clock=key_clock)


@pytest.fixture
def scans(detector: ScanDetector) -> list[str]:
    seen: list[str] = []
    detector.scanned.connect(seen.append)
    return seen


def type_keys(
    target: QWidget, clock: KeyClock, text: str, gap_ms: float, *, end: Qt.Key | None = None
) -> None:
    """Press and release each character of `text`, `gap_ms` apart, then `end` if given."""
    for index, char in enumerate(text):
        if index:
            clock.advance_ms(gap_ms)
        QTest.keyClick(target, char)
    if end is not None:
        clock.advance_ms(gap_ms)
        QTest.keyClick(target, end)


def test_a_burst_anywhere_on_the_screen_is_one_scan(qtbot, screen, key_clock, detector, scans):
    screen.button.setFocus()
    type_keys(screen.button, key_clock, "6901234567892", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert scans == ["6901234567892"]
    assert not detector.is_holding_keys()


def test_a_burst_with_nothing_focused_reaches_the_window_and_is_one_scan(
    qtbot, screen, key_clock, detector, scans
):
    screen.setFocus()
    screen.clearFocus()
    type_keys(screen, key_clock, "2112345012506", SCANNER_GAP_MS, end=Qt.Key.Key_Enter)
    assert scans == ["2112345012506"]


def test_human_typing_is_not_a_scan_and_reaches_the_focused_field_intact(
    qtbot, screen, key_clock, detector, scans
):
    screen.field.setFocus()
    with qtbot.waitSignal(screen.field.returnPressed):
        type_keys(screen.field, key_clock, "6901234567892", HUMAN_GAP_MS, end=Qt.Key.Key_Return)
    assert screen.field.text() == "6901234567892"
    assert scans == []


def test_a_burst_into_a_focused_field_leaves_nothing_typed_in_it(
    qtbot, screen, key_clock, detector, scans
):
    screen.field.setFocus()
    screen.field.setText("12")
    type_keys(screen.field, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert scans == ["96385074"]
    assert screen.field.text() == "12"


def test_two_bursts_back_to_back_are_two_scans(qtbot, screen, key_clock, detector, scans):
    type_keys(screen.label, key_clock, "5901234123457", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    key_clock.advance_ms(SCANNER_GAP_MS)  # the next label follows at once
    type_keys(screen.label, key_clock, "4006381333931", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert scans == ["5901234123457", "4006381333931"]


def test_a_burst_without_enter_is_no_scan_and_its_keys_are_handed_back(
    qtbot, screen, key_clock, detector, scans
):
    screen.field.setFocus()
    type_keys(screen.field, key_clock, "5901234123457", SCANNER_GAP_MS)
    assert screen.field.text() == ""  # still deciding
    key_clock.advance_ms(MAX_KEY_GAP_MS * 3)
    qtbot.waitUntil(lambda: screen.field.text() == "5901234123457")
    assert scans == []


def test_a_late_enter_is_no_scan(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    type_keys(screen.field, key_clock, "5901234123457", SCANNER_GAP_MS)
    key_clock.advance_ms(MAX_KEY_GAP_MS + 50)
    QTest.keyClick(screen.field, Qt.Key.Key_Return)
    assert scans == []
    assert screen.field.text() == "5901234123457"


def test_a_short_burst_is_typing(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    with qtbot.waitSignal(screen.field.returnPressed):
        type_keys(screen.field, key_clock, "12", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert screen.field.text() == "12"
    assert scans == []


def test_a_burst_broken_by_a_pause_is_no_scan_and_loses_no_key(
    qtbot, screen, key_clock, detector, scans
):
    screen.field.setFocus()
    type_keys(screen.field, key_clock, "5901234123", SCANNER_GAP_MS)
    key_clock.advance_ms(HUMAN_GAP_MS)
    type_keys(screen.field, key_clock, "457", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert scans == []
    assert screen.field.text() == "5901234123457"


def test_a_scan_right_after_typing_keeps_the_typing_and_is_a_scan(
    qtbot, screen, key_clock, detector, scans
):
    screen.field.setFocus()
    type_keys(screen.field, key_clock, "3", HUMAN_GAP_MS)
    key_clock.advance_ms(HUMAN_GAP_MS)
    type_keys(screen.field, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert scans == ["96385074"]
    assert screen.field.text() == "3"


def test_tab_ends_a_scan_when_the_scanner_is_set_to_send_it(qtbot, screen, key_clock):
    detector = ScanDetector(
        screen, clock=key_clock, terminators=(Qt.Key.Key_Return, Qt.Key.Key_Tab)
    )
    seen: list[str] = []
    detector.scanned.connect(seen.append)
    type_keys(screen.label, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Tab)
    assert seen == ["96385074"]


def test_shortcuts_pass_straight_through(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    screen.field.setText("abc")
    QTest.keyClick(screen.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert screen.field.selectedText() == "abc"
    assert not detector.is_holding_keys()


def test_keys_typed_elsewhere_are_not_watched(qtbot, screen, key_clock, detector, scans):
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    type_keys(other, key_clock, "5901234123457", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert other.text() == "5901234123457"
    assert scans == []


def test_a_hidden_or_disabled_detector_takes_nothing(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    detector.set_enabled(False)
    type_keys(screen.field, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert screen.field.text() == "96385074"
    detector.set_enabled(True)
    screen.hide()
    screen.field.clear()
    type_keys(screen.field, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert screen.field.text() == "96385074"
    assert scans == []


def test_disabling_hands_back_held_keys(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    type_keys(screen.field, key_clock, "123", SCANNER_GAP_MS)
    detector.set_enabled(False)
    assert screen.field.text() == "123"
    assert not detector.is_enabled()


def test_the_detector_goes_with_its_screen(qtbot, key_clock):
    screen = Screen()
    detector = ScanDetector(screen, clock=key_clock)
    seen: list[str] = []
    detector.scanned.connect(seen.append)
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(detector))
    other = QLineEdit()
    qtbot.addWidget(other)
    type_keys(other, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert other.text() == "96385074"


def _alive(obj: object) -> bool:
    import shiboken6  # noqa: PLC0415

    return shiboken6.isValid(obj)


def test_keys_from_the_window_system_reach_the_detector_and_the_field(
    qtbot, screen, key_clock, detector, scans
):
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.field.setFocus()
    window = screen.windowHandle()
    for char in "96385074":
        key_clock.advance_ms(SCANNER_GAP_MS)
        QTest.keyClick(window, char)
    key_clock.advance_ms(SCANNER_GAP_MS)
    QTest.keyClick(window, Qt.Key.Key_Return)
    for char in "42":
        key_clock.advance_ms(HUMAN_GAP_MS)
        QTest.keyClick(window, char)
    key_clock.advance_ms(HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: screen.field.text() == "42")
    assert scans == ["96385074"]


def test_a_person_pressing_space_on_a_button_clicks_it_once(
    qtbot, screen, key_clock, detector, scans
):
    screen.button.setFocus()
    clicks: list[bool] = []
    screen.button.clicked.connect(lambda: clicks.append(True))
    QTest.keyClick(screen.button, Qt.Key.Key_Space)
    key_clock.advance_ms(HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: len(clicks) == 1)
    assert not screen.button.isDown()
    assert scans == []


def test_a_screen_shown_later_is_watched_from_then_on(qtbot, key_clock):
    screen = Screen()
    qtbot.addWidget(screen)
    detector = ScanDetector(screen, clock=key_clock)
    seen: list[str] = []
    detector.scanned.connect(seen.append)
    screen.show()
    qtbot.waitExposed(screen)
    type_keys(screen.label, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert seen == ["96385074"]


def test_hiding_the_screen_hands_back_held_keys(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    type_keys(screen.field, key_clock, "7", SCANNER_GAP_MS)
    screen.hide()
    assert screen.field.text() == "7"
    assert not detector.is_holding_keys()


def test_shift_inside_a_burst_does_not_break_the_scan(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    for char in "(01)09501101530003(3103)001250":
        key_clock.advance_ms(SCANNER_GAP_MS)
        if char in "()":
            QTest.keyPress(screen.field, Qt.Key.Key_Shift)
            QTest.keyClick(screen.field, char, Qt.KeyboardModifier.ShiftModifier)
            QTest.keyRelease(screen.field, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.keyClick(screen.field, char)
    key_clock.advance_ms(SCANNER_GAP_MS)
    QTest.keyClick(screen.field, Qt.Key.Key_Return)
    assert scans == ["(01)09501101530003(3103)001250"]
    assert screen.field.text() == ""


def test_a_person_typing_a_capital_gets_it(qtbot, screen, key_clock, detector, scans):
    screen.field.setFocus()
    QTest.keyPress(screen.field, Qt.Key.Key_Shift)
    key_clock.advance_ms(HUMAN_GAP_MS)
    QTest.keyClick(screen.field, "A", Qt.KeyboardModifier.ShiftModifier)
    key_clock.advance_ms(HUMAN_GAP_MS)
    QTest.keyRelease(screen.field, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(screen.field, "b")
    key_clock.advance_ms(HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: screen.field.text() == "Ab")
    assert scans == []


def test_a_dialog_with_its_own_detector_is_not_answered_by_a_scan(
    qtbot, screen, key_clock, detector, scans
):
    dialog = QDialog(screen)
    layout = QVBoxLayout(dialog)
    cancel, count = QPushButton("Cancel"), QPushButton("Count")
    layout.addWidget(cancel)
    layout.addWidget(count)
    cancel.clicked.connect(dialog.reject)
    count.clicked.connect(dialog.accept)
    prompt_scans: list[str] = []
    ScanDetector(dialog, clock=key_clock).scanned.connect(prompt_scans.append)
    dialog.open()
    qtbot.waitExposed(dialog)
    count.setFocus()
    type_keys(count, key_clock, "96385074", SCANNER_GAP_MS, end=Qt.Key.Key_Return)
    assert prompt_scans == ["96385074"]
    assert scans == []  # the screen behind does not see keys typed on its dialog
    assert dialog.isVisible()
    assert dialog.result() == 0
