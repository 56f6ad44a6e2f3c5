"""Each device's audit trail head as the hub last saw it, and the alarms when a trail shrinks.

A device sends the head of its hash-chained audit trail (newest number and hash) with each
push. The hub keeps the highest head per device. A head with a lower number than one seen
before means entries were cut off the device's trail; the same number with another hash means
the trail was rewritten. Either raises an alarm for the manager, once per distinct report, and
never refuses the device's commands: what people did must still reach the hub.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.enrolment import Device
from hub.tables import AuditAlarmRow, AuditHeadRow, DeviceRow
from sync.protocol import AuditAlarm, AuditHead

logger = logging.getLogger(__name__)

AlarmKind = Literal["truncated", "rewritten"]


def note_head(session: Session, device: Device, head: AuditHead, now: datetime) -> AuditHead:
    """Record `head` as reported by `device`; answer the head the hub now holds for it.

    The answer is the device's anchor: the entry its trail must still hold, unchanged.
    A head behind the one held (or unlike it at the same number) is not taken: the held
    one stays, and an alarm is recorded unless this very report raised one already.
    """
    held = session.get(AuditHeadRow, device.device_id)
    if held is None:
        session.add(
            AuditHeadRow(
                device_id=device.device_id,
                store_id=device.store_id,
                seq=head.seq,
                hash=head.hash,
                reported_at=now,
            )
        )
        return head
    if head.seq > held.seq:
        held.seq, held.hash, held.reported_at = head.seq, head.hash, now
        return head
    known = AuditHead(seq=held.seq, hash=held.hash)
    if head == known:
        return known
    kind: AlarmKind = "truncated" if head.seq < held.seq else "rewritten"
    _raise_alarm(session, device, kind, head, known, now)
    return known


def alarms(session: Session, store_id: str | None = None) -> list[AuditAlarm]:
    """The recorded alarms, oldest first, of one store or of all."""
    query = (
        select(AuditAlarmRow, DeviceRow.name)
        .join(DeviceRow, DeviceRow.device_id == AuditAlarmRow.device_id, isouter=True)
        .order_by(AuditAlarmRow.alarm_id)
    )
    if store_id is not None:
        query = query.where(AuditAlarmRow.store_id == store_id)
    return [
        AuditAlarm(
            alarm_id=row.alarm_id,
            device_id=row.device_id,
            device_name=name or "",
            kind="truncated" if row.kind == "truncated" else "rewritten",
            reported=AuditHead(seq=row.reported_seq, hash=row.reported_hash),
            known=AuditHead(seq=row.known_seq, hash=row.known_hash),
            at=row.at,
        )
        for row, name in session.execute(query)
    ]


def _raise_alarm(  # noqa: PLR0917 (one alarm's facts, each named)
    session: Session,
    device: Device,
    kind: AlarmKind,
    reported: AuditHead,
    known: AuditHead,
    now: datetime,
) -> None:
    # A device keeps sending the same shrunken head until someone looks: one alarm for it.
    repeated = session.scalar(
        select(AuditAlarmRow.alarm_id).where(
            AuditAlarmRow.device_id == device.device_id,
            AuditAlarmRow.reported_seq == reported.seq,
            AuditAlarmRow.reported_hash == reported.hash,
            AuditAlarmRow.known_seq == known.seq,
        )
    )
    if repeated is not None:
        return
    session.add(
        AuditAlarmRow(
            device_id=device.device_id,
            store_id=device.store_id,
            kind=kind,
            reported_seq=reported.seq,
            reported_hash=reported.hash,
            known_seq=known.seq,
            known_hash=known.hash,
            at=now,
        )
    )
    logger.warning(
        "audit chain %s on device %s (%s): reported head %d, acknowledged head %d",
        kind,
        device.device_id,
        device.name,
        reported.seq,
        known.seq,
    )
