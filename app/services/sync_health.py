"""The sync health read model: what waits, what was refused, what could not be read."""

from __future__ import annotations

from datetime import datetime

from app.read_models import QuarantinedView, SyncHealth
from local_db import outbox_repository, quarantine_repository, sync_state_repository
from local_db.database import Database


class SyncHealthQueries:
    """Reads the device's sync health; cheap enough for a tooltip."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def health(self) -> SyncHealth:
        """The current figures."""
        with self._db.read() as session:
            counts = outbox_repository.count_by_state(session)
            _, oldest = outbox_repository.count_pending(session)
            quarantined = quarantine_repository.list_quarantined(session)
            values = {
                key: sync_state_repository.get_value(session, key)
                for key in (
                    sync_state_repository.LAST_PULL_AT,
                    sync_state_repository.LAST_PUSH_AT,
                    sync_state_repository.REPAIRED_COUNT,
                    sync_state_repository.LAST_CHECK_AT,
                )
            }
        return SyncHealth(
            pending_count=counts.get(outbox_repository.PENDING, 0),
            oldest_pending_at=oldest,
            last_pull_at=_moment(values[sync_state_repository.LAST_PULL_AT]),
            last_push_at=_moment(values[sync_state_repository.LAST_PUSH_AT]),
            rejected_count=counts.get(outbox_repository.REJECTED, 0),
            set_aside_count=counts.get(outbox_repository.FAILED, 0),
            quarantined=tuple(
                QuarantinedView(
                    kind=item.kind,
                    entity_id=item.entity_id,
                    reason=item.reason,
                    received_at=item.received_at,
                )
                for item in quarantined
            ),
            repaired_count=int(values[sync_state_repository.REPAIRED_COUNT] or 0),
            last_check_at=_moment(values[sync_state_repository.LAST_CHECK_AT]),
        )


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
