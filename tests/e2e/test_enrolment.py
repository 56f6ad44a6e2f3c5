"""First start against a real hub: the enrolment dialog enrols the device, or says why not."""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import Qt

from app.domain.enrolment_problems import EnrolmentProblem
from app.enrolment import enrol_with_codes
from hub.embedded import EmbeddedHub
from local_db.database import Database
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import is_enrolled
from ui.enrolment_dialog import EnrolmentDialog


def _dialog(qtbot, url: str, db: Database, credentials: Credentials) -> EnrolmentDialog:
    dialog = EnrolmentDialog(
        url, lambda url, store, code: enrol_with_codes(db, credentials, url, store, code)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _submit(qtbot, dialog: EnrolmentDialog, store: str, code: str) -> None:
    dialog.store_code_field.setText(store)
    dialog.code_field.setText(code)
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)


def _refusal_shown(qtbot, dialog: EnrolmentDialog, store: str, code: str) -> str:
    """Submit the codes; the sentence the dialog shows once the hub (or its absence) answered."""
    _submit(qtbot, dialog, store, code)
    qtbot.waitUntil(dialog.enrol_button.isEnabled, timeout=10_000)
    assert dialog.isVisible()
    return dialog.message_label.text()


def test_right_codes_enrol_the_device_once(qtbot, hub: EmbeddedHub, tmp_path: Path) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = _dialog(qtbot, hub.url, db, credentials)
    code = hub.new_enrolment_code()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _submit(qtbot, dialog, hub.store_code, code)
    assert is_enrolled(db, credentials)

    second = Credentials(MemoryKeyring(), account="second")
    refusal = enrol_with_codes(
        Database(tmp_path / "other.db"), second, hub.url, hub.store_code, code
    )
    assert refusal is EnrolmentProblem.WRONG_CODE  # a one-time code works once
    assert second.device_token() is None


def test_wrong_code_is_explained_and_the_dialog_stays(
    qtbot, hub: EmbeddedHub, tmp_path: Path
) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = _dialog(qtbot, hub.url, db, credentials)
    shown = _refusal_shown(qtbot, dialog, hub.store_code, "WRONG-CODE")
    assert shown == (
        "The one-time code was not accepted. Check the one-time code with your manager;"
        " a code works once and expires 24 hours after it was made, so you may need a new one."
    )
    assert not is_enrolled(db, credentials)
    assert credentials.device_token() is None


def test_an_unknown_store_code_is_named(qtbot, hub: EmbeddedHub, tmp_path: Path) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = _dialog(qtbot, hub.url, db, credentials)
    shown = _refusal_shown(qtbot, dialog, "NOPE01", hub.new_enrolment_code())
    assert shown == (
        "The hub knows no store with the code NOPE01. Check the store code with your manager."
    )
    assert not is_enrolled(db, credentials)


def test_a_hub_that_does_not_answer_is_explained_with_its_address(qtbot, tmp_path: Path) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
        url = f"http://127.0.0.1:{holder.getsockname()[1]}"
        dialog = _dialog(qtbot, url, db, credentials)
        shown = _refusal_shown(qtbot, dialog, "DEMO01", "ABCD-EFGH")
    assert shown == (
        f"The hub could not be reached at {url}. Check the address and the store's internet"
        " connection, then try again."
    )
    assert "Error" not in shown
    assert not is_enrolled(db, credentials)


def test_an_address_that_is_not_one_is_said_so_before_anything_is_sent(
    qtbot, tmp_path: Path
) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = _dialog(qtbot, "hub.example.cn", db, credentials)
    assert _refusal_shown(qtbot, dialog, "DEMO01", "ABCD-EFGH") == (
        "“hub.example.cn” is not a web address. Type the hub's address as your manager gave"
        " it, starting with https://, for example https://hub.example.cn."
    )
    dialog.hub_url_field.setText("http://192.0.2.1:8700")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not secure" in dialog.message_label.text(), timeout=10_000)
    assert dialog.message_label.text() == (
        "The address http://192.0.2.1:8700 is not secure: the codes would cross the network"
        " unencrypted. Ask your manager for the hub's address that starts with https://."
    )


def test_a_first_start_asks_for_the_hub_address_too(
    qtbot, hub: EmbeddedHub, tmp_path: Path
) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = EnrolmentDialog(
        "", lambda url, store, code: enrol_with_codes(db, credentials, url, store, code)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    code = hub.new_enrolment_code()
    _submit(qtbot, dialog, hub.store_code, code)
    assert dialog.message_label.text() == (
        "Type the hub's address, the store code and the enrolment code."
    )

    dialog.hub_url_field.setText(hub.url + "/")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)

    assert dialog.hub_url == hub.url
    assert is_enrolled(db, credentials)
