"""The hub's certificate is always checked: a loopback HTTPS hub with trustme certificates."""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PySide6.QtCore import Qt

from app.device import build_device
from app.domain.clock import utc_now
from app.domain.enrolment_problems import EnrolmentProblem
from app.enrolment import enrol_with_codes
from app.main import _run_against_hub
from app.settings import Settings, hub_url_problem
from hub.api.server import TlsFiles
from hub.embedded import EmbeddedHub
from local_db.database import Database
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import is_enrolled
from sync.hub_client import HubClient, InsecureHubAddress
from tests.devices import quick_backoff
from tests.fakes import RecordingListener
from ui.enrolment_dialog import EnrolmentDialog
from ui.sync_status_bar import SyncStatusBar

_ROOT = Path(__file__).resolve().parents[3]
_SHIPPED = ("app", "sync", "hub", "ui", "tools", "bench", "local_db", "packaging")
_VERIFY_OFF = re.compile(r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False")
_PAST = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def store_ca() -> trustme.CA:
    """The company CA that signed the store's hub certificate."""
    return trustme.CA(organization_name="Storeside test company CA")


@pytest.fixture
def ca_file(store_ca: trustme.CA, tmp_path: Path) -> Path:
    """The CA file a manager sets on the device."""
    path = tmp_path / "company-ca.pem"
    store_ca.cert_pem.write_to_path(str(path))
    return path


def _leaf_files(leaf: trustme.LeafCert, directory: Path) -> TlsFiles:
    directory.mkdir(parents=True, exist_ok=True)
    certfile, keyfile = directory / "hub-cert.pem", directory / "hub-key.pem"
    certfile.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
    leaf.private_key_pem.write_to_path(str(keyfile))
    return TlsFiles(certfile=certfile, keyfile=keyfile)


def _self_signed_files(directory: Path) -> TlsFiles:
    """A certificate for 127.0.0.1 that vouches for itself, as a hand-made hub set-up would."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    certfile, keyfile = directory / "hub-cert.pem", directory / "hub-key.pem"
    certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return TlsFiles(certfile=certfile, keyfile=keyfile)


def _https_hub(tmp_path: Path, tls: TlsFiles) -> EmbeddedHub:
    hub = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=11, tls=tls)
    hub.start()
    return hub


@pytest.fixture
def trusted_hub(store_ca: trustme.CA, tmp_path: Path) -> Iterator[EmbeddedHub]:
    """An HTTPS hub on 127.0.0.1 whose certificate the company CA signed."""
    hub = _https_hub(tmp_path, _leaf_files(store_ca.issue_cert("127.0.0.1"), tmp_path / "tls"))
    yield hub
    hub.stop()


def _enrol(
    hub: EmbeddedHub, settings: Settings
) -> tuple[EnrolmentProblem | None, Database, Credentials]:
    db = Database(settings.database_path)
    credentials = Credentials(MemoryKeyring(), account=str(settings.database_path))
    problem = enrol_with_codes(
        db,
        credentials,
        hub.url,
        hub.store_code,
        hub.new_enrolment_code(),
        verify=settings.hub_verify,
    )
    return problem, db, credentials


def test_the_ca_file_setting_lets_the_device_enrol_and_sync(
    trusted_hub: EmbeddedHub, ca_file: Path, tmp_path: Path
) -> None:
    assert trusted_hub.url.startswith("https://127.0.0.1:")
    settings = Settings(data_dir=tmp_path / "counter", hub_url=trusted_hub.url, ca_file=ca_file)
    problem, db, credentials = _enrol(trusted_hub, settings)
    assert problem is None
    assert is_enrolled(db, credentials)
    listener = RecordingListener()
    device = build_device(
        settings, credentials, utc_now, listener, db=db, backoff_factory=quick_backoff
    )
    try:
        device.puller.pull(wait=False)
        status = listener.last_status
        assert status is not None
        assert status.online
        assert status.last_error == ""
    finally:
        device.stop()


def test_without_the_ca_file_the_company_certificate_is_refused(
    trusted_hub: EmbeddedHub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(data_dir=tmp_path / "counter", hub_url=trusted_hub.url)
    with caplog.at_level(logging.WARNING, logger="app.enrolment"):
        problem, db, credentials = _enrol(trusted_hub, settings)
    assert problem is EnrolmentProblem.CERTIFICATE_PROBLEM  # not "unreachable": it answered
    assert "The hub's certificate is not trusted (signed by an authority" in caplog.text
    assert "CA file" in caplog.text
    assert not is_enrolled(db, credentials)
    db.close()


def test_the_enrolment_screen_says_the_certificate_could_not_be_verified(
    qtbot, trusted_hub: EmbeddedHub, tmp_path: Path
) -> None:
    """A device that does not trust the hub's CA: the cashier reads what to do, no OpenSSL."""
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    dialog = EnrolmentDialog(
        trusted_hub.url,
        lambda url, store, code: enrol_with_codes(db, credentials, url, store, code),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.store_code_field.setText(trusted_hub.store_code)
    dialog.code_field.setText(trusted_hub.new_enrolment_code())
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.enrol_button.isEnabled, timeout=10_000)
    try:
        assert dialog.message_label.text() == (
            "The hub's certificate could not be verified, so nothing was sent to"
            f" {trusted_hub.url}. Check that this computer's date and time are right; if"
            " they are, ask your manager to have the hub's certificate checked."
        )
        assert dialog.isVisible()
        assert not is_enrolled(db, credentials)
    finally:
        db.close()


def _refusal_for(
    tls: TlsFiles, ca_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> str:
    """What the log says of the refused certificate (the caller got only the kind)."""
    hub = _https_hub(tmp_path, tls)
    try:
        settings = Settings(data_dir=tmp_path / "counter", hub_url=hub.url, ca_file=ca_file)
        with caplog.at_level(logging.WARNING, logger="app.enrolment"):
            problem, db, credentials = _enrol(hub, settings)
        assert not is_enrolled(db, credentials)
        db.close()
    finally:
        hub.stop()
    assert problem is EnrolmentProblem.CERTIFICATE_PROBLEM
    return caplog.text


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("untrusted_ca", "The hub's certificate is not trusted (signed by an authority"),
        ("self_signed", "The hub's certificate is not trusted (it is self-signed)"),
        ("expired", "The hub's certificate has expired"),
        ("wrong_host", "The hub's certificate is for another address than 127.0.0.1"),
    ],
)
def test_a_bad_certificate_is_refused_and_the_log_says_why(
    case: str,
    expected: str,
    store_ca: trustme.CA,
    ca_file: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    directory = tmp_path / "tls"
    if case == "untrusted_ca":
        stranger = trustme.CA(organization_name="Somebody else")
        tls = _leaf_files(stranger.issue_cert("127.0.0.1"), directory)
    elif case == "self_signed":
        tls = _self_signed_files(directory)
    elif case == "expired":
        leaf = store_ca.issue_cert(
            "127.0.0.1", not_before=_PAST, not_after=_PAST + dt.timedelta(days=90)
        )
        tls = _leaf_files(leaf, directory)
    else:
        tls = _leaf_files(store_ca.issue_cert("hub.example.com"), directory)
    logged = _refusal_for(tls, ca_file, tmp_path, caplog)
    assert expected in logged
    assert "SSL" not in logged  # words whoever runs the hub can act on, not OpenSSL's


def test_a_certificate_that_expires_later_shows_in_the_status_bar(
    qtbot, store_ca: trustme.CA, ca_file: Path, tmp_path: Path
) -> None:
    """The hub renews its certificate badly while the counter runs: sync says why it stopped."""
    tls = _leaf_files(store_ca.issue_cert("127.0.0.1"), tmp_path / "tls")
    hub = _https_hub(tmp_path, tls)
    listener = RecordingListener()
    settings = Settings(data_dir=tmp_path / "counter", hub_url=hub.url, ca_file=ca_file)
    try:
        problem, db, credentials = _enrol(hub, settings)
        assert problem is None
        device = build_device(
            settings, credentials, utc_now, listener, db=db, backoff_factory=quick_backoff
        )
        try:
            hub.go_offline()
            expired = store_ca.issue_cert(
                "127.0.0.1", not_before=_PAST, not_after=_PAST + dt.timedelta(days=90)
            )
            _leaf_files(expired, tmp_path / "tls")  # the same paths: the hub serves it next
            hub.go_online()
            assert not device.puller.pull(wait=False)
            status = listener.last_status
            assert status is not None
            assert not status.online
            assert status.last_error.startswith("The hub's certificate has expired")
            bar = SyncStatusBar(utc_now)
            qtbot.addWidget(bar)
            bar.show_status(status)
            assert "Last error: The hub's certificate has expired" in bar.sync_label.toolTip()
        finally:
            device.stop()
    finally:
        hub.stop()


def test_no_shipped_code_turns_certificate_checks_off() -> None:
    """verify=False and its cousins belong in no shipped file; tests may build bad clients."""
    offenders = [
        f"{path.relative_to(_ROOT)}:{number}"
        for folder in _SHIPPED
        if (_ROOT / folder).is_dir()
        for path in sorted((_ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _VERIFY_OFF.search(line)
    ]
    assert offenders == []


def test_a_client_cannot_be_built_with_checks_off(trusted_hub: EmbeddedHub) -> None:
    with pytest.raises(ValueError, match="always verified"):
        HubClient(trusted_hub.url, lambda: None, verify=False)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://192.0.2.1", EnrolmentProblem.INSECURE_ADDRESS),
        ("http://192.0.2.1:8700/", EnrolmentProblem.INSECURE_ADDRESS),
        ("http://hub.example.com", EnrolmentProblem.INSECURE_ADDRESS),
        ("hub.example.com", EnrolmentProblem.BAD_ADDRESS),
    ],
)
def test_a_plain_http_hub_on_another_computer_is_refused(
    url: str, kind: EnrolmentProblem, tmp_path: Path
) -> None:
    """Tokens, PIN hashes and customers' numbers would cross the network unencrypted."""
    problem = hub_url_problem(url)
    assert problem is not None
    assert "not a secure https:// address" in problem
    assert "unencrypted" in problem
    with pytest.raises(InsecureHubAddress, match="not a secure https:// address"):
        HubClient(url, lambda: None)
    db = Database(tmp_path / "device.db")
    credentials = Credentials(MemoryKeyring(), account="counter")
    try:
        refusal = enrol_with_codes(db, credentials, url, "DEMO01", "ABCD-EFGH")
    finally:
        db.close()
    assert refusal is kind
    assert credentials.device_tokens() is None


@pytest.mark.parametrize(
    "url",
    [
        "https://hub.example.com",
        "https://192.0.2.1:8700",
        "http://127.0.0.1:8700",
        "http://[::1]:8700",
        "http://localhost:8700",
    ],
)
def test_https_and_this_computer_are_allowed(url: str) -> None:
    assert hub_url_problem(url) is None


def test_the_app_refuses_a_plain_http_hub_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = argparse.Namespace(
        hub="http://192.0.2.1:8700", data_dir=tmp_path / "counter", ca_file=None
    )

    assert _run_against_hub(arguments, arguments.hub) == 2

    assert "not a secure https:// address" in capsys.readouterr().err
    assert not (tmp_path / "counter").exists()  # refused before anything was opened


def test_a_plain_http_hub_on_this_computer_enrols(hub: EmbeddedHub, tmp_path: Path) -> None:
    """The demo's embedded hub and the tests' hubs serve http on 127.0.0.1."""
    assert hub.url.startswith("http://127.0.0.1:")
    problem, db, credentials = _enrol(hub, Settings(data_dir=tmp_path / "c", hub_url=hub.url))
    try:
        assert problem is None
        assert is_enrolled(db, credentials)
    finally:
        db.close()
