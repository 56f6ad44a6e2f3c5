"""The devices' door: enrolment and tokens, the store's feed, commands, health and audit heads."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from sqlalchemy import select

from app.domain.vocabulary import RecordKind
from hub.clock import Clock
from hub.devices import audit_heads, device_health
from hub.devices.enrolment import Device, enrol, rotate
from hub.devices.enrolment import authenticate as authenticate_token
from hub.devices.staff_records import staff_of
from hub.doors.command_intake import receive_commands
from hub.doors.hub_state import HubState, store_row
from hub.errors import CursorInvalid, HubError, Unauthorized
from hub.publishing import feed, feed_pages
from hub.storage.tables import OrderRow
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
    OrderDigest,
    OrderVersion,
    RawFeedPage,
    RawRecords,
    StaffData,
    TokenPair,
    TokenRefresh,
)
from sync.protocol.feed import FIRST_SYNC_RECENT


class DeviceApi:
    """What an enrolled device (or one enrolling) may ask of the hub: the /v1 API's calls.

    Every call that touches a store's data is given the store, in practice the one the
    device's token belongs to.
    """

    def __init__(self, state: HubState) -> None:
        self._state = state

    @property
    def clock(self) -> Clock:
        """The hub's clock (the API's throttles count with it)."""
        return self._state.clock

    @property
    def feed_epoch(self) -> str:
        """The current feed epoch; cursors of any other epoch are refused."""
        return self._state.epoch

    @property
    def waiting_readers(self) -> int:
        """How many long-polling feed readers are blocked waiting for news right now."""
        return self._state.signal.waiting

    def health(self) -> Health:
        """Liveness, hub time and feed epoch."""
        return Health(status="ok", hub_time=self._state.clock(), feed_epoch=self._state.epoch)

    def enrol(self, request: EnrolmentRequest) -> EnrolmentGrant:
        """Enrol a device; raises EnrolmentRefused (EnrolmentStoreUnknown, EnrolmentCodeExpired)
        or EnrolmentCodeUsed."""
        with self._state.writing() as session:
            return enrol(session, request, self._state.clock())

    def authenticate(self, token: str | None) -> Device:
        """The device holding the access token; raises Unauthorized (TokenExpired: refresh)."""
        if not token:
            raise Unauthorized("A valid device token is required. Enrol this device again.")
        with self._state.reading() as session:
            return authenticate_token(session, token, self._state.clock())

    def refresh_tokens(self, request: TokenRefresh) -> TokenPair:
        """Rotate a device's refresh token (hub/devices/enrolment.py); raises Unauthorized
        subclasses."""
        with self._state.writing() as session:
            outcome = rotate(session, request, self._state.clock())
        # Raised after the commit: a revocation must stand even though the caller is refused.
        if isinstance(outcome, HubError):
            raise outcome
        return outcome

    def staff(self, store_id: str) -> list[StaffData]:
        """Every staff member of the store, active or not."""
        with self._state.reading() as session:
            return staff_of(session, store_row(session, store_id).store_id)

    def read_feed(
        self,
        store_id: str,
        after: str | None = None,
        *,
        limit: int = 200,
        wait_s: float = 0.0,
        give_up: Callable[[], bool] | None = None,
        first: str | None = None,
    ) -> RawFeedPage:
        """The page of the store's feed after cursor `after`, each entity once at its latest.

        With `wait_s` > 0 and nothing newer, waits (holding no transaction) until the store's
        feed changes, `wait_s` passes, `give_up()` turns true or the hub closes; an empty page
        keeps the cursor. Raises CursorInvalid for a cursor of another epoch or none at all.
        `first` (FIRST_SYNC_RECENT, without `after`): the first sync's order (decision 041).
        """
        return self.read_feed_text(
            store_id, after, limit=limit, wait_s=wait_s, give_up=give_up, first=first
        ).page()

    def read_feed_text(
        self,
        store_id: str,
        after: str | None = None,
        *,
        limit: int = 200,
        wait_s: float = 0.0,
        give_up: Callable[[], bool] | None = None,
        first: str | None = None,
    ) -> feed_pages.FeedPageText:
        """`read_feed`, the records kept as the stored JSON text they are served as."""
        if not 1 <= limit <= 1000:
            raise ValueError(f"limit {limit} outside 1..1000")
        state = self._state
        epoch = state.epoch
        releases = state.releases
        position = feed_pages.decode_position(after, epoch)
        first_sync = after is None and first == FIRST_SYNC_RECENT
        deadline = time.monotonic() + max(0.0, wait_s)

        def stop_waiting() -> bool:
            return (
                state.releases != releases
                or state.epoch != epoch
                or (give_up is not None and give_up())
            )

        while True:
            seen = state.signal.generation(store_id)
            with state.reading() as session:
                if first_sync:
                    position = feed_pages.first_sync_start(session, store_id)
                page = feed_pages.read_page_text(session, store_id, epoch, position, limit)
            if state.epoch != epoch:
                raise CursorInvalid("The hub's feed was reset; sync again from the start.")
            remaining = deadline - time.monotonic()
            if page.records or remaining <= 0 or stop_waiting():
                return page
            state.signal.wait(store_id, seen, remaining, stop_waiting)

    def wake_waiters(self) -> None:
        """Make long-polling readers re-check whether to give up (server shutting down)."""
        self._state.signal.wake_all()

    def apply_commands(self, device: Device, commands: Sequence[Command]) -> list[CommandResult]:
        """Apply `commands` in order and answer each (`receive_commands`, without a head)."""
        return self.receive_commands(device, commands).results

    def receive_commands(
        self, device: Device, commands: Sequence[Command], audit_head: AuditHead | None = None
    ) -> CommandResults:
        """Apply `commands` in order, each on its own, answer each and note the audit head
        (hub/doors/command_intake.py)."""
        return receive_commands(self._state, device, commands, audit_head)

    def order_digest(self, store_id: str) -> OrderDigest:
        """The store's open orders with their versions (what a device's cache should hold)."""
        with self._state.reading() as session:
            store = store_row(session, store_id)
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
        with self._state.reading() as session:
            payloads = feed.current_payloads(session, store_id, RecordKind.ORDER, order_ids)
        return RawRecords(records=payloads)

    def note_audit_head(self, device: Device, head: AuditHead) -> AuditHead:
        """Take the audit head `device` reported; answer the one acknowledged (its anchor)."""
        with self._state.writing() as session:
            return audit_heads.note_head(session, device, head, self._state.clock())

    def note_device_health(self, device: Device, report: DeviceHealthReport) -> DeviceHealthData:
        """Publish `device`'s sync health to its store's feed (hub/devices/device_health.py)."""
        with self._state.writing() as session:
            return device_health.note_health(session, device, report, self._state.clock())

    def audit_alarms(self, store_id: str) -> list[AuditAlarm]:
        """The store's devices whose audit trail came back shorter or rewritten, oldest first."""
        with self._state.reading() as session:
            return audit_heads.alarms(session, store_id)
