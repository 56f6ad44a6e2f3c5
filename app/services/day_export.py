"""A store day's orders as a CSV file for a spreadsheet: checked, written atomically, audited.

One row per order placed that day: serial, channel, channel order number, the times of its
life cycle on the store's clock, status, total paid and what shortages refunded of it (yuan,
two decimals), time to accept and pick time in seconds, and the lines reported short. The
customer's phone is never written: the file leaves the device, and the trail records who
took it.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Final

from app.domain.clock import Clock
from app.domain.day_figures import yuan_text
from app.domain.permissions import Permission
from app.domain.store_day import day_bounds, store_date
from app.read_models import SignedInStaff
from app.services import permission_gate
from app.services.store_time import store_zone_of
from local_db import day_figures_repository
from local_db.database import Database
from local_db.day_figures_repository import OrderRow

HEADER: Final = (
    "serial",
    "channel",
    "channel_order_no",
    "placed",
    "accepted",
    "ready",
    "handed_over",
    "status",
    "total_paid_yuan",
    "refunded_yuan",
    "time_to_accept_s",
    "pick_time_s",
    "shortages",
)
"""The CSV's first row; times are the store's local time, "YYYY-MM-DD HH:MM:SS"."""

ENCODING: Final = "utf-8-sig"
"""UTF-8 with a byte order mark: without it Excel reads the file as the local code page and
shows product names in Chinese as mojibake."""


class ExportRefused(Exception):
    """The person may not export (`code` "not_permitted"); nothing was written."""

    def __init__(self, code: str) -> None:
        super().__init__(f"export refused: {code}")
        self.code = code


@dataclass(frozen=True, slots=True, kw_only=True)
class DayExport:
    """A written export: where, which day, how many order rows (the header not counted)."""

    path: Path
    day: date
    rows: int


def export_day(
    db: Database, clock: Clock, path: Path, person: SignedInStaff, day: date | None
) -> DayExport:
    """Write the store's `day` (today when None) to `path`; see DayDashboard.export_csv."""
    if not permission_gate.allows(person, Permission.EXPORT):
        permission_gate.refuse(
            db,
            clock,
            person,
            Permission.EXPORT,
            subject=path.name,
            detail={"day": day.isoformat() if day else "today", "kind": "day_csv"},
        )
        raise ExportRefused("not_permitted")
    with db.read() as session:
        zone = store_zone_of(session)
        shown = store_date(clock(), zone) if day is None else day
        start, end = day_bounds(shown, zone)
        rows = day_figures_repository.order_rows(session, start, end)
    _write_atomically(path, [_cells(row, zone) for row in rows])
    # A file cannot join a SQLite transaction, so the entry is recorded in its own short
    # transaction right after the file is in place: the trail never claims an export that
    # did not happen. Should recording fail, the file is removed again, so that no export
    # exists without its entry.
    try:
        with db.write() as session:
            permission_gate.record_done(
                session,
                clock,
                person,
                Permission.EXPORT,
                subject=path.name,
                detail={"day": shown.isoformat(), "rows": len(rows), "kind": "day_csv"},
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return DayExport(path=path, day=shown, rows=len(rows))


def _cells(row: OrderRow, zone: tzinfo) -> list[str]:
    return [
        str(row.daily_serial),
        row.channel,
        row.channel_order_no,
        _local(row.placed_at, zone),
        _local(row.accepted_at, zone),
        _local(row.ready_at, zone),
        _local(row.handed_over_at, zone),
        row.status,
        yuan_text(row.total_cents),
        yuan_text(row.refunded_cents),
        _whole_seconds(row.accept_seconds),
        _whole_seconds(row.pick_seconds),
        row.shortages,
    ]


def _local(moment: datetime | None, zone: tzinfo) -> str:
    return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _whole_seconds(seconds: float | None) -> str:
    # julianday arithmetic carries float noise (59.99999...); a person wants 60.
    return "" if seconds is None else str(max(round(seconds), 0))


def _write_atomically(path: Path, rows: list[list[str]]) -> None:
    """Write beside `path`, flush to disk, then rename over it.

    A reader (or a crash) sees the old file or the whole new one, never half a day.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=ENCODING, newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(HEADER)
            writer.writerows(rows)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
