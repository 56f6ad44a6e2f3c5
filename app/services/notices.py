"""Notices to people about their actions that the hub refused."""

from __future__ import annotations

from app.domain.sync_events import RejectionNotice
from local_db import outbox_repository
from local_db.database import Database


class RejectionNotices:
    """Refused actions nobody has acknowledged yet; they survive restarts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def unseen(self) -> list[RejectionNotice]:
        """Every refused action not yet acknowledged, oldest first."""
        with self._db.read() as session:
            items = outbox_repository.unseen_rejections(session)
        return [
            RejectionNotice(
                seq=item.seq,
                command_type=item.command_type,
                entity_kind=item.entity_kind,
                entity_id=item.entity_id,
                staff_id=item.staff_id,
                reason=item.outcome_reason,
                message=item.outcome_message,
                at=item.created_at,
            )
            for item in items
        ]

    def acknowledge(self, seq: int) -> None:
        """The person read the notice."""
        with self._db.write() as session:
            outbox_repository.mark_notice_seen(session, seq)
