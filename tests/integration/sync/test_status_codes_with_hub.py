"""The hub's reasons reach the device as codes: stored with their detail, through the real feed.

A counter device pulls from the reference hub on 127.0.0.1 and keeps, beside the hub's
English words, the code and detail its screens word in the interface language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.device import Device
from app.domain.channel_rules import RejectReason
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus, TaskStatus
from app.read_models import StatusReason
from app.services.picking import Picking
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, sign_in_as
from tests.fakes import FrozenClock


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    """The reference hub on 127.0.0.1 on a frozen clock, its simulator thread off."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=13, clock=FrozenClock())
    embedded.start()
    yield embedded
    embedded.stop()


def test_a_customer_cancel_is_stored_as_codes_on_the_order_the_task_and_the_pickers_notice(
    hub: EmbeddedHub, device: Device
) -> None:
    picking = Picking(device.db, utc_now, on_queued=lambda: None)
    picker = sign_in_as(device.sign_in, "picker", "2222")
    picking.clock_in(picker)
    device.pusher.push()
    order = hub.demo.place_order(Channel.MEITUAN, fulfilment=FulfilmentMode.DELIVERY)
    drain_feed(device)
    device.order_actions.accept(sign_in_as(device.sign_in, "cashier", "1111"), order.order_id)
    device.pusher.push()
    drain_feed(device)
    [task] = picking.my_tasks(picker)

    hub.hub.intake.customer_cancels(order.order_id)
    drain_feed(device)

    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert shown.status is OrderStatus.CANCELLED
    assert shown.why == StatusReason(code="customer_cancelled", words="cancelled by the customer")
    cancelled = picking.task(task.task_id)
    assert cancelled is not None
    assert cancelled.status is TaskStatus.CANCELLED
    assert (cancelled.why.code, cancelled.why.order_code) == (
        "order_cancelled",
        "customer_cancelled",
    )
    [notice] = picking.notices(picker)
    assert notice.why == cancelled.why


def test_a_rejection_sent_from_the_device_comes_back_with_its_reason_code_and_note(
    hub: EmbeddedHub, device: Device
) -> None:
    order = hub.demo.place_order(Channel.ELEME, fulfilment=FulfilmentMode.DELIVERY)
    drain_feed(device)
    manager = sign_in_as(device.sign_in, "manager", "9999")

    device.order_actions.reject(manager, order.order_id, RejectReason.SOLD_OUT, "牛奶卖完了")
    device.pusher.push()
    drain_feed(device)

    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert not shown.has_pending
    assert shown.status is OrderStatus.REJECTED
    assert (shown.why.code, shown.why.reject_reason, shown.why.text) == (
        "rejected_by_store",
        "sold_out",
        "牛奶卖完了",
    )
    assert shown.why.words == shown.status_reason == "rejected by the store (sold out): 牛奶卖完了"
