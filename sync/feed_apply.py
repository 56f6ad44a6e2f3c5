"""Applies hub records to the cache: validate each, set bad ones aside, never go backwards.

Used by the feed puller for pages and by the outbox pusher for the state a command result
carries, so the cache has one way in. An order with actions of this device still pending
keeps showing them; the hub's newer state is held beside it until the outbox has drained.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind
from local_db import (
    failpoints,
    fulfilment_repository,
    order_repository,
    outbox_repository,
    quarantine_repository,
    staff_repository,
    sync_state_repository,
)
from sync.protocol import (
    FEED_RECORD,
    FeedRecord,
    OrderData,
    OrderRecord,
    ShortageRecord,
    StaffRecord,
    StoreSettingsRecord,
    TaskRecord,
)
from sync.record_mapping import (
    order_rows,
    shortage_row,
    staff_row,
    store_settings_row,
    task_rows,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ApplyReport:
    """What one apply did."""

    applied: int = 0
    stale: int = 0
    held: int = 0
    quarantined: int = 0
    kinds: frozenset[RecordKind] = frozenset()


class InvalidRecord(ValueError):
    """A record that parses but contradicts itself (envelope and data disagree)."""


def apply_raw_records(
    session: Session, raw_records: Sequence[dict[str, Any]], received_at: datetime
) -> ApplyReport:
    """Validate and apply a page of raw records; invalid ones are quarantined with the reason."""
    valid: list[FeedRecord] = []
    quarantined = 0
    for raw in raw_records:
        try:
            valid.append(_validated(raw))
        except (ValidationError, InvalidRecord) as error:
            quarantined += 1
            quarantine_repository.quarantine(
                session,
                source="feed",
                kind=str(raw.get("kind", "?")),
                entity_id=str(raw.get("id", "?")),
                raw=json.dumps(raw, ensure_ascii=False, default=str),
                reason=_reason(error),
                received_at=received_at,
            )
    return replace(apply_records(session, valid), quarantined=quarantined)


def apply_records(session: Session, records: Iterable[FeedRecord]) -> ApplyReport:
    """Apply validated records; re-delivered or older ones change nothing."""
    latest: dict[tuple[str, str], FeedRecord] = {}
    for record in records:
        key = (record.kind, record.id)
        if key not in latest or latest[key].version < record.version:
            latest[key] = record
    by_kind: dict[str, list[Any]] = {}
    for record in latest.values():
        by_kind.setdefault(record.kind, []).append(record)
    applied, stale, held = _apply_orders(session, by_kind.get(RecordKind.ORDER, []))
    failpoints.hit(failpoints.FEED_MID_PAGE)
    applied += _apply_tasks(session, by_kind.get(RecordKind.TASK, []))
    applied += _apply_simple(session, by_kind)
    kinds = frozenset(RecordKind(kind) for kind in by_kind)
    return ApplyReport(applied=applied, stale=stale, held=held, kinds=kinds)


def release_order(session: Session, order_id: str, current: OrderRecord | None) -> bool:
    """After the hub answered a command on `order_id`: show the hub's newest state again.

    While other commands on the order are still pending, `current` is only held. When the
    hub's state is unknown (the command was set aside without an answer), the order is
    marked unknown (version 0, so any delivery of it applies) and the feed restarts from
    zero to deliver it: a person's unconfirmed change never stays shown as if it were done.
    Returns whether the shown order changed.
    """
    if outbox_repository.pending_entity_ids(session, "order", [order_id]):
        if current is not None:
            _apply_orders(session, [current])
        return False
    candidates = [] if current is None else [current.data]
    held = order_repository.held_hub_data(session, order_id)
    if held is not None:
        candidates.append(OrderData.model_validate(held))
    if not candidates:
        log.warning("hub state of order %s unknown after a refused command: re-syncing", order_id)
        order_repository.update_order(session, order_id, version=0)
        sync_state_repository.clear_value(session, sync_state_repository.CURSOR)
        return False
    newest = max(candidates, key=lambda data: data.version)
    row, lines = order_rows(newest)
    order_repository.replace_orders(session, [row], lines)
    return True


def _validated(raw: dict[str, Any]) -> FeedRecord:
    record = FEED_RECORD.validate_python(raw)
    data_id = _data_id(record)
    if data_id != record.id:
        raise InvalidRecord(f"record id {record.id!r} but data id {data_id!r}")
    if record.data.version != record.version:
        raise InvalidRecord(f"record version {record.version} but data {record.data.version}")
    return record


def _data_id(record: FeedRecord) -> str:
    match record:
        case OrderRecord():
            return record.data.order_id
        case TaskRecord():
            return record.data.task_id
        case ShortageRecord():
            return record.data.shortage_id
        case StaffRecord():
            return record.data.staff_id
        case StoreSettingsRecord():
            return record.data.store_id


def _apply_orders(session: Session, records: list[OrderRecord]) -> tuple[int, int, int]:
    ids = [record.id for record in records]
    stored = order_repository.stored_versions(session, ids)
    pending = outbox_repository.pending_entity_ids(session, "order", ids)
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    stale = held = 0
    for record in records:
        versions = stored.get(record.id)
        if versions is not None and record.version <= versions.version:
            stale += 1
        elif record.id in pending and versions is not None:
            # A pending action keeps showing; the hub's state waits beside it. (An order not
            # cached at all, as after a rescue of a damaged database, is simply written.)
            if (versions.held_version or 0) >= record.version:
                stale += 1
                continue
            order_repository.hold_hub_data(session, record.id, record.data.model_dump(mode="json"))
            held += 1
        else:
            row, order_lines = order_rows(record.data)
            rows.append(row)
            lines.extend(order_lines)
    order_repository.replace_orders(session, rows, lines)
    return len(rows), stale, held


def _apply_tasks(session: Session, records: list[TaskRecord]) -> int:
    stored = fulfilment_repository.task_versions(session, [record.id for record in records])
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for record in records:
        if record.version > stored.get(record.id, 0):
            row, task_lines = task_rows(record.data)
            rows.append(row)
            lines.extend(task_lines)
    fulfilment_repository.replace_tasks(session, rows, lines)
    return len(rows)


def _apply_simple(session: Session, by_kind: dict[str, list[Any]]) -> int:
    staff = [staff_row(r.data) for r in by_kind.get(RecordKind.STAFF, [])]
    settings = [store_settings_row(r.data) for r in by_kind.get(RecordKind.STORE_SETTINGS, [])]
    shortages = [shortage_row(r.data) for r in by_kind.get(RecordKind.SHORTAGE, [])]
    staff_repository.replace_staff(session, staff)
    staff_repository.replace_store_settings(session, settings)
    fulfilment_repository.replace_shortages(session, shortages)
    return len(staff) + len(settings) + len(shortages)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problems = [
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()[:5]
        ]
        return "; ".join(problems)
    return str(error)
