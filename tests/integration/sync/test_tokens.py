"""Rotating device tokens against the real hub on 127.0.0.1: expiry, refresh, replay, revocation."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from app.enrolment import enrol_with_codes
from hub.devices.enrolment import ACCESS_LIFETIME
from hub.embedded import EmbeddedHub
from local_db.database import Database
from sync.credentials import Credentials, DeviceTokens, MemoryKeyring
from sync.enrolment import enrol_device, is_enrolled
from sync.errors import AuthExpired, HubUnreachable, RequestRefused
from sync.hub_client import HubClient
from sync.protocol import TOKEN_EXPIRED, TOKENS_REVOKED, EnrolmentRequest, TokenRefresh
from sync.token_keeper import TokenKeeper
from tests.devices import drain_feed, enrolled_device
from tests.fakes import FrozenClock, RecordingListener

_PAST_EXPIRY = {"seconds": ACCESS_LIFETIME.total_seconds() + 60}


@pytest.fixture
def hub_clock() -> FrozenClock:
    """The hub's clock: access tokens expire when the test says so."""
    return FrozenClock()


@pytest.fixture
def hub(tmp_path: Path, hub_clock: FrozenClock) -> Iterator[EmbeddedHub]:
    """The reference hub on 127.0.0.1 on an injected clock, its simulator thread off."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, clock=hub_clock)
    embedded.start()
    yield embedded
    embedded.stop()


@pytest.fixture
def credentials(tmp_path: Path) -> Credentials:
    """The device's keyring, in memory on purpose."""
    return Credentials(MemoryKeyring(), account=str(tmp_path / "counter"))


@pytest.fixture
def enrolled(hub: EmbeddedHub, db: Database, credentials: Credentials) -> DeviceTokens:
    """Enrol the device as the app does; the tokens the keyring then holds."""
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
    tokens = credentials.device_tokens()
    assert tokens is not None
    return tokens


def _refusal(hub: EmbeddedHub, access_token: str) -> str:
    """The hub's error code for a request with `access_token` ("" when accepted)."""
    response = httpx.get(
        f"{hub.url}/v1/staff", headers={"Authorization": f"Bearer {access_token}"}, timeout=10
    )
    return "" if response.status_code == 200 else str(response.json()["error"])


def _revoked_families(hub_db: Path) -> int:
    with sqlite3.connect(hub_db) as connection:
        [(count,)] = connection.execute(
            "SELECT count(*) FROM token_families WHERE revoked_at IS NOT NULL"
        ).fetchall()
    connection.close()
    return int(count)


def test_an_enrolment_code_works_once(hub: EmbeddedHub) -> None:
    code = hub.new_enrolment_code()
    client = HubClient(hub.url, lambda: None)
    request = EnrolmentRequest(store_code=hub.store_code, enrolment_code=code, device_name="pc")
    try:
        grant = client.enrol(request)
        with pytest.raises(RequestRefused) as second:
            client.enrol(request)
    finally:
        client.close()
    assert second.value.status_code == 409
    assert "already used" in second.value.message
    assert grant.refresh_token is not None
    assert grant.access_expires_in_s == ACCESS_LIFETIME.total_seconds()


def test_the_hub_keeps_no_token_and_the_device_keeps_them_in_the_keyring_only(
    hub: EmbeddedHub, db: Database, enrolled: DeviceTokens, tmp_path: Path
) -> None:
    assert enrolled.refresh_token is not None
    assert enrolled.access_expires_at is not None
    db.close()
    for stored in (tmp_path / "hub.db", tmp_path / "device.db"):
        content = stored.read_bytes()
        assert enrolled.access_token.encode() not in content, stored
        assert enrolled.refresh_token.encode() not in content, stored


