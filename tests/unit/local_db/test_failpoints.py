"""Failpoints: off unless the environment arms them, refused when misspelt, fired on the Nth pass.

The arming is read once at import, so each case runs in a fresh interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest

from local_db import failpoints

REPO_ROOT: Final = Path(__file__).resolve().parents[3]
_TIMEOUT_S: Final = 30.0

_PASS_EVERY_POINT_TWICE: Final = """
from local_db import failpoints
for point in failpoints.POINTS * 2:
    failpoints.hit(point)
    print("passed", point, flush=True)
"""


def _python(code: str, armed: str | None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment.pop(failpoints.ENV_VAR, None)
    if armed is not None:
        environment[failpoints.ENV_VAR] = armed
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_S,
        check=False,
    )


def test_points_do_nothing_when_the_variable_is_unset() -> None:
    run = _python(_PASS_EVERY_POINT_TWICE, armed=None)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("passed") == 2 * len(failpoints.POINTS)


def test_an_empty_variable_arms_nothing() -> None:
    run = _python(_PASS_EVERY_POINT_TWICE, armed="")
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(
    "armed",
    [
        "push.after_send=kill",  # no such point
        "push.after_commit_before_send=explode",  # no such action
        "push.after_commit_before_send",  # no action at all
    ],
)
def test_unknown_point_or_action_is_refused_at_start(armed: str) -> None:
    run = _python("import local_db.failpoints", armed=armed)
    assert run.returncode == 1
    assert "ValueError" in run.stderr
    assert f"{failpoints.ENV_VAR}: unknown failpoint or action" in run.stderr


def test_kill_fires_on_the_nth_pass_only_at_the_armed_point() -> None:
    armed_point = failpoints.AFTER_REPLY_BEFORE_DONE
    run = _python(_PASS_EVERY_POINT_TWICE, armed=f"{armed_point}=kill@2")
    assert run.returncode == -9
    assert f"failpoint {armed_point}: killing process" in run.stderr
    # Every point once, then the second round up to the armed point, which never returns.
    second_round = failpoints.POINTS[: failpoints.POINTS.index(armed_point)]
    expected = [f"passed {point}" for point in failpoints.POINTS + second_round]
    assert run.stdout.splitlines() == expected


def test_raise_fires_on_the_nth_pass_and_once() -> None:
    code = """
from local_db import failpoints
outcomes = []
for _ in range(4):
    try:
        failpoints.hit(failpoints.FEED_MID_PAGE)
        outcomes.append("passed")
    except failpoints.FailpointHit as hit:
        outcomes.append(f"hit {hit}")
print(outcomes)
"""
    run = _python(code, armed=f"{failpoints.FEED_MID_PAGE}=raise@3")
    assert run.returncode == 0, run.stderr
    expected = ["passed", "passed", f"hit {failpoints.FEED_MID_PAGE}", "passed"]
    assert run.stdout.strip() == repr(expected)


def test_several_points_can_be_armed_at_once() -> None:
    code = """
from local_db import failpoints
for point in (failpoints.FEED_MID_PAGE, failpoints.MIGRATION_MIDDLE):
    try:
        failpoints.hit(point)
    except failpoints.FailpointHit as hit:
        print("hit", hit)
"""
    armed = f" {failpoints.FEED_MID_PAGE}=raise , {failpoints.MIGRATION_MIDDLE}=raise@1 "
    run = _python(code, armed=armed)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [
        "hit",
        failpoints.FEED_MID_PAGE,
        "hit",
        failpoints.MIGRATION_MIDDLE,
    ]
