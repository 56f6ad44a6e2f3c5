"""One request's device commands: read together, decided one by one in memory, written together.

Each command is decided against the state the commands before it left, and its effects are
kept only once it has fully succeeded; `write` then stores them all with one prepared
statement per table (see docs/decisions/009-batched-command-apply.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal
from uuid import UUID

from sqlalchemy import Text, bindparam, cast, insert, select, update
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind, Role
from hub import feed
from hub.enrolment import Device
from hub.errors import CommandIdReused
from hub.order_commands import OrderChange, Sender, command_digest, decide
from hub.refusals import Refusal
from hub.storage import Base
from sync.protocol import (
    FEED_RECORD,
    Command,
    CommandResult,
    FeedRecord,
    OrderData,
    OrderRecord,
)

_ORDERS: Final = Base.metadata.tables["orders"]
_FEED: Final = Base.metadata.tables["feed"]
_STORES: Final = Base.metadata.tables["stores"]
_STAFF: Final = Base.metadata.tables["staff"]
_COMMANDS: Final = Base.metadata.tables["commands"]
_CALLS: Final = Base.metadata.tables["channel_calls"]

_UPDATE_ORDER: Final = (
    update(_ORDERS)
    .where(_ORDERS.c.order_id == bindparam("key_order_id"))
    .values(
        status=bindparam("new_status"), version=bindparam("new_version"), body=bindparam("new_body")
    )
)
_UPDATE_FEED: Final = (
    update(_FEED)
    .where(_FEED.c.store_id == bindparam("key_store_id"))
    .where(_FEED.c.entity_key == bindparam("key_entity_key"))
    .values(seq=bindparam("new_seq"), payload=bindparam("new_payload"))
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

Answer = tuple[Literal["applied", "rejected"], str, str]


@dataclass(slots=True)
class _Order:
    """An order of the batch as the commands so far left it."""

    store_id: str
    stored_body: str
    """The body as stored, JSON text: parsed only when a command needs the order."""
    data: OrderData | None = None
    body: dict[str, Any] | None = None
    """The new body to store, once a command changed the order."""

    def parsed(self) -> OrderData:
        if self.data is None:
            self.data = OrderData.model_validate_json(self.stored_body)
        return self.data


@dataclass(slots=True)
class _FeedRow:
    """An order's place in the store's feed as the commands so far left it."""

    seq: int
    payload: str | dict[str, Any]
    """The payload as stored (JSON text, parsed only when needed), or the new one to store."""
    stored: bool = True
    """Whether the row is in the database (else it is inserted)."""
    changed: bool = False

    def record(self) -> FeedRecord:
        payload = json.loads(self.payload) if isinstance(self.payload, str) else self.payload
        return FEED_RECORD.validate_python({**payload, "seq": self.seq})


@dataclass(frozen=True, slots=True)
class _AppliedChange:
    """An applied command's change, made ready to keep: the order's new body and feed row."""

    order_id: str
    data: OrderData
    body: dict[str, Any]
    seq: int
    feed_key: str
    payload: dict[str, Any]
    current: FeedRecord
    channel_call: dict[str, Any]

    @classmethod
    def of(cls, change: OrderChange, seq: int) -> _AppliedChange:
        """`change` put at `seq` in the store's feed."""
        data = change.order
        body = data.model_dump(mode="json")
        payload = feed.record_payload(
            RecordKind.ORDER, data.order_id, version=data.version, data=body
        )
        return cls(
            order_id=data.order_id,
            data=data,
            body=body,
            seq=seq,
            feed_key=feed.entity_key(RecordKind.ORDER, data.order_id),
            payload=payload,
            current=OrderRecord(
                seq=seq, kind="order", id=data.order_id, version=data.version, data=data
            ),
            channel_call=change.channel_call,
        )


