"""A Chinese counter reads Chinese: no English left on any main screen in zh_CN.

Every text a person can see on the screen — labels, buttons, tabs, menus, table titles and
cells, placeholders — is read off the real widgets of the busy store (tests/e2e/busy_store.py)
with the zh_CN catalogue installed. What the store's data says (dish names with their English
gloss, notes customers typed, staff names) is the data, not the interface: those strings are
read from the device's own database and taken out first. Any English word left is a string
that did not go through the catalogue, or a word from the hub that reached a person raw.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QWidget,
)

from app.device import Device
from app.main import screen_services
from tests.e2e.busy_store import (
    COUNTER_SCREENS,
    HANDHELD_SCREENS,
    HANDHELD_SIZE,
    STORE_NAME,
    Store,
    language,
    shown_window,
    store,
)
from ui.cashier.counter_shortcuts import KeysDialog
from ui.elided_label import ElidedButton, ElidedLabel
from ui.languages import Language
from ui.main_window import MainWindow
from ui.notice_history_dialog import NoticeHistoryDialog

__all__ = ["language", "store"]  # fixtures

COUNTER_SIZE = (1366, 768)
_WORD = re.compile(r"[A-Za-z]{2,}")
_IDENTIFIER = re.compile(r"\b[a-z]+(?:-[A-Za-z0-9]+)+\b")
"""Ids a manager reads off to support ("staff-wangfang", "meituan-2726…"): data too."""
_NOT_WORDS = frozenset(
    {"Storeside", "PIN", "PDF", "QR", "ID", "SKU", "CSV", "ESC", "POS", "Ctrl", "Shift", "Alt"}
)
"""Names, abbreviations and the names printed on keys, which Chinese counters read as they
are."""
_ROWS_READ = 30


@pytest.mark.parametrize("language", [Language.CHINESE], indirect=True, ids=["zh_CN"])
@pytest.mark.parametrize("name", COUNTER_SCREENS)
def test_the_counter_speaks_chinese(qtbot, store: Store, language: Language, name: str) -> None:
    window = shown_window(qtbot, store, COUNTER_SCREENS[name], COUNTER_SIZE)

    english = _english_on(window, _data_of(store.counter))
    assert not english, "\n".join(english)


@pytest.mark.parametrize("language", [Language.CHINESE], indirect=True, ids=["zh_CN"])
@pytest.mark.parametrize("name", HANDHELD_SCREENS)
def test_the_handheld_speaks_chinese(qtbot, store: Store, language: Language, name: str) -> None:
    window = shown_window(qtbot, store, HANDHELD_SCREENS[name], HANDHELD_SIZE, handheld=True)

    english = _english_on(window, _data_of(store.handheld))
    assert not english, "\n".join(english)


DIALOGS: dict[str, Callable[[MainWindow, Store], QDialog]] = {
    "printers": lambda window, _store: window.open_printers(),
    "print-journal": lambda window, _store: window.open_print_journal(),
    "order-history": lambda window, _store: window.open_order_history(),
    "day-summary": lambda window, _store: window.open_day_summary(),
    "alarm-settings": lambda window, _store: window.open_alarm_settings(),
    "refused-actions": lambda window, store: NoticeHistoryDialog(
        screen_services(store.counter), window
    ),
    "keys": lambda window, _store: KeysDialog(window),
}
"""The counter's dialogs a manager opens from the menus."""


@pytest.mark.parametrize("language", [Language.CHINESE], indirect=True, ids=["zh_CN"])
@pytest.mark.parametrize("name", DIALOGS)
def test_the_counter_s_dialogs_speak_chinese(
    qtbot, store: Store, language: Language, name: str
) -> None:
    window = shown_window(qtbot, store, _as_manager, COUNTER_SIZE)
    dialog = DIALOGS[name](window, store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    english = _english_on(dialog, _data_of(store.counter))
    assert not english, "\n".join(english)


def _as_manager(window: MainWindow, store: Store) -> QWidget | None:
    screen = window.sign_in_screen
    screen.staff_button("staff-chenjing").click()
    screen.pin_field.setText("9999")
    screen.sign_in_button.click()
    return window.manager_screen


def _english_on(window: QWidget, data: list[str]) -> list[str]:
    """ "<widget>: <text>" for every visible text with an English word outside the data."""
    found = []
    for where, text in _visible_texts(window):
        rest = _IDENTIFIER.sub(" ", text)
        for value in data:
            rest = rest.replace(value, " ")
        words = [w for w in _WORD.findall(rest) if w not in _NOT_WORDS]
        if words:
            found.append(f"{where}: {text!r} ({' '.join(words)})")
    return found


def _visible_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    yield "title", window.windowTitle()
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                yield "menu", action.text().replace("&", "")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or (widget.isWindow() and widget is not window):
            continue
        where = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
        yield from ((where, text) for text in _texts_of(widget) if text)


def _texts_of(widget: QWidget) -> list[str]:
    for kind, read in _READERS:
        if isinstance(widget, kind):
            return read(widget)
    return []


def _label_texts(label: QLabel) -> list[str]:
    return [QTextDocumentFragment.fromHtml(label.text()).toPlainText()]


def _tab_texts(tabs: QTabBar) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    columns = range(1 if isinstance(model, QAbstractListModel) else model.columnCount())
    texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in columns]
    for row in range(min(model.rowCount(), _ROWS_READ)):
        for column in columns:
            value = model.data(model.index(row, column, QModelIndex()))
            if isinstance(value, str):
                texts.append(value)
    return texts


_READERS: tuple[tuple[type[Any], Callable[[Any], list[str]]], ...] = (
    (ElidedLabel, lambda w: [w.full_text()]),  # its tooltip has the rest: read it whole
    (ElidedButton, lambda w: [w.full_text()]),
    (QLabel, _label_texts),
    (QAbstractButton, lambda w: [w.text().replace("&", "")]),
    (QLineEdit, lambda w: [w.placeholderText()]),
    (QComboBox, lambda w: [w.currentText()]),
    (QGroupBox, lambda w: [w.title()]),
    (QTabBar, _tab_texts),
    (QHeaderView, lambda _w: []),  # read with its view
    (QAbstractItemView, _view_texts),
)
"""What each kind of widget shows, in order: the first kind a widget is, is read."""


def _data_of(device: Device) -> list[str]:
    """What the store's own data says (longest first, so a name is taken out whole)."""
    connection = sqlite3.connect(f"file:{device.db.path}?mode=ro", uri=True)
    try:
        values = [STORE_NAME]
        for query in (
            "SELECT customer_name, note, channel_order_no FROM orders",
            "SELECT name, name_en, note, category FROM order_lines",
            "SELECT name, name_en, category FROM products",
            "SELECT name FROM staff",
        ):
            values += [v for row in connection.execute(query) for v in row if v]
        for (request,) in connection.execute("SELECT request FROM orders"):
            values += _strings_in(json.loads(request) if request else None, "reason")
    finally:
        connection.close()
    return sorted(set(values), key=len, reverse=True)


def _strings_in(value: Any, key: str) -> list[str]:
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == key and isinstance(v, str) and v]
    return []
