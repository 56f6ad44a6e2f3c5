"""Reliability suite: seeded, bounded runs against the real hub; figures printed at the end.

`make test` runs the short variants. `make reliability` sets STORESIDE_RELIABILITY=long for
the long ones (more kills, more commands). STORESIDE_SEED=<n> replays one run exactly;
STORESIDE_SEED=random draws a new seed per test (what `make reliability` does).
"""

from __future__ import annotations

import os
import random
import zlib
from collections.abc import Callable

import pytest

LONG_RUN = os.environ.get("STORESIDE_RELIABILITY") == "long"

_FIGURES_KEY = pytest.StashKey[list[tuple[str, str]]]()


def scaled(short: int, long: int) -> int:
    """`short` in `make test`, `long` in `make reliability`."""
    return long if LONG_RUN else short


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> int:
    """This test's seed: fixed per test by default, so CI replays the same run."""
    chosen = os.environ.get("STORESIDE_SEED", "")
    if chosen == "random":
        value = random.SystemRandom().randrange(2**32)
    elif chosen:
        value = int(chosen)
    else:
        value = zlib.crc32(request.node.nodeid.encode())
    print(f"seed {value} (replay: STORESIDE_SEED={value} pytest '{request.node.nodeid}')")
    request.node.user_properties.append(("seed", value))
    return value


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Callable[..., None]:
    """`figures(kills=20, effects=137, duplicates=0)`: printed in the session's summary."""

    def record(**values: object) -> None:
        text = ", ".join(f"{name}={value}" for name, value in values.items())
        request.config.stash.setdefault(_FIGURES_KEY, []).append((request.node.nodeid, text))

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every figure the reliability tests recorded, one line per test."""
    recorded = terminalreporter.config.stash.get(_FIGURES_KEY, [])
    if not recorded:
        return
    terminalreporter.section("reliability figures")
    for nodeid, text in recorded:
        terminalreporter.write_line(f"{nodeid}: {text}")
