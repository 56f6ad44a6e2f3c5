"""Serving the store's change feed: pages read from cursors, and a new device's first sync.

A page's records are served as the hub stored them: each payload's JSON text read as it is,
its seq spliced in, never parsed and dumped again (FeedPageText.body). A first sync asked for
with `first=recent` (decision 041) serves every record but orders and tasks first (settings,
staff, catalogue...), then the orders and tasks newest change first (today's open orders
before today's closed ones, today before yesterday), so a new device's counter can work
while the history arrives behind it; then it carries on as the plain feed.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, replace
from typing import Any, Final

from sqlalchemy import Text, and_, func, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind
from hub.errors import CursorInvalid
from hub.publishing.feed import encode_cursor
from hub.storage.engine import Base
from hub.storage.tables import StoreRow
from sync.protocol import RawFeedPage

_REFERENCE: Final = "reference"
"""First phase: every row but orders and tasks, in seq order."""
_NEWEST: Final = "newest"
"""Second phase: the orders and tasks, newest seq first."""
_HISTORY_KINDS: Final = (RecordKind.ORDER, RecordKind.TASK)
_FEED: Final = Base.metadata.tables["feed"]


@dataclass(frozen=True, slots=True)
class FirstSync:
    """Where a first sync stands (decision 041).

    Every row at or below `head` (the feed's head when it began) is served once: in the
    `reference` phase those that are neither an order nor a task, in seq order (the
    position's seq: the last served); in the `newest` phase the orders and tasks, from the
    head down (the position's seq: the last served, below which it carries on). Then the
    feed carries on after `head` as usual. A row changed meanwhile moves above `head`: it is
    served then, at its newest version, and nothing changed during the first sync is missed.
    """

    phase: str
    head: int
    served: int
    total: int
    """Rows at or below `head` when the first sync began (for `remaining`)."""


@dataclass(frozen=True, slots=True)
class FeedPosition:
    """What a cursor stands for: a seq of the feed, or where a first sync stands in it."""

    seq: int
    first: FirstSync | None = None


@dataclass(frozen=True, slots=True)
class FeedPageText:
    """A page as read: each record as (seq, stored payload JSON text), served without parsing."""

    records: list[tuple[int, str]]
    cursor: str
    has_more: bool
    remaining: int

    def body(self) -> bytes:
        """The page's JSON (a RawFeedPage), the stored payloads spliced in as they are."""
        head = json.dumps(
            {"cursor": self.cursor, "has_more": self.has_more, "remaining": self.remaining}
        )
        records = ",".join(_served(seq, text) for seq, text in self.records)
        return f'{{"records":[{records}],{head[1:]}'.encode()

    def page(self) -> RawFeedPage:
        """The page with each record parsed (as the device reads it)."""
        return RawFeedPage(
            records=[json.loads(_served(seq, text)) for seq, text in self.records],
            cursor=self.cursor,
            has_more=self.has_more,
            remaining=self.remaining,
        )


def _served(seq: int, text: str) -> str:
    """The stored payload with its seq added last (so it wins over any seq the payload holds)."""
    body = text.rstrip()
    inner = body[1:-1].strip()
    return f'{{"seq": {seq}}}' if not inner else f'{body[:-1]}, "seq": {seq}}}'


def decode_position(cursor: str | None, epoch: str) -> FeedPosition:
    """The position a cursor stands for (the feed's start when absent); CursorInvalid for a
    cursor of another epoch or one not understood."""
    if not cursor:
        return FeedPosition(0)
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        cursor_epoch, seq_text, *first = text.split(":")
        seq = int(seq_text)
        position = FeedPosition(seq, _first_sync(first))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorInvalid(
            "This feed position is not understood; sync again from the start."
        ) from None
    if cursor_epoch != epoch or seq < 0:
        raise CursorInvalid("The hub's feed was reset; sync again from the start.")
    return position


def _first_sync(parts: list[str]) -> FirstSync | None:
    if not parts:
        return None
    phase, head, served, total = parts
    if phase not in (_REFERENCE, _NEWEST):
        raise ValueError(phase)
    return FirstSync(phase, int(head), int(served), int(total))


def encode_position(epoch: str, position: FeedPosition) -> str:
    """The cursor of `position` (a plain feed position's is `encode_cursor`'s)."""
    first = position.first
    if first is None:
        return encode_cursor(epoch, position.seq)
    text = f"{epoch}:{position.seq}:{first.phase}:{first.head}:{first.served}:{first.total}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def first_sync_start(session: Session, store_id: str) -> FeedPosition:
    """Where a first sync of the store begins: before its first row, its head noted."""
    store = session.get(StoreRow, store_id)
    if store is None:
        raise LookupError(f"no store {store_id}")
    total = session.scalar(
        select(func.count()).select_from(_FEED).where(_FEED.c.store_id == store_id)
    )
    return FeedPosition(0, FirstSync(_REFERENCE, store.last_seq, 0, total or 0))


def _is_history_kind() -> Any:
    """Rows of orders and tasks ("order/..." and "task/..." keys)."""
    return or_(
        *(_FEED.c.entity_key.startswith(f"{kind}/", autoescape=True) for kind in _HISTORY_KINDS)
    )


def read_page_text(
    session: Session, store_id: str, epoch: str, position: FeedPosition, limit: int
) -> FeedPageText:
    """Up to `limit` records after `position`, each as its seq and stored JSON text, and how
    many more there are. From a plain position: the records newer than its seq, in seq order.
    From a first sync's: the rest of its phase, then of the next, then the feed after its head
    (the page's records are then not in seq order: a device applies each at its version).
    """
    records: list[tuple[int, str]] = []
    while True:
        first = position.first
        need = limit - len(records)
        rows = _phase_rows(session, store_id, position, need + 1)
        taken = rows[:need]
        records += taken
        last = taken[-1][0] if taken else position.seq
        if first is None:
            position = FeedPosition(last)
            has_more = len(rows) > need
            break
        served = replace(first, served=first.served + len(taken))
        if len(rows) > need:
            position, has_more = FeedPosition(last, served), True
            break
        if first.phase == _REFERENCE:
            position = FeedPosition(first.head + 1, replace(served, phase=_NEWEST))
        else:
            position = FeedPosition(first.head)
    return FeedPageText(
        records=records,
        cursor=encode_position(epoch, position),
        has_more=has_more,
        remaining=_remaining(session, store_id, position) if has_more else 0,
    )


def _phase_rows(
    session: Session, store_id: str, position: FeedPosition, limit: int
) -> list[tuple[int, str]]:
    """Up to `limit` rows still to serve in the position's phase, in serving order, each as
    its seq and payload text."""
    first = position.first
    if first is not None and first.phase == _REFERENCE:
        return _reference_rows(session, store_id, position.seq, first.head)[:limit]
    query = select(_FEED.c.seq, type_coerce(_FEED.c.payload, Text)).where(
        _FEED.c.store_id == store_id
    )
    if first is None:
        query = query.where(_FEED.c.seq > position.seq).order_by(_FEED.c.seq)
    else:
        query = query.where(_FEED.c.seq < position.seq, _is_history_kind())
        query = query.order_by(_FEED.c.seq.desc())
    return [(int(seq), str(text)) for seq, text in session.execute(query.limit(limit))]


def _reference_rows(
    session: Session, store_id: str, after: int, head: int
) -> list[tuple[int, str]]:
    """The rows that are neither orders nor tasks with a seq in (after, head], in seq order.

    Found through the (store, entity key) index, a range of keys on each side of "order/..."
    and "task/...": the seq index would have SQLite read every order's row, the whole feed,
    to find these few (1.7 s of a 100k-order first sync's first page).
    """
    key = _FEED.c.entity_key
    order, task = RecordKind.ORDER.value, RecordKind.TASK.value
    # "/" sorts just before "0": "order/..." keys are those from "order/" up to "order0".
    ranges = (
        key < f"{order}/",
        and_(key >= f"{order}0", key < f"{task}/"),
        key >= f"{task}0",
    )
    columns = (_FEED.c.seq, type_coerce(_FEED.c.payload, Text))
    everything = union_all(
        *(select(*columns).where(_FEED.c.store_id == store_id, keys) for keys in ranges)
    )
    return sorted(
        (int(seq), str(text)) for seq, text in session.execute(everything) if after < seq <= head
    )


def _remaining(session: Session, store_id: str, position: FeedPosition) -> int:
    # Rows counted, not seqs: an entity republished leaves a gap behind it, so the head seq
    # less the cursor counts publishes (several times the records, after a day of updates).
    # Counted only when a page is cut: a device keeping up costs no second query. A first
    # sync counts what it has not served yet of what it began with, and what came since.
    first = position.first
    after = position.seq if first is None else first.head
    newer = session.scalar(
        select(func.count())
        .select_from(_FEED)
        .where(_FEED.c.store_id == store_id, _FEED.c.seq > after)
    )
    return (newer or 0) + (0 if first is None else max(0, first.total - first.served))
