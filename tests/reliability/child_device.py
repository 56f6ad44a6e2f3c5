"""A device in a child process, for tests that kill it: acts as a cashier, pushes, pulls.

Run as ``python -m tests.reliability.child_device --data-dir DIR --hub-url URL --mode M``.
The parent enrols the database in DIR first and hands the device token over in the
environment variable named by TOKEN_ENV (a child cannot share the parent's in-memory
keyring). Failpoints are armed by the parent through STORESIDE_FAILPOINTS.

Modes:
- ``work``: loop { push, pull, one cashier action on a random cached order, push } until
  killed, or until ``--actions`` actions were committed (then drain the outbox, exit 0).
- ``drain``: push until the outbox is empty and pull until the feed is drained, exit 0.
- ``pull``: pull the feed until the hub has nothing newer, exit 0.
- ``open``: open (and so migrate) the database, exit 0.

No Qt is imported (only app.device): start-up is measured and written to ``--ready-file``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

START: Final = time.monotonic()

from app.device import Device, build_device  # noqa: E402 (start-up is timed from above)
from app.domain.clock import utc_now  # noqa: E402
from app.domain.order_lifecycle import InboxTab, OrderAction  # noqa: E402
from app.domain.sync_events import RejectionNotice, SyncStatus  # noqa: E402
from app.domain.vocabulary import FulfilmentMode, HandoverParty, RecordKind  # noqa: E402
from app.read_models import OrderSummary, SignedInStaff  # noqa: E402
from app.services.order_queries import actions_for  # noqa: E402
from app.settings import Settings  # noqa: E402
from local_db import outbox_repository  # noqa: E402
from local_db.database import Database  # noqa: E402
from sync.backoff import Backoff  # noqa: E402
from sync.credentials import Credentials, MemoryKeyring  # noqa: E402

TOKEN_ENV: Final = "STORESIDE_TEST_DEVICE_TOKEN"  # noqa: S105 (the variable's name)
CASHIER_PIN: Final = "1111"
MODES: Final = ("work", "drain", "pull", "open")
_CASHIER_ACTIONS: Final = (OrderAction.ACCEPT, OrderAction.MARK_READY, OrderAction.HAND_OVER)
_OPEN_TABS: Final = (InboxTab.NEW, InboxTab.IN_PROGRESS, InboxTab.READY)
_DRAIN_ROUNDS: Final = 200


class _QuietListener:
    """The child has no screen: sync events are dropped."""

    def sync_status_changed(self, status: SyncStatus) -> None:
        pass

    def records_changed(self, kinds: frozenset[RecordKind]) -> None:
        pass

    def command_rejected(self, notice: RejectionNotice) -> None:
        sys.stderr.write(f"rejected: {notice.command_type} {notice.entity_id}: {notice.reason}\n")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="child_device")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--hub-url", required=True)
    parser.add_argument("--mode", choices=MODES, default="work")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--actions", type=int, default=0, help="0: until killed")
    parser.add_argument("--page-limit", type=int, default=50)
    parser.add_argument("--ready-file", type=Path)
    return parser.parse_args(argv)


def _open_device(arguments: argparse.Namespace) -> Device:
    settings = Settings(
        data_dir=arguments.data_dir,
        hub_url=arguments.hub_url,
        long_poll_s=0.3,
        feed_page_limit=arguments.page_limit,
    )
    credentials = Credentials(MemoryKeyring(), account=str(settings.database_path))
    token = os.environ.get(TOKEN_ENV)
    if not token:
        raise SystemExit(f"{TOKEN_ENV} is not set: the parent must hand over the device token")
    credentials.save_device_token(token)
    return build_device(
        settings,
        credentials,
        utc_now,
        _QuietListener(),
        backoff_factory=lambda: Backoff(base_s=0.05, cap_s=0.2),
    )


def _sign_in_cashier(device: Device) -> SignedInStaff:
    card = next(c for c in device.sign_in.staff_cards() if "cashier" in {r.value for r in c.roles})
    return device.sign_in.sign_in(card.staff_id, CASHIER_PIN)


def _open_orders(device: Device, cashier: SignedInStaff) -> list[OrderSummary]:
    return [
        order
        for tab in _OPEN_TABS
        for order in device.order_queries.inbox(tab)
        if actions_for(cashier, order) & set(_CASHIER_ACTIONS)
    ]


def _act(device: Device, cashier: SignedInStaff, order: OrderSummary) -> None:
    """The next cashier action the order allows (one local transaction)."""
    allowed = actions_for(cashier, order)
    actions = device.order_actions
    if OrderAction.ACCEPT in allowed:
        actions.accept(cashier, order.order_id)
    elif OrderAction.MARK_READY in allowed:
        actions.mark_ready(cashier, order.order_id)
    else:
        party = (
            HandoverParty.RIDER
            if order.fulfilment is FulfilmentMode.DELIVERY
            else HandoverParty.CUSTOMER
        )
        actions.hand_over(cashier, order.order_id, party)


def _work(device: Device, seed: int, limit: int) -> None:
    """Act, push and pull until killed, or until `limit` actions were committed."""
    rng = random.Random(seed)
    cashier = _sign_in_cashier(device)
    done = 0
    while limit == 0 or done < limit:
        device.pusher.push(ignore_backoff=True)
        device.puller.pull(wait=False)
        candidates = _open_orders(device, cashier)
        if not candidates:
            device.puller.pull(wait=True)  # the hub's long-poll: wakes when an order arrives
            continue
        _act(device, cashier, rng.choice(candidates))
        done += 1
        device.pusher.push(ignore_backoff=True)
    _drain(device)


def _pending(device: Device) -> int:
    with device.db.read() as session:
        return outbox_repository.count_pending(session)[0]


def _drain(device: Device) -> None:
    """Push until nothing is pending, then pull until the feed is drained."""
    for _ in range(_DRAIN_ROUNDS):
        if _pending(device) == 0:
            break
        device.pusher.push(ignore_backoff=True)
    else:
        raise SystemExit(f"the outbox did not drain in {_DRAIN_ROUNDS} pushes")
    _pull_all(device)


def _pull_all(device: Device) -> None:
    for _ in range(_DRAIN_ROUNDS):
        if not device.puller.pull(wait=False):
            return
    raise SystemExit(f"the feed did not drain in {_DRAIN_ROUNDS} pages")


def _mark_ready(ready_file: Path | None) -> None:
    """Tell the parent the device is up (written whole, then renamed into place)."""
    if ready_file is None:
        return
    partial = ready_file.with_suffix(".partial")
    partial.write_text(f"{os.getpid()} {time.monotonic() - START:.3f}\n")
    partial.replace(ready_file)


def main(argv: list[str] | None = None) -> int:
    """Run one mode; exit status 0 when it finished (a killed child never gets here)."""
    arguments = _arguments(argv)
    if arguments.mode == "open":
        Database(arguments.data_dir / "storeside.db").close()
        _mark_ready(arguments.ready_file)
        return 0
    device = _open_device(arguments)
    _mark_ready(arguments.ready_file)
    runs: dict[str, Callable[[], None]] = {
        "work": lambda: _work(device, arguments.seed, arguments.actions),
        "drain": lambda: _drain(device),
        "pull": lambda: _pull_all(device),
    }
    try:
        runs[arguments.mode]()
    finally:
        device.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
