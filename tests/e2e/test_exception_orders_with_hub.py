"""End to end with the reference hub: a spoiled channel order reaches the counter as an exception
order; mapped and accepted by a manager, or rejected, the answer reaches the hub and its channel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.device import Device
from app.domain.channel_rules import RejectReason
from app.domain.clock import utc_now
from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, OrderStatus
from app.services.exception_orders import ExceptionOrders, LineChoice
from hub.embedded import EmbeddedHub
from local_db import outbox_repository
from tests.devices import drain_feed, enrolled_device, sign_in_as
from ui.sync_bridge import SyncBridge


@pytest.fixture
def counter(hub: EmbeddedHub, tmp_path: Path, qapp) -> Iterator[Device]:
    device = enrolled_device(hub, tmp_path / "counter", SyncBridge())
    yield device
    device.stop()


def _arrived(hub: EmbeddedHub, counter: Device, spoiled: str) -> str:
    order = hub.demo.place_order(Channel.MEITUAN, spoiled=spoiled)
    assert order.status is OrderStatus.EXCEPTION
    drain_feed(counter)
    [first, *_rest] = counter.order_queries.inbox(InboxTab.NEW)
    assert (first.order_id, first.status) == (order.order_id, OrderStatus.EXCEPTION)
    assert first.exception is not None
    return order.order_id


def test_a_manager_maps_the_unknown_item_and_the_hub_accepts_the_order(
    hub: EmbeddedHub, counter: Device
) -> None:
    order_id = _arrived(hub, counter, "unknown_sku")
    detail = counter.order_queries.detail(order_id)
    assert detail is not None
    assert detail.exception is not None
    assert [p.code for p in detail.exception.problems] == ["unknown_item"]
    [unread] = detail.exception.unread_lines
    service = ExceptionOrders(counter.db, utc_now)
    [item, *_more] = service.search_products("牛奶")
    manager = sign_in_as(counter.sign_in, "manager", "9999")
    choice = LineChoice(unread.ref, item.sku, unread.quantity or 1)
    shown = service.accept_exception_order(manager, order_id, [choice])
    assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, True)

    counter.pusher.push(ignore_backoff=True)
    with counter.db.read() as session:
        assert outbox_repository.count_pending(session)[0] == 0
    assert hub.hub.admin.order(order_id).status is OrderStatus.ACCEPTED
    assert any(line.sku == item.sku for line in hub.hub.admin.order(order_id).lines)
    assert [c.action for c in hub.hub.admin.channel_calls(order_id)].count("accept") == 1
    drain_feed(counter)
    after = counter.order_queries.detail(order_id)
    assert after is not None
    assert (after.status, after.has_pending) == (OrderStatus.ACCEPTED, False)
    assert any(line.name == item.name for line in after.lines)


def test_the_counter_rejects_an_exception_order_and_the_hub_rejects_it(
    hub: EmbeddedHub, counter: Device
) -> None:
    order_id = _arrived(hub, counter, "totals_off")
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    counter.order_actions.reject(cashier, order_id, RejectReason.SOLD_OUT)
    counter.pusher.push(ignore_backoff=True)
    assert hub.hub.admin.order(order_id).status is OrderStatus.REJECTED
    assert "reject" in [c.action for c in hub.hub.admin.channel_calls(order_id)]
