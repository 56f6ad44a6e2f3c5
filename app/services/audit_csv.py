"""The audit trail's CSV export file: its columns, written beside the target and flushed."""

from __future__ import annotations

import csv
import os
import tempfile
from datetime import UTC
from pathlib import Path
from typing import Final, TextIO

from app.domain.audit_chain import canonical_detail
from app.services.audit_views import AuditLine

_CSV_COLUMNS: Final = (
    "seq",
    "store_time",
    "utc_time",
    "staff_id",
    "staff_name",
    "approved_by",
    "action",
    "subject",
    "result",
    "detail",
    "device_id",
    "hash",
)


def write_csv_beside(path: Path, lines: list[AuditLine]) -> Path:
    """Write the CSV to a temporary file beside `path`, flushed to disk; returns that file."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as file:
            _write_rows(file, lines)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _write_rows(file: TextIO, lines: list[AuditLine]) -> None:
    writer = csv.writer(file)
    writer.writerow(_CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            (
                line.seq,
                line.at.isoformat(timespec="seconds"),
                line.at.astimezone(UTC).isoformat(timespec="microseconds"),
                line.staff_id,
                line.staff_name,
                line.approved_by,
                line.action,
                line.subject,
                line.result.value,
                canonical_detail(line.detail),
                line.device_id,
                line.hash,
            )
        )
