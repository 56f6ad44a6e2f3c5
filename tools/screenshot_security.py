"""Pictures of the staff PIN security: a locked-out sign-in and a manager's override prompt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.device import Device
from app.domain.permissions import Permission
from app.domain.sign_in_lockout import MAX_FAILURES
from app.domain.staff_session import Approval
from tests.devices import sign_in_as
from ui.main_window import MainWindow

_LOCKED_ID = "staff-liqiang"


def save_security_pictures(  # noqa: PLR0917 (the screenshot tool's shared parts)
    window: MainWindow,
    device: Device,
    app: QCoreApplication,
    out: Path,
    save: Callable[[QWidget, Path], None],
    settle: Callable[[QCoreApplication], None],
) -> None:
    """sign-in-locked.png and manager-override.png; the window ends signed out, nobody locked."""
    window.sign_out()
    screen = window.sign_in_screen
    screen.staff_button(_LOCKED_ID).click()
    for _ in range(MAX_FAILURES):
        screen.pin_field.setText("0000")
        screen.sign_in_button.click()
    settle(app)
    save(window, out / "sign-in-locked.png")
    manager = sign_in_as(device.sign_in, "manager", "9999")
    device.sign_in.unlock(manager, _LOCKED_ID)
    screen.reset()

    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    window.staff_session.begin(cashier)
    prompt = window.staff_session.prompt_for(window, cashier, Permission.REFUND, Approval.MANAGER)
    if prompt is None:
        raise RuntimeError("a cashier's refund should ask for a manager's PIN")
    prompt.pin_field.setText("1234")
    prompt.confirm_button.click()  # a wrong PIN, so the picture shows the refusal too
    prompt.pin_field.setText("99")
    prompt.show()
    settle(app)
    prompt.pin_field.deselect()
    settle(app)
    save(prompt, out / "manager-override.png")
    prompt.close()
    window.staff_session.begin(None)
