"""Killed while applying the feed: the cursor is never ahead of the data, and restarts converge.

A child device pulls small pages (5 records) while the hub holds many changes: orders placed,
moved on by another till, cancelled by customers, staff switched on and off. Each round the
child is killed in the middle of a page or between a page and its cursor, at a random page.
With the hub quiet meanwhile, the test reads the saved cursor as a device would use it:
resuming from it must deliver every record the cache lacks, and exactly the pages after
the ones that committed. After the last round a clean pull leaves the cache equal to the hub.
"""

from __future__ import annotations

import math
import random
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pytest

from app.domain.vocabulary import Channel, OrderStatus, RecordKind, Role
from hub.embedded import EmbeddedHub
from local_db import failpoints
from sync.hub_client import HubClient
from sync.protocol import EnrolmentRequest
from tests.reliability.child_device import enrol_for_child, start_child
from tests.reliability.conftest import scaled
from tests.reliability.ledger import integrity_of

KILLED: Final = -9
PAGE_LIMIT: Final = 5
_RUN_S: Final = 60.0
_FEED_POINTS: Final = (failpoints.FEED_MID_PAGE, failpoints.FEED_BEFORE_CURSOR)
_CACHE_TABLES: Final = {
    RecordKind.ORDER.value: ("orders", "order_id"),
    RecordKind.STAFF.value: ("staff", "staff_id"),
    RecordKind.STORE_SETTINGS.value: ("store_settings", "store_id"),
    RecordKind.TASK.value: ("tasks", "task_id"),
    RecordKind.SHORTAGE.value: ("shortages", "shortage_id"),
    RecordKind.PRODUCT.value: ("products", "sku"),
}
_NEXT_COMMAND: Final = {
    OrderStatus.NEW: "accept_order",
    OrderStatus.ACCEPTED: "mark_ready",
    OrderStatus.READY: "hand_over",
}


class OtherTill:
    """Another device of the store, moving orders on through the hub's HTTP API."""

    def __init__(self, hub: EmbeddedHub) -> None:
        enrolment = HubClient(hub.url, lambda: None)
        try:
            grant = enrolment.enrol(
                EnrolmentRequest(
                    store_code=hub.store_code,
                    enrolment_code=hub.new_enrolment_code(),
                    device_name="other till",
                )
            )
        finally:
            enrolment.close()
        token = grant.device_token
        self._client = HubClient(hub.url, lambda: token)
        self._cashier = next(
            m.staff_id for m in hub.hub.world.demo_staff if Role.CASHIER in m.roles
        )

    def step(self, order_id: str, status: OrderStatus, version: int) -> None:
        """The cashier there does the next thing the order allows."""
        command: dict[str, Any] = {
            "command_id": str(uuid.uuid4()),
            "type": _NEXT_COMMAND[status],
            "order_id": order_id,
            "staff_id": self._cashier,
            "issued_at": datetime.now(UTC).isoformat(),
            "base_version": version,
        }
        if status is OrderStatus.READY:
            command["handed_to"] = "customer"
        (result,) = self._client.send_commands([command]).results
        assert result.outcome == "applied", result

    def close(self) -> None:
        """Release the connection."""
        self._client.close()


@pytest.fixture
def other_till(hub: EmbeddedHub) -> Iterator[OtherTill]:
    """A second device of the store."""
    till = OtherTill(hub)
    yield till
    till.close()


def _change_the_hub(hub: EmbeddedHub, till: OtherTill, rng: random.Random) -> None:
    """Orders placed, moved on, cancelled; a staff member switched on or off."""
    for _ in range(rng.randint(6, 12)):
        hub.demo.place_order(rng.choice(list(Channel)))
    for order in hub.demo.orders():
        if order.status in _NEXT_COMMAND and rng.random() < 0.4:
            till.step(order.order_id, order.status, order.version)
        elif order.status in _NEXT_COMMAND and rng.random() < 0.1:
            hub.hub.intake.customer_cancels(order.order_id)
    pickers = [m for m in hub.hub.world.demo_staff if Role.CASHIER not in m.roles]
    if pickers and rng.random() < 0.5:
        hub.hub.admin.set_staff_active(rng.choice(pickers).staff_id, rng.random() < 0.5)


def _saved_cursor(db_path: Path) -> str | None:
    with closing(sqlite3.connect(db_path)) as connection:
        row = connection.execute(
            "SELECT value FROM sync_state WHERE key = 'feed_cursor'"
        ).fetchone()
    return None if row is None else str(row[0])


