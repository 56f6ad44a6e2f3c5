"""The database guard: a damaged file is set aside and its waiting actions queued again."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services.order_actions import OrderActions
from local_db import database_guard, outbox_repository, sync_state_repository
from local_db.database import Database
from local_db.database_guard import (
    DatabaseUnusable,
    open_checked,
    verify_pragmas,
)
from local_db.models import Order, OutboxEntry
from local_db.quick_check import EarlyCheck, integrity_problem
from sync.feed_apply import apply_raw_records
from tests.factories import BASE_TIME, order_record
from tests.fakes import FrozenClock

CASHIER = SignedInStaff("s-c", "收银员", frozenset({Role.CASHIER}))
IDENTITY = {
    sync_state_repository.DEVICE_ID: "device-7",
    sync_state_repository.STORE_ID: "store-1",
    sync_state_repository.STORE_NAME: "静安店",
}
RECOVERED_AT = datetime(2026, 11, 22, 9, 15, 0, tzinfo=UTC)
STAMP = "20261122T091500.000000Z"


def _seed_device(path: Path, *, orders: int = 40, accepted: int = 5, answered: int = 2) -> None:
    """A device database as a day's work leaves it: a cache, an identity, actions; closed.

    The first `answered` of the `accepted` actions were confirmed by the hub (done).
    """
    database = Database(path)
    try:
        records = [
            order_record(n, f"o-{n}", serial=n, lines=3, version=2) for n in range(1, orders + 1)
        ]
        with database.write() as session:
            assert apply_raw_records(session, records, BASE_TIME).applied == orders
            for key, value in IDENTITY.items():
                sync_state_repository.set_value(session, key, value)
            sync_state_repository.set_value(session, sync_state_repository.CURSOR, "epoch-1:40")
        clock = FrozenClock()
        actions = OrderActions(database, clock)
        for n in range(1, accepted + 1):
            clock.advance(minutes=1)
            actions.accept(CASHIER, f"o-{n}")
        with database.write() as session:
            for item in outbox_repository.pending_batch(session, answered):
                outbox_repository.complete(
                    session, item.seq, state=outbox_repository.DONE, at=clock()
                )
    finally:
        database.close()


def _pending(database: Database) -> list[outbox_repository.OutboxItem]:
    with database.read() as session:
        return outbox_repository.pending_batch(session, 1000)


def _pending_in_file(path: Path) -> list[dict[str, Any]]:
    """The pending actions as a plain SQLite reader sees them in the (intact) file."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT command_id, command_type, entity_id, staff_id, payload, created_at"
            " FROM outbox WHERE state = 'pending' ORDER BY seq"
        ).fetchall()
        # The last connection to close folds the WAL into the file: the bytes we damage
        # next are then the ones SQLite reads.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return [
        {
            "command_id": command_id,
            "command_type": command_type,
            "entity_id": entity_id,
            "staff_id": staff_id,
            "payload": json.loads(payload),
            "created_at": created_at,
        }
        for command_id, command_type, entity_id, staff_id, payload, created_at in rows
    ]


def _root_page(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    return int(root)


def _damage_table_pages(path: Path, table: str, root: int | None = None) -> None:
    """Overwrite the root page of `table` with noise, as a failing disk sector would."""
    if root is None:
        root = _root_page(path, table)
        assert not Path(f"{path}-wal").exists(), "the WAL must be folded in before damaging"
    with path.open("r+b") as file:
        header = file.read(100)
        page_size = int.from_bytes(header[16:18], "big")
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * page_size)