class CommandBatch:
    """The commands of one request for `device`, applied in the caller's transaction.

    `apply` decides one command and answers it; a command that raises leaves no trace. `write`
    stores what the commands applied so far did. `dedupe=False` (tests only) makes a known
    command id execute again instead of replaying its stored answer.
    """

    def __init__(
        self, session: Session, device: Device, commands: Sequence[Command], *, dedupe: bool
    ) -> None:
        self._session = session
        self._device = device
        self._dedupe = dedupe
        self._answers = _load_answers(session, {str(command.command_id) for command in commands})
        order_ids = {command.order_id for command in commands}
        order_ids |= {answer["entity_id"] for answer in self._answers.values()}
        self._orders = _load_orders(session, order_ids)
        self._feed = _load_feed(session, device.store_id, order_ids)
        self._staff = _load_staff(session, {command.staff_id for command in commands})
        last_seq = session.scalar(
            select(_STORES.c.last_seq).where(_STORES.c.store_id == device.store_id)
        )
        if last_seq is None:
            raise LookupError(f"no store {device.store_id}")
        self._last_seq: int = last_seq
        self._new_answers: list[str] = []
        self._changed_answers: set[str] = set()
        self._channel_calls: list[dict[str, Any]] = []

    def apply(self, command: Command, now: datetime) -> CommandResult:
        """Apply one command after the ones before it and answer it.

        A known id with the same body replays the stored answer ("applied" comes back as
        "duplicate"); with another body it raises CommandIdReused.
        """
        command_id = str(command.command_id)
        body_digest = command_digest(command)
        known = self._answers.get(command_id)
        if self._dedupe and known is not None:
            if known["body_sha256"] != body_digest or known["store_id"] != self._device.store_id:
                raise CommandIdReused(command_id)
            return self._replay(known)
        order = self._order_in_store(command.order_id)
        try:
            change = decide(
                command,
                self._device.store_id,
                self._staff.get(command.staff_id),
                None if order is None else order.parsed(),
                now,
            )
        except Refusal as refusal:
            answer: Answer = ("rejected", refusal.reason, refusal.message)
            result = _result(command, answer, self._current(command.order_id), applied_at=None)
        else:
            answer = ("applied", "", change.message)
            applied = _AppliedChange.of(change, self._last_seq + 1)
            result = _result(command, answer, applied.current, applied_at=now)
            self._keep(applied)
        # Nothing below can fail: the command is applied as far as the batch knows.
        self._remember(known, command, body_digest, answer, now, applied_at=result.applied_at)
        return result

    def write(self) -> None:
        """Store the effects of every command applied so far, in the caller's transaction."""
        session = self._session
        orders = [
            {
                "key_order_id": order_id,
                "new_status": order.parsed().status.value,
                "new_version": order.parsed().version,
                "new_body": order.body,
            }
            for order_id, order in self._orders.items()
            if order.body is not None
        ]
        if orders:
            session.execute(_UPDATE_ORDER, orders)
        self._write_feed()
        if self._channel_calls:
            session.execute(insert(_CALLS), self._channel_calls)
        if self._new_answers:
            session.execute(insert(_COMMANDS), [self._answers[i] for i in self._new_answers])
        if self._changed_answers:
            session.execute(
                _UPDATE_COMMAND,
                [_keyed(self._answers[i], "command_id") for i in sorted(self._changed_answers)],
            )

    # --- internals ----------------------------------------------------------------------

    def _order_in_store(self, order_id: str) -> _Order | None:
        order = self._orders.get(order_id)
        return order if order is not None and order.store_id == self._device.store_id else None

    def _current(self, order_id: str) -> FeedRecord | None:
        """The order's feed record as it stands now, or None when not an order of the store."""
        if self._order_in_store(order_id) is None:
            return None
        row = self._feed.get(feed.entity_key(RecordKind.ORDER, order_id))
        return None if row is None else row.record()

    def _keep(self, applied: _AppliedChange) -> None:
        """Take an applied change into the batch's state (cannot fail)."""
        order = self._orders[applied.order_id]
        order.body, order.data = applied.body, applied.data
        self._last_seq = applied.seq
        stored = applied.feed_key in self._feed and self._feed[applied.feed_key].stored
        self._feed[applied.feed_key] = _FeedRow(applied.seq, applied.payload, stored, changed=True)
        self._channel_calls.append(applied.channel_call)

    def _remember(
        self,
        known: dict[str, Any] | None,
        command: Command,
        body_digest: str,
        answer: Answer,
        now: datetime,
        *,
        applied_at: datetime | None,
    ) -> None:
        """Keep the command's answer, and who sent it, for replays."""
        outcome, reason, message = answer
        values = {
            "store_id": self._device.store_id,
            "device_id": self._device.device_id,
            "staff_id": command.staff_id,
            "command_type": command.type,
            "body_sha256": body_digest,
            "outcome": outcome,
            "reason": reason,
            "message": message,
            "entity_kind": RecordKind.ORDER.value,
            "entity_id": command.order_id,
            "received_at": now,
            "applied_at": applied_at,
        }
        command_id = str(command.command_id)
        if known is None:
            self._answers[command_id] = {"command_id": command_id, "executions": 1, **values}
            self._new_answers.append(command_id)
            return
        # Only reachable with dedupe off: the row keeps the latest answer.
        known.update(values)
        known["executions"] += 1
        if command_id not in self._new_answers:
            self._changed_answers.add(command_id)

    def _replay(self, known: dict[str, Any]) -> CommandResult:
        return CommandResult(
            command_id=UUID(known["command_id"]),
            outcome="duplicate" if known["outcome"] == "applied" else "rejected",
            reason=known["reason"],
            message=known["message"],
            current=self._current(known["entity_id"]),
            applied_at=known["applied_at"],
        )

    def _write_feed(self) -> None:
        store_id = self._device.store_id
        changed = [(key, row) for key, row in self._feed.items() if row.changed]
        if not changed:
            return
        updates = [
            {
                "key_store_id": store_id,
                "key_entity_key": key,
                "new_seq": row.seq,
                "new_payload": row.payload,
            }
            for key, row in changed
            if row.stored
        ]
        inserts = [
            {"store_id": store_id, "entity_key": key, "seq": row.seq, "payload": row.payload}
            for key, row in changed
            if not row.stored
        ]
        if updates:
            self._session.execute(_UPDATE_FEED, updates)
        if inserts:
            self._session.execute(insert(_FEED), inserts)
        self._session.execute(
            update(_STORES).where(_STORES.c.store_id == store_id).values(last_seq=self._last_seq)
        )
        feed.mark_touched(self._session, store_id)


