"""The ledger check: a device's outbox against what the hub executed and told the channels.

Read straight from the device's SQLite file (sqlite3, no migration, nothing written) and
from the hub's own records, so the check does not trust the code it checks. It assumes
what the reliability tests arrange: the checked device is the only one acting on the
store's orders, and the simulator is off (every status past `new` came from this device).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from hub.composition import Hub

_PENDING: Final = "pending"
_COMMANDS_BEHIND_STATUS: Final = {
    "accepted": ("accept_order",),
    "ready": ("accept_order", "mark_ready"),
    "handed_over": ("accept_order", "mark_ready", "hand_over"),
}
"""The cashier commands an order must have in the outbox to show this status."""


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One outbox row as stored."""

    command_id: str
    command_type: str
    entity_id: str
    state: str
    payload: dict[str, object]


@dataclass(frozen=True, slots=True)
class LedgerReport:
    """Counts, and the ids behind each problem for the assertion message."""

    local_commands: int
    pending: int
    rejected: int
    hub_commands: int
    effects: int
    integrity: str
    lost: tuple[str, ...] = ()
    """Committed locally, never executed at the hub (after the final drain)."""
    duplicated: tuple[str, ...] = ()
    """Executed more than once at the hub, or more than one channel effect."""
    phantom: tuple[str, ...] = ()
    """An effect or command at the hub that no local outbox row explains."""
    orphans: tuple[str, ...] = ()
    """An order whose local status no outbox row explains."""
    states: dict[str, int] = field(default_factory=dict)

    @property
    def is_clean(self) -> bool:
        """Nothing lost, duplicated, phantom or orphaned; nothing pending; integrity ok."""
        problems = (self.lost, self.duplicated, self.phantom, self.orphans)
        return not any(problems) and self.pending == 0 and self.integrity == "ok"

    def describe(self) -> str:
        """One paragraph for an assertion message."""
        return (
            f"local commands {self.local_commands} {self.states}, hub commands "
            f"{self.hub_commands}, effects {self.effects}, integrity {self.integrity!r}; "
            f"lost {list(self.lost)}, duplicated {list(self.duplicated)}, "
            f"phantom {list(self.phantom)}, orphans {list(self.orphans)}"
        )


def integrity_of(db_path: Path) -> str:
    """`PRAGMA integrity_check` of the file: "ok" or SQLite's list of problems."""
    with closing(sqlite3.connect(db_path)) as connection:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows)


def outbox_rows(db_path: Path) -> list[OutboxRow]:
    """Every outbox row, in local commit order."""
    with closing(sqlite3.connect(db_path)) as connection:
        rows = connection.execute(
            "SELECT command_id, command_type, entity_id, state, payload FROM outbox ORDER BY seq"
        ).fetchall()
    return [OutboxRow(row[0], row[1], row[2], row[3], json.loads(row[4])) for row in rows]


def cached_order_statuses(db_path: Path) -> dict[str, tuple[str, int]]:
    """order_id → (status, version) as the device shows it."""
    with closing(sqlite3.connect(db_path)) as connection:
        rows = connection.execute("SELECT order_id, status, version FROM orders").fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def unexplained_statuses(db_path: Path) -> list[str]:
    """Orders showing a status their outbox rows do not explain (a change without its row).

    Works without the hub, so right after a kill: an order shown as accepted must have an
    accept command queued or answered, and so on.
    """
    issued: dict[str, set[str]] = {}
    for row in outbox_rows(db_path):
        issued.setdefault(row.entity_id, set()).add(row.command_type)
    return [
        f"{order_id} shows {status} without {missing}"
        for order_id, (status, _version) in sorted(cached_order_statuses(db_path).items())
        if (missing := set(_COMMANDS_BEHIND_STATUS.get(status, ())) - issued.get(order_id, set()))
    ]


def check_ledger(db_path: Path, hub: Hub) -> LedgerReport:
    """Compare the device file at `db_path` with the hub, after the device has drained."""
    rows = outbox_rows(db_path)
    local_ids = {row.command_id for row in rows}
    log = hub.admin.command_log(hub.world.demo_store_id)
    hub_ids = {entry.command_id for entry in log}
    effects = Counter(call.command_id for call in hub.admin.channel_calls() if call.command_id)
    lost = [f"{row.command_type} {row.command_id}" for row in rows if row.command_id not in hub_ids]
    duplicated = [
        f"{entry.command_type} {entry.command_id} executed {entry.executions}x"
        for entry in log
        if entry.executions > 1
    ] + [f"{command_id} has {count} effects" for command_id, count in effects.items() if count > 1]
    phantom = [f"effect of {command_id}" for command_id in effects if command_id not in local_ids]
    phantom += [f"command {entry.command_id}" for entry in log if entry.command_id not in local_ids]
    return LedgerReport(
        local_commands=len(rows),
        pending=sum(row.state == _PENDING for row in rows),
        rejected=sum(entry.outcome == "rejected" for entry in log),
        hub_commands=len(log),
        effects=sum(effects.values()),
        integrity=integrity_of(db_path),
        lost=tuple(lost),
        duplicated=tuple(duplicated),
        phantom=tuple(phantom),
        orphans=tuple(_orphans(db_path, rows, hub)),
        states=dict(Counter(row.state for row in rows)),
    )


def _orphans(db_path: Path, rows: list[OutboxRow], hub: Hub) -> list[str]:
    """Orders whose local state no outbox row explains, seen two ways.

    Locally (status without the command behind it), and against the hub: with nothing
    pending on an order, the device must show the hub's status, else a local change
    escaped the outbox.
    """
    pending = {row.entity_id for row in rows if row.state == _PENDING}
    at_hub = {
        order.order_id: order.status.value for order in hub.admin.orders(hub.world.demo_store_id)
    }
    diverged = [
        f"{order_id} shows {status}, hub has {at_hub.get(order_id)}"
        for order_id, (status, _version) in sorted(cached_order_statuses(db_path).items())
        if order_id not in pending and at_hub.get(order_id) != status
    ]
    return unexplained_statuses(db_path) + diverged
