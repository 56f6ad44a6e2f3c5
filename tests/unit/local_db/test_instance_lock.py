"""One writer per data directory: a second instance is refused, a dead one never blocks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from local_db.instance_lock import AlreadyRunning, InstanceLock

_HOLDER = """
import sys
from pathlib import Path
from local_db.instance_lock import InstanceLock
InstanceLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
sys.stdin.read()
"""


def _start_holder(directory: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_lock_on_the_same_directory_is_refused_with_the_holders_pid(tmp_path: Path):
    with InstanceLock(tmp_path), pytest.raises(AlreadyRunning) as refused:
        InstanceLock(tmp_path).acquire()
    assert refused.value.holder_pid == os.getpid()
    assert "already running" in str(refused.value)
    assert str(tmp_path) in str(refused.value)


def test_released_lock_can_be_taken_again_and_release_is_repeatable(tmp_path: Path):
    lock = InstanceLock(tmp_path)
    for _ in range(5):
        lock.acquire()
        lock.release()
        lock.release()
    with InstanceLock(tmp_path):
        pass


def test_other_directories_are_independent(tmp_path: Path):
    with InstanceLock(tmp_path / "a"), InstanceLock(tmp_path / "b"):
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_holder_never_leaves_a_stale_lock(tmp_path: Path):
    for _ in range(10):
        holder = _start_holder(tmp_path)
        try:
            with pytest.raises(AlreadyRunning) as refused:
                InstanceLock(tmp_path).acquire()
            assert refused.value.holder_pid == holder.pid
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.communicate(timeout=10)
        with InstanceLock(tmp_path):
            pass