def _result(
    command: Command, answer: Answer, current: FeedRecord | None, *, applied_at: datetime | None
) -> CommandResult:
    outcome, reason, message = answer
    return CommandResult(
        command_id=command.command_id,
        outcome=outcome,
        reason=reason,
        message=message,
        current=current,
        applied_at=applied_at,
    )


def _keyed(row: dict[str, Any], key: str) -> dict[str, Any]:
    """`row` as parameters of an UPDATE by `key`: key_<key> and new_<column>."""
    return {
        (f"key_{column}" if column == key else f"new_{column}"): value
        for column, value in row.items()
    }


def _load_answers(session: Session, command_ids: set[str]) -> dict[str, dict[str, Any]]:
    rows = session.execute(select(_COMMANDS).where(_COMMANDS.c.command_id.in_(command_ids)))
    return {row["command_id"]: dict(row) for row in rows.mappings()}


def _load_orders(session: Session, order_ids: set[str]) -> dict[str, _Order]:
    rows = session.execute(
        select(_ORDERS.c.order_id, _ORDERS.c.store_id, cast(_ORDERS.c.body, Text)).where(
            _ORDERS.c.order_id.in_(order_ids)
        )
    )
    return {order_id: _Order(store_id, body) for order_id, store_id, body in rows}


def _load_feed(session: Session, store_id: str, order_ids: set[str]) -> dict[str, _FeedRow]:
    keys = [feed.entity_key(RecordKind.ORDER, order_id) for order_id in order_ids]
    rows = session.execute(
        select(_FEED.c.entity_key, _FEED.c.seq, cast(_FEED.c.payload, Text)).where(
            _FEED.c.store_id == store_id, _FEED.c.entity_key.in_(keys)
        )
    )
    return {key: _FeedRow(seq, payload) for key, seq, payload in rows}


def _load_staff(session: Session, staff_ids: set[str]) -> dict[str, Sender]:
    rows = session.execute(
        select(
            _STAFF.c.staff_id, _STAFF.c.store_id, _STAFF.c.name, _STAFF.c.roles, _STAFF.c.active
        ).where(_STAFF.c.staff_id.in_(staff_ids))
    )
    return {
        staff_id: Sender(store_id, name, frozenset(Role(role) for role in roles), active)
        for staff_id, store_id, name, roles, active in rows
    }
