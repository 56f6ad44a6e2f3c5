"""kill -9 at every step of a token refresh: the restarted device recovers, or asks to enrol.

A child process holds the device's tokens in a keyring that outlives it (a file replaced
whole at each write, as an OS credential store replaces an entry) and makes requests whose
tokens its clock calls due, so each request refreshes. A failpoint kills it at one step of
the Nth refresh; a restarted child must then reach the hub with no enrolment (recovered),
without the hub ever seeing a replay. When someone else replays the spent token while the
device is down, the restarted device is refused and forgets its tokens (the safe prompt).

The child is this module run as a program:
``python -m tests.reliability.test_refresh_kill9 --keyring F --account A --hub-url U``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

import httpx
import pytest
from keyring.backend import KeyringBackend

from app.domain.clock import utc_now
from hub.devices.enrolment import digest
from hub.embedded import EmbeddedHub
from local_db import failpoints
from local_db.database import Database
from sync.credentials import Credentials, DeviceTokens
from sync.enrolment import enrol_device
from sync.errors import AuthExpired
from sync.hub_client import HubClient
from sync.protocol import TokenRefresh
from sync.token_keeper import TokenKeeper
from tests.fakes import FrozenClock

KILLED: Final = -9
ENROL_AGAIN_EXIT: Final = 3
_RUN_S: Final = 60.0
_ACCOUNT: Final = "counter"
_REPO_ROOT: Final = Path(__file__).resolve().parents[2]
_LEAP: Final = timedelta(minutes=16)
"""How far the child's clock jumps before each request: past the 15-minute access token."""

_PENDING_AFTER_KILL: Final = {
    failpoints.REFRESH_BEFORE_ID_SAVED: False,
    failpoints.REFRESH_AFTER_ID_SAVED: True,
    failpoints.REFRESH_AFTER_REQUEST_BEFORE_REPLY: True,
    failpoints.REFRESH_AFTER_REPLY_BEFORE_SAVE: True,
    failpoints.REFRESH_AFTER_SAVE: False,
}
"""Whether the killed device left a refresh request id in its keyring, per point."""
_HUB_ROTATED_UNSAVED: Final = frozenset(
    {failpoints.REFRESH_AFTER_REQUEST_BEFORE_REPLY, failpoints.REFRESH_AFTER_REPLY_BEFORE_SAVE}
)
"""Points where the hub rotated but the device never saved the new pair."""


class FileKeyring(KeyringBackend):
    """A keyring kept in one JSON file, replaced whole at each write: survives a kill -9."""

    priority = -1  # never chosen by keyring's discovery; the tests choose it on purpose

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._path = path
        self._lock = threading.Lock()

    def _entries(self) -> dict[str, str]:
        if not self._path.exists():
            return {}
        entries: dict[str, str] = json.loads(self._path.read_text())
        return entries

    def _write(self, entries: dict[str, str]) -> None:
        partial = self._path.with_suffix(".partial")
        with partial.open("w") as file:
            json.dump(entries, file)
            file.flush()
            os.fsync(file.fileno())
        partial.replace(self._path)

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._entries().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            entries = self._entries()
            entries[f"{service}/{username}"] = password
            self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            entries = self._entries()
            entries.pop(f"{service}/{username}", None)
            self._write(entries)


class LeapingClock:
    """The child's clock: jumps `_LEAP` at each `leap()`, so every request finds its token due."""

    def __init__(self) -> None:
        self._now = utc_now()

    def leap(self) -> None:
        """Move past the current access token's expiry."""
        self._now += _LEAP

    def __call__(self) -> datetime:
        return self._now


# --- the child -------------------------------------------------------------------------


def child_main(argv: list[str] | None = None) -> int:
    """Make `--requests` requests, each after a refresh; 0 done, 3 told to enrol again."""
    parser = argparse.ArgumentParser(prog="refresh_child")
    parser.add_argument("--keyring", type=Path, required=True)
    parser.add_argument("--hub-url", required=True)
    parser.add_argument("--requests", type=int, default=1)
    arguments = parser.parse_args(argv)
    credentials = Credentials(FileKeyring(arguments.keyring), _ACCOUNT)
    clock = LeapingClock()
    client = HubClient(arguments.hub_url, TokenKeeper(credentials, clock))
    try:
        for _ in range(arguments.requests):
            clock.leap()
            client.staff()
    except AuthExpired as refusal:
        sys.stderr.write(f"enrol again: {refusal}\n")
        return ENROL_AGAIN_EXIT
    finally:
        client.close()
    return 0


# --- the parent ------------------------------------------------------------------------


@pytest.fixture
def hub_clock() -> FrozenClock:
    """The hub's clock: it moves only when a test says so."""
    return FrozenClock()


