"""A device pulling from the scripted fake hub, the reference hub's real records, and what a
person (or the sync health screen) would see of the device afterwards."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select

from app.device import Device
from app.domain.sync_events import SyncStatus
from app.domain.vocabulary import Channel, RecordKind, Role
from app.read_models import QuarantinedView
from hub.embedded import EmbeddedHub
from local_db import sync_state_repository
from local_db.models import Order, Product, Staff, Task
from sync.hub_client import HubClient
from sync.protocol import EnrolmentRequest
from tests.fakes import FrozenClock
from tests.integration.sync.fake_feed_hub import FakeFeedHub

BACKOFF_PASSED_S: Final = 1.0
"""More than the tests' longest back-off (tests.devices.quick_backoff caps it at 0.2 s)."""


@dataclass(frozen=True, slots=True)
class ReferenceFeed:
    """One whole feed page of the reference hub, raw, as it came over HTTP.

    Six orders (two per channel), the first of them accepted (so at version 2, with its pick
    task), then the store's settings, its staff and its catalogue.
    """

    records: tuple[dict[str, Any], ...]

    def of_kind(self, kind: RecordKind) -> list[dict[str, Any]]:
        """Fresh copies of the records of `kind`, in feed order (mutate them freely)."""
        return [copy.deepcopy(r) for r in self.records if r["kind"] == kind.value]

    def one(self, kind: RecordKind, index: int = 0) -> dict[str, Any]:
        """A fresh copy of the `index`th record of `kind`."""
        return self.of_kind(kind)[index]


def capture_reference_feed(hub: EmbeddedHub) -> ReferenceFeed:
    """Place orders at `hub`, accept one, and read its feed through a HubClient over HTTP."""
    for channel in (*Channel, *Channel):
        hub.demo.place_order(channel)
    anonymous = HubClient(hub.url, lambda: None)
    try:
        grant = anonymous.enrol(
            EnrolmentRequest(
                store_code=hub.store_code,
                enrolment_code=hub.new_enrolment_code(),
                device_name="capture",
            )
        )
    finally:
        anonymous.close()
    client = HubClient(hub.url, lambda: grant.device_token)
    try:
        cashier = next(s for s in client.staff() if Role.CASHIER in s.roles)
        first = client.feed(None, limit=500, wait_s=0)
        order_id = next(r["id"] for r in first.records if r["kind"] == RecordKind.ORDER)
        accept = {
            "type": "accept_order",
            "command_id": str(uuid.uuid4()),
            "staff_id": cashier.staff_id,
            "issued_at": datetime.now(UTC).isoformat(),
            "order_id": order_id,
        }
        assert client.send_commands([accept]).results[0].outcome == "applied"
        page = client.feed(None, limit=500, wait_s=0)
    finally:
        client.close()
    assert not page.has_more
    # The accepted order first: the tests put it beside its task.
    orders = sorted(
        (r for r in page.records if r["kind"] == RecordKind.ORDER), key=lambda r: -r["version"]
    )
    others = [r for r in page.records if r["kind"] != RecordKind.ORDER]
    feed = ReferenceFeed((*orders, *others))
    assert len(feed.of_kind(RecordKind.ORDER)) == 6
    assert len(feed.of_kind(RecordKind.TASK)) == 1
    assert feed.one(RecordKind.ORDER)["version"] == 2
    return feed


@dataclass(frozen=True, slots=True)
class Cached:
    """What the device's cache holds, by id: what its screens can show."""

    orders: frozenset[str]
    tasks: frozenset[str]
    products: frozenset[str]
    staff: frozenset[str]


def ids(records: list[dict[str, Any]], kind: RecordKind) -> frozenset[str]:
    """The ids of the records of `kind` among `records`."""
    return frozenset(r["id"] for r in records if r["kind"] == kind.value)


def cached_of(records: list[dict[str, Any]]) -> Cached:
    """What the cache holds once exactly these good records applied."""
    return Cached(
        orders=ids(records, RecordKind.ORDER),
        tasks=ids(records, RecordKind.TASK),
        products=ids(records, RecordKind.PRODUCT),
        staff=ids(records, RecordKind.STAFF),
    )


@dataclass
class Station:
    """A device wired as the app wires it, its hub address the fake's, its clock frozen."""

    device: Device
    fake: FakeFeedHub
    clock: FrozenClock
    token: str

    def pull(self) -> bool:
        """One pull step, as the scheduler calls it without long-poll."""
        return self.device.puller.pull(wait=False)

    def let_backoff_pass(self) -> None:
        """Move the device's clock past its back-off."""
        self.clock.advance(seconds=BACKOFF_PASSED_S)

    def value(self, key: str) -> str | None:
        """A sync_state value of the device database."""
        with self.device.db.read() as session:
            return sync_state_repository.get_value(session, key)

    @property
    def cursor(self) -> str | None:
        """The feed cursor the device keeps."""
        return self.value(sync_state_repository.CURSOR)

    @property
    def protocol_errors(self) -> int:
        """Unreadable replies, as the sync health screen counts them."""
        return self.device.health.problems().protocol_errors

    @property
    def unexpected_errors(self) -> int:
        """Sync steps that failed for a reason nobody foresaw (a bug), as counted."""
        return self.device.health.problems().unexpected_errors

    @property
    def last_protocol_error(self) -> str:
        """What the last unreadable reply was, as kept for support."""
        return self.value(sync_state_repository.LAST_PROTOCOL_ERROR) or ""

    @property
    def status(self) -> SyncStatus:
        """What the status bar shows."""
        return self.device.connectivity.status

    @property
    def quarantined(self) -> tuple[QuarantinedView, ...]:
        """Records set aside, as the sync health screen lists them."""
        return self.device.health.health().quarantined

    def cached(self) -> Cached:
        """Ids of everything in the device's cache."""
        with self.device.db.read() as session:
            return Cached(
                orders=frozenset(session.scalars(select(Order.order_id))),
                tasks=frozenset(session.scalars(select(Task.task_id))),
                products=frozenset(session.scalars(select(Product.sku))),
                staff=frozenset(session.scalars(select(Staff.staff_id))),
            )

    def afters(self) -> list[str | None]:
        """The `after` cursor of each feed request the fake hub got."""
        return [request.after for request in self.fake.feed_requests]

    def assert_answered_with_token(self) -> None:
        """Every request carried the device's real token, and nothing but the feed was asked."""
        exchanges = self.fake.exchanges
        assert exchanges
        assert {e.path for e in exchanges} == {"/v1/feed"}
        assert {e.authorization for e in exchanges} == {f"Bearer {self.token}"}
        assert all(e.scripted for e in exchanges), "the device pulled more than was scripted"
