"""The process's start as the system recorded it, on the monotonic clock."""

from __future__ import annotations

import subprocess
import sys
import time

from app.process_age import process_started_at

_CHILD = """
import time
from app.process_age import process_started_at
print(time.monotonic() - process_started_at())
"""


def test_this_process_started_before_now() -> None:
    started = process_started_at()

    assert started is not None
    assert started < time.monotonic()


def test_a_new_process_knows_it_has_only_just_started() -> None:
    child = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True, timeout=60
    )

    age_s = float(child.stdout)
    assert 0.0 <= age_s < 10.0  # its interpreter and one import, counted from its start
