"""The store's own time zone, as the device knows it."""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy.orm import Session

from app.domain.store_day import store_zone
from local_db import staff_repository


def store_zone_of(session: Session) -> tzinfo:
    """The store's time zone as its settings last received from the hub name it (the
    default one before the first pull)."""
    return store_zone(staff_repository.store_timezone_name(session))
