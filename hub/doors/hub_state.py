"""What every door of one hub shares: its storage, its feed's epoch and wake-ups, clock and seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from hub.catalogue import Catalogue
from hub.clock import Clock
from hub.errors import NotFound
from hub.orders.order_records import find_order
from hub.publishing import feed
from hub.storage.engine import Storage
from hub.storage.tables import OrderRow, StoreRow


class HubState:
    """One hub's storage and feed signal; each change one short transaction, woken readers after.

    Every time-dependent step reads `clock`; simulated content comes from `rng`, seeded with
    `seed`. `dedupe_enabled=False` is a test switch that makes command replays apply again.
    """

    def __init__(
        self,
        database: Path | str,
        *,
        clock: Clock,
        seed: int,
        catalogue: Catalogue,
        dedupe_enabled: bool = True,
    ) -> None:
        self.clock = clock
        self.seed = seed
        self.catalogue = catalogue
        self.dedupe_enabled = dedupe_enabled
        self.rng = random.Random(seed)
        self.signal = feed.FeedSignal()
        self.releases = 0
        """How many times the hub was closed: a long-poll begun before a close gives up."""
        self.storage = Storage(database)
        self.storage.create_schema()
        with self.writing() as session:
            self.epoch = feed.load_epoch(session)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction; the stores whose feed it touched are announced after commit."""
        with self.storage.writing() as session:
            yield session
        # Only after the commit: a woken reader must find what it was woken for.
        self.signal.announce(feed.touched_stores(session))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """One session for reads, its transaction rolled back when the block ends."""
        with self.storage.reading() as session:
            yield session

    def new_epoch(self) -> str:
        """Start a new feed epoch (a hub restored from a backup): every device syncs from zero."""
        with self.writing() as session:
            self.epoch = feed.renew_epoch(session)
        self.signal.wake_all()
        return self.epoch

    def close(self) -> None:
        """Release waiting readers and database connections; usable again afterwards."""
        self.releases += 1
        self.signal.wake_all()
        self.storage.close()


def store_row(session: Session, store_id: str) -> StoreRow:
    """The store; raises NotFound."""
    store = session.get(StoreRow, store_id)
    if store is None:
        raise NotFound(f"No store {store_id}.")
    return store


def order_row(session: Session, order_id: str) -> OrderRow:
    """The order; raises NotFound."""
    row = find_order(session, order_id)
    if row is None:
        raise NotFound(f"No order {order_id}.")
    return row
