"""Each store's change feed: entity rows bumped to a fresh seq, cursors, pages and wake-ups."""

from __future__ import annotations

import base64
import json
import secrets
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Final

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app.domain.vocabulary import Channel, RecordKind
from app.domain.wire_limits import MESSAGE_MAX
from hub.storage.engine import Base
from hub.storage.tables import FeedRow, HubSettingRow, StoreRow
from hub.wire_text import fit_text
from sync.protocol import ChannelIntakeData

CHANNEL_INTAKE: Final = "channel_intake"
"""Feed kind of a store's count of channel payloads that are no order at all."""
_EPOCH_KEY: Final = "feed_epoch"
_TOUCHED: Final = "hub_feed_touched_stores"
_ADDED: Final = "hub_feed_rows_added"
_FEED: Final = Base.metadata.tables["feed"]
_STORES: Final = Base.metadata.tables["stores"]
_UPDATE_FEED: Final = (
    update(_FEED)
    .where(_FEED.c.store_id == bindparam("key_store_id"))
    .where(_FEED.c.entity_key == bindparam("key_entity_key"))
    .values(seq=bindparam("new_seq"), payload=bindparam("new_payload"))
)


def encode_cursor(epoch: str, seq: int) -> str:
    """The opaque cursor standing for "everything up to `seq` in `epoch`"."""
    return base64.urlsafe_b64encode(f"{epoch}:{seq}".encode()).decode().rstrip("=")


def load_epoch(session: Session) -> str:
    """The current feed epoch, creating one for a fresh database."""
    row = session.get(HubSettingRow, _EPOCH_KEY)
    if row is None:
        row = HubSettingRow(key=_EPOCH_KEY, value=secrets.token_hex(6))
        session.add(row)
    return row.value


def renew_epoch(session: Session) -> str:
    """Start a new feed epoch: every cursor issued before becomes invalid."""
    value = secrets.token_hex(6)
    row = session.get(HubSettingRow, _EPOCH_KEY)
    if row is None:
        session.add(HubSettingRow(key=_EPOCH_KEY, value=value))
    else:
        row.value = value
    return value


def entity_key(kind: RecordKind | str, entity_id: str) -> str:
    """The feed key of an entity: one row per (kind, id)."""
    return f"{kind}/{entity_id}"


def publish(
    session: Session,
    store_id: str,
    kind: RecordKind | str,
    entity_id: str,
    *,
    version: int,
    data: Any,
) -> int:
    """Put the entity at its new version at the head of the store's feed; return its seq.

    `data` is the entity's JSON-ready dict. Waiters are woken once the transaction commits.
    """
    record = record_payload(kind, entity_id, version=version, data=data)
    return _put(session, store_id, entity_key(kind, entity_id), record)


def record_payload(
    kind: RecordKind | str, entity_id: str, *, version: int, data: Any
) -> dict[str, Any]:
    """The feed row's payload of an entity at `version`: the record as served, but its seq."""
    return {"kind": str(kind), "id": entity_id, "version": version, "data": data}


def record_payload_text(
    kind: RecordKind | str, entity_id: str, *, version: int, data_json: str
) -> str:
    """`record_payload` as JSON text, around `data_json`: the entity already encoded (once,
    for its own row too), so a batch stores the feed row without encoding it again."""
    head = json.dumps({"kind": str(kind), "id": entity_id, "version": version})
    return f'{head[:-1]}, "data": {data_json}}}'


def note_channel_intake_reject(
    session: Session, store_id: str, channel: Channel, reason: str, at: datetime
) -> ChannelIntakeData:
    """Count one more channel payload that is no order at all in the store's `channel_intake`
    record (one per store, id = store id), so its devices' sync health screens show it."""
    row = session.get(FeedRow, (store_id, entity_key(CHANNEL_INTAKE, store_id)))
    previous = None if row is None else row.payload.get("data")
    count = int(previous.get("rejected_count", 0)) if isinstance(previous, dict) else 0
    version = 1 if row is None else int(row.payload.get("version", 0)) + 1
    data = ChannelIntakeData(
        store_id=store_id,
        rejected_count=count + 1,
        last_rejected_at=at,
        last_channel=channel,
        last_reason=fit_text(reason, MESSAGE_MAX),
        version=version,
    )
    publish(
        session,
        store_id,
        CHANNEL_INTAKE,
        store_id,
        version=version,
        data=data.model_dump(mode="json"),
    )
    return data


def append_raw(session: Session, store_id: str, raw: dict[str, Any]) -> int:
    """Append an arbitrary record (never replacing an entity) for quarantine tests."""
    store = _store(session, store_id)
    return _put(session, store_id, f"raw/{store.last_seq + 1}", dict(raw))


def _put(session: Session, store_id: str, key: str, record: dict[str, Any]) -> int:
    # Without autoflush: a publish needs no earlier change written first, and flushing before
    # each lookup made publishing a batch's tasks cost a flush per task. A row added in this
    # session is not in the identity map until flushed, hence the session's own note of them
    # (checked to be still in the session: a rolled-back savepoint drops what it added).
    added: dict[tuple[str, str], FeedRow] = session.info.setdefault(_ADDED, {})
    with session.no_autoflush:
        store = _store(session, store_id)
        store.last_seq += 1
        row = added.get((store_id, key))
        if row is None or row not in session:
            row = session.get(FeedRow, (store_id, key))
    if row is None:
        row = FeedRow(store_id=store_id, entity_key=key, seq=store.last_seq, payload=record)
        session.add(row)
        added[(store_id, key)] = row
    else:
        row.seq = store.last_seq
        row.payload = record
    mark_touched(session, store_id)
    return store.last_seq