def _cached_versions(db_path: Path) -> dict[tuple[str, str], int]:
    versions: dict[tuple[str, str], int] = {}
    with closing(sqlite3.connect(db_path)) as connection:
        for kind, (table, key) in _CACHE_TABLES.items():
            query = f"SELECT {key}, version FROM {table}"  # noqa: S608 (names from _CACHE_TABLES)
            for entity_id, version in connection.execute(query):
                versions[(kind, entity_id)] = version
    return versions


def _feed_after(hub: EmbeddedHub, cursor: str | None) -> list[dict[str, Any]]:
    """The hub's feed after `cursor`, every record, read as one big page."""
    page = hub.hub.devices.read_feed(hub.hub.world.demo_store_id, cursor, limit=1000)
    assert not page.has_more
    return page.records


def _gaps(hub: EmbeddedHub, db_path: Path) -> list[str]:
    """Records the device would never get: not in its cache, not after its saved cursor."""
    cached = _cached_versions(db_path)
    ahead = {(r["kind"], r["id"]) for r in _feed_after(hub, _saved_cursor(db_path))}
    return [
        f"{record['kind']} {record['id']} v{record['version']} (seq {record['seq']})"
        for record in _feed_after(hub, None)
        if cached.get((record["kind"], record["id"]), 0) < record["version"]
        and (record["kind"], record["id"]) not in ahead
    ]


def _cache_matches_hub(hub: EmbeddedHub, db_path: Path) -> list[str]:
    """Differences between the cached orders and the hub's (status and version)."""
    with closing(sqlite3.connect(db_path)) as connection:
        cached = {
            order_id: (status, version)
            for order_id, status, version in connection.execute(
                "SELECT order_id, status, version FROM orders"
            )
        }
    at_hub = {o.order_id: (o.status.value, o.version) for o in hub.demo.orders()}
    return [
        f"{order_id}: cache {cached.get(order_id)}, hub {at_hub.get(order_id)}"
        for order_id in sorted(cached.keys() | at_hub.keys())
        if cached.get(order_id) != at_hub.get(order_id)
    ]


@pytest.mark.timeout(scaled(120, 1200))
def test_kill_during_feed_apply_never_leaves_the_cursor_ahead(
    hub: EmbeddedHub,
    other_till: OtherTill,
    tmp_path: Path,
    seed: int,
    figures: Callable[..., None],
) -> None:
    data_dir, logs = tmp_path / "device", tmp_path / "logs"
    db_path = data_dir / "storeside.db"
    token = enrol_for_child(hub, data_dir)
    rng = random.Random(seed)
    rounds = scaled(6, 40)
    pages_applied = 0
    for number in range(1, rounds + 1):
        _change_the_hub(hub, other_till, rng)
        waiting = len(_feed_after(hub, _saved_cursor(db_path)))
        fire_on = rng.randint(1, math.ceil(waiting / PAGE_LIMIT))
        point = rng.choice(_FEED_POINTS)
        child = start_child(
            data_dir,
            hub.url,
            token,
            mode="pull",
            page_limit=PAGE_LIMIT,
            armed=f"{point}=kill@{fire_on}",
            log_dir=logs,
        )
        try:
            assert child.wait_exit(_RUN_S) == KILLED, child.stderr()
        finally:
            child.stop()
        where = f"round {number}, {point} on page {fire_on} of {waiting} records"
        assert f"failpoint {point}: killing" in child.stderr(), where
        assert integrity_of(db_path) == "ok", where
        assert _gaps(hub, db_path) == [], where
        # The pages before the killed one are kept; the killed one is applied again later.
        still_waiting = len(_feed_after(hub, _saved_cursor(db_path)))
        assert still_waiting == waiting - PAGE_LIMIT * (fire_on - 1), where
        pages_applied += fire_on - 1

    child = start_child(data_dir, hub.url, token, mode="pull", page_limit=PAGE_LIMIT, log_dir=logs)
    try:
        assert child.wait_exit(_RUN_S) == 0, child.stderr()
    finally:
        child.stop()
    assert _cache_matches_hub(hub, db_path) == []
    assert _gaps(hub, db_path) == []
    assert _feed_after(hub, _saved_cursor(db_path)) == []
    figures(
        kills=rounds,
        pages_kept_before_kills=pages_applied,
        orders=len(hub.demo.orders()),
        feed_records=len(_feed_after(hub, None)),
    )
