"""What a command batch reads before deciding: orders, feed rows, answers, staff, pickup codes.

Each is read with one query; orders and feed payloads stay JSON text until a command needs them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from app.domain.vocabulary import Role
from hub.orders.order_commands import Sender
from hub.storage.engine import Base
from sync.protocol import FEED_RECORD, FeedRecord, OrderData

_ORDERS: Final = Base.metadata.tables["orders"]
_FEED: Final = Base.metadata.tables["feed"]
_STAFF: Final = Base.metadata.tables["staff"]
_COMMANDS: Final = Base.metadata.tables["commands"]


@dataclass(slots=True)
class BatchOrder:
    """An order of the batch as the commands so far left it."""

    store_id: str
    stored_body: str
    """The body as stored, JSON text: parsed only when a command needs the order."""
    data: OrderData | None = None
    body: str | None = None
    """The new body to store (JSON text), once a command changed the order."""

    def parsed(self) -> OrderData:
        """The order as the commands so far left it."""
        if self.data is None:
            self.data = OrderData.model_validate_json(self.stored_body)
        return self.data


@dataclass(slots=True)
class BatchFeedRow:
    """An order's place in the store's feed as the commands so far left it."""

    seq: int
    payload: str | dict[str, Any]
    """The payload as stored (JSON text, parsed only when needed), or the new one to store."""
    stored: bool = True
    """Whether the row is in the database (else it is inserted)."""
    changed: bool = False

    def record(self) -> FeedRecord:
        """The feed record as served (with its seq)."""
        payload = json.loads(self.payload) if isinstance(self.payload, str) else self.payload
        return FEED_RECORD.validate_python({**payload, "seq": self.seq})


def load_answers(session: Session, command_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The stored answers of those of `command_ids` the hub has seen, by id."""
    rows = session.execute(select(_COMMANDS).where(_COMMANDS.c.command_id.in_(command_ids)))
    return {row["command_id"]: dict(row) for row in rows.mappings()}


def load_orders(session: Session, order_ids: set[str]) -> dict[str, BatchOrder]:
    """Those of `order_ids` the hub has, bodies unparsed."""
    rows = session.execute(
        select(_ORDERS.c.order_id, _ORDERS.c.store_id, cast(_ORDERS.c.body, Text)).where(
            _ORDERS.c.order_id.in_(order_ids)
        )
    )
    return {order_id: BatchOrder(store_id, body) for order_id, store_id, body in rows}


def load_pickup_codes(session: Session, store_id: str, channel: str, day: str) -> dict[str, str]:
    """The pickup codes `channel`'s orders of the store hold on service `day`, by code."""
    code = _ORDERS.c.body["pickup_code"].as_string()
    rows = session.execute(
        select(_ORDERS.c.order_id, code).where(
            _ORDERS.c.store_id == store_id,
            _ORDERS.c.channel == channel,
            _ORDERS.c.service_day == day,
            code.is_not(None),
        )
    )
    return {pickup_code: order_id for order_id, pickup_code in rows}


def load_feed(session: Session, store_id: str, keys: list[str]) -> dict[str, BatchFeedRow]:
    """The store's feed rows of those entity `keys` that have one, payloads unparsed."""
    rows = session.execute(
        select(_FEED.c.entity_key, _FEED.c.seq, cast(_FEED.c.payload, Text)).where(
            _FEED.c.store_id == store_id, _FEED.c.entity_key.in_(keys)
        )
    )
    return {key: BatchFeedRow(seq, payload) for key, seq, payload in rows}


def load_staff(session: Session, staff_ids: set[str]) -> dict[str, Sender]:
    """Those of `staff_ids` the hub knows, as the command rules need them."""
    rows = session.execute(
        select(
            _STAFF.c.staff_id, _STAFF.c.store_id, _STAFF.c.name, _STAFF.c.roles, _STAFF.c.active
        ).where(_STAFF.c.staff_id.in_(staff_ids))
    )
    return {
        staff_id: Sender(store_id, name, frozenset(Role(role) for role in roles), active)
        for staff_id, store_id, name, roles, active in rows
    }