def test_an_intact_file_opens_without_recovery(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    _seed_device(path)
    before = _pending_in_file(path)

    database, recovery = open_checked(path, now=RECOVERED_AT)
    try:
        assert recovery is None
        assert [item.command_id for item in _pending(database)] == [
            row["command_id"] for row in before
        ]
        with database.read() as session:
            assert session.scalar(select(func.count()).select_from(Order)) == 40
            assert sync_state_repository.get_value(session, sync_state_repository.CURSOR)
    finally:
        database.close()
    assert not (tmp_path / "damaged").exists()


def test_a_missing_file_is_created_fresh_without_recovery(tmp_path: Path) -> None:
    path = tmp_path / "new" / "device.db"
    assert integrity_problem(path) is None

    database, recovery = open_checked(path, now=RECOVERED_AT)
    try:
        assert recovery is None
        assert _pending(database) == []
    finally:
        database.close()


def test_damaged_cache_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    _seed_device(path)
    _pending_in_file(path)
    assert integrity_problem(path) is None

    _damage_table_pages(path, "orders")

    problem = integrity_problem(path)
    assert problem is not None
    assert "malformed" in problem or "Tree" in problem


def test_damaged_file_is_set_aside_and_its_waiting_actions_queued_again(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    _seed_device(path, accepted=5, answered=2)
    waiting = _pending_in_file(path)
    assert len(waiting) == 3
    _damage_table_pages(path, "orders")
    damaged_bytes = path.read_bytes()

    database, recovery = open_checked(path, now=RECOVERED_AT)
    try:
        assert recovery is not None
        assert recovery.requeued == 3
        assert recovery.problem
        # The damaged file is kept, unchanged, for whoever investigates.
        assert recovery.kept_at == tmp_path / "damaged" / f"device.db.{STAMP}"
        assert recovery.kept_at.read_bytes() == damaged_bytes
        assert integrity_problem(recovery.kept_at) is not None
        # The record of what was rescued, readable without the app.
        exported = json.loads(recovery.exported_to.read_text(encoding="utf-8"))
        assert recovery.exported_to == tmp_path / "damaged" / f"pending-actions.{STAMP}.json"
        assert exported["problem"] == recovery.problem
        assert exported["device_state"] == IDENTITY
        assert [action["command_id"] for action in exported["pending_actions"]] == [
            row["command_id"] for row in waiting
        ]
        assert [json.loads(action["payload"]) for action in exported["pending_actions"]] == [
            row["payload"] for row in waiting
        ]
        # The fresh database: the same actions waiting, who the device is, no cache, no cursor.
        requeued = _pending(database)
        assert [
            (item.command_id, item.command_type, item.entity_id, item.staff_id, item.payload)
            for item in requeued
        ] == [
            (
                row["command_id"],
                row["command_type"],
                row["entity_id"],
                row["staff_id"],
                row["payload"],
            )
            for row in waiting
        ]
        assert [item.created_at for item in requeued] == [
            datetime.fromisoformat(row["created_at"]) for row in waiting
        ]
        assert all(item.attempts == 0 for item in requeued)
        with database.read() as session:
            identity = {key: sync_state_repository.get_value(session, key) for key in IDENTITY}
            cursor = sync_state_repository.get_value(session, sync_state_repository.CURSOR)
            cached_orders = session.scalar(select(func.count()).select_from(Order))
            outbox_rows = session.scalar(select(func.count()).select_from(OutboxEntry))
        assert identity == IDENTITY
        assert cursor is None
        assert cached_orders == 0
        assert outbox_rows == 3  # what the hub had confirmed is not sent again
    finally:
        database.close()
    assert integrity_problem(path) is None


def test_the_recovered_database_is_opened_normally_next_time(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    _seed_device(path)
    _pending_in_file(path)
    _damage_table_pages(path, "orders")
    first, recovery = open_checked(path, now=RECOVERED_AT)
    assert recovery is not None
    first.close()

    second, again = open_checked(path, now=RECOVERED_AT)
    try:
        assert again is None
        assert len(_pending(second)) == recovery.requeued == 3
    finally:
        second.close()


def test_a_file_that_is_not_a_database_gives_a_usable_fresh_one(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    garbage = b"this is not what the app wrote" * 300
    path.write_bytes(garbage)

    database, recovery = open_checked(path, now=RECOVERED_AT)
    try:
        assert recovery is not None
        assert "not a database" in recovery.problem
        assert recovery.requeued == 0
        assert recovery.kept_at.read_bytes() == garbage
        exported = json.loads(recovery.exported_to.read_text(encoding="utf-8"))
        assert exported["pending_actions"] == []
        assert exported["device_state"] == {}
        # Usable: it takes and keeps a write.
        with database.write() as session:
            sync_state_repository.set_value(session, sync_state_repository.DEVICE_ID, "d-1")
        with database.read() as session:
            assert sync_state_repository.get_value(session, sync_state_repository.DEVICE_ID) == (
                "d-1"
            )
        verify_pragmas(database)
    finally:
        database.close()


def test_actions_still_in_the_wal_when_the_power_went_are_rescued_too(tmp_path: Path) -> None:
    path = tmp_path / "device.db"
    _seed_device(path, accepted=2, answered=0)
    _pending_in_file(path)
    lines_root = _root_page(path, "order_lines")
    live = Database(path)
    actions = OrderActions(live, FrozenClock())
    for n in range(10, 14):
        actions.accept(CASHIER, f"o-{n}")
    # The power goes: what is on disk is the file and its WAL as they are this instant.
    at_the_cut = tmp_path / "at-the-cut"
    at_the_cut.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", f"{at_the_cut / path.name}{suffix}")
    live.close()
    cut_path = at_the_cut / path.name
    assert Path(f"{cut_path}-wal").stat().st_size > 0
    # A page the last actions did not touch (so the WAL holds no good copy of it) is damaged.
    _damage_table_pages(cut_path, "order_lines", lines_root)

    database, recovery = open_checked(cut_path, now=RECOVERED_AT)
    try:
        assert recovery is not None
        assert recovery.requeued == 6
        assert [item.entity_id for item in _pending(database)] == [
            "o-1",
            "o-2",
            "o-10",
            "o-11",
            "o-12",
            "o-13",
        ]
    finally:
        database.close()


def _cap_new_files_at_one_page(
    connection: sqlite3.Connection, _record: ConnectionPoolEntry
) -> None:
    connection.execute("PRAGMA max_page_count=1")


def test_a_recovery_cut_short_still_requeues_the_actions_on_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "device.db"
    _seed_device(path)
    waiting = [row["command_id"] for row in _pending_in_file(path)]
    _damage_table_pages(path, "orders")
    # The disk fills up just as the fresh database is being built. The guard makes its own
    # engine, so the fault is set on every engine, for this block only.
    event.listen(Engine, "connect", _cap_new_files_at_one_page)
    try:
        with pytest.raises(OperationalError, match="full"):
            open_checked(path, now=RECOVERED_AT)
    finally:
        event.remove(Engine, "connect", _cap_new_files_at_one_page)

    database, _ = open_checked(path, now=RECOVERED_AT + timedelta(minutes=1))
    try:
        assert [item.command_id for item in _pending(database)] == waiting
        with database.read() as session:
            identity = {key: sync_state_repository.get_value(session, key) for key in IDENTITY}
        assert identity == IDENTITY
    finally:
        database.close()


def _turning(pragma: str) -> Callable[[sqlite3.Connection, ConnectionPoolEntry], None]:
    def on_connect(connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        connection.execute(f"PRAGMA {pragma}")

    return on_connect


def test_the_house_pragmas_pass(db: Database) -> None:
    verify_pragmas(db)


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        ("foreign_keys=OFF", "foreign_keys=0"),
        ("synchronous=NORMAL", "synchronous=1"),
        ("journal_mode=DELETE", "journal_mode=delete"),
    ],
)
def test_a_wrong_pragma_makes_the_database_unusable_with_a_clear_message(
    db: Database, setting: str, shown: str
) -> None:
    # What a file system or a driver that silently ignores a pragma would leave us with.
    event.listen(db.engine, "connect", _turning(setting))
    db.engine.dispose()

    with pytest.raises(DatabaseUnusable) as unusable:
        verify_pragmas(db)

    message = str(unusable.value)
    assert shown in message
    assert str(db.path) in message
    assert "local disk" in message


def test_a_recovery_stopped_after_the_fresh_file_was_built_is_finished_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "device.db"
    _seed_device(path)
    waiting = [row["command_id"] for row in _pending_in_file(path)]
    _damage_table_pages(path, "orders")

    monkeypatch.setattr(database_guard, "_put_in_place", _stop_the_process)
    with pytest.raises(KeyboardInterrupt):
        open_checked(path, now=RECOVERED_AT)
    assert (tmp_path / "device.db.recovered").exists()
    monkeypatch.undo()

    database, recovery = open_checked(path, now=RECOVERED_AT + timedelta(minutes=1))
    try:
        assert recovery is None  # the finished file is healthy: nothing is recovered twice
        assert [item.command_id for item in _pending(database)] == waiting
        assert not (tmp_path / "device.db.recovered").exists()
        assert len(list((tmp_path / "damaged").glob("device.db.*Z"))) == 1
    finally:
        database.close()


def test_a_damaged_file_found_by_the_early_check_is_recovered_as_at_any_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "device.db"
    _seed_device(path, accepted=5, answered=2)
    _damage_table_pages(path, "orders")

    early = EarlyCheck.start(path)  # as `storeside` does before loading the program
    assert early is not None
    database, recovery = open_checked(path, now=RECOVERED_AT, early=early)
    try:
        assert recovery is not None
        assert recovery.requeued == 3
        assert integrity_problem(path) is None
    finally:
        database.close()


def test_no_early_check_while_an_interrupted_recovery_must_finish_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "device.db"
    _seed_device(path)
    waiting = [row["command_id"] for row in _pending_in_file(path)]
    _damage_table_pages(path, "orders")
    monkeypatch.setattr(database_guard, "_put_in_place", _stop_the_process)
    with pytest.raises(KeyboardInterrupt):
        open_checked(path, now=RECOVERED_AT)
    monkeypatch.undo()

    # Checking the damaged file early would be checking the file about to be replaced.
    assert EarlyCheck.start(path) is None
    database, recovery = open_checked(path, now=RECOVERED_AT + timedelta(minutes=1))
    try:
        assert recovery is None
        assert [item.command_id for item in _pending(database)] == waiting
    finally:
        database.close()


def _stop_the_process(*_arguments: object) -> None:
    raise KeyboardInterrupt  # the process stops right after `.recovered` was complete
