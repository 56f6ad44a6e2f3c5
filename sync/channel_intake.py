"""The hub's figures of channel payloads that were not an order, kept as sync_state values."""

from __future__ import annotations

from typing import Final

from sqlalchemy.orm import Session

from local_db import sync_state_repository as state
from sync.protocol import ChannelIntakeRecord

CHANNEL_INTAKE: Final = "channel_intake"
"""The record's kind (RecordKind has no member for it yet)."""


def apply_channel_intake(session: Session, records: list[ChannelIntakeRecord]) -> int:
    """Keep the newest of `records` unless an as new one is kept; returns how many applied."""
    if not records:
        return 0
    record = max(records, key=lambda r: r.version)
    stored = state.get_value(session, state.CHANNEL_INTAKE_VERSION)
    if stored is not None and stored.isdigit() and int(stored) >= record.version:
        return 0
    data = record.data
    values = {
        state.CHANNEL_INTAKE_VERSION: str(record.version),
        state.CHANNEL_INTAKE_REJECTED: str(data.rejected_count),
        state.CHANNEL_INTAKE_LAST_AT: (
            "" if data.last_rejected_at is None else data.last_rejected_at.isoformat()
        ),
        state.CHANNEL_INTAKE_LAST_CHANNEL: (
            "" if data.last_channel is None else data.last_channel.value
        ),
        state.CHANNEL_INTAKE_LAST_REASON: data.last_reason,
    }
    for key, value in values.items():
        state.set_value(session, key, value)
    return 1
