"""The change feed: one record class per kind, the FeedRecord union, feed pages, device health."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from app.domain.vocabulary import Channel
from sync.protocol.order_data import OrderData
from sync.protocol.store_data import ProductData, StaffData, StoreSettingsData
from sync.protocol.task_data import ShortageData, TaskData
from sync.protocol.wire_types import (
    Bool,
    Count,
    Identifier,
    Message,
    Name,
    ShortText,
    Time,
    Version,
    WireModel,
)


class _FeedRecordBase(WireModel):
    seq: Version
    id: Identifier
    version: Version


class OrderRecord(_FeedRecordBase):
    """Feed record carrying an order."""

    kind: Literal["order"]
    data: OrderData


class TaskRecord(_FeedRecordBase):
    """Feed record carrying a task."""

    kind: Literal["task"]
    data: TaskData


class ShortageRecord(_FeedRecordBase):
    """Feed record carrying a shortage."""

    kind: Literal["shortage"]
    data: ShortageData


class ProductRecord(_FeedRecordBase):
    """A catalogue item at its latest version."""

    kind: Literal["product"]
    data: ProductData


class StaffRecord(_FeedRecordBase):
    """Feed record carrying a staff member."""

    kind: Literal["staff"]
    data: StaffData


class StoreSettingsRecord(_FeedRecordBase):
    """Feed record carrying the store's settings."""

    kind: Literal["store_settings"]
    data: StoreSettingsData


class ChannelIntakeData(WireModel):
    """Channel payloads the hub set aside because they are not an order at all.

    Not an object, no order number, another store's code: nothing a store could accept or
    reject, so the hub keeps them and counts them here for the sync health screen.
    """

    store_id: Identifier
    rejected_count: Count
    last_rejected_at: Time | None = None
    last_channel: Channel | None = None
    last_reason: Message = ""
    version: Version


class ChannelIntakeRecord(_FeedRecordBase):
    """Feed record carrying the store's count of unusable channel payloads."""

    kind: Literal["channel_intake"]
    data: ChannelIntakeData


class DeviceHealthData(WireModel):
    """A device's sync health as it last reported it, for the manager's sync health screen."""

    device_id: Identifier
    device_name: Name
    pending_count: Count
    oldest_pending_at: Time | None = None
    last_pull_at: Time | None = None
    last_push_at: Time | None = None
    rejected_count: Count = 0
    quarantined_count: Count = 0
    reported_at: Time
    version: Version


class DeviceHealthRecord(_FeedRecordBase):
    """Feed record carrying one device's reported sync health."""

    kind: Literal["device_health"]
    data: DeviceHealthData


class DeviceHealthReport(WireModel):
    """What a device posts to `/v1/devices/health`: its own figures (the hub adds who and when)."""

    pending_count: Count
    oldest_pending_at: Time | None = None
    last_pull_at: Time | None = None
    last_push_at: Time | None = None
    rejected_count: Count = 0
    quarantined_count: Count = 0


FeedRecord = Annotated[
    OrderRecord
    | TaskRecord
    | ShortageRecord
    | StaffRecord
    | StoreSettingsRecord
    | DeviceHealthRecord
    | ProductRecord
    | ChannelIntakeRecord,
    Field(discriminator="kind"),
]
FEED_RECORD: TypeAdapter[FeedRecord] = TypeAdapter(FeedRecord)


_REMAINING = (
    "How many records newer than this page the store's feed held when the page was read (each"
    " entity counted once, as it will be served); absent from hubs that do not count them"
)


class FeedPage(WireModel):
    """One page of the store's change feed, each entity at its latest version."""

    records: list[FeedRecord]
    cursor: ShortText = Field(description="Opaque; pass back as `after` to continue")
    has_more: Bool
    remaining: Count | None = Field(default=None, description=_REMAINING)


class RawFeedPage(WireModel):
    """How the device reads a page: records kept raw so each is validated on its own."""

    records: list[Any] = Field(description="Each validated on its own: a bad one is set aside")
    cursor: ShortText
    has_more: Bool
    remaining: Count | None = Field(default=None, description=_REMAINING)


FIRST_SYNC_RECENT = "recent"
"""`first` value of a feed request without a cursor (decision 041): every record but orders and
tasks first (settings, staff, catalogue), then orders and tasks newest change first (today's
open orders before the history), then carry on as the feed. An older hub ignores it."""

CURSOR_INVALID = "cursor_invalid"
"""`error` code of the 410 answer telling a device to re-sync from zero."""