def test_an_expired_access_token_is_refreshed_and_the_request_sent_again(
    hub: EmbeddedHub, hub_clock: FrozenClock, credentials: Credentials, enrolled: DeviceTokens
) -> None:
    keeper = TokenKeeper(credentials, FrozenClock())  # the device believes the token is fresh
    client = HubClient(hub.url, keeper)
    hub_clock.advance(**_PAST_EXPIRY)
    try:
        assert _refusal(hub, enrolled.access_token) == TOKEN_EXPIRED
        assert client.staff()  # the person notices nothing
    finally:
        client.close()
    renewed = credentials.device_tokens()
    assert renewed is not None
    assert keeper.renewals == 1
    assert renewed.refresh_token not in {None, enrolled.refresh_token}
    assert renewed.refresh_request_id is None
    assert _refusal(hub, renewed.access_token) == ""


def test_a_token_near_its_expiry_is_renewed_before_the_request(
    hub: EmbeddedHub, credentials: Credentials, enrolled: DeviceTokens
) -> None:
    device_clock = FrozenClock()
    device_clock.now = enrolled.access_expires_at or device_clock.now
    keeper = TokenKeeper(credentials, device_clock)
    client = HubClient(hub.url, keeper)
    try:
        client.staff()
    finally:
        client.close()
    assert keeper.renewals == 1
    assert credentials.device_token() != enrolled.access_token


