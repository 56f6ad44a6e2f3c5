"""A full disk pauses sync visibly (no spinning against the hub) and sync resumes by itself."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.device import Device
from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from local_db.database import Database
from tests.devices import enrolled_device
from tests.fakes import RecordingListener
from tests.polling import wait_until


@contextmanager
def disk_full(db: Database) -> Iterator[None]:
    """SQLite may not grow the file past its current size: SQLITE_FULL, as on a full disk."""

    def cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(db.engine, "connect", cap)
    db.engine.dispose()
    try:
        yield
    finally:
        event.remove(db.engine, "connect", cap)
        db.engine.dispose()


def test_sync_pauses_on_a_full_disk_says_so_and_resumes_when_space_returns(
    hub: EmbeddedHub, tmp_path: Path, listener: RecordingListener
) -> None:
    device: Device = enrolled_device(hub, tmp_path / "counter", listener)
    device.start()
    try:
        wait_until(lambda: device.connectivity.is_online, 10, "first pull")
        with disk_full(device.db):
            placed = [hub.demo.place_order(Channel.MEITUAN) for _ in range(30)]
            wait_until(
                lambda: "full" in device.connectivity.status.storage_error,
                15,
                "the status to say the disk is full",
            )
            # The first orders may still fit in the free space of pages the file already has
            # (the puller writes each order as soon as it arrives); the one refused is not there.
            assert any(device.order_queries.detail(o.order_id) is None for o in placed)
        wait_until(
            lambda: all(device.order_queries.detail(o.order_id) is not None for o in placed),
            60,
            "the orders after space returned",
        )
        wait_until(lambda: device.connectivity.status.storage_error == "", 10, "the all-clear")
        with device.db.read() as session:
            check = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        assert check == "ok"
    finally:
        device.stop()
