"""The store administration's door: codes, devices, staff, the store's orders, tasks and calls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from app.domain.vocabulary import Channel, OrderStatus, RecordKind
from hub.devices import audit_heads
from hub.devices.enrolment import issue_code, revoke_device
from hub.devices.staff_records import staff_data, staff_of
from hub.doors.hub_state import HubState, store_row
from hub.errors import NotFound
from hub.fulfilment import dispatch, shortages, task_reasons, task_records
from hub.orders import side_flows
from hub.orders.order_commands import CommandLogEntry, command_log
from hub.orders.order_intake import InboxReject, inbox_rejects, raw_payload
from hub.orders.order_records import ChannelCall, channel_calls, find_order, order_of, orders_in
from hub.publishing import feed
from hub.storage.tables import ShortageRow, StaffRow, TaskRow
from sync.protocol import (
    AuditAlarm,
    OrderData,
    ShortageData,
    ShortageDecision,
    StaffData,
    StoreSettingsData,
    TaskData,
)


class StoreAdmin:
    """What the chain's operators (and the demo's menus and the tests) ask of the hub."""

    def __init__(self, state: HubState) -> None:
        self._state = state

    # --- the store, its devices and staff ---------------------------------------------

    def store_code(self, store_id: str) -> str:
        """The code devices enrol with."""
        with self._state.reading() as session:
            return store_row(session, store_id).code

    def store_settings(self, store_id: str) -> StoreSettingsData:
        """The store's settings as the hub holds them (busy mode included)."""
        with self._state.reading() as session:
            return StoreSettingsData.model_validate(store_row(session, store_id).settings)

    def channel_paused_until(
        self, channel: Channel, store_id: str, now: datetime | None = None
    ) -> datetime | None:
        """Until when the store paused `channel` (busy mode), or None when it takes orders."""
        settings = self.store_settings(store_id)
        return side_flows.paused_until(settings, channel, now or self._state.clock())

    def new_enrolment_code(self, store_id: str) -> str:
        """A fresh one-time enrolment code for the store."""
        with self._state.writing() as session:
            return issue_code(session, store_row(session, store_id).store_id, self._state.clock())

    def revoke_device(self, device_id: str) -> int:
        """Revoke a lost device's tokens (it must enrol again); families revoked, 0 if done
        before. Raises NotFound for an unknown device."""
        with self._state.writing() as session:
            return revoke_device(session, device_id, self._state.clock())

    def audit_alarms(self, store_id: str) -> list[AuditAlarm]:
        """Devices whose audit trail came back shorter or rewritten, oldest first."""
        with self._state.reading() as session:
            return audit_heads.alarms(session, store_id)

    def staff(self, store_id: str) -> list[StaffData]:
        """Every staff member of the store, active or not."""
        with self._state.reading() as session:
            return staff_of(session, store_row(session, store_id).store_id)

    def set_staff_zones(self, staff_id: str, zones: Sequence[str]) -> None:
        """The zones a picker works in (empty: any zone)."""
        with self._state.writing() as session:
            row = session.get(StaffRow, staff_id)
            if row is None:
                raise NotFound(f"No staff member {staff_id}.")
            row.zones = list(zones)

    def set_staff_active(self, staff_id: str, active: bool) -> StaffData:
        """Activate or deactivate a staff member; the change goes out through the feed."""
        with self._state.writing() as session:
            row = session.get(StaffRow, staff_id)
            if row is None:
                raise NotFound(f"No staff member {staff_id}.")
            row.active = active
            row.version += 1
            data = staff_data(row)
            feed.publish(
                session,
                row.store_id,
                RecordKind.STAFF,
                staff_id,
                version=row.version,
                data=data.model_dump(mode="json"),
            )
            if not active:
                # Their open tasks go to someone on duty, as when they clock out.
                dispatch.release_tasks_of(
                    session, row.store_id, staff_id, task_reasons.left_duty(row.name)
                )
                dispatch.dispatch_waiting(session, row.store_id)
            return data

    # --- orders and what went to the channels ------------------------------------------

    def order(self, order_id: str) -> OrderData:
        """The order as the hub holds it; raises NotFound."""
        with self._state.reading() as session:
            row = find_order(session, order_id)
            if row is None:
                raise NotFound(f"No order {order_id}.")
            return order_of(row)

    def orders(self, store_id: str, status: OrderStatus | None = None) -> list[OrderData]:
        """The store's orders (optionally in one status), by acceptance deadline."""
        with self._state.reading() as session:
            store = store_row(session, store_id)
            rows = orders_in(session, store.store_id, None if status is None else [status])
            return [order_of(row) for row in rows]

    def command_log(self, store_id: str) -> list[CommandLogEntry]:
        """Every device command the store's devices sent, with its outcome and executions."""
        with self._state.reading() as session:
            return command_log(session, store_row(session, store_id).store_id)

    def channel_calls(self, order_id: str | None = None) -> list[ChannelCall]:
        """Statuses pushed to channels, oldest first, for one order or all."""
        with self._state.reading() as session:
            return channel_calls(session, order_id)

    def raw_payload(self, payload_id: str) -> str:
        """The raw payload kept for an exception order (`exception.raw_payload_id`); raises
        NotFound."""
        with self._state.reading() as session:
            text = raw_payload(session, payload_id)
        if text is None:
            raise NotFound(f"No channel payload {payload_id}.")
        return text

    def channel_inbox_rejects(self) -> list[InboxReject]:
        """Channel payloads set aside as no order of any store, oldest first."""
        with self._state.reading() as session:
            return inbox_rejects(session)

    # --- picking ------------------------------------------------------------------------

    def tasks(self, store_id: str) -> list[TaskData]:
        """Every task of the store, oldest first."""
        with self._state.reading() as session:
            store = store_row(session, store_id)
            rows = session.scalars(
                select(TaskRow)
                .where(TaskRow.store_id == store.store_id)
                .order_by(TaskRow.created_at, TaskRow.task_id)
            )
            return [task_records.task_of(row) for row in rows]

    def task(self, task_id: str) -> TaskData:
        """One task as the hub holds it; raises NotFound."""
        with self._state.reading() as session:
            row = session.get(TaskRow, task_id)
            if row is None:
                raise NotFound(f"No task {task_id}.")
            return task_records.task_of(row)

    def shortages(self, order_id: str | None = None) -> list[ShortageData]:
        """Shortages reported (for one order, or all), oldest first."""
        with self._state.reading() as session:
            query = select(ShortageRow).order_by(ShortageRow.shortage_id)
            if order_id is not None:
                query = query.where(ShortageRow.order_id == order_id)
            return [ShortageData.model_validate(row.body) for row in session.scalars(query)]

    def resolve_shortage(
        self,
        shortage_id: str,
        decision: ShortageDecision,
        *,
        substitute_sku: str = "",
        substitute_name: str = "",
    ) -> ShortageData:
        """The manager's decision on a shortage, as the `decide_shortage` command applies it
        without the permission check (the demo's menu and tests call it directly)."""
        with self._state.writing() as session:
            return shortages.resolve(
                session,
                shortage_id,
                decision,
                self._state.clock(),
                self._state.catalogue,
                substitute_sku=substitute_sku,
                substitute_name=substitute_name,
            )
