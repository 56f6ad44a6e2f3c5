"""Secrets stay in the keyring: canary tokens and pepper never reach a file, a log or the screen.

The device enrols with the real hub (its tokens become the canaries), gets a known PIN pepper,
then a person signs in, accepts an order, sync runs and the tokens are refreshed; every file
the app and the hub wrote (databases with their -wal and -shm, logs) and everything printed
is searched for every secret the keyring ever held. Storeside keeps no settings file (its
settings come from the command line, its preferences live in the database); its log file, at
debug level, also holds its crash reports (app/log_privacy.py), and one is made here.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
from PySide6.QtCore import Qt

from app.domain.vocabulary import Channel, OrderStatus
from app.log_privacy import add_log_file, install_crash_reports
from app.main import screen_services
from app.read_models import SignedInStaff
from hub.embedded import EmbeddedHub
from sync.credentials import SERVICE, Credentials, DeviceTokens, MemoryKeyring
from tests.devices import enrolled_device
from tests.fakes import FrozenClock
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge

CANARY_PEPPER: Final = bytes.fromhex("c0ffee11" * 8)
_WAIT_MS: Final = 10_000
_REPO_ROOT: Final = Path(__file__).resolve().parents[2]


class RecordingKeyring(MemoryKeyring):
    """The in-memory keyring, remembering every secret ever put in it (the canaries)."""

    def __init__(self) -> None:
        super().__init__()
        self.ever_held: list[str] = []

    def set_password(self, service: str, username: str, password: str) -> None:
        self.ever_held.append(password)
        super().set_password(service, username, password)


def _canaries(keyring: RecordingKeyring) -> set[bytes]:
    """Every token and the pepper, in each form they could be written in."""
    found = {CANARY_PEPPER, CANARY_PEPPER.hex().encode()}
    for held in keyring.ever_held:
        try:
            tokens = DeviceTokens.from_json(held)
        except ValueError:
            continue  # the pepper's entry, already counted
        for secret in (tokens.access_token, tokens.refresh_token, tokens.refresh_request_id):
            if secret:
                found.add(secret.encode())
    return found


def _hits(directory: Path, canaries: set[bytes]) -> list[str]:
    return [
        f"{path.name}: {canary[:6]!r}…"
        for path in sorted(directory.rglob("*"))
        if path.is_file()
        for content in (path.read_bytes(),)
        for canary in canaries
        if canary in content
    ]


@pytest.fixture
def hub_clock() -> FrozenClock:
    """The hub's clock: moved past the access token's life so the device refreshes."""
    return FrozenClock()


@pytest.fixture
def hub(tmp_path: Path, hub_clock: FrozenClock) -> Iterator[EmbeddedHub]:
    """The reference hub on 127.0.0.1, its database beside the device's."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, clock=hub_clock)
    embedded.start()
    yield embedded
    embedded.stop()


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's own log file and crash reports, at every level, where the canaries are
    looked for."""
    path = tmp_path / "logs" / "storeside.log"
    root = logging.getLogger()
    level, hooks = root.level, (sys.excepthook, threading.excepthook)
    handler = add_log_file(path)
    install_crash_reports()
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks
    handler.close()


def _sign_in_cashier(qtbot, window: MainWindow) -> SignedInStaff:
    screen = window.sign_in_screen
    qtbot.waitUntil(lambda: "staff-wangfang" in screen.listed_staff_ids(), timeout=_WAIT_MS)
    qtbot.mouseClick(screen.staff_button("staff-wangfang"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.pin_field, "1111")
    with qtbot.waitSignal(screen.signed_in, timeout=_WAIT_MS) as signed_in:
        qtbot.mouseClick(screen.sign_in_button, Qt.MouseButton.LeftButton)
    staff: SignedInStaff = signed_in.args[0]
    return staff


def test_no_secret_reaches_a_file_a_log_or_the_console(
    qtbot,
    hub: EmbeddedHub,
    hub_clock: FrozenClock,
    tmp_path: Path,
    log_file: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    keyring = RecordingKeyring()
    data_dir = tmp_path / "counter"
    credentials = Credentials(keyring, account=str(data_dir / "storeside.db"))
    keyring.set_password(SERVICE, f"{data_dir / 'storeside.db'}:pin-pepper", CANARY_PEPPER.hex())
    bridge = SyncBridge()
    device = enrolled_device(hub, data_dir, bridge, credentials)
    device.start()
    try:
        assert credentials.pin_pepper() == CANARY_PEPPER
        window = MainWindow(screen_services(device), bridge, store_name="Storeside 演示店")
        qtbot.addWidget(window)
        window.show()
        cashier = _sign_in_cashier(qtbot, window)
        order = hub.demo.place_order(Channel.MEITUAN)
        qtbot.waitUntil(
            lambda: device.order_queries.detail(order.order_id) is not None, timeout=_WAIT_MS
        )
        device.order_actions.accept(cashier, order.order_id)
        qtbot.waitUntil(
            lambda: hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED,
            timeout=_WAIT_MS,
        )
        first = credentials.device_tokens()
        hub_clock.advance(hours=1)  # the access token expires: the next pull refreshes it
        second = hub.demo.place_order(Channel.ELEME)
        qtbot.waitUntil(
            lambda: device.order_queries.detail(second.order_id) is not None, timeout=_WAIT_MS
        )
        # A pull long-polling since before the clock moved may bring the order with the old
        # token; the refresh comes with the pull after it.
        qtbot.waitUntil(lambda: credentials.device_tokens() != first, timeout=_WAIT_MS)
        # A crash in the middle of sync work: its report joins the log.
        boom = threading.Thread(target=_crash_with_the_client, args=(credentials,), name="boom")
        boom.start()
        boom.join()
        canaries = _canaries(keyring)
        hits_while_running = _hits(tmp_path, canaries)
    finally:
        device.stop()
    printed = capfd.readouterr()
    console = (printed.out + printed.err).encode()

    assert len(canaries) >= 6  # two pairs of tokens, a request id, the pepper twice
    assert "crash report: uncaught RuntimeError in thread boom" in log_file.read_text("utf-8")
    assert hits_while_running == []
    assert _hits(tmp_path, canaries) == []
    assert [canary[:6] for canary in canaries if canary in console] == []


def _crash_with_the_client(credentials: Credentials) -> None:
    tokens = credentials.device_tokens()  # a secret in the crashing frame's locals
    raise RuntimeError(f"crashed with {len(str(tokens))} characters of tokens in hand")


def test_without_a_secure_credential_store_the_app_refuses_to_enrol(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": "offscreen",
    }
    data_dir = tmp_path / "data"
    finished = subprocess.run(
        [sys.executable, "-m", "app.launch", "--hub", "http://127.0.0.1:9", "--data-dir", data_dir],
        cwd=_REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 2
    assert "No secure credential store is available" in finished.stderr
    assert "Refusing to store the device token" in finished.stderr
    assert not (data_dir / "storeside.db").exists()
