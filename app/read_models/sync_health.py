"""The manager's view of this device's sync health, and the quarantined records in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class QuarantinedView:
    """A record from the hub that could not be read, with the reason."""

    kind: str
    entity_id: str
    reason: str
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncHealth:
    """What a manager checks about this device's sync, read from the database."""

    pending_count: int
    oldest_pending_at: datetime | None
    last_pull_at: datetime | None
    last_push_at: datetime | None
    rejected_count: int
    """Actions the hub refused (the order had moved on, the customer cancelled...)."""
    set_aside_count: int
    """Actions the hub could not take at all; they need a person."""
    quarantined: tuple[QuarantinedView, ...]
    repaired_count: int
    """Differences the anti-entropy check found and repaired, in all."""
    last_check_at: datetime | None
