"""Notices to people about their actions that the hub refused, and their history."""

from __future__ import annotations

from app.domain.sync_events import RejectionNotice
from local_db import outbox_repository
from local_db.database import Database
from local_db.outbox_repository import OutboxItem

HISTORY_LIMIT = 200
"""How many refused actions the history lists (newest first)."""


class RejectionNotices:
    """Refused actions: the unacknowledged ones survive restarts; all can be reopened."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def unseen(self) -> list[RejectionNotice]:
        """Every refused action not yet acknowledged, oldest first."""
        with self._db.read() as session:
            items = outbox_repository.unseen_rejections(session)
        return [_notice(item) for item in items]

    def history(self, limit: int = HISTORY_LIMIT) -> list[RejectionNotice]:
        """Refused actions, dismissed or not, newest first: what the cashier can reopen."""
        with self._db.read() as session:
            items = outbox_repository.refused(session, limit)
        return [_notice(item) for item in items]

    def acknowledge(self, seq: int) -> None:
        """The person read the notice."""
        with self._db.write() as session:
            outbox_repository.mark_notice_seen(session, seq)


def _notice(item: OutboxItem) -> RejectionNotice:
    return RejectionNotice(
        seq=item.seq,
        command_type=item.command_type,
        entity_kind=item.entity_kind,
        entity_id=item.entity_id,
        staff_id=item.staff_id,
        reason=item.outcome_reason,
        message=item.outcome_message,
        at=item.created_at,
        seen=item.notice_seen,
    )