def test_the_device_threads_share_one_refresh(
    hub: EmbeddedHub,
    hub_clock: FrozenClock,
    credentials: Credentials,
    enrolled: DeviceTokens,
    tmp_path: Path,
) -> None:
    keeper = TokenKeeper(credentials, FrozenClock())
    clients = [HubClient(hub.url, keeper) for _ in range(4)]
    hub_clock.advance(**_PAST_EXPIRY)
    start = threading.Barrier(len(clients))
    errors: list[BaseException] = []

    def fetch(client: HubClient) -> None:
        start.wait(10)
        try:
            client.staff()
        except BaseException as error:  # handed to the test thread below
            errors.append(error)

    threads = [threading.Thread(target=fetch, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    for client in clients:
        client.close()
    assert errors == []
    assert keeper.renewals == 1
    assert _revoked_families(tmp_path / "hub.db") == 0


def test_a_retried_refresh_gets_the_same_pair_until_the_new_token_is_used(
    hub: EmbeddedHub, enrolled: DeviceTokens, tmp_path: Path
) -> None:
    assert enrolled.refresh_token is not None
    client = HubClient(hub.url, lambda: None)
    request = TokenRefresh(refresh_token=enrolled.refresh_token, request_id=uuid.uuid4().hex)
    try:
        first = client.refresh_tokens(request)
        assert client.refresh_tokens(request) == first  # the answer was lost: same pair again
        client.refresh_tokens(
            TokenRefresh(refresh_token=first.refresh_token, request_id=uuid.uuid4().hex)
        )
        with pytest.raises(AuthExpired, match=r"[Ee]nrol"):
            client.refresh_tokens(request)  # the new token was used: this is a replay now
    finally:
        client.close()
    assert _revoked_families(tmp_path / "hub.db") == 1


@pytest.mark.parametrize("replays", [1, 3])
def test_a_replayed_refresh_token_revokes_every_token_of_the_device(
    hub: EmbeddedHub, enrolled: DeviceTokens, tmp_path: Path, replays: int
) -> None:
    assert enrolled.refresh_token is not None
    client = HubClient(hub.url, lambda: None)
    stolen = enrolled.refresh_token
    try:
        pair = client.refresh_tokens(TokenRefresh(refresh_token=stolen, request_id="a" * 32))
        refused = 0
        for attempt in range(replays):
            replay = TokenRefresh(refresh_token=stolen, request_id=f"{attempt:032d}")
            with pytest.raises(AuthExpired):
                client.refresh_tokens(replay)
            refused += 1
        with pytest.raises(AuthExpired):
            client.refresh_tokens(
                TokenRefresh(refresh_token=pair.refresh_token, request_id="b" * 32)
            )
    finally:
        client.close()
    assert refused == replays
    assert _refusal(hub, pair.access_token) == TOKENS_REVOKED
    assert _refusal(hub, enrolled.access_token) == TOKENS_REVOKED
    assert _revoked_families(tmp_path / "hub.db") == 1


def test_a_revoked_device_asks_to_be_enrolled_again_and_can_be(
    hub: EmbeddedHub,
    hub_clock: FrozenClock,
    tmp_path: Path,
    listener: RecordingListener,
    credentials: Credentials,
) -> None:
    device = enrolled_device(hub, tmp_path / "counter", listener, credentials)
    try:
        drain_feed(device)
        stolen = credentials.device_tokens()
        assert stolen is not None
        assert stolen.refresh_token is not None
        hub_clock.advance(**_PAST_EXPIRY)
        drain_feed(device)  # the device refreshes, unseen
        thief = HubClient(hub.url, lambda: None)
        try:
            with pytest.raises(AuthExpired):
                thief.refresh_tokens(
                    TokenRefresh(refresh_token=stolen.refresh_token, request_id="c" * 32)
                )
        finally:
            thief.close()

        device.puller.pull(wait=False)

        status = listener.last_status
        assert status is not None
        assert status.needs_enrolment
        assert "enrol" in status.last_error.lower()
        assert not is_enrolled(device.db, credentials)  # the next start shows the dialog
        code = hub.new_enrolment_code()
        assert enrol_with_codes(device.db, credentials, hub.url, hub.store_code, code) is None
        assert is_enrolled(device.db, credentials)
    finally:
        device.stop()
    again = enrolled_device(hub, tmp_path / "counter", RecordingListener(), credentials)
    try:
        drain_feed(again)
    finally:
        again.stop()


def test_long_expired_access_tokens_are_dropped_at_the_hub(
    hub: EmbeddedHub,
    hub_clock: FrozenClock,
    credentials: Credentials,
    enrolled: DeviceTokens,
    tmp_path: Path,
) -> None:
    keeper = TokenKeeper(credentials, FrozenClock())
    client = HubClient(hub.url, keeper)
    try:
        for _ in range(4):
            hub_clock.advance(hours=13)
            client.staff()
    finally:
        client.close()
    with sqlite3.connect(tmp_path / "hub.db") as connection:
        [(access_rows,)] = connection.execute(
            "SELECT count(*) FROM device_tokens WHERE kind = 'access'"
        ).fetchall()
    connection.close()
    assert keeper.renewals == 4
    assert access_rows <= 3  # of 5 issued, those expired over a day ago are gone


class _Portal(BaseHTTPRequestHandler):
    """A captive portal or proxy: every request gets 401 and a login page, never the hub."""

    def _answer(self) -> None:
        body = (
            b'{"detail": "proxy sign-in required"}'
            if self.path.endswith("/staff")
            else b"<html><body>Sign in to the guest Wi-Fi</body></html>"
        )
        kind = "application/json" if self.path.endswith("/staff") else "text/html"
        self.send_response(401)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the device's side."""


@pytest.fixture
def portal() -> Iterator[str]:
    """The base URL of a 401-answering captive portal on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_a_captive_portal_401_does_not_make_the_device_forget_its_tokens(
    portal: str, credentials: Credentials
) -> None:
    """Only the hub's own refusal (its JSON error code) may send a device back to enrolment."""
    device_clock = FrozenClock()
    due = DeviceTokens(
        access_token="acc-0123456789abcdef",
        access_expires_at=device_clock() - timedelta(minutes=1),
        refresh_token="ref-0123456789abcdef",
    )
    credentials.save_device_tokens(due)
    client = HubClient(portal, TokenKeeper(credentials, device_clock))
    try:
        with pytest.raises(HubUnreachable, match="proxy or captive portal"):
            client.staff()  # the refresh on /token gets the HTML login page
        kept = credentials.device_tokens()
        assert kept is not None
        assert (kept.access_token, kept.refresh_token) == (due.access_token, due.refresh_token)
        assert kept.refresh_request_id is not None  # the next try resends the same refresh

        fresh = DeviceTokens(access_token="acc-fedcba9876543210")
        credentials.save_device_tokens(fresh)
        plain = HubClient(portal, credentials.device_token)
        try:
            with pytest.raises(HubUnreachable):
                plain.staff()  # a 401 in JSON, but not the hub's error body
        finally:
            plain.close()
        assert credentials.device_tokens() == fresh
    finally:
        client.close()
