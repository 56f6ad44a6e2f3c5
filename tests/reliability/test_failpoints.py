"""Each named failpoint kills a real child device where it says; after a restart nothing is off.

The child does cashier actions one at a time, each followed by a push, so the Nth pass of a
push point is the Nth command; what the hub had received when the child died shows the
point is where its name says. The feed points are killed in test_feed_crash.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Final

import pytest
from alembic import command

from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from local_db import failpoints
from local_db.database import Database
from local_db.engine import open_engine
from local_db.migration import alembic_config, current_revision, head_revision
from tests.reliability.child_device import enrol_for_child, start_child
from tests.reliability.ledger import (
    check_ledger,
    integrity_of,
    outbox_rows,
    unexplained_statuses,
)

KILLED: Final = -9
_START_S: Final = 30.0
_RUN_S: Final = 60.0
_INDEXES_OF_0002: Final = frozenset({"ix_outbox_entity_state", "ix_quarantine_dismissed"})

_PUSH_POINTS: Final = {
    failpoints.BETWEEN_CHANGE_AND_OUTBOX: (-1, -1),
    failpoints.AFTER_COMMIT_BEFORE_SEND: (-1, 0),
    failpoints.AFTER_REQUEST_BEFORE_REPLY: (0, 0),
    failpoints.AFTER_REPLY_BEFORE_DONE: (0, 0),
}
"""When a point fires on the Nth command: (commands the hub holds, local outbox rows) - N."""


@pytest.mark.parametrize("fire_on", [1, 2, 4])
@pytest.mark.parametrize("point", list(_PUSH_POINTS))
def test_kill_at_a_failpoint_loses_duplicates_and_orphans_nothing(
    hub: EmbeddedHub,
    tmp_path: Path,
    point: str,
    fire_on: int,
    figures: Callable[..., None],
) -> None:
    data_dir, logs = tmp_path / "device", tmp_path / "logs"
    token = enrol_for_child(hub, data_dir)
    for channel in list(Channel) * 2:
        hub.demo.place_order(channel)
    db_path = data_dir / "storeside.db"

    child = start_child(
        data_dir, hub.url, token, actions=fire_on + 2, armed=f"{point}=kill@{fire_on}", log_dir=logs
    )
    try:
        assert child.wait_exit(_RUN_S) == KILLED, child.stderr()
    finally:
        child.stop()
    assert f"failpoint {point}: killing process" in child.stderr()
    hub_offset, local_offset = _PUSH_POINTS[point]
    assert len(hub.demo.command_log()) == fire_on + hub_offset
    assert len(outbox_rows(db_path)) == fire_on + local_offset
    assert integrity_of(db_path) == "ok"
    assert unexplained_statuses(db_path) == []

    restarted = start_child(data_dir, hub.url, token, mode="drain", log_dir=logs)
    try:
        assert restarted.wait_exit(_RUN_S) == 0, restarted.stderr()
    finally:
        restarted.stop()
    report = check_ledger(db_path, hub.hub)
    figures(point=point, fire_on=fire_on, commands=report.hub_commands, effects=report.effects)
    assert report.is_clean, report.describe()
    assert report.local_commands == fire_on + local_offset


def _at_revision_0001(db_path: Path) -> None:
    engine = open_engine(db_path)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            connection.commit()
    finally:
        engine.dispose()


def _schema(db_path: Path) -> tuple[str, frozenset[str]]:
    """(revision, names of the 0002 indexes present), read without migrating."""
    with closing(sqlite3.connect(db_path)) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        present = frozenset(row[0] for row in names) & _INDEXES_OF_0002
    return revision, present


def test_kill_in_the_middle_of_a_migration_leaves_the_previous_revision(
    tmp_path: Path, figures: Callable[..., None]
) -> None:
    data_dir, logs = tmp_path / "device", tmp_path / "logs"
    db_path = data_dir / "storeside.db"
    data_dir.mkdir()
    _at_revision_0001(db_path)
    runs = 3
    for _ in range(runs):
        child = start_child(
            data_dir,
            "http://127.0.0.1:9",
            "unused",
            mode="open",
            armed=f"{failpoints.MIGRATION_MIDDLE}=kill",
            log_dir=logs,
        )
        try:
            assert child.wait_exit(_RUN_S) == KILLED, child.stderr()
        finally:
            child.stop()
        assert f"failpoint {failpoints.MIGRATION_MIDDLE}: killing" in child.stderr()
        assert _schema(db_path) == ("0001", frozenset())
        assert integrity_of(db_path) == "ok"

    database = Database(db_path)
    try:
        assert current_revision(database.engine) == head_revision()
    finally:
        database.close()
    assert _schema(db_path) == (head_revision(), _INDEXES_OF_0002)
    figures(kills=runs, revision_after_kill="0001", indexes_after_kill=0)


def test_child_device_starts_without_qt(
    hub: EmbeddedHub, tmp_path: Path, figures: Callable[..., None]
) -> None:
    data_dir = tmp_path / "device"
    token = enrol_for_child(hub, data_dir)
    child = start_child(data_dir, hub.url, token, mode="drain", log_dir=tmp_path / "logs")
    try:
        start_s = child.wait_ready(_START_S)
        assert child.wait_exit(_RUN_S) == 0, child.stderr()
    finally:
        child.stop()
    assert not child.loaded_qt()
    figures(child_start_s=round(start_s, 2))