class FeedBatch:
    """Publishes of one store collected in memory, then written with one statement per kind of
    write (as the command batch does, decision 009): the ORM's bookkeeping per feed row cost
    more than SQLite. Each publish takes the next seq, as `publish` would; an entity published
    twice keeps its last seq and payload. Flush the session's own changes first: the store's
    seq counter is read here and written by `write`, in the caller's transaction."""

    def __init__(self, session: Session, store_id: str) -> None:
        self._session = session
        self._store_id = store_id
        self._last_seq = _store(session, store_id).last_seq
        self._start_seq = self._last_seq
        self._records: dict[str, tuple[int, dict[str, Any]]] = {}

    def reserve(self) -> int:
        """Take the next seq now for a record published later at it (`publish(seq=...)`)."""
        self._last_seq += 1
        return self._last_seq

    def publish(
        self, kind: RecordKind, entity_id: str, *, version: int, data: Any, seq: int | None = None
    ) -> int:
        """`publish`, held until `write`; return the entity's seq (`seq`: one reserved)."""
        if seq is None:
            seq = self.reserve()
        record = record_payload(kind, entity_id, version=version, data=data)
        self._records[entity_key(kind, entity_id)] = (seq, record)
        return seq

    def write(self) -> None:
        """Store every publish so far, advance the store's seq and wake its readers after
        commit. Feed and store objects the session holds are kept in step with the rows."""
        if self._last_seq == self._start_seq:
            return
        session, store_id = self._session, self._store_id
        keys = list(self._records)
        stored = set(
            session.scalars(
                select(_FEED.c.entity_key).where(
                    _FEED.c.store_id == store_id, _FEED.c.entity_key.in_(keys)
                )
            )
        )
        updates = [
            {
                "key_store_id": store_id,
                "key_entity_key": key,
                "new_seq": seq,
                "new_payload": payload,
            }
            for key, (seq, payload) in self._records.items()
            if key in stored
        ]
        inserts = [
            {"store_id": store_id, "entity_key": key, "seq": seq, "payload": payload}
            for key, (seq, payload) in self._records.items()
            if key not in stored
        ]
        if updates:
            session.execute(_UPDATE_FEED, updates)
        if inserts:
            session.execute(insert(_FEED), inserts)
        session.execute(
            update(_STORES).where(_STORES.c.store_id == store_id).values(last_seq=self._last_seq)
        )
        store = session.identity_map.get(identity_key(StoreRow, store_id))
        if store is not None:
            set_committed_value(store, "last_seq", self._last_seq)
        for key, (seq, payload) in self._records.items():
            row = session.identity_map.get(identity_key(FeedRow, (store_id, key)))
            if row is not None:
                set_committed_value(row, "seq", seq)
                set_committed_value(row, "payload", payload)
        self._start_seq = self._last_seq
        self._records.clear()
        mark_touched(session, store_id)


def mark_touched(session: Session, store_id: str) -> None:
    """Note that this session changed the store's feed, so its readers are woken after commit."""
    touched: set[str] = session.info.setdefault(_TOUCHED, set())
    touched.add(store_id)


def _store(session: Session, store_id: str) -> StoreRow:
    store = session.get(StoreRow, store_id)
    if store is None:
        raise LookupError(f"no store {store_id}")
    return store


def touched_stores(session: Session) -> frozenset[str]:
    """Stores whose feed this session changed."""
    return frozenset(session.info.get(_TOUCHED, ()))


def current_payloads(
    session: Session, store_id: str, kind: RecordKind, entity_ids: Sequence[str]
) -> list[dict[str, Any]]:
    """The raw feed records of those entities that are in the feed, as a page serves them."""
    keys = [entity_key(kind, entity_id) for entity_id in entity_ids]
    rows = session.scalars(
        select(FeedRow).where(FeedRow.store_id == store_id, FeedRow.entity_key.in_(keys))
    )
    return [{**row.payload, "seq": row.seq} for row in rows]


class FeedSignal:
    """Wakes long-polling readers when a store's feed changed, or when the server stops."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._generations: dict[str, int] = {}
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """How many readers are blocked in `wait` right now."""
        with self._condition:
            return self._waiting

    def generation(self, store_id: str) -> int:
        """A number that changes every time the store's feed changes."""
        with self._condition:
            return self._generations.get(store_id, 0)

    def announce(self, store_ids: Iterable[str]) -> None:
        """Tell waiters these stores' feeds changed (call after the commit)."""
        with self._condition:
            for store_id in store_ids:
                self._generations[store_id] = self._generations.get(store_id, 0) + 1
            self._condition.notify_all()

    def wake_all(self) -> None:
        """Make every waiter re-check its `give_up` condition now."""
        with self._condition:
            self._condition.notify_all()

    def wait(self, store_id: str, seen: int, timeout_s: float, give_up: Callable[[], bool]) -> None:
        """Block until the store's generation moves past `seen`, `give_up()`, or the timeout."""
        with self._condition:
            self._waiting += 1
            try:
                self._condition.wait_for(
                    lambda: self._generations.get(store_id, 0) != seen or give_up(), timeout_s
                )
            finally:
                self._waiting -= 1
