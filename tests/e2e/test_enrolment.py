"""First start against a real hub: the enrolment dialog enrols the device, or says why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.device import enrol_with_codes
from hub.embedded import EmbeddedHub
from local_db.database import Database
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import is_enrolled
from ui.enrolment_dialog import EnrolmentDialog


def _dialog(qtbot, hub: EmbeddedHub, db: Database, credentials: Credentials) -> EnrolmentDialog:
    dialog = EnrolmentDialog(
        hub.url,
        lambda url, store, code: enrol_with_codes(db, credentials, url, store, code),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _submit(qtbot, dialog: EnrolmentDialog, store: str, code: str) -> None:
    dialog.store_code_field.setText(store)
    dialog.code_field.setText(code)
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)


def test_right_codes_enrol_the_device_once(qtbot, hub: EmbeddedHub, tmp_path: Path) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = _dialog(qtbot, hub, db, credentials)
    code = hub.new_enrolment_code()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _submit(qtbot, dialog, hub.store_code, code)
    assert is_enrolled(db, credentials)

    second = Credentials(MemoryKeyring(), account="second")
    refusal = enrol_with_codes(
        Database(tmp_path / "other.db"), second, hub.url, hub.store_code, code
    )
    assert refusal  # a one-time code works once
    assert second.device_token() is None


def test_wrong_code_is_explained_and_the_dialog_stays(
    qtbot, hub: EmbeddedHub, tmp_path: Path
) -> None:
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = _dialog(qtbot, hub, db, credentials)
    message = dialog.message_label
    _submit(qtbot, dialog, hub.store_code, "WRONG-CODE")
    qtbot.waitUntil(lambda: message.text() not in ("", "Enrolling…"), timeout=10_000)
    assert dialog.isVisible()
    assert not is_enrolled(db, credentials)
    assert credentials.device_token() is None


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
