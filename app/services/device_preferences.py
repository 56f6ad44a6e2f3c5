"""What people set on this device: read with a default, written with who changed it."""

from __future__ import annotations

import logging
from typing import Any

from app.domain.clock import Clock
from local_db import preferences_repository
from local_db.database import Database

_log = logging.getLogger(__name__)


class DevicePreferences:
    """JSON-ready values under stable keys ("alarm.volume", "auto_accept.meituan"...).

    Typed accessors belong to the feature that owns the key; this class only keeps values.
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def get(self, key: str, default: Any) -> Any:
        """The value set under `key`, or `default` when nobody set it."""
        with self._db.read() as session:
            value = preferences_repository.read(session, key)
        return default if value is None else value

    def get_prefix(self, prefix: str) -> dict[str, Any]:
        """Every value set under a key starting with `prefix`."""
        with self._db.read() as session:
            return preferences_repository.read_prefix(session, prefix)

    def set(self, key: str, value: Any, *, staff_id: str = "") -> None:
        """Keep `value` under `key`; the change is logged with who made it."""
        with self._db.write() as session:
            preferences_repository.write(session, key, value, now=self._clock(), staff_id=staff_id)
        _log.info("preference %s set to %r by %s", key, value, staff_id or "the program")
