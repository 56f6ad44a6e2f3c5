"""Each device's reported sync health, kept as one `device_health` record per device in the feed.

A device posts its own figures (actions waiting, the oldest one's time, last pull and push,
refused and quarantined counts) now and then; the hub stamps who and when and publishes them
so every device of the store, the manager's counter PC among them, sees every other one. The
feed row is the only copy: the next report replaces it at the next version, which is all a
manager needs ("how is each device doing now"), and a device wiped and re-synced gets it too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind
from hub.devices.enrolment import Device
from hub.publishing import feed
from hub.storage.tables import FeedRow
from sync.protocol import DeviceHealthData, DeviceHealthReport


def note_health(
    session: Session, device: Device, report: DeviceHealthReport, now: datetime
) -> DeviceHealthData:
    """Publish `device`'s report as its next `device_health` record; return what was published."""
    row = session.get(
        FeedRow, (device.store_id, feed.entity_key(RecordKind.DEVICE_HEALTH, device.device_id))
    )
    version = 1 if row is None else int(row.payload.get("version", 0)) + 1
    data = DeviceHealthData(
        device_id=device.device_id,
        device_name=device.name,
        reported_at=now,
        version=version,
        **report.model_dump(),
    )
    feed.publish(
        session,
        device.store_id,
        RecordKind.DEVICE_HEALTH,
        device.device_id,
        version=version,
        data=data.model_dump(mode="json"),
    )
    return data
