"""Answering a PIN prompt that a screen opened with `exec()` (tests only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.pin_prompt_dialog import PinPromptDialog

_TRIES = 200


def answer_prompt(fill: Callable[[PinPromptDialog], None], seen: list[PinPromptDialog]) -> None:
    """Once a PinPromptDialog shows, call `fill` on it (it types and confirms or cancels).

    The dialog is appended to `seen`. Polls the event loop a bounded number of times; if no
    prompt ever shows the test sees an empty `seen`.
    """
    tries = [0]

    def look() -> None:
        shown = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, PinPromptDialog) and widget.isVisible()
        ]
        if shown:
            seen.append(shown[0])
            fill(shown[0])
        elif tries[0] < _TRIES:
            tries[0] += 1
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)


def type_pin(pin: str, staff_id: str | None = None) -> Callable[[PinPromptDialog], None]:
    """A `fill` that picks `staff_id` (if given), types `pin` and confirms."""

    def fill(dialog: PinPromptDialog) -> None:
        if staff_id is not None:
            dialog.pick(staff_id)
        dialog.pin_field.setText(pin)
        dialog.confirm_button.click()

    return fill


def cancel(dialog: PinPromptDialog) -> None:
    """A `fill` that cancels the prompt."""
    dialog.cancel_button.click()
