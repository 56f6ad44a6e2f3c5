"""The `storeside` command's arguments: read before the program loads (app/launch.py)."""

from __future__ import annotations

import argparse
from pathlib import Path


def parser() -> argparse.ArgumentParser:
    """`storeside [--hub URL] [--data-dir DIR] [--ca-file FILE] [--self-test] [demo ...]`."""
    parser = argparse.ArgumentParser(prog="storeside", description="Storeside store app")
    parser.add_argument("--hub", help="base URL of the order hub")
    parser.add_argument("--data-dir", type=Path, help="where the device database lives")
    parser.add_argument("--ca-file", type=Path, help="extra CA bundle trusted for the hub")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run one order through a device and an embedded hub on 127.0.0.1, then exit",
    )
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", help="open the app against an embedded reference hub")
    demo.add_argument("--order-interval", type=float, default=15.0, help="seconds between orders")
    demo.add_argument("--seed", type=int, default=7, help="seed of the simulated channels")
    demo.add_argument("--data-dir", type=Path, help="keep demo data here (default: a temp dir)")
    demo.add_argument("--offline", action="store_true", help="start with the hub offline")
    return parser
