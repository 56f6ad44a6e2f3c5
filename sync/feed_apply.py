"""Applies hub records to the cache: validate each, set bad ones aside, never go backwards.

Used by the feed puller for pages and by the outbox pusher for the state a command result
carries, so the cache has one way in. An order with actions of this device still pending
keeps showing them; the hub's newer state is held beside it until the outbox has drained.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind
from local_db import (
    device_health_repository,
    failpoints,
    fulfilment_repository,
    order_repository,
    outbox_repository,
    product_repository,
    quarantine_repository,
    staff_repository,
    sync_state_repository,
)
from sync.channel_intake import CHANNEL_INTAKE, apply_channel_intake
from sync.protocol import (
    FEED_RECORD,
    ChannelIntakeRecord,
    DeviceHealthRecord,
    FeedRecord,
    OrderData,
    OrderRecord,
    ProductRecord,
    ShortageRecord,
    StaffRecord,
    StoreSettingsRecord,
    TaskRecord,
)
from sync.quarantine_text import label_text, quarantine_text, reason_text
from sync.record_mapping import (
    device_health_row,
    order_rows,
    product_row,
    shortage_row,
    staff_details_row,
    staff_row,
    store_settings_row,
)
from sync.storable_record import unstorable_value
from sync.task_apply import (
    apply_tasks,
    release_tasks,  # noqa: F401 (callers import it from here too)
)

log = logging.getLogger(__name__)

_PIN_SEAL_CHECK: Final = "pin_seal_check"
"""sync_state key: a keyed hash telling which pepper sealed the stored staff PINs."""


@dataclass(frozen=True, slots=True)
class ApplyReport:
    """What one apply did."""

    applied: int = 0
    stale: int = 0
    held: int = 0
    quarantined: int = 0
    kinds: frozenset[RecordKind] = frozenset()
    order_ids: frozenset[str] = frozenset()
    """The orders the records were about (applied, held or stale): what screens re-read."""

    def plus(self, other: ApplyReport) -> ApplyReport:
        """Both reports' figures added up."""
        return ApplyReport(
            applied=self.applied + other.applied,
            stale=self.stale + other.stale,
            held=self.held + other.held,
            quarantined=self.quarantined + other.quarantined,
            kinds=self.kinds | other.kinds,
            order_ids=self.order_ids | other.order_ids,
        )


class InvalidRecord(ValueError):
    """A record that parses but contradicts itself (envelope and data disagree)."""


def apply_raw_records(
    session: Session,
    raw_records: Sequence[Any],
    received_at: datetime,
    *,
    pin_pepper: bytes | None = None,
) -> ApplyReport:
    """Validate and apply a page of raw records; each bad one is quarantined with the reason.

    Whatever a record is (not an object, wrong types, broken text, unknown kind), it cannot
    stop the rest of the page. The database refusing writes (disk full, OperationalError)
    is raised: nothing was wrong with the records.
    `pin_pepper` seals staff PIN hashes (see `apply_records`).
    """
    valid: list[tuple[Any, FeedRecord]] = []
    quarantined = 0
    for raw in raw_records:
        try:
            valid.append((raw, _validated(raw)))
        except (ValidationError, InvalidRecord, ValueError, TypeError, RecursionError) as error:
            quarantined += 1
            _set_aside(session, raw, _reason(error), received_at)
    # Not in a savepoint yet: on a full disk SQLite rolls the whole transaction back and
    # the savepoint's release then fails in a way the device did not recover from
    # (tests/integration/sync/test_sync_on_full_disk.py). See the helper's report.
    report = apply_records(session, [record for _, record in valid], pin_pepper=pin_pepper)
    return replace(report, quarantined=quarantined)


def _set_aside(session: Session, raw: Any, reason: str, received_at: datetime) -> None:
    envelope = raw if isinstance(raw, dict) else {}
    quarantine_repository.quarantine(
        session,
        source="feed",
        kind=label_text(envelope.get("kind", "?"), 24),
        entity_id=label_text(envelope.get("id", "?"), 64),
        raw=quarantine_text(raw),
        reason=reason,
        received_at=received_at,
    )


