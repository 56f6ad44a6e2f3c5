"""A full disk: the action is refused in words, nothing is half-written, nothing earlier lost."""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from app.device import Device
from app.domain.vocabulary import Channel, OrderStatus
from app.read_models import OrderDetail
from app.services.order_actions import ActionRefused
from app.services.sign_in import SignInRefused
from hub.embedded import EmbeddedHub
from local_db.database import Database
from local_db.models import Order, OutboxEntry
from sync.credentials import Credentials, MemoryKeyring
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import RecordingListener
from ui.labels import action_refusal_text

ORDERS = 40
"""Enough orders that accepting them one by one outgrows the pages the file has."""


class FullDisk:
    """While entered, SQLite cannot grow the file by a single page: the disk is full.

    Every new connection of the engine is capped at the file's size then; the pool is
    emptied so that no connection from before escapes the cap. Leaving lifts it the same way.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def __enter__(self) -> FullDisk:
        event.listen(self._db.engine, "connect", _cap_at_current_size)
        self._db.engine.dispose()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        event.remove(self._db.engine, "connect", _cap_at_current_size)
        self._db.engine.dispose()


def _cap_at_current_size(connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count={int(pages)}")


@pytest.fixture
def device(hub: EmbeddedHub, tmp_path: Path, listener: RecordingListener) -> Iterator[Device]:
    """An enrolled counter PC with the store's orders and staff pulled; sync by hand."""
    credentials = Credentials(MemoryKeyring(), account=str(tmp_path / "counter"))
    built = enrolled_device(hub, tmp_path / "counter", listener, credentials)
    for _ in range(ORDERS):
        hub.demo.place_order(Channel.MEITUAN)
    drain_feed(built)
    yield built
    built.stop()


def _new_order_ids(device: Device) -> list[str]:
    with device.db.read() as session:
        return list(
            session.scalars(
                select(Order.order_id).where(Order.status == "new").order_by(Order.placed_at)
            )
        )


def _outbox_rows(device: Device) -> list[dict[str, object]]:
    """Every outbox row, every column, as stored."""
    with device.db.read() as session:
        return [dict(row._mapping) for row in session.execute(select(OutboxEntry.__table__))]


def _integrity(device: Device) -> list[str]:
    with device.db.read() as session:
        return list(session.scalars(text("PRAGMA integrity_check")))


def _accept_until_the_disk_is_full(
    device: Device, order_ids: list[str]
) -> tuple[list[OrderDetail], str, ActionRefused]:
    """Accept orders one by one until one is refused; returns the accepted and the refused."""
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    accepted = []
    for order_id in order_ids:
        try:
            accepted.append(device.order_actions.accept(cashier, order_id))
        except ActionRefused as refused:
            return accepted, order_id, refused
    raise AssertionError(f"{len(order_ids)} actions fitted in a full disk")


def test_full_disk_refuses_the_action_and_writes_nothing_of_it(device: Device) -> None:
    order_ids = _new_order_ids(device)
    with FullDisk(device.db):
        accepted, refused_id, refused = _accept_until_the_disk_is_full(device, order_ids)
        outbox_after_refusal = _outbox_rows(device)
        shown = device.order_queries.detail(refused_id)

    assert refused.code == "storage_full"
    assert refused.status is None
    assert accepted, "the full disk refused even the first action: the test proves little"
    # Nothing half-written: the order is shown as it was, and no command waits for it.
    assert shown is not None
    assert shown.status is OrderStatus.NEW
    assert not shown.has_pending
    assert shown.accepted_at is None
    assert len(outbox_after_refusal) == len(accepted)
    assert refused_id not in {row["entity_id"] for row in outbox_after_refusal}
    # Everything committed before is intact.
    for before in accepted:
        now = device.order_queries.detail(before.order_id)
        assert now is not None
        assert (now.status, now.has_pending) == (OrderStatus.ACCEPTED, True)
    assert device.health.health().pending_count == len(accepted)
    assert _integrity(device) == ["ok"]


def test_after_space_returns_the_same_action_works_and_reaches_the_hub_once(
    hub: EmbeddedHub, device: Device
) -> None:
    order_ids = _new_order_ids(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    with FullDisk(device.db):
        accepted, refused_id, _ = _accept_until_the_disk_is_full(device, order_ids)
        # Nobody signs in while the disk is full: the attempt could be neither counted
        # toward a lockout nor audited.
        with pytest.raises(SignInRefused) as sign_in:
            sign_in_as(device.sign_in, "cashier", "1111")
        assert sign_in.value.storage_full
        with pytest.raises(ActionRefused) as again:
            device.order_actions.accept(cashier, refused_id)
        assert again.value.code == "storage_full"
        outbox_while_full = _outbox_rows(device)

    assert _outbox_rows(device) == outbox_while_full
    shown = device.order_actions.accept(cashier, refused_id)
    assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, True)

    for _ in range(10):
        if device.pusher.push() == 0:
            break
    assert device.health.health().pending_count == 0
    assert hub.hub.admin.order(refused_id).status is OrderStatus.ACCEPTED
    acted_on = {refused_id, *(order.order_id for order in accepted)}
    log = [entry for entry in hub.demo.command_log() if entry.order_id in acted_on]
    assert sorted(entry.order_id for entry in log) == sorted(acted_on)
    assert {entry.executions for entry in log} == {1}
    accepts = Counter(
        call.order_id for call in hub.hub.admin.channel_calls() if call.action == "accept"
    )
    assert {order_id: accepts[order_id] for order_id in acted_on} == dict.fromkeys(acted_on, 1)
    assert _integrity(device) == ["ok"]


def test_answers_that_could_not_be_saved_on_a_full_disk_are_not_applied_twice(
    hub: EmbeddedHub, device: Device
) -> None:
    order_ids = _new_order_ids(device)
    with FullDisk(device.db):
        accepted, _, _ = _accept_until_the_disk_is_full(device, order_ids)
        # The hub applies the batch; the device may be unable to write down the answers.
        with contextlib.suppress(OperationalError):
            device.pusher.push()
        still_waiting = device.health.health().pending_count

    assert still_waiting in {0, len(accepted)}  # all answers saved, or none
    for _ in range(10):
        if device.pusher.push(ignore_backoff=True) == 0:
            break
    assert device.health.health().pending_count == 0
    acted_on = {order.order_id for order in accepted}
    log = [entry for entry in hub.demo.command_log() if entry.order_id in acted_on]
    assert len(log) == len(acted_on)
    assert {(entry.outcome, entry.executions) for entry in log} == {("applied", 1)}
    effects = Counter(call.command_id for call in hub.hub.admin.channel_calls())
    assert {entry.command_id: effects[entry.command_id] for entry in log} == {
        entry.command_id: 1 for entry in log
    }
    for order_id in acted_on:
        shown = device.order_queries.detail(order_id)
        assert shown is not None
        assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, False)
        assert shown.version == hub.hub.admin.order(order_id).version
    assert _integrity(device) == ["ok"]


def test_the_cashier_is_told_the_disk_is_full_and_earlier_work_is_safe(
    qapp: QApplication,
) -> None:
    words = action_refusal_text("storage_full", None)
    assert "disk is full" in words
    assert "not saved" in words
    assert "Earlier actions are safe" in words
