"""One store of the hub with its id given once: the demo's and the tests' way in.

The hub's doors take the store whenever they touch a store's data; nothing in the hub
defaults to the demo store. A demo, a bench or a test that works one store says which at the
start (`OneStore(hub, hub.demo_store_id)`, `EmbeddedHub.demo`) and calls these instead.
"""

from __future__ import annotations

from datetime import datetime

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus
from hub.composition import Hub
from hub.orders.order_commands import CommandLogEntry
from sync.protocol import (
    AuditAlarm,
    OrderData,
    OrderDigest,
    StaffData,
    StoreSettingsData,
    TaskData,
)


class OneStore:
    """The store-scoped calls of the hub's doors, for `store_id`."""

    def __init__(self, hub: Hub, store_id: str) -> None:
        self.hub = hub
        self.store_id = store_id

    def store_code(self) -> str:
        """The code devices enrol with."""
        return self.hub.admin.store_code(self.store_id)

    def new_enrolment_code(self) -> str:
        """A fresh one-time enrolment code."""
        return self.hub.admin.new_enrolment_code(self.store_id)

    def staff(self) -> list[StaffData]:
        """Every staff member, active or not."""
        return self.hub.admin.staff(self.store_id)

    def orders(self, status: OrderStatus | None = None) -> list[OrderData]:
        """The store's orders (optionally in one status), by acceptance deadline."""
        return self.hub.admin.orders(self.store_id, status)

    def order_digest(self) -> OrderDigest:
        """The store's open orders with their versions."""
        return self.hub.devices.order_digest(self.store_id)

    def command_log(self) -> list[CommandLogEntry]:
        """Every device command the store's devices sent, with its outcome."""
        return self.hub.admin.command_log(self.store_id)

    def audit_alarms(self) -> list[AuditAlarm]:
        """The store's devices whose audit trail came back shorter or rewritten."""
        return self.hub.admin.audit_alarms(self.store_id)

    def tasks(self) -> list[TaskData]:
        """Every task of the store, oldest first."""
        return self.hub.admin.tasks(self.store_id)

    def place_order(
        self,
        channel: Channel,
        *,
        fulfilment: FulfilmentMode | None = None,
        scheduled_for: datetime | None = None,
        spoiled: bool | str = False,
    ) -> OrderData:
        """A simulated customer of the store orders through `channel` (World.place_order)."""
        return self.hub.world.place_order(
            channel,
            store_id=self.store_id,
            fulfilment=fulfilment,
            scheduled_for=scheduled_for,
            spoiled=spoiled,
        )

    def receive_channel_payload(self, channel: Channel, raw: object) -> OrderData | None:
        """Take in a raw channel payload for the store (ChannelIntake.receive_channel_payload)."""
        return self.hub.intake.receive_channel_payload(channel, raw, store_id=self.store_id)

    def store_settings(self) -> StoreSettingsData:
        """The store's settings as the hub holds them."""
        return self.hub.admin.store_settings(self.store_id)

    def channel_paused_until(
        self, channel: Channel, now: datetime | None = None
    ) -> datetime | None:
        """Until when the store paused `channel`, or None."""
        return self.hub.admin.channel_paused_until(channel, self.store_id, now)
