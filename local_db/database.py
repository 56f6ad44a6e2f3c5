"""The device database: opened, migrated, and handed out as short write or read sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from local_db.engine import open_engine, read_only_engine, refetchable_engine
from local_db.migration import upgrade_to_head


class Database:
    """One SQLite file; each `write()` is one BEGIN IMMEDIATE transaction, each `read()` none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine: Engine = open_engine(path)
        upgrade_to_head(self.engine)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._refetchable_writer = sessionmaker(
            refetchable_engine(self.engine), expire_on_commit=False
        )
        self._reader = sessionmaker(read_only_engine(self.engine), expire_on_commit=False)

    @contextmanager
    def write(self, *, refetchable: bool = False) -> Iterator[Session]:
        """A session whose changes commit together when the block ends, or not at all.

        Synced to disk at commit, unless `refetchable`: a write of hub data and the feed
        cursor alone, which the hub sends again if a power cut loses it (see
        `local_db.engine.refetchable_engine`). A person's action is never refetchable.
        """
        writer = self._refetchable_writer if refetchable else self._writer
        with writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading a consistent snapshot; anything written is rolled back."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        """Release every pooled connection (the file stays)."""
        self.engine.dispose()


def is_storage_full(error: OperationalError) -> bool:
    """Whether SQLite refused a write because the disk (or the file's size limit) is full.

    Nothing of the transaction was written: the caller tells the person at once, and what
    was committed before stays safe.
    """
    return "full" in str(error.orig).lower()
