"""The Hub service: the store-facing order book shared by the API, the simulator and tests."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus, RecordKind
from hub.catalogue import CATALOGUE, Catalogue
from hub.channels.spoil import spoil
from hub.clock import Clock, system_clock
from hub.demo_store import DEMO_STAFF, DEMO_STORE_ID, DemoStaff, seed_demo_store, staff_data
from hub.devices import audit_heads, device_health
from hub.devices.enrolment import Device, enrol, issue_code, revoke_device, rotate
from hub.devices.enrolment import authenticate as authenticate_token
from hub.errors import CursorInvalid, HubError, NotFound, Unauthorized
from hub.fulfilment import shortages, tasks
from hub.fulfilment.task_commands import apply_picking_command
from hub.orders import exception_orders, order_events, side_flows
from hub.orders.command_batch import CommandBatch
from hub.orders.order_commands import CommandLogEntry, command_log
from hub.orders.order_intake import (
    InboxReject,
    inbox_rejects,
    raw_payload,
    simulated_payload,
    take_in,
)
from hub.orders.order_records import ChannelCall, channel_calls, find_order, order_of, orders_in
from hub.publishing import feed
from hub.publishing.catalogue_feed import publish_catalogue
from hub.storage.engine import Storage
from hub.storage.tables import OrderRow, ShortageRow, StaffRow, StoreRow, TaskRow
from sync.protocol import (
    CLOSED_STATUSES,
    AuditAlarm,
    AuditHead,
    Command,
    CommandResult,
    CommandResults,
    DeviceHealthData,
    DeviceHealthReport,
    EnrolmentGrant,
    EnrolmentRequest,
    Health,
    OrderData,
    OrderDigest,
    OrderVersion,
    PauseChannel,
    RawFeedPage,
    RawRecords,
    ShortageData,
    ShortageDecision,
    StaffCommand,
    StaffData,
    StoreSettingsData,
    TaskCommand,
    TaskData,
    TokenPair,
    TokenRefresh,
)

logger = logging.getLogger(__name__)

_ACTIVE = (*order_events.IN_STORE, OrderStatus.HANDED_OVER)
_REQUESTED = (OrderStatus.CANCEL_REQUESTED, OrderStatus.REFUND_REQUESTED)


_MOVES_TASKS: Final = frozenset(
    {
        "accept_order",
        "accept_exception_order",
        "reject_order",
        "hand_over",
        "answer_cancel_request",
        "answer_refund_request",
    }
)
"""Order commands after which the order's tasks may change: an accepted order gets its pick
task, a closed or handed-over one has its open tasks cancelled (`tasks.follow_order`)."""


class Hub:
    """The reference hub's state and rules; thread-safe, each change one short transaction.

    Every time-dependent step reads `clock`; simulated content comes from a Random seeded with
    `seed`. `dedupe_enabled=False` is a test switch that makes command replays apply again.
    """

    def __init__(
        self,
        database: Path | str,
        *,
        clock: Clock = system_clock,
        seed: int = 1,
        dedupe_enabled: bool = True,
        enrolment_codes: Sequence[str] = (),
        catalogue: Catalogue = CATALOGUE,
    ) -> None:
        self.clock = clock
        self.seed = seed
        self.dedupe_enabled = dedupe_enabled
        self.catalogue = catalogue
        self._rng = random.Random(seed)
        self._signal = feed.FeedSignal()
        self._releases = 0
        self._storage = Storage(database)
        self._storage.create_schema()
        with self._writing() as session:
            seed_demo_store(session, seed)
            publish_catalogue(session, DEMO_STORE_ID, catalogue)
            self._epoch = feed.load_epoch(session)
            for code in enrolment_codes:
                issue_code(session, DEMO_STORE_ID, clock(), code)

    # --- the demo store -----------------------------------------------------------------

    @property
    def demo_store_id(self) -> str:
        """The demo store's id: the store this hub seeds at its start. No method defaults to
        it: every one that touches a store's data is given the store."""
        return DEMO_STORE_ID

    @property
    def demo_staff(self) -> tuple[DemoStaff, ...]:
        """The demo staff with their PINs, for banners and tests."""
        return DEMO_STAFF

    @property
    def feed_epoch(self) -> str:
        """The current feed epoch; cursors of any other epoch are refused."""
        return self._epoch

    @property
    def waiting_readers(self) -> int:
        """How many long-polling feed readers are blocked waiting for news right now."""
        return self._signal.waiting

    def store_code(self, store_id: str) -> str:
        """The code devices enrol with."""
        with self._storage.reading() as session:
            return self._store(session, store_id).code

    # --- devices ------------------------------------------------------------------------

    def new_enrolment_code(self, store_id: str) -> str:
        """A fresh one-time enrolment code for the store."""
        with self._writing() as session:
            return issue_code(session, self._store(session, store_id).store_id, self.clock())

    def enrol(self, request: EnrolmentRequest) -> EnrolmentGrant:
        """Enrol a device; raises EnrolmentRefused or EnrolmentCodeUsed."""
        with self._writing() as session:
            return enrol(session, request, self.clock())

    def authenticate(self, token: str | None) -> Device:
        """The device holding the access token; raises Unauthorized (TokenExpired: refresh)."""
        if not token:
            raise Unauthorized("A valid device token is required. Enrol this device again.")
        with self._storage.reading() as session:
            return authenticate_token(session, token, self.clock())

    def refresh_tokens(self, request: TokenRefresh) -> TokenPair:
        """Rotate a device's refresh token (hub/devices/enrolment.py); raises Unauthorized
        subclasses."""
        with self._writing() as session:
            outcome = rotate(session, request, self.clock())
        # Raised after the commit: a revocation must stand even though the caller is refused.
        if isinstance(outcome, HubError):
            raise outcome
        return outcome

    def revoke_device(self, device_id: str) -> int:
        """Revoke a lost device's tokens (it must enrol again); families revoked, 0 if done
        before. Raises NotFound for an unknown device."""
        with self._writing() as session:
            return revoke_device(session, device_id, self.clock())

    # --- reads --------------------------------------------------------------------------

    def health(self) -> Health:
        """Liveness, hub time and feed epoch."""
        return Health(status="ok", hub_time=self.clock(), feed_epoch=self._epoch)

    def staff(self, store_id: str) -> list[StaffData]:
        """Every staff member of the store, active or not."""
        with self._storage.reading() as session:
            store = self._store(session, store_id)
            rows = session.scalars(
                select(StaffRow)
                .where(StaffRow.store_id == store.store_id)
                .order_by(StaffRow.staff_id)
            )
            return [staff_data(row) for row in rows]

    def order(self, order_id: str) -> OrderData:
        """The order as the hub holds it; raises NotFound."""
        with self._storage.reading() as session:
            row = find_order(session, order_id)
            if row is None:
                raise NotFound(f"No order {order_id}.")
            return order_of(row)

    def orders(self, store_id: str, status: OrderStatus | None = None) -> list[OrderData]:
        """The store's orders (optionally in one status), by acceptance deadline."""
        with self._storage.reading() as session:
            store = self._store(session, store_id)
            rows = orders_in(session, store.store_id, None if status is None else [status])
            return [order_of(row) for row in rows]

    def order_digest(self, store_id: str) -> OrderDigest:
        """The store's open orders with their versions (what a device's cache should hold)."""
        with self._storage.reading() as session:
            store = self._store(session, store_id)
            rows = session.execute(
                select(OrderRow.order_id, OrderRow.version).where(
                    OrderRow.store_id == store.store_id,
                    OrderRow.status.not_in([status.value for status in CLOSED_STATUSES]),
                )
            )
            return OrderDigest(
                orders=[OrderVersion(order_id=order_id, version=v) for order_id, v in rows]
            )

    def order_records(self, store_id: str, order_ids: Sequence[str]) -> RawRecords:
        """The current feed records of those of `order_ids` that belong to the store."""
        with self._storage.reading() as session:
            payloads = feed.current_payloads(session, store_id, RecordKind.ORDER, order_ids)
        return RawRecords(records=payloads)

    def channel_calls(self, order_id: str | None = None) -> list[ChannelCall]:
        """Statuses pushed to channels, oldest first, for one order or all."""
        with self._storage.reading() as session:
            return channel_calls(session, order_id)

    def command_log(self, store_id: str) -> list[CommandLogEntry]:
        """Every device command the store's devices sent, with its outcome and executions."""
        with self._storage.reading() as session:
            return command_log(session, self._store(session, store_id).store_id)

    def note_audit_head(self, device: Device, head: AuditHead) -> AuditHead:
        """Take the audit head `device` reported; answer the one acknowledged (its anchor)."""
        with self._writing() as session:
            return audit_heads.note_head(session, device, head, self.clock())

    def note_device_health(self, device: Device, report: DeviceHealthReport) -> DeviceHealthData:
        """Publish `device`'s sync health to its store's feed (hub/devices/device_health.py)."""
        with self._writing() as session:
            return device_health.note_health(session, device, report, self.clock())

    def audit_alarms(self, store_id: str) -> list[AuditAlarm]:
        """Devices whose audit trail came back shorter or rewritten, oldest first."""
        with self._storage.reading() as session:
            return audit_heads.alarms(session, store_id)

    def raw_payload(self, payload_id: str) -> str:
        """The raw payload kept for an exception order (`exception.raw_payload_id`); raises
        NotFound."""
        with self._storage.reading() as session:
            text = raw_payload(session, payload_id)
        if text is None:
            raise NotFound(f"No channel payload {payload_id}.")
        return text

    def channel_inbox_rejects(self) -> list[InboxReject]:
        """Channel payloads set aside as unusable, oldest first."""
        with self._storage.reading() as session:
            return inbox_rejects(session)

    def read_feed(
        self,
        store_id: str,
        after: str | None = None,
        *,
        limit: int = 200,
        wait_s: float = 0.0,
        give_up: Callable[[], bool] | None = None,
    ) -> RawFeedPage:
        """The page of the store's feed after cursor `after`, each entity once at its latest.

        With `wait_s` > 0 and nothing newer, waits (holding no transaction) until the store's
        feed changes, `wait_s` passes, `give_up()` turns true or the hub closes; an empty page
        keeps the cursor. Raises CursorInvalid for a cursor of another epoch or none at all.
        """
        if not 1 <= limit <= 1000:
            raise ValueError(f"limit {limit} outside 1..1000")
        epoch = self._epoch
        releases = self._releases
        after_seq = feed.decode_cursor(after, epoch)
        deadline = time.monotonic() + max(0.0, wait_s)

        def stop_waiting() -> bool:
            return (
                self._releases != releases
                or self._epoch != epoch
                or (give_up is not None and give_up())
            )

        while True:
            seen = self._signal.generation(store_id)
            with self._storage.reading() as session:
                page = feed.read_page(session, store_id, epoch, after_seq, limit)
            if self._epoch != epoch:
                raise CursorInvalid("The hub's feed was reset; sync again from the start.")
            remaining = deadline - time.monotonic()
            if page.records or remaining <= 0 or stop_waiting():
                return page
            self._signal.wait(store_id, seen, remaining, stop_waiting)

    # --- device commands ----------------------------------------------------------------

    def apply_commands(self, device: Device, commands: Sequence[Command]) -> list[CommandResult]:
        """Apply `commands` in order and answer each (`receive_commands`, without a head)."""
        return self.receive_commands(device, commands).results

    def receive_commands(
        self, device: Device, commands: Sequence[Command], audit_head: AuditHead | None = None
    ) -> CommandResults:
        """Apply `commands` in order, each on its own, and answer each; note the device's
        audit head in the same transaction (one commit per request, not two) and answer the
        head the hub holds for it.

        Raises CommandIdReused at the first command whose id came before with another body:
        the commands before it stay applied; it and every later one are not applied. Any
        other error while applying a command stops the batch there in the same way, then
        propagates. The applied commands are stored in one transaction: should storing fail,
        none of them is applied (the device sends them again). The head is noted after the
        commands, in a savepoint: a trouble with it never costs the store its actions.
        """
        results: list[CommandResult] = []
        acknowledged: AuditHead | None = None
        failure: Exception | None = None
        with self._writing() as session:
            # Order and busy-mode commands are batched; a picking command is applied on its
            # own after the batch before it is stored, so each sees what came before it.
            batch: CommandBatch | None = None
            touched: list[str] = []
            order_side = [c for c in commands if not isinstance(c, StaffCommand | TaskCommand)]
            for command in commands:
                try:
                    if isinstance(command, StaffCommand | TaskCommand):
                        self._close_batch(session, batch, touched)
                        batch = None
                        results.append(
                            apply_picking_command(
                                session,
                                device,
                                command,
                                self.clock(),
                                dedupe=self.dedupe_enabled,
                            )
                        )
                        continue
                    if batch is None:
                        batch = CommandBatch(
                            session, device, order_side, dedupe=self.dedupe_enabled
                        )
                    results.append(batch.apply(command, self.clock()))
                    if not isinstance(command, PauseChannel) and command.type in _MOVES_TASKS:
                        touched.append(command.order_id)
                except Exception as error:  # raised below, once the ones before it are stored
                    failure = error
                    break
            self._close_batch(session, batch, touched)
            if audit_head is not None and failure is None:
                acknowledged = self._note_head_in(session, device, audit_head)
        if failure is not None:
            raise failure
        return CommandResults(results=results, audit_head=acknowledged)

    def _note_head_in(self, session: Session, device: Device, head: AuditHead) -> AuditHead | None:
        try:
            with session.begin_nested():
                return audit_heads.note_head(session, device, head, self.clock())
        except SQLAlchemyError:
            logger.exception("audit head of device %s not noted", device.device_id)
            return None

    def _close_batch(
        self, session: Session, batch: CommandBatch | None, touched: list[str]
    ) -> None:
        """Store an order batch, then bring the touched orders' tasks in line with them."""
        if batch is None:
            return
        batch.write()
        session.expire_all()
        orders = batch.orders_now(dict.fromkeys(touched))
        tasks.follow_orders(session, orders, self.clock(), self.catalogue)
        touched.clear()

    # --- picking ------------------------------------------------------------------------

    def tasks(self, store_id: str) -> list[TaskData]:
        """Every task of the store, oldest first."""
        with self._storage.reading() as session:
            store = self._store(session, store_id)
            rows = session.scalars(
                select(TaskRow)
                .where(TaskRow.store_id == store.store_id)
                .order_by(TaskRow.created_at, TaskRow.task_id)
            )
            return [tasks.task_of(row) for row in rows]

    def task(self, task_id: str) -> TaskData:
        """One task as the hub holds it; raises NotFound."""
        with self._storage.reading() as session:
            row = session.get(TaskRow, task_id)
            if row is None:
                raise NotFound(f"No task {task_id}.")
            return tasks.task_of(row)

    def shortages(self, order_id: str | None = None) -> list[ShortageData]:
        """Shortages reported (for one order, or all), oldest first."""
        with self._storage.reading() as session:
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
        without the permission check (tests and the demo's menu call it directly)."""
        with self._writing() as session:
            return shortages.resolve(
                session,
                shortage_id,
                decision,
                self.clock(),
                self.catalogue,
                substitute_sku=substitute_sku,
                substitute_name=substitute_name,
            )

    def set_staff_zones(self, staff_id: str, zones: Sequence[str]) -> None:
        """Administration: the zones a picker works in (empty: any zone)."""
        with self._writing() as session:
            row = session.get(StaffRow, staff_id)
            if row is None:
                raise NotFound(f"No staff member {staff_id}.")
            row.zones = list(zones)

    # --- the channel side ---------------------------------------------------------------

    def place_order(
        self,
        channel: Channel,
        *,
        store_id: str,
        fulfilment: FulfilmentMode | None = None,
        scheduled_for: datetime | None = None,
        spoiled: bool | str = False,
    ) -> OrderData:
        """A simulated customer orders through `channel`, payload and adapter included.

        `scheduled_for` books the order for that time (None: as soon as possible). `spoiled`
        spoils the payload the way channels do (True: a way drawn at random; a key of
        `hub.channels.spoil.SPOILERS`: that way), so it becomes an exception order.
        """
        with self._writing() as session:
            store = self._store(session, store_id)
            now = self.clock()
            raw = simulated_payload(
                session,
                store,
                channel,
                now=now,
                rng=self._rng,
                catalogue=self.catalogue,
                fulfilment=fulfilment,
                deliver_at=scheduled_for,
            )
            if spoiled:
                how = spoiled if isinstance(spoiled, str) else None
                raw, words = spoil(channel, raw, self._rng, how)
                logger.info("Simulated %s order spoiled: %s", channel.value, words)
            order = take_in(session, store, channel, raw, now=now, catalogue=self.catalogue)
        if order is None:
            raise RuntimeError(f"the hub's own {channel.value} payload was set aside")
        return order

    def receive_channel_payload(
        self, channel: Channel, raw: object, *, store_id: str
    ) -> OrderData | None:
        """Take in a raw channel payload: a new order, an exception order when it cannot be
        read in full, or None when it is no order of the store at all (set aside)."""
        with self._writing() as session:
            store = self._store(session, store_id)
            return take_in(session, store, channel, raw, now=self.clock(), catalogue=self.catalogue)

    def customer_cancels(self, order_id: str) -> OrderData:
        """The customer cancels through the channel; raises NotFound or TransitionRefused."""
        with self._writing() as session:
            row = find_order(session, order_id)
            if row is None:
                raise NotFound(f"No order {order_id}.")
            cancelled = order_events.cancel_by_customer(session, row, self.clock())
            tasks.follow_order(session, cancelled, self.clock(), self.catalogue)
            return cancelled

    def customer_requests(
        self,
        order_id: str,
        kind: Literal["cancel", "refund"],
        *,
        reason: str = "",
        refund_cents: int | None = None,
    ) -> OrderData:
        """The customer asks to cancel (or be refunded); raises NotFound or TransitionRefused.

        A refund request without an amount asks for everything paid.
        """
        with self._writing() as session:
            row = self._order_row(session, order_id)
            return side_flows.request(
                session, row, kind, self.clock(), reason=reason, refund_cents=refund_cents
            )

    def customer_reminds(self, order_id: str) -> OrderData:
        """The customer asks where the order is ("催单"); raises NotFound."""
        with self._writing() as session:
            return side_flows.remind(session, self._order_row(session, order_id), self.clock())

    def store_settings(self, store_id: str) -> StoreSettingsData:
        """The store's settings as the hub holds them (busy mode included)."""
        with self._storage.reading() as session:
            return StoreSettingsData.model_validate(self._store(session, store_id).settings)

    def channel_paused_until(
        self, channel: Channel, store_id: str, now: datetime | None = None
    ) -> datetime | None:
        """Until when the store paused `channel` (busy mode), or None when it takes orders."""
        return side_flows.paused_until(self.store_settings(store_id), channel, now or self.clock())

    def expire_overdue(self, now: datetime | None = None) -> list[OrderData]:
        """Cancel every new or exception order past its acceptance deadline, telling each
        channel."""
        now = now or self.clock()
        with self._writing() as session:
            rows = orders_in(session, None, [OrderStatus.NEW])
            expired = [order_events.expire(session, row, now) for row in rows]
            rows = orders_in(session, None, [OrderStatus.EXCEPTION])
            expired += [exception_orders.expire(session, row, now) for row in rows]
        for order in (order for order in expired if order is not None):
            logger.info("Order %s expired: not confirmed in time", order.order_id)
        return [order for order in expired if order is not None]

    def tick(self, now: datetime | None = None) -> list[OrderData]:
        """The hub's periodic work: expire overdue orders, agree to customer requests nobody
        answered in time, move riders, complete handovers.

        Returns every order that changed.
        """
        now = now or self.clock()
        changed = self.expire_overdue(now)
        with self._writing() as session:
            for row in orders_in(session, None, _REQUESTED):
                agreed = side_flows.agree_when_due(session, row, now)
                if agreed is not None:
                    logger.info("Customer request on %s agreed at its deadline", row.order_id)
                    tasks.follow_order(session, agreed, now, self.catalogue)
                    changed.append(agreed)
            for row in orders_in(session, None, _ACTIVE):
                order = order_events.advance_fulfilment(session, row, now, self.seed)
                if order is not None:
                    changed.append(order)
        return changed

    # --- administration and test hooks --------------------------------------------------

    def set_staff_active(self, staff_id: str, active: bool) -> StaffData:
        """Activate or deactivate a staff member; the change goes out through the feed."""
        with self._writing() as session:
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
                tasks.release_tasks_of(session, row.store_id, staff_id, f"{row.name} left duty.")
                tasks.dispatch(session, row.store_id)
            return data

    def append_raw_feed_record(self, store_id: str, raw: dict[str, Any]) -> int:
        """Test hook: append any record, malformed or not, to the store's feed; return its seq.

        The hub sets the record's `seq`; it never replaces an entity's own row.
        """
        with self._writing() as session:
            return feed.append_raw(session, store_id, raw)

    def reset_feed_epoch(self) -> str:
        """Start a new feed epoch ("hub reset"): every device must re-sync from zero."""
        with self._writing() as session:
            self._epoch = feed.renew_epoch(session)
        self._signal.wake_all()
        return self._epoch

    def wake_waiters(self) -> None:
        """Make long-polling readers re-check whether to give up (server shutting down)."""
        self._signal.wake_all()

    def close(self) -> None:
        """Release waiting readers and database connections; usable again afterwards."""
        self._releases += 1
        self._signal.wake_all()
        self._storage.close()

    # --- internals ----------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with self._storage.writing() as session:
            yield session
        # Only after the commit: a woken reader must find what it was woken for.
        self._signal.announce(feed.touched_stores(session))

    @staticmethod
    def _order_row(session: Session, order_id: str) -> OrderRow:
        row = find_order(session, order_id)
        if row is None:
            raise NotFound(f"No order {order_id}.")
        return row

    @staticmethod
    def _store(session: Session, store_id: str) -> StoreRow:
        store = session.get(StoreRow, store_id)
        if store is None:
            raise NotFound(f"No store {store_id}.")
        return store
