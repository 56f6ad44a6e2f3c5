"""The demo's cheat sheet: who the demo staff are and their PINs, as a panel or a dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class DemoStaffPanel(QFrame):
    """A small table of demo staff: name, roles, PIN."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Demo staff — sign in with any of these PINs"))
        title.setObjectName("SectionTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        for row, (name, roles, pin) in enumerate(rows):
            grid.addWidget(QLabel(name), row, 0)
            hint = QLabel(roles)
            hint.setObjectName("Hint")
            grid.addWidget(hint, row, 1)
            pin_label = QLabel(pin)
            pin_label.setObjectName("BigValue")
            grid.addWidget(pin_label, row, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)


class DemoStaffDialog(QDialog):
    """The demo staff panel in a window of its own; shown with `show()`, never blocking."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Demo staff & PINs"))
        layout = QVBoxLayout(self)
        layout.addWidget(DemoStaffPanel(rows, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
