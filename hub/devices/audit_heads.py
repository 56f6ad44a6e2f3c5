"""Each device's audit trail head as the hub last saw it, and the alarms when a trail shrinks.

A device sends the head of its hash-chained audit trail (newest number and hash) with each
push, and what its trail holds now at the head the hub acknowledged last (`AnchorCheck`). The
hub takes a new head only when that check matches the head it holds: a higher number alone
proves nothing, as entries cut off and written again reach a higher number too. A head with a
lower number, the same number with another hash, or a check unlike the head held means the
trail was cut or rewritten. Each raises an alarm for the manager, once per lost head and kind,
and never refuses the device's commands: what people did must still reach the hub.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.devices.enrolment import Device
from hub.storage.tables import AuditAlarmRow, AuditHeadRow, DeviceRow
from sync.protocol import AuditAlarm, AuditHead

logger = logging.getLogger(__name__)

AlarmKind = Literal["truncated", "rewritten"]


def note_head(session: Session, device: Device, head: AuditHead, now: datetime) -> AuditHead:
    """Record `head` as reported by `device`; answer the head the hub now holds for it.

    The answer is the device's anchor: the entry its trail must still hold, unchanged.
    A head is taken only when its `anchor` check shows the trail still holds the head held.
    A trail cut or rewritten at or before the head held raises an alarm unless one was raised
    for that head already; the held head stays and is the answer.
    """
    reported = AuditHead(seq=head.seq, hash=head.hash)
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
        return reported
    known = AuditHead(seq=held.seq, hash=held.hash)
    kind = _break_seen(head, known)
    if kind is not None:
        _raise_alarm(session, device, kind, reported, known, now)
        return known
    check = head.anchor
    if head.seq > held.seq and check is not None and check.seq == held.seq:
        held.seq, held.hash, held.reported_at = head.seq, head.hash, now
        return reported
    # The same head again, or a device that checked against another head than the one held
    # (an answer lost on the way, an anchor not kept): it anchors to the held head now and
    # proves it with its next report.
    return known


def _break_seen(head: AuditHead, known: AuditHead) -> AlarmKind | None:
    """How the reported head shows the trail lost the held head, or None when it does not."""
    if head.seq < known.seq:
        return "truncated"
    if head.seq == known.seq and head.hash != known.hash:
        return "rewritten"
    check = head.anchor
    if check is None:
        return None
    # The held head's trail holds every entry up to it: one missing there is a cut, even when
    # the device checked against an older head (the hub's last answer never reached it).
    if check.hash is None and check.seq <= known.seq:
        return "truncated"
    if check.seq == known.seq and check.hash != known.hash:
        return "rewritten"
    return None


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
    # The held head stays until someone looks, and a device that lost it reports a head (often
    # a growing one) with every push: one alarm per lost head and kind, not one per push.
    repeated = session.scalar(
        select(AuditAlarmRow.alarm_id).where(
            AuditAlarmRow.device_id == device.device_id,
            AuditAlarmRow.kind == kind,
            AuditAlarmRow.known_seq == known.seq,
            AuditAlarmRow.known_hash == known.hash,
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