@pytest.fixture
def hub(tmp_path: Path, hub_clock: FrozenClock) -> Iterator[EmbeddedHub]:
    """The reference hub on a frozen clock: the child's clock moves, so every refresh is the
    device's doing, not the hub expiring a token on its own."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, clock=hub_clock)
    embedded.start()
    yield embedded
    embedded.stop()


@pytest.fixture
def keyring_file(hub: EmbeddedHub, tmp_path: Path) -> Path:
    """The device enrolled, its tokens in a keyring file the child processes share."""
    path = tmp_path / "keyring.json"
    credentials = Credentials(FileKeyring(path), _ACCOUNT)
    db = Database(tmp_path / "device.db")
    client = HubClient(hub.url, credentials.device_token)
    try:
        enrol_device(
            db,
            credentials,
            client,
            store_code=hub.store_code,
            enrolment_code=hub.new_enrolment_code(),
            device_name="counter",
        )
    finally:
        client.close()
        db.close()
    return path


def _run_child(
    hub: EmbeddedHub, keyring: Path, log: Path, armed: str = "", requests: int = 1
) -> tuple[int, str]:
    """Run a child to its end; its exit code and stderr."""
    environment = {**os.environ}
    environment.pop(failpoints.ENV_VAR, None)
    if armed:
        environment[failpoints.ENV_VAR] = armed
    command = [
        sys.executable,
        "-m",
        "tests.reliability.test_refresh_kill9",
        f"--keyring={keyring}",
        f"--hub-url={hub.url}",
        f"--requests={requests}",
    ]
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            command, cwd=_REPO_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            code = process.wait(timeout=_RUN_S)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    return code, log.read_text(errors="replace")


def _tokens(keyring: Path) -> DeviceTokens | None:
    return Credentials(FileKeyring(keyring), _ACCOUNT).device_tokens()


def _accepted(hub: EmbeddedHub, tokens: DeviceTokens) -> bool:
    response = httpx.get(
        f"{hub.url}/v1/staff",
        headers={"Authorization": f"Bearer {tokens.access_token}"},
        timeout=10,
    )
    return response.status_code == 200


def _hub_rows(hub_db: Path, sql: str, *parameters: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(hub_db) as connection:
        rows = connection.execute(sql, parameters).fetchall()
    connection.close()
    return rows


def _is_spent(hub_db: Path, refresh_token: str) -> bool:
    rows = _hub_rows(
        hub_db, "SELECT spent_at FROM device_tokens WHERE token_sha256 = ?", digest(refresh_token)
    )
    return bool(rows) and rows[0][0] is not None


def _revoked_families(hub_db: Path) -> int:
    rows = _hub_rows(hub_db, "SELECT count(*) FROM token_families WHERE revoked_at IS NOT NULL")
    return int(str(rows[0][0]))


def _kill_at(
    hub: EmbeddedHub, keyring: Path, tmp_path: Path, point: str, fire_on: int
) -> DeviceTokens:
    """Kill a child at `point` of its `fire_on`th refresh; the tokens it left in the keyring."""
    code, stderr = _run_child(
        hub, keyring, tmp_path / "killed.err", f"{point}=kill@{fire_on}", requests=fire_on + 1
    )
    assert code == KILLED, stderr
    assert f"failpoint {point}: killing process" in stderr
    left = _tokens(keyring)
    assert left is not None
    assert (left.refresh_request_id is not None) is _PENDING_AFTER_KILL[point]
    assert left.refresh_token is not None
    hub_db = tmp_path / "hub.db"
    assert _is_spent(hub_db, left.refresh_token) is (point in _HUB_ROTATED_UNSAVED)
    return left


@pytest.mark.parametrize("fire_on", [1, 2])
@pytest.mark.parametrize("point", list(_PENDING_AFTER_KILL))
def test_a_device_killed_at_any_step_of_a_refresh_recovers_without_enrolling_again(
    hub: EmbeddedHub,
    keyring_file: Path,
    tmp_path: Path,
    point: str,
    fire_on: int,
    figures: Callable[..., None],
) -> None:
    left = _kill_at(hub, keyring_file, tmp_path, point, fire_on)

    code, stderr = _run_child(hub, keyring_file, tmp_path / "restarted.err", requests=2)

    assert code == 0, stderr
    now = _tokens(keyring_file)
    assert now is not None
    assert now.refresh_request_id is None
    assert now.refresh_token is not None
    assert not _is_spent(tmp_path / "hub.db", now.refresh_token)  # the live one
    if _PENDING_AFTER_KILL[point]:
        assert now.refresh_token != left.refresh_token  # the interrupted refresh was finished
    assert _accepted(hub, now)
    assert _revoked_families(tmp_path / "hub.db") == 0
    figures(point=point, fire_on=fire_on, outcome="recovered")


@pytest.mark.parametrize("point", sorted(_HUB_ROTATED_UNSAVED))
def test_a_device_down_longer_than_the_lost_access_token_lives_recovers_too(
    hub: EmbeddedHub,
    hub_clock: FrozenClock,
    keyring_file: Path,
    tmp_path: Path,
    point: str,
    figures: Callable[..., None],
) -> None:
    _kill_at(hub, keyring_file, tmp_path, point, 1)
    hub_clock.advance(hours=2)  # the pair the hub gives again has an expired access token

    code, stderr = _run_child(hub, keyring_file, tmp_path / "restarted.err")

    assert code == 0, stderr
    now = _tokens(keyring_file)
    assert now is not None
    assert _accepted(hub, now)
    assert _revoked_families(tmp_path / "hub.db") == 0
    figures(point=point, down_for="2 h", outcome="recovered")


def test_a_device_down_while_its_spent_token_is_replayed_asks_to_enrol_again(
    hub: EmbeddedHub, keyring_file: Path, tmp_path: Path, figures: Callable[..., None]
) -> None:
    point = failpoints.REFRESH_AFTER_REPLY_BEFORE_SAVE
    left = _kill_at(hub, keyring_file, tmp_path, point, 1)
    assert left.refresh_token is not None
    thief = HubClient(hub.url, lambda: None)
    try:
        with pytest.raises(AuthExpired):
            thief.refresh_tokens(
                TokenRefresh(refresh_token=left.refresh_token, request_id="d" * 32)
            )
    finally:
        thief.close()

    code, stderr = _run_child(hub, keyring_file, tmp_path / "restarted.err")

    assert code == ENROL_AGAIN_EXIT, stderr
    assert "Enrol this device again" in stderr
    assert _tokens(keyring_file) is None  # the next start opens the enrolment dialog
    assert _revoked_families(tmp_path / "hub.db") == 1
    figures(point=point, outcome="safe prompt", replays_refused=1, revocations=1)


if __name__ == "__main__":
    sys.exit(child_main())