def apply_records(
    session: Session, records: Iterable[FeedRecord], *, pin_pepper: bytes | None = None
) -> ApplyReport:
    """Apply validated records; re-delivered or older ones change nothing.

    Staff PIN hashes are stored only sealed with `pin_pepper` (decision 018). Without it
    (a path that holds no keyring) staff details still apply but the PIN stays as it was
    until the feed's peppered delivery of the same version lands.
    """
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
    applied += apply_tasks(session, by_kind.get(RecordKind.TASK, []))
    applied += _apply_simple(session, by_kind)
    applied += _apply_staff(session, by_kind.get(RecordKind.STAFF, []), pin_pepper)
    applied += apply_channel_intake(session, by_kind.get(CHANNEL_INTAKE, []))
    kinds = frozenset(_told_kind(kind) for kind in by_kind)
    order_ids = frozenset(record.id for record in by_kind.get(RecordKind.ORDER, []))
    return ApplyReport(applied=applied, stale=stale, held=held, kinds=kinds, order_ids=order_ids)


def release_order(session: Session, order_id: str, current: OrderRecord | None) -> bool:
    """After the hub answered a command on `order_id`: show the hub's newest state again.

    While other commands on the order are still pending, `current` is only held. When the
    hub's state is unknown (the command was set aside without an answer), the order is
    marked unknown (version 0, so any delivery of it applies) and the feed restarts from
    zero to deliver it: a person's unconfirmed change never stays shown as if it were done.
    Returns whether the shown order changed.
    """
    return order_id in release_orders(session, {order_id: [current]})


def release_orders(
    session: Session, answered: Mapping[str, Sequence[OrderRecord | None]]
) -> set[str]:
    """`release_order` for a batch of answers: each order's states in the order answered.

    The same as releasing after each answer in turn, in a few statements: an order with
    commands still pending holds its first and its newest answered state; any other order
    shows the newest of its answered states and its held one (or becomes unknown, as
    `release_order` says, when there is neither). Returns the orders whose shown state changed.
    """
    pending = outbox_repository.pending_entity_ids(session, "order", list(answered))
    first: list[OrderRecord] = []
    newest: list[OrderRecord] = []
    released: dict[str, OrderRecord | None] = {}
    for order_id, currents in answered.items():
        known = [current for current in currents if current is not None]
        latest = max(known, key=lambda record: record.version) if known else None
        if order_id not in pending:
            released[order_id] = latest
        elif latest is not None:
            # Held one by one, the first answer is written when the order is not cached at
            # all, and the newest is held beside it: two passes give that same result.
            first.append(known[0])
            if latest is not known[0]:
                newest.append(latest)
    _apply_orders(session, first, pending)
    _apply_orders(session, newest, pending)
    return _show_newest(session, released)


def _show_newest(session: Session, released: Mapping[str, OrderRecord | None]) -> set[str]:
    """Show each order at the newest of its answered and held hub states."""
    held = order_repository.held_hub_data_of(session, list(released))
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for order_id, current in released.items():
        newest = None if current is None else current.data
        kept = held.get(order_id)
        if kept is not None and (newest is None or int(kept["version"]) > newest.version):
            newest = OrderData.model_validate(kept)
        if newest is None:
            log.warning(
                "hub state of order %s unknown after a refused command: re-syncing", order_id
            )
            order_repository.update_order(session, order_id, version=0)
            sync_state_repository.clear_value(session, sync_state_repository.CURSOR)
            continue
        row, order_lines = order_rows(newest)
        rows.append(row)
        lines.extend(order_lines)
    order_repository.replace_orders(session, rows, lines)
    return {row["order_id"] for row in rows}


def _validated(raw: Any) -> FeedRecord:
    if not isinstance(raw, dict):
        raise InvalidRecord(f"a record must be an object, not {_json_type(raw)}")
    record = FEED_RECORD.validate_python(raw)
    data_id = _data_id(record)
    if data_id != record.id:
        raise InvalidRecord(f"record id {record.id!r} but data id {data_id!r}")
    if record.data.version != record.version:
        raise InvalidRecord(f"record version {record.version} but data {record.data.version}")
    unstorable = unstorable_value(record, record.kind)
    if unstorable is not None:
        raise InvalidRecord(unstorable)
    return record


