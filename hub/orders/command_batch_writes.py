"""A command batch's effects stored: one prepared statement per table for all its commands."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Text, bindparam, insert, update
from sqlalchemy.orm import Session

from hub.orders.command_batch_reads import BatchFeedRow, BatchOrder
from hub.publishing import feed
from hub.storage.engine import Base
from sync.protocol import StoreSettingsData

_ORDERS: Final = Base.metadata.tables["orders"]
_FEED: Final = Base.metadata.tables["feed"]
_STORES: Final = Base.metadata.tables["stores"]
_COMMANDS: Final = Base.metadata.tables["commands"]
_CALLS: Final = Base.metadata.tables["channel_calls"]

# Bodies and payloads are bound as the JSON text the batch holds: encoded once, not again.
_UPDATE_ORDER: Final = (
    update(_ORDERS)
    .where(_ORDERS.c.order_id == bindparam("key_order_id"))
    .values(
        status=bindparam("new_status"),
        version=bindparam("new_version"),
        body=bindparam("new_body", type_=Text),
    )
)
_UPDATE_FEED: Final = (
    update(_FEED)
    .where(_FEED.c.store_id == bindparam("key_store_id"))
    .where(_FEED.c.entity_key == bindparam("key_entity_key"))
    .values(seq=bindparam("new_seq"), payload=bindparam("new_payload", type_=Text))
)
_INSERT_FEED: Final = insert(_FEED).values(
    store_id=bindparam("store_id"),
    entity_key=bindparam("entity_key"),
    seq=bindparam("seq"),
    payload=bindparam("payload", type_=Text),
)
_UPDATE_COMMAND: Final = (
    update(_COMMANDS)
    .where(_COMMANDS.c.command_id == bindparam("key_command_id"))
    .values(
        {
            column.name: bindparam(f"new_{column.name}")
            for column in _COMMANDS.columns
            if column.name != "command_id"
        }
    )
)


@dataclass(frozen=True, slots=True)
class BatchWrites:
    """What a batch's applied commands changed, as it holds them in memory."""

    orders: Mapping[str, BatchOrder]
    """The orders read for the batch; those with a new `body` are written."""
    feed: Mapping[str, BatchFeedRow]
    """The feed rows read or made for the batch, by entity key; the `changed` ones are written."""
    last_seq: int
    settings: StoreSettingsData | None
    """The store's settings when busy mode changed them, else None."""
    channel_calls: Sequence[dict[str, Any]]
    new_answers: Sequence[dict[str, Any]]
    changed_answers: Sequence[dict[str, Any]]
    """Answers of known ids that executed again (only with dedupe off)."""


def write_batch(session: Session, store_id: str, writes: BatchWrites) -> None:
    """Store `writes` for the store, in the caller's transaction."""
    orders = [
        {
            "key_order_id": order_id,
            "new_status": order.parsed().status.value,
            "new_version": order.parsed().version,
            "new_body": order.body,
        }
        for order_id, order in writes.orders.items()
        if order.body is not None
    ]
    if orders:
        session.execute(_UPDATE_ORDER, orders)
    if writes.settings is not None:
        session.execute(
            update(_STORES)
            .where(_STORES.c.store_id == store_id)
            .values(settings=writes.settings.model_dump(mode="json"))
        )
    _write_feed(session, store_id, writes.feed, writes.last_seq)
    if writes.channel_calls:
        session.execute(insert(_CALLS), list(writes.channel_calls))
    if writes.new_answers:
        session.execute(insert(_COMMANDS), list(writes.new_answers))
    if writes.changed_answers:
        session.execute(
            _UPDATE_COMMAND, [_keyed(answer, "command_id") for answer in writes.changed_answers]
        )


def _write_feed(
    session: Session, store_id: str, rows: Mapping[str, BatchFeedRow], last_seq: int
) -> None:
    changed = [(key, row) for key, row in rows.items() if row.changed]
    if not changed:
        return
    updates = [
        {
            "key_store_id": store_id,
            "key_entity_key": key,
            "new_seq": row.seq,
            "new_payload": _text(row.payload),
        }
        for key, row in changed
        if row.stored
    ]
    inserts = [
        {"store_id": store_id, "entity_key": key, "seq": row.seq, "payload": _text(row.payload)}
        for key, row in changed
        if not row.stored
    ]
    if updates:
        session.execute(_UPDATE_FEED, updates)
    if inserts:
        session.execute(_INSERT_FEED, inserts)
    session.execute(update(_STORES).where(_STORES.c.store_id == store_id).values(last_seq=last_seq))
    feed.mark_touched(session, store_id)


def _text(payload: str | dict[str, Any]) -> str:
    """A feed payload as the JSON text stored (most are text already)."""
    return payload if isinstance(payload, str) else json.dumps(payload)


def _keyed(row: dict[str, Any], key: str) -> dict[str, Any]:
    """`row` as parameters of an UPDATE by `key`: key_<key> and new_<column>."""
    return {
        (f"key_{column}" if column == key else f"new_{column}"): value
        for column, value in row.items()
    }
