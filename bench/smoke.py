"""Bench smoke run: every bench end to end at a small size, its figure lines checked, no timing.

`python -m bench.smoke [name ...]` runs each bench of `BENCHES` (or the named ones) one after
the other as a child process with its small-size arguments, offscreen, every connection on
127.0.0.1. A bench passes when it exits 0 within `TIMEOUT_S` and every label it promises is
on a line of its output that also holds a figure (a digit). One line per bench, then the
total; exit 1 naming the benches that failed, with the tail of their output. `--show` echoes
each bench's own output. The figures at these sizes say nothing about speed: `make bench`.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 60
BENCH_DIR = Path(__file__).resolve().parent
LOCAL = "127.0.0.1,localhost"


@dataclass(frozen=True)
class Bench:
    """One bench: its module in bench/, its small-size arguments, the labels it must print."""

    name: str
    arguments: tuple[str, ...]
    labels: tuple[str, ...]


BENCHES = (
    Bench(
        "ingest",
        ("--orders", "200", "--lines", "3", "--page", "50", "--runs", "1"),
        (
            "raw sqlite3.executemany",
            "app feed-apply path",
            "app write path only",
            "ratio app / raw",
        ),
    ),
    Bench(
        "drain",
        ("--commands", "30", "--single-commands", "10"),
        ("batch", "hub apply", "ratio batched / one-per-request"),
    ),
    Bench(
        "search",
        ("--orders", "3000", "--days", "30", "--runs", "5"),
        (
            "channel order no",
            "daily serial",
            "phone last 4",
            "pickup code",
            "day filter",
            "day summary",
        ),
    ),
    Bench(
        "latency",
        ("--orders", "5", "--interval", "0.05"),
        (
            "bare long-poll delivery",
            "app: page written to the cache",
            "app: bridge signal on the GUI thread",
            "app: row in the inbox model",
            "ratio row in the inbox / bare long-poll (p50)",
            "p99 row in the inbox",
        ),
    ),
    Bench(
        "rush",
        ("--cached", "2000", "--orders", "10", "--seconds", "2"),
        (
            "bare long-poll delivery",
            "app: row in the inbox model",
            "app: inbox painted after the row",
            "each row painted <=",
            "longest GUI-thread stall",
            "alarm raised for",
        ),
    ),
    Bench(
        "startup",
        ("--orders", "300", "--runs", "1"),
        ("to first paint", "without the dev extras", "bare QApplication + window"),
    ),
    Bench(
        "pin_check",
        ("--repeats", "1"),
        ("per PIN check", "SHA-256 baseline", "ratio"),
    ),
    Bench(
        "audit_verify",
        ("--entries", "200", "--single", "20"),
        (
            "verify:",
            "append, bulk:",
            "append, one a txn:",
            "plain SHA-256 loop:",
            "verify / SHA-256",
        ),
    ),
    Bench(
        "first_sync",
        ("--orders", "3000", "--days", "3"),
        (
            "today's open orders in the inbox",
            "whole history cached",
            "raw httpx + sqlite3 baseline",
            "ratio app / raw",
            "longest GUI frame",
            "catch-up bar with counts",
        ),
    ),
    Bench(
        "dashboard",
        ("--days", "1", "--runs", "3"),
        ("day at a glance (service)", "day CSV export (service)", "baseline COUNT(*) of the day"),
    ),
)


def missing_labels(bench: Bench, output: str) -> list[str]:
    """The labels of `bench` that no line of `output` holds beside a figure."""
    lines = [line for line in output.splitlines() if any(ch.isdigit() for ch in line)]
    return [label for label in bench.labels if not any(label in line for line in lines)]


def unlisted_benches() -> list[str]:
    """Modules of bench/ that run as a program (`__main__`) but are not in `BENCHES`."""
    listed = {bench.name for bench in BENCHES} | {Path(__file__).stem}
    return sorted(
        path.stem
        for path in BENCH_DIR.glob("*.py")
        if path.stem not in listed and '__name__ == "__main__"' in path.read_text("utf-8")
    )


def child_environment() -> dict[str, str]:
    """This environment, offscreen, with any proxy bypassed for the local hub."""
    bypass = ",".join(filter(None, (os.environ.get("NO_PROXY", ""), LOCAL)))
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NO_PROXY": bypass, "no_proxy": bypass}


def run(bench: Bench) -> tuple[float, str, str]:
    """Seconds, the failure (empty when it passed) and the output of one bench.

    The bench runs in a session of its own, so that on a timeout it and any child it
    started (bench.startup's) are ended together.
    """
    command = [sys.executable, "-m", f"bench.{bench.name}", *bench.arguments]
    started = time.monotonic()
    with subprocess.Popen(  # noqa: S603 -- this interpreter, our own module, fixed arguments
        command,
        cwd=BENCH_DIR.parent,
        env=child_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as child:
        try:
            stdout, stderr = child.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            stdout, stderr = child.communicate()
            return time.monotonic() - started, f"no exit in {TIMEOUT_S} s", stdout + stderr
    seconds = time.monotonic() - started
    if child.returncode != 0:
        return seconds, f"exit {child.returncode}", stdout + stderr
    missing = missing_labels(bench, stdout)
    return seconds, f"no figure line for {missing}" if missing else "", stdout + stderr


def main() -> int:
    """Run the benches one at a time; 1 if any failed (or a bench is not listed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benches to run (all by default)")
    parser.add_argument("--show", action="store_true", help="echo each bench's output")
    arguments = parser.parse_args()
    known = {bench.name: bench for bench in BENCHES}
    unknown = [name for name in arguments.names if name not in known]
    if unknown:
        parser.error(f"unknown bench(es) {unknown}; known: {sorted(known)}")
    failed = [f"{name} (not in bench/smoke.py's BENCHES)" for name in unlisted_benches()]
    started = time.monotonic()
    for bench in [known[name] for name in arguments.names] or list(BENCHES):
        seconds, failure, output = run(bench)
        print(f"bench-smoke: {bench.name:<13} {seconds:5.1f} s  {failure or 'ok'}", flush=True)
        if arguments.show or failure:
            print("\n".join(f"    {line}" for line in output.splitlines()[-40:]), flush=True)
        if failure:
            failed.append(f"{bench.name} ({failure})")
    total = time.monotonic() - started
    if failed:
        print(f"bench-smoke: FAILED in {total:.1f} s: {'; '.join(failed)}")
        return 1
    print(f"bench-smoke: all benches ran in {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
