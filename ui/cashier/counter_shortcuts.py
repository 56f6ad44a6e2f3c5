"""The counter's keys: accept, reject, ready, hand over, print, next order, and the list of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.order_lifecycle import OrderAction
from ui.cashier.inbox_table import InboxTable
from ui.cashier.order_action_bar import OrderActionBar
from ui.printing.order_print_bar import OrderPrintBar


class CounterScreen(Protocol):
    """What the keys press on: the cashier screen's buttons and its inbox."""

    action_bar: OrderActionBar
    print_bar: OrderPrintBar
    table: InboxTable


@dataclass(frozen=True, slots=True)
class CounterKey:
    """One key of the counter and what it does, in words."""

    key: str
    """The key as QKeySequence reads it, e.g. "F2"."""
    meaning: str


def counter_keys() -> tuple[CounterKey, ...]:
    """Every key of the counter, in the order the help lists them."""
    return (
        CounterKey("F2", QCoreApplication.translate("CounterShortcuts", "Accept the order")),
        CounterKey("F3", QCoreApplication.translate("CounterShortcuts", "Mark the order ready")),
        CounterKey("F4", QCoreApplication.translate("CounterShortcuts", "Hand the order over")),
        CounterKey("F6", QCoreApplication.translate("CounterShortcuts", "Reject the order…")),
        CounterKey(
            "F8", QCoreApplication.translate("CounterShortcuts", "Print the kitchen ticket")
        ),
        CounterKey("F9", QCoreApplication.translate("CounterShortcuts", "Print the receipt")),
        CounterKey(
            "Ctrl+Down", QCoreApplication.translate("CounterShortcuts", "Next order in the list")
        ),
        CounterKey(
            "Ctrl+Up", QCoreApplication.translate("CounterShortcuts", "Previous order in the list")
        ),
        CounterKey(
            QKeySequence(QKeySequence.StandardKey.Find).toString(),
            QCoreApplication.translate(
                "CounterShortcuts", "Search orders (pickup code, phone, order number)"
            ),
        ),
        CounterKey("F1", QCoreApplication.translate("CounterShortcuts", "Show these keys")),
    )


_ACTION_KEYS = {
    "F2": OrderAction.ACCEPT,
    "F3": OrderAction.MARK_READY,
    "F4": OrderAction.HAND_OVER,
    "F6": OrderAction.REJECT,
}


class CounterShortcuts:
    """The keys of `screen`: each presses the button it stands for, when that button is there.

    A key does what a click on its button does and no more: a button the order or the
    person's roles do not offer (hidden or greyed out) makes its key do nothing but beep.
    """

    def __init__(self, screen: CounterScreen, parent: QWidget) -> None:
        self._screen = screen
        self._parent = parent
        self.help_dialog: KeysDialog | None = None
        for key, action in _ACTION_KEYS.items():
            self._bind(key, partial(self._press, screen.action_bar.buttons[action]))
        self._bind("F8", partial(self._press, screen.print_bar.kitchen_button))
        self._bind("F9", partial(self._press, screen.print_bar.receipt_button))
        self._bind("Ctrl+Down", partial(self._step, 1))
        self._bind("Ctrl+Up", partial(self._step, -1))
        self._bind("F1", self.show_help)

    def _bind(self, key: str, handler: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(key), self._parent)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(handler)

    @staticmethod
    def _press(button: QAbstractButton) -> None:
        if button.isVisible() and button.isEnabled():
            button.click()
        else:
            QApplication.beep()

    def _step(self, by: int) -> None:
        table = self._screen.table
        rows = table.model().rowCount()
        if rows == 0:
            QApplication.beep()
            return
        selected = table.selectionModel().selectedRows()
        row = 0 if not selected else min(max(selected[0].row() + by, 0), rows - 1)
        table.selectRow(row)
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def show_help(self) -> None:
        """Open the list of the counter's keys."""
        if self.help_dialog is None:
            self.help_dialog = KeysDialog(self._parent)
        self.help_dialog.show()


class KeysDialog(QDialog):
    """The counter's keys, listed: F1 opens it, Esc closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keys at the counter"))
        column = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, entry in enumerate(counter_keys()):
            key = QLabel(QKeySequence(entry.key).toString(QKeySequence.SequenceFormat.NativeText))
            key.setObjectName("KeyCap")
            key.setStyleSheet("font-weight: 600;")
            meaning = QLabel(entry.meaning)
            grid.addWidget(key, row, 0)
            grid.addWidget(meaning, row, 1)
            self.rows.append((key, meaning))
        column.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
