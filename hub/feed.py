"""Each store's change feed: entity rows bumped to a fresh seq, cursors, pages and wake-ups."""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind
from hub.errors import CursorInvalid
from hub.tables import FeedRow, HubSettingRow, StoreRow
from sync.protocol import RawFeedPage

_EPOCH_KEY: Final = "feed_epoch"
_TOUCHED: Final = "hub_feed_touched_stores"
_ADDED: Final = "hub_feed_rows_added"
_ABSENT: Final = "hub_feed_keys_absent"


def encode_cursor(epoch: str, seq: int) -> str:
    """The opaque cursor standing for "everything up to `seq` in `epoch`"."""
    return base64.urlsafe_b64encode(f"{epoch}:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, epoch: str) -> int:
    """The seq a cursor stands for (0 when absent); raise CursorInvalid for another epoch."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        cursor_epoch, _, seq_text = text.partition(":")
        seq = int(seq_text)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorInvalid(
            "This feed position is not understood; sync again from the start."
        ) from None
    if cursor_epoch != epoch or seq < 0:
        raise CursorInvalid("The hub's feed was reset; sync again from the start.")
    return seq


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
    session: Session, store_id: str, kind: RecordKind, entity_id: str, *, version: int, data: Any
) -> int:
    """Put the entity at its new version at the head of the store's feed; return its seq.

    `data` is the entity's JSON-ready dict. Waiters are woken once the transaction commits.
    """
    record = record_payload(kind, entity_id, version=version, data=data)
    return _put(session, store_id, entity_key(kind, entity_id), record)


def record_payload(kind: RecordKind, entity_id: str, *, version: int, data: Any) -> dict[str, Any]:
    """The feed row's payload of an entity at `version`: the record as served, but its seq."""
    return {"kind": kind.value, "id": entity_id, "version": version, "data": data}


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
            absent: set[tuple[str, str]] = session.info.setdefault(_ABSENT, set())
            row = None if (store_id, key) in absent else session.get(FeedRow, (store_id, key))
            absent.discard((store_id, key))
    if row is None:
        row = FeedRow(store_id=store_id, entity_key=key, seq=store.last_seq, payload=record)
        session.add(row)
        added[(store_id, key)] = row
    else:
        row.seq = store.last_seq
        row.payload = record
    mark_touched(session, store_id)
    return store.last_seq


@contextmanager
def preloaded(session: Session, store_id: str, keys: Collection[str]) -> Iterator[None]:
    """Within the block, publishing any of `keys` needs no query of its own: their feed rows
    are read in one query first (and which ones do not exist yet is remembered until the
    block ends: only the ORM writes the feed meanwhile)."""
    _preload(session, store_id, keys)
    try:
        yield
    finally:
        session.info.pop(_ABSENT, None)


def _preload(session: Session, store_id: str, keys: Collection[str]) -> None:
    if not keys:
        return
    added: dict[tuple[str, str], FeedRow] = session.info.setdefault(_ADDED, {})
    absent: set[tuple[str, str]] = session.info.setdefault(_ABSENT, set())
    with session.no_autoflush:
        rows = session.scalars(
            select(FeedRow).where(FeedRow.store_id == store_id, FeedRow.entity_key.in_(keys))
        )
        found = {row.entity_key: row for row in rows}
    for key in keys:
        row = found.get(key)
        if row is None:
            if (store_id, key) not in added:
                absent.add((store_id, key))
        else:
            added.setdefault((store_id, key), row)


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


def read_page(
    session: Session, store_id: str, epoch: str, after_seq: int, limit: int
) -> RawFeedPage:
    """Up to `limit` records newer than `after_seq`, in seq order, each served with its seq."""
    rows = session.scalars(
        select(FeedRow)
        .where(FeedRow.store_id == store_id, FeedRow.seq > after_seq)
        .order_by(FeedRow.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    last_seq = page[-1].seq if page else after_seq
    return RawFeedPage(
        records=[{**row.payload, "seq": row.seq} for row in page],
        cursor=encode_cursor(epoch, last_seq),
        has_more=len(rows) > limit,
    )


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
