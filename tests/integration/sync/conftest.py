"""An enrolled counter device wired as the app wires it, against the real hub on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.device import Device
from hub.embedded import EmbeddedHub
from sync.credentials import Credentials, MemoryKeyring
from tests.devices import drain_feed, enrolled_device
from tests.fakes import RecordingListener


@pytest.fixture
def credentials(tmp_path: Path) -> Credentials:
    """The counter PC's secrets, kept in memory on purpose."""
    return Credentials(MemoryKeyring(), account=str(tmp_path / "counter"))


@pytest.fixture
def device(
    hub: EmbeddedHub, tmp_path: Path, listener: RecordingListener, credentials: Credentials
) -> Iterator[Device]:
    """The counter PC, enrolled and with the store's staff pulled; sync driven by hand."""
    built = enrolled_device(hub, tmp_path / "counter", listener, credentials)
    drain_feed(built)
    yield built
    built.stop()
