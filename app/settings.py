"""Typed settings of one Storeside device; read as attributes, never by string keys."""

from __future__ import annotations

import ipaddress
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Settings:
    """How this device runs."""

    data_dir: Path
    """Where the device database lives (the platform's app-data folder by default)."""
    hub_url: str = ""
    """Base URL of the order hub, e.g. https://hub.example.com."""
    ca_file: Path | None = None
    """A CA bundle (PEM) to trust for the hub's TLS certificate besides certifi's store, for a
    hub whose certificate a company CA signed. The certificate is always verified."""
    long_poll_s: float = 20.0
    """How long one feed request may wait for news at the hub."""
    feed_page_limit: int = 500
    """Feed records asked for per page."""
    push_interval_s: float = 1.0
    """How often the outbox is checked when nobody woke it."""
    push_batch_size: int = 100
    """Commands sent per request (at most 200, the hub's limit). An answer carries each order's
    state, ~2.3 KB a command: ~230 KB for 100, seconds on a slow 4G line (docs/decisions/009)."""
    retry_cap_s: float = 60.0
    """Longest wait between two tries while the hub is unreachable (jittered below it)."""

    storage_pause_s: float = 30.0
    """After the database refused a write (disk full), how long sync waits to try again."""
    anti_entropy_interval_s: float = 300.0
    """How often the open orders are compared with the hub's and repaired."""

    @property
    def hub_url_problem(self) -> str | None:
        """Why `hub_url` must not be used (None when it may): see `hub_url_problem`."""
        return hub_url_problem(self.hub_url)

    @property
    def hub_verify(self) -> str | bool:
        """What the hub client checks the hub's certificate with: the CA file, else True."""
        return str(self.ca_file) if self.ca_file else True

    @property
    def log_path(self) -> Path:
        """The program's log file (customers' numbers masked, app/log_privacy.py)."""
        return self.data_dir / "storeside.log"

    @property
    def database_path(self) -> Path:
        """The device database file."""
        return self.data_dir / "storeside.db"


def hub_url_problem(url: str) -> str | None:
    """A sentence saying why the device must not talk to `url`, or None when it may.

    Tokens, PIN hashes and customers' numbers cross this link, so it must be encrypted:
    only https is accepted, except on this computer itself (127.0.0.1, ::1, localhost),
    where the demo's embedded hub and the tests run and nothing crosses a network.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host:
        return None
    if parts.scheme == "http" and _is_loopback(host):
        return None
    return (
        f"The hub address {url!r} is not a secure https:// address. Device tokens, staff PIN "
        "hashes and customers' phone numbers would cross the network unencrypted. "
        "Ask the manager for the hub's https:// address."
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_data_dir() -> Path:
    """The platform's per-user application-data folder for Storeside."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return root / "Storeside"
