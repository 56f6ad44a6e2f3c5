"""What the sync engine tells the rest of the program: its status and the events it raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol

from app.domain.vocabulary import RecordKind

UNREADABLE_REPLY: Final = "unreadable reply"
"""How the error of a hub reply that cannot be read as the contract begins (not UTF-8, not
JSON, not the page or answer asked for, over the size cap): `SyncStatus.unreadable_reply`."""


@dataclass(frozen=True, slots=True)
class CatchUpProgress:
    """How far a long catch-up with the hub's feed has come (sync/catch_up.py decides when one
    runs): records received since it began, and how many the hub still holds for the device."""

    received: int
    remaining: int

    @property
    def total(self) -> int:
        """Records of the whole catch-up as far as known now (it grows if the store's records
        change again while the device catches up)."""
        return self.received + self.remaining


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """Everything the status bar shows about sync, as one immutable value."""

    online: bool
    since: datetime | None
    """Since when the device is in its current state (offline since ..., online since ...)."""
    pending_count: int
    oldest_pending_at: datetime | None
    last_pull_at: datetime | None
    last_push_at: datetime | None
    last_error: str = ""
    syncing: bool = False
    """A long catch-up with the hub's feed is running (`catch_up` says how far it has come)."""
    needs_enrolment: bool = False
    stalled_reason: str = ""
    quarantined_count: int = 0
    storage_error: str = ""
    """The device database refused a write (disk full, I/O error): sync is paused."""
    catch_up: CatchUpProgress | None = None
    """Where a long catch-up stands: the device was more than a page behind the hub (just
    enrolled, or back after days offline). None when none runs, or the hub does not count."""

    @property
    def unreadable_reply(self) -> bool:
        """Whether the last exchange failed because the hub's reply could not be read."""
        return self.last_error.startswith(UNREADABLE_REPLY)


@dataclass(frozen=True, slots=True)
class RejectionNotice:
    """A person's action the hub refused, to be shown to them in words."""

    seq: int
    command_type: str
    entity_kind: str
    entity_id: str
    staff_id: str
    reason: str
    message: str
    at: datetime
    """When the person did the action."""
    seen: bool = False
    """Someone has dismissed it (it stays in the notice history)."""


class SyncListener(Protocol):
    """Receives the sync engine's events; called from sync threads, so it must not block."""

    def sync_status_changed(self, status: SyncStatus) -> None:
        """The status bar's value changed."""

    def records_changed(
        self, kinds: frozenset[RecordKind], order_ids: frozenset[str] | None = None
    ) -> None:
        """Records of these kinds were written to the cache; `order_ids` are the orders among
        them when known (a feed page), None when any cached order may have changed."""

    def command_rejected(self, notice: RejectionNotice) -> None:
        """The hub refused a person's action."""
