"""One request's device commands: read together, decided one by one in memory, written together.

Each command is decided against the state the commands before it left, and its effects are
kept only once it has fully succeeded; `write` then stores them all with one prepared
statement per table (see docs/decisions/009-batched-command-apply.md). The reads are in
`command_batch_reads`, the writes in `command_batch_writes`; busy mode (`pause_channel`)
changes the store's settings, not an order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.permissions import Permission
from app.domain.vocabulary import RecordKind
from hub.clock import service_day
from hub.devices.enrolment import Device
from hub.errors import CommandIdReused, Refusal
from hub.orders import order_refusals, side_flows
from hub.orders.command_batch_reads import (
    BatchFeedRow,
    BatchOrder,
    load_answers,
    load_feed,
    load_orders,
    load_pickup_codes,
    load_staff,
)
from hub.orders.command_batch_writes import BatchWrites, write_batch
from hub.orders.order_commands import (
    OrderChange,
    Sender,
    command_digest,
    command_entity,
    decide,
    permitted_roles,
)
from hub.publishing import feed
from hub.storage.engine import Base
from sync.protocol import (
    AcceptOrder,
    Command,
    CommandResult,
    FeedRecord,
    OrderData,
    OrderRecord,
    PauseChannel,
    SetPickupCode,
    StaffCommand,
    StoreSettingsData,
    StoreSettingsRecord,
    TaskCommand,
)

_STORES: Final = Base.metadata.tables["stores"]

Answer = tuple[Literal["applied", "rejected"], str, str]


@dataclass(frozen=True, slots=True)
class _AppliedChange:
    """An applied command's change, made ready to keep: the order's new body and feed row,
    both JSON text (the body encoded once, by pydantic, for the order row and the feed)."""

    order_id: str
    data: OrderData
    body: str
    seq: int
    feed_key: str
    payload: str
    current: FeedRecord
    channel_call: dict[str, Any]

    @classmethod
    def of(cls, change: OrderChange, seq: int) -> _AppliedChange:
        """`change` put at `seq` in the store's feed."""
        data = change.order
        body = data.model_dump_json()
        payload = feed.record_payload_text(
            RecordKind.ORDER, data.order_id, version=data.version, data_json=body
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
        self._answers = load_answers(session, {str(command.command_id) for command in commands})
        entities = {command_entity(command, device.store_id) for command in commands}
        entities |= {
            (RecordKind(answer["entity_kind"]), answer["entity_id"])
            for answer in self._answers.values()
        }
        order_ids = {entity_id for kind, entity_id in entities if kind is RecordKind.ORDER}
        self._orders = load_orders(session, order_ids)
        self._feed = load_feed(
            session, device.store_id, [feed.entity_key(kind, i) for kind, i in entities]
        )
        self._settings: StoreSettingsData | None = None
        self._settings_changed = False
        self._pickup_codes: dict[tuple[str, str], dict[str, str]] = {}
        """Per service day and code-assigning channel: the pickup codes its orders of the
        store hold, and whose."""
        # Senders and the managers named by overrides (`approved_by`), checked per command.
        people = {command.staff_id for command in commands}
        people |= {c.approved_by for c in commands if c.approved_by is not None}
        self._staff = load_staff(session, people)
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
        if isinstance(command, PauseChannel):
            return self._apply_pause(command, known, body_digest, now)
        if isinstance(command, StaffCommand | TaskCommand):
            raise TypeError(f"{command.type} is a picking command (picking_commands.py)")
        order = self._order_in_store(command.order_id)
        data = None if order is None else order.parsed()
        try:
            change = decide(
                command,
                self._device.store_id,
                self._staff.get(command.staff_id),
                data,
                now,
                pickup_codes_taken=self._codes_of(data)
                if isinstance(command, SetPickupCode | AcceptOrder)
                else {},
                approver=self._approver(command),
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
        write_batch(
            self._session,
            self._device.store_id,
            BatchWrites(
                orders=self._orders,
                feed=self._feed,
                last_seq=self._last_seq,
                settings=self._settings if self._settings_changed else None,
                channel_calls=self._channel_calls,
                new_answers=[self._answers[i] for i in self._new_answers],
                changed_answers=[self._answers[i] for i in sorted(self._changed_answers)],
            ),
        )

    def orders_now(self, order_ids: Iterable[str]) -> list[OrderData]:
        """These orders as the commands so far left them, from memory (no re-read, no
        re-parse of an order a command already parsed), in the given order."""
        return [
            order.parsed()
            for order_id in order_ids
            if (order := self._order_in_store(order_id)) is not None
        ]

    # --- internals ----------------------------------------------------------------------

    def _approver(self, command: Command) -> Sender | None:
        """The staff member the command's override names, if the hub knows them."""
        return None if command.approved_by is None else self._staff.get(command.approved_by)

    def _order_in_store(self, order_id: str) -> BatchOrder | None:
        order = self._orders.get(order_id)
        return order if order is not None and order.store_id == self._device.store_id else None

    def _current(self, entity_id: str, kind: RecordKind = RecordKind.ORDER) -> FeedRecord | None:
        """The entity's feed record as it stands now, or None when not one of the store."""
        if kind is RecordKind.ORDER and self._order_in_store(entity_id) is None:
            return None
        if kind is not RecordKind.ORDER and entity_id != self._device.store_id:
            return None
        row = self._feed.get(feed.entity_key(kind, entity_id))
        return None if row is None else row.record()

    def _codes_of(self, order: OrderData | None) -> dict[str, str]:
        """The pickup codes given on `order`'s service day in its channel, by code (loaded
        once per day and channel); none for a channel that gives no codes (its orders'
        codes are never checked)."""
        if order is None or not CHANNEL_RULES[order.channel].assigns_pickup_code:
            return {}
        key = (service_day(order.placed_at), order.channel.value)
        if key not in self._pickup_codes:
            self._pickup_codes[key] = load_pickup_codes(
                self._session, self._device.store_id, order.channel.value, key[0]
            )
        return self._pickup_codes[key]

    def _apply_pause(
        self, command: PauseChannel, known: dict[str, Any] | None, body_digest: str, now: datetime
    ) -> CommandResult:
        """Busy mode: the store's settings get the channel's pause (or its reopening)."""
        store_id = self._device.store_id
        sender = self._staff.get(command.staff_id)
        try:
            if sender is None or sender.store_id != store_id or not sender.active:
                raise order_refusals.unknown_staff()
            permitted_roles(
                command, sender, self._approver(command), Permission.PAUSE_CHANNEL, store_id
            )
            settings = side_flows.paused_settings(command, self._store_settings(), now)
        except Refusal as refusal:
            answer: Answer = ("rejected", refusal.reason, refusal.message)
            current = self._current(store_id, RecordKind.STORE_SETTINGS)
            result = _result(command, answer, current, applied_at=None)
        else:
            seq = self._last_seq + 1
            data = settings.model_dump(mode="json")
            payload = feed.record_payload(
                RecordKind.STORE_SETTINGS, store_id, version=settings.version, data=data
            )
            record = StoreSettingsRecord(
                seq=seq, kind="store_settings", id=store_id, version=settings.version, data=settings
            )
            answer = ("applied", "", order_refusals.pause_words(command))
            result = _result(command, answer, record, applied_at=now)
            key = feed.entity_key(RecordKind.STORE_SETTINGS, store_id)
            stored = key in self._feed and self._feed[key].stored
            self._feed[key] = BatchFeedRow(seq, payload, stored, changed=True)
            self._settings, self._settings_changed, self._last_seq = settings, True, seq
        self._remember(known, command, body_digest, answer, now, applied_at=result.applied_at)
        return result

    def _store_settings(self) -> StoreSettingsData:
        if self._settings is None:
            raw = self._session.scalar(
                select(_STORES.c.settings).where(_STORES.c.store_id == self._device.store_id)
            )
            self._settings = StoreSettingsData.model_validate(raw)
        return self._settings

    def _keep(self, applied: _AppliedChange) -> None:
        """Take an applied change into the batch's state (cannot fail)."""
        order = self._orders[applied.order_id]
        order.body, order.data = applied.body, applied.data
        self._last_seq = applied.seq
        stored = applied.feed_key in self._feed and self._feed[applied.feed_key].stored
        self._feed[applied.feed_key] = BatchFeedRow(
            applied.seq, applied.payload, stored, changed=True
        )
        self._channel_calls.append(applied.channel_call)
        code = applied.data.pickup_code
        key = (service_day(applied.data.placed_at), applied.data.channel.value)
        if code is not None and key in self._pickup_codes:
            self._pickup_codes[key][code] = applied.order_id

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
            "entity_kind": command_entity(command, self._device.store_id)[0].value,
            "entity_id": command_entity(command, self._device.store_id)[1],
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
            current=self._current(known["entity_id"], RecordKind(known["entity_kind"])),
            applied_at=known["applied_at"],
        )


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
