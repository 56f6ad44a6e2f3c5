"""The status bar during a long catch-up: "Syncing…", a bar with the counts, gone when caught up."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, QPoint
from PySide6.QtWidgets import QMainWindow, QWidget

from app.domain.sync_events import CatchUpProgress, SyncStatus
from tests.unit.ui.conftest import CASHIER, MANAGER
from ui.catch_up_bar import CatchUpBar, describe_catch_up, describe_catch_up_briefly
from ui.sync_bridge import SyncBridge
from ui.sync_status_bar import SyncStatusBar, describe_sync_status, shown_catch_up, sync_tone
from ui.theme import STYLESHEET, Tone

NOW = datetime(2026, 11, 22, 6, 3, tzinfo=UTC)
CAUGHT_UP = SyncStatus(
    online=True,
    since=NOW - timedelta(hours=1),
    pending_count=0,
    oldest_pending_at=None,
    last_pull_at=NOW,
    last_push_at=NOW,
)


def _catching_up(received: int, remaining: int, **fields: object) -> SyncStatus:
    """A status as connectivity makes it while a long catch-up runs."""
    progress = CatchUpProgress(received=received, remaining=remaining)
    return replace(CAUGHT_UP, syncing=True, catch_up=progress, **fields)


@pytest.fixture
def german_numbers() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


def test_the_words_give_the_counts_with_group_separators(qapp) -> None:
    progress = CatchUpProgress(received=1200, remaining=3800)
    assert describe_catch_up(progress) == "Receiving changes from the hub: 1,200 of 5,000"
    assert describe_catch_up_briefly(progress) == "1,200 of 5,000"


def test_the_numbers_are_grouped_as_the_language_writes_them(qapp, german_numbers) -> None:
    progress = CatchUpProgress(received=1200, remaining=1_998_800)
    assert describe_catch_up(progress) == "Receiving changes from the hub: 1.200 of 2.000.000"


def test_the_headline_says_syncing_while_a_catch_up_runs(qapp) -> None:
    assert describe_sync_status(_catching_up(500, 4500), NOW) == "Syncing…"
    assert describe_sync_status(_catching_up(500, 4500, pending_count=2), NOW) == (
        "Syncing… · 2 actions waiting"
    )
    assert sync_tone(_catching_up(500, 4500)) is Tone.BUSY


@pytest.mark.parametrize(
    "fields",
    [
        {"online": False},
        {"storage_error": "database or disk is full"},
        {"needs_enrolment": True},
    ],
    ids=["offline", "database-refuses-writes", "enrolment-needed"],
)
def test_no_progress_is_shown_while_nothing_can_be_received(qapp, fields) -> None:
    assert shown_catch_up(_catching_up(500, 4500, **fields)) is None
    assert shown_catch_up(_catching_up(500, 4500)) == CatchUpProgress(500, 4500)
    assert shown_catch_up(CAUGHT_UP) is None
    assert shown_catch_up(None) is None


@pytest.fixture
def status_bar(qtbot, bridge: SyncBridge) -> SyncStatusBar:
    """The status bar fed by the bridge, as the main window connects it."""
    bar = SyncStatusBar(lambda: NOW)
    qtbot.addWidget(bar)
    bridge.status_changed.connect(bar.show_status)
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def _deliver(qtbot, bridge: SyncBridge, status: SyncStatus) -> None:
    """Tell the bridge `status` from a sync thread, as connectivity does; wait till it is shown."""
    with qtbot.waitSignal(bridge.status_changed):
        sender = threading.Thread(target=bridge.sync_status_changed, args=(status,))
        sender.start()
        sender.join()


def test_the_bar_shows_the_counts_during_a_catch_up_and_goes_when_caught_up(
    qtbot, bridge: SyncBridge, status_bar: SyncStatusBar
) -> None:
    bar = status_bar.catch_up_bar
    assert not bar.isVisible()

    for received in (500, 1000, 1500):
        _deliver(qtbot, bridge, _catching_up(received, 5000 - received))
        assert bar.isVisible()
        assert (bar.minimum(), bar.value(), bar.maximum()) == (0, received, 5000)
        words = f"Receiving changes from the hub: {received:,} of 5,000"
        assert bar.toolTip() == words
        assert bar.text() in {words, f"{received:,} of 5,000"}
        assert status_bar.sync_label.text() == "Syncing…"

    _deliver(qtbot, bridge, CAUGHT_UP)
    assert not bar.isVisible()
    assert status_bar.sync_label.text() == "Online"


def test_offline_mid_catch_up_hides_the_bar_until_pages_come_again(
    qtbot, bridge: SyncBridge, status_bar: SyncStatusBar
) -> None:
    _deliver(qtbot, bridge, _catching_up(500, 4500))
    _deliver(qtbot, bridge, _catching_up(500, 4500, online=False, since=NOW))
    assert not status_bar.catch_up_bar.isVisible()
    assert status_bar.sync_label.text().startswith("Offline since")

    _deliver(qtbot, bridge, _catching_up(1000, 4000))
    assert status_bar.catch_up_bar.isVisible()
    assert status_bar.catch_up_bar.value() == 1000


def _left(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


def _right(widget: QWidget, window: QWidget) -> int:
    return _left(widget, window) + widget.width()


def _window_1024(qtbot, status: SyncStatus, person) -> tuple[QMainWindow, SyncStatusBar]:
    window = QMainWindow()
    window.setStyleSheet(STYLESHEET)
    window.setCentralWidget(QWidget())
    status_bar = SyncStatusBar(lambda: NOW, window)
    window.setStatusBar(status_bar)
    qtbot.addWidget(window)
    status_bar.show_person(person.signed_in())
    status_bar.show_status(status)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, status_bar


@pytest.mark.parametrize(
    ("person", "pending"), [(CASHIER, 0), (MANAGER, 3)], ids=["cashier", "manager-with-waiting"]
)
def test_at_1024_px_the_bar_leaves_the_person_and_sign_out_on_screen(
    qtbot, person, pending
) -> None:
    status = _catching_up(12_000, 138_000, pending_count=pending, oldest_pending_at=NOW)
    window, status_bar = _window_1024(qtbot, status, person)
    bar = status_bar.catch_up_bar

    assert window.width() == 1024
    assert bar.isVisible()
    assert _right(status_bar.sync_label, window) <= _left(bar, window)
    assert _right(bar, window) <= _left(status_bar.person_label, window)
    for button in (status_bar.switch_user_button, status_bar.sign_out_button):
        assert button.isVisible()
        assert _right(button, window) <= window.width()
    assert bar.toolTip() == "Receiving changes from the hub: 12,000 of 150,000"


def test_with_room_to_spare_at_1024_px_the_bar_says_the_whole_sentence(qtbot) -> None:
    _, status_bar = _window_1024(qtbot, _catching_up(1200, 3800), CASHIER)
    assert status_bar.catch_up_bar.text() == "Receiving changes from the hub: 1,200 of 5,000"


def test_a_bar_given_less_room_says_less_and_keeps_the_sentence_as_its_tooltip(qtbot) -> None:
    bar = CatchUpBar()
    qtbot.addWidget(bar)
    bar.setStyleSheet(STYLESHEET)
    bar.show_progress(CatchUpProgress(received=1200, remaining=3800))
    bar.show()
    qtbot.waitExposed(bar)
    sentence = "Receiving changes from the hub: 1,200 of 5,000"
    shown: list[tuple[str, bool]] = []
    for width in (
        bar.sizeHint().width(),
        bar.sizeHint().width() // 2,
        bar.minimumSizeHint().width(),
    ):
        bar.resize(width, bar.height())
        shown.append((bar.text(), bar.isTextVisible()))
    assert shown == [(sentence, True), ("1,200 of 5,000", True), ("", False)]
    assert bar.toolTip() == sentence
