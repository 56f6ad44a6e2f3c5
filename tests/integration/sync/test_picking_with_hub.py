"""Picking end to end: the counter accepts, the hub dispatches to a second device, the picker
scans, reports a shortage, packs, and the counter sees the order ready; over 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.device import Device, build_device
from app.domain.clock import utc_now
from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    OrderStatus,
    ShortageReason,
    TaskLineStatus,
    TaskStatus,
)
from app.read_models import SignedInStaff, TaskDetail
from app.services.picking import Picking, PickingRefused
from app.settings import Settings
from hub.embedded import EmbeddedHub
from sync.credentials import Credentials, MemoryKeyring
from tests.devices import drain_feed, enrolled_device, quick_backoff, sign_in_as
from tests.fakes import FrozenClock, RecordingListener


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    """The reference hub on 127.0.0.1 on a frozen clock, its simulator thread off."""
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=False, seed=5, clock=FrozenClock())
    embedded.start()
    yield embedded
    embedded.stop()


@pytest.fixture
def handheld_credentials(tmp_path: Path) -> Credentials:
    """The handheld's secrets, kept in memory so a restart finds them again."""
    return Credentials(MemoryKeyring(), account=str(tmp_path / "handheld"))


@pytest.fixture
def handheld(
    hub: EmbeddedHub,
    tmp_path: Path,
    listener: RecordingListener,
    handheld_credentials: Credentials,
) -> Iterator[Device]:
    """The picker's handheld: a second enrolled device with its own database."""
    built = enrolled_device(hub, tmp_path / "handheld", listener, handheld_credentials)
    drain_feed(built)
    yield built
    built.stop()


def _picking(device: Device) -> Picking:
    return Picking(device.db, utc_now, on_queued=lambda: None)


def _on_duty(handheld: Device) -> tuple[Picking, SignedInStaff]:
    picking = _picking(handheld)
    picker = sign_in_as(handheld.sign_in, "picker", "2222")
    picking.clock_in(picker)
    handheld.pusher.push()
    return picking, picker


def _accepted(hub: EmbeddedHub, counter: Device) -> str:
    order = hub.demo.place_order(Channel.MEITUAN, fulfilment=FulfilmentMode.PICKUP)
    drain_feed(counter)
    cashier = sign_in_as(counter.sign_in, "cashier", "1111")
    counter.order_actions.accept(cashier, order.order_id)
    counter.pusher.push()
    return order.order_id


def _dispatched(handheld: Device, picking: Picking, picker: SignedInStaff) -> TaskDetail:
    drain_feed(handheld)
    [summary] = picking.my_tasks(picker)
    detail = picking.start(picker, summary.task_id)
    handheld.pusher.push()
    return detail


def _pick(picking: Picking, picker: SignedInStaff, task: TaskDetail, line_id: str) -> None:
    line = next(line for line in task.lines if line.line_id == line_id)
    outcome = picking.scan(picker, task.task_id, line.barcode)
    if outcome.kind == "quantity_needed":
        picking.count(picker, task.task_id, line.line_id, line.quantity, scanned_code=line.barcode)
    else:
        assert outcome.kind == "counted", outcome


def test_counter_order_is_picked_on_the_handheld_and_ready_at_the_counter(
    hub: EmbeddedHub, device: Device, handheld: Device
) -> None:
    picking, picker = _on_duty(handheld)
    order_id = _accepted(hub, device)
    task = _dispatched(handheld, picking, picker)
    assert task.daily_serial == hub.hub.admin.order(order_id).daily_serial
    short, *others = task.lines

    picking.report_shortage(picker, task.task_id, short.line_id, 0, ShortageReason.OUT_OF_STOCK)
    for line in others:
        _pick(picking, picker, task, line.line_id)
    handheld.pusher.push()
    [shortage] = hub.hub.admin.shortages(order_id)
    assert hub.hub.admin.order(order_id).status is OrderStatus.SHORTAGE_PENDING

    hub.hub.admin.resolve_shortage(shortage.shortage_id, "partial_refund")
    drain_feed(handheld)
    decided = picking.task(task.task_id)
    assert decided is not None
    short_line = next(line for line in decided.lines if line.line_id == short.line_id)
    assert short_line.status is TaskLineStatus.SHORT_RESOLVED
    assert short_line.refund_cents == hub.hub.admin.shortages(order_id)[0].refund_cents

    picking.complete_pick(picker, task.task_id)
    handheld.pusher.push()
    drain_feed(handheld)
    [pack] = picking.my_tasks(picker)
    picking.complete_pack(picker, pack.task_id, 2, None)
    handheld.pusher.push()
    drain_feed(device)

    shown = device.order_queries.detail(order_id)
    assert shown is not None
    assert shown.status is OrderStatus.READY
    assert hub.hub.admin.task(pack.task_id).bag_count == 2
    assert picking.my_tasks(picker) == []


def test_cancellation_while_picking_cancels_the_task_and_tells_the_picker(
    hub: EmbeddedHub, device: Device, handheld: Device
) -> None:
    picking, picker = _on_duty(handheld)
    order_id = _accepted(hub, device)
    task = _dispatched(handheld, picking, picker)
    _pick(picking, picker, task, task.lines[0].line_id)
    handheld.pusher.push()

    hub.hub.intake.customer_cancels(order_id)
    drain_feed(handheld)

    [notice] = picking.notices(picker)
    assert notice.kind == "cancelled"
    assert notice.task_id == task.task_id
    cancelled = picking.task(task.task_id)
    assert cancelled is not None
    assert cancelled.status is TaskStatus.CANCELLED
    assert cancelled.lines[0].picked_quantity == task.lines[0].quantity
    with pytest.raises(PickingRefused) as refused:
        picking.scan(picker, task.task_id, task.lines[-1].barcode)
    assert refused.value.code == "task_cancelled"


def test_a_restarted_handheld_resumes_the_task_exactly_where_it_was(
    hub: EmbeddedHub,
    device: Device,
    handheld: Device,
    tmp_path: Path,
    listener: RecordingListener,
    handheld_credentials: Credentials,
) -> None:
    picking, picker = _on_duty(handheld)
    _accepted(hub, device)
    task = _dispatched(handheld, picking, picker)
    _pick(picking, picker, task, task.lines[0].line_id)
    before = picking.task(task.task_id)
    handheld.stop()  # the scan was never pushed: it lives only in the handheld's file

    settings = Settings(data_dir=tmp_path / "handheld", hub_url=hub.url, long_poll_s=1.0)
    reopened = build_device(
        settings, handheld_credentials, utc_now, listener, backoff_factory=quick_backoff
    )
    try:
        again = _picking(reopened)
        after = again.task(task.task_id)
        assert after == before
        assert after is not None
        assert after.status is TaskStatus.IN_PROGRESS
        reopened.pusher.push()
        drain_feed(reopened)
        first = task.lines[0]
        at_hub = {line.line_id: line for line in hub.hub.admin.task(task.task_id).lines}
        assert at_hub[first.line_id].picked_quantity == first.quantity
        settled = again.task(task.task_id)
        assert settled is not None
        assert settled.lines[0].picked_quantity == task.lines[0].quantity
        assert not settled.has_pending
    finally:
        reopened.stop()