def _json_type(value: Any) -> str:
    kinds: tuple[tuple[Any, str], ...] = (
        (type(None), "null"),
        (bool, "a boolean"),
        (int | float, "a number"),
        (str, "a text"),
        (list, "a list"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _data_id(record: FeedRecord) -> str:  # noqa: PLR0911 (one return per kind of record)
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
        case DeviceHealthRecord():
            return record.data.device_id
        case ProductRecord():
            return record.data.sku
        case ChannelIntakeRecord():
            return record.data.store_id


def _apply_orders(
    session: Session, records: list[OrderRecord], pending: set[str] | None = None
) -> tuple[int, int, int]:
    """Write, hold or skip each order; `pending`: the orders with commands pending, if known."""
    ids = [record.id for record in records]
    stored = order_repository.stored_versions(session, ids)
    if pending is None:
        pending = outbox_repository.pending_entity_ids(session, "order", ids)
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    held_data: dict[str, dict[str, Any]] = {}
    stale = 0
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
            held_data[record.id] = record.data.model_dump(mode="json")
        else:
            row, order_lines = order_rows(record.data)
            rows.append(row)
            lines.extend(order_lines)
    order_repository.hold_hub_data_of(session, held_data)
    order_repository.replace_orders(session, rows, lines)
    return len(rows), stale, len(held_data)


def restart_if_pins_sealed_otherwise(session: Session, pin_pepper: bytes) -> bool:
    """Whether the staff PINs here were sealed with another pepper (or none, before 018).

    Then the feed restarts from zero, so every staff record is re-delivered and sealed
    with `pin_pepper` (a keyring lost or replaced, an upgrade from scrypt). Call once per
    run, in a write transaction; returns whether the feed restarts.
    """
    check = hmac.new(pin_pepper, b"storeside-pin-seal-check", hashlib.sha256).hexdigest()
    stored = sync_state_repository.get_value(session, _PIN_SEAL_CHECK)
    if stored == check:
        return False
    sync_state_repository.set_value(session, _PIN_SEAL_CHECK, check)
    if not staff_repository.list_staff(session, active_only=False):
        return False
    log.warning("staff PINs were sealed with another key: re-syncing from zero")
    sync_state_repository.clear_value(session, sync_state_repository.CURSOR)
    return True


def _apply_staff(session: Session, records: list[StaffRecord], pin_pepper: bytes | None) -> int:
    if pin_pepper is None:
        staff_repository.refresh_staff_details(
            session, [(staff_details_row(r.data), r.version) for r in records]
        )
    else:
        staff_repository.replace_staff(session, [staff_row(r.data, pin_pepper) for r in records])
    return len(records)


def _told_kind(kind: str) -> RecordKind:
    """The kind listeners are told of. channel_intake has no RecordKind member (yet): its
    figures are the sync health screen's, which reads again on device_health."""
    try:
        return RecordKind(kind)
    except ValueError:
        return RecordKind.DEVICE_HEALTH


def _apply_simple(session: Session, by_kind: dict[str, list[Any]]) -> int:
    settings = [store_settings_row(r.data) for r in by_kind.get(RecordKind.STORE_SETTINGS, [])]
    shortages = [shortage_row(r.data) for r in by_kind.get(RecordKind.SHORTAGE, [])]
    health = [device_health_row(r.data) for r in by_kind.get(RecordKind.DEVICE_HEALTH, [])]
    staff_repository.replace_store_settings(session, settings)
    fulfilment_repository.replace_shortages(session, shortages)
    device_health_repository.replace_health(session, health)
    products = [product_row(r.data) for r in by_kind.get(RecordKind.PRODUCT, [])]
    product_repository.replace_products(session, products)
    return len(settings) + len(shortages) + len(health) + len(products)


def reapply_raw(session: Session, raw: str, *, pin_pepper: bytes | None = None) -> str | None:
    """Validate and apply one quarantined record again (the manager's retry), in the caller's
    transaction. Returns None when it applied (or was already superseded), else the reason it
    still fails, in the words the quarantine keeps."""
    try:
        record = _validated(json.loads(raw))
    except json.JSONDecodeError as error:
        return f"not JSON: {error}"
    except (ValidationError, InvalidRecord, ValueError, TypeError, RecursionError) as error:
        return _reason(error)
    if isinstance(record, StaffRecord) and not record.data.pin.hash_hex:
        # Its PIN hash was removed when it was set aside: only the details apply, sealing
        # an empty hash would lock the person out.
        pin_pepper = None
    apply_records(session, [record], pin_pepper=pin_pepper)
    return None


def _reason(error: Exception) -> str:
    """The reason kept with a record set aside, in words safe to store and show."""
    if isinstance(error, ValidationError):
        problems = [
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()[:5]
        ]
        return reason_text("; ".join(problems))
    return reason_text(str(error) or type(error).__name__)
