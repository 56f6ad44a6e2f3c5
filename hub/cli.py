"""The storeside-hub command: run the reference hub with its simulator until Ctrl-C, revoke a
lost device's tokens (`storeside-hub --db hub.db revoke-device DEVICE_ID`), or `--self-test`."""

from __future__ import annotations

import argparse
import logging
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from hub.api.request_guards import RequestGuards
from hub.api.server import HubServer
from hub.composition import Hub, compose_hub
from hub.errors import NotFound
from hub.world.simulator import OrderSimulator

logger = logging.getLogger(__name__)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, validated."""
    parser = argparse.ArgumentParser(
        prog="storeside-hub",
        description="Run the Storeside reference order hub with simulated channels.",
    )
    parser.add_argument("--db", type=Path, help="SQLite file (created if missing)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="serve a hub in a temporary folder on 127.0.0.1, enrol, read an order, then exit",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8700, help="TCP port (default 8700)")
    parser.add_argument(
        "--simulate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="simulate channel orders, cancels and riders (default on)",
    )
    parser.add_argument(
        "--order-interval",
        type=float,
        default=15.0,
        metavar="S",
        help="mean seconds between orders",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the simulated world")
    parser.add_argument(
        "--bad-order-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="share of simulated orders (0..1) sent unreadable, as exception orders (default 0)",
    )
    for flag, default, what in (
        ("--enrol-per-address", 10, "enrolment attempts per client address"),
        ("--enrol-per-store", 5, "enrolment attempts per store code"),
        ("--token-per-address", 30, "token renewals per client address"),
    ):
        parser.add_argument(flag, type=int, default=default, metavar="N", help=f"{what} a minute")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    revoke = commands.add_parser(
        "revoke-device",
        help="revoke a lost device's tokens; it must be enrolled again",
        description="Revoke every token of a device (lost or stolen); the hub may be running.",
    )
    revoke.add_argument("device_id", help="the device's id, e.g. dev-0123456789ab")
    arguments = parser.parse_args(argv)
    if arguments.db is None and not arguments.self_test:
        parser.error("the following arguments are required: --db")
    if arguments.order_interval <= 0:
        parser.error("--order-interval must be positive")
    if not 0.0 <= arguments.bad_order_rate <= 1.0:
        parser.error("--bad-order-rate must be within 0..1")
    return arguments


def banner(hub: Hub, enrolment_code: str, url: str) -> str:
    """What an operator needs to connect a device: URL, store code, a code, staff PINs."""
    lines = [
        f"Storeside order hub on {url}",
        f"  store code:      {hub.admin.store_code(hub.world.demo_store_id)}",
        f"  enrolment code:  {enrolment_code}  (one-time, valid 24 hours)",
        "  staff PINs:",
    ]
    for member in hub.world.demo_staff:
        roles = ", ".join(role.value for role in member.roles)
        lines.append(f"    {member.pin}  {member.name} ({roles})")
    return "\n".join(lines)


def revoke_device(database: Path, device_id: str, *, seed: int = 1) -> int:
    """Revoke the device's tokens in the hub database; the process exit status.

    `seed` is the hub's --seed, as opening a hub database may renew the demo staff's PINs.
    """
    if not database.is_file():
        print(f"storeside-hub: no hub database at {database}", file=sys.stderr)
        return 2
    hub = compose_hub(database, seed=seed)
    try:
        revoked = hub.admin.revoke_device(device_id)
    except NotFound as error:
        print(f"storeside-hub: {error.message}", file=sys.stderr)
        return 1
    finally:
        hub.close()
    if revoked:
        print(f"Revoked the tokens of {device_id}: it must be enrolled again to sync.")
    else:
        print(f"{device_id} was already revoked.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the hub until interrupted; returns the process exit status."""
    arguments = parse_arguments(argv)
    if arguments.self_test:
        from hub.self_test import run_self_test  # noqa: PLC0415 (the self-test only)

        return run_self_test()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if arguments.command == "revoke-device":
        return revoke_device(arguments.db, arguments.device_id, seed=arguments.seed)
    hub = compose_hub(arguments.db, seed=arguments.seed)
    simulator = (
        OrderSimulator(
            hub.world,
            hub.intake,
            hub.admin,
            store_id=hub.world.demo_store_id,
            rng=random.Random(arguments.seed),
            clock=hub.clock,
            order_interval_s=arguments.order_interval,
            bad_order_rate=arguments.bad_order_rate,
        )
        if arguments.simulate
        else None
    )
    guards = RequestGuards(
        enrol_per_address=arguments.enrol_per_address,
        enrol_per_store=arguments.enrol_per_store,
        token_per_address=arguments.token_per_address,
    )
    server = HubServer(hub.devices, host=arguments.host, port=arguments.port, guards=guards)
    print(
        banner(hub, hub.admin.new_enrolment_code(hub.world.demo_store_id), server.url), flush=True
    )
    try:
        if simulator is not None:
            simulator.start()
        server.serve()
    finally:
        if simulator is not None:
            simulator.stop()
        hub.close()
    logger.info("Hub stopped")
    return 0
