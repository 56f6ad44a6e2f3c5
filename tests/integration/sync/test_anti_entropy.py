"""The anti-entropy check against the real hub: what the feed missed is found and repaired."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.device import Device
from app.domain.vocabulary import Channel, OrderStatus, RecordKind
from hub.embedded import EmbeddedHub
from local_db import order_repository
from local_db.models import Order, OrderLine
from sync.anti_entropy import CheckReport
from sync.protocol import OrderData
from sync.record_mapping import order_rows
from tests.devices import drain_feed, sign_in_as
from tests.fakes import RecordingListener


def _forget(device: Device, order_id: str) -> None:
    """The cache silently loses an order, lines and all."""
    with device.db.write() as session:
        session.execute(delete(OrderLine).where(OrderLine.order_id == order_id))
        session.execute(delete(Order).where(Order.order_id == order_id))


def _roll_back(device: Device, earlier: OrderData) -> None:
    """The cache goes back to an earlier state of an order (a restored backup, a bug)."""
    row, lines = order_rows(earlier)
    with device.db.write() as session:
        order_repository.replace_orders(session, [row], lines)


def _cached(device: Device, order_id: str) -> tuple[OrderStatus, int] | None:
    detail = device.order_queries.detail(order_id)
    return None if detail is None else (detail.status, detail.version)


def _hub_state(hub: EmbeddedHub, order_id: str) -> tuple[OrderStatus, int]:
    order = hub.hub.admin.order(order_id)
    return order.status, order.version


def _line_count(device: Device, order_id: str) -> int:
    with device.db.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(OrderLine).where(OrderLine.order_id == order_id)
            )
            or 0
        )


def test_one_check_repairs_lost_older_and_wrongly_open_orders(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    lost = hub.demo.place_order(Channel.MEITUAN)
    older = hub.demo.place_order(Channel.ELEME)
    closed = hub.demo.place_order(Channel.MINIPROGRAM)
    fine = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, older.order_id)
    assert device.pusher.push() == 1
    hub.hub.intake.customer_cancels(closed.order_id)
    drain_feed(device)
    everything = [lost, older, closed, fine]
    assert {o.order_id: _cached(device, o.order_id) for o in everything} == {
        o.order_id: _hub_state(hub, o.order_id) for o in everything
    }

    _forget(device, lost.order_id)
    _roll_back(device, older)  # shown new, while the hub has it accepted
    _roll_back(device, closed)  # shown new, while the customer cancelled it
    assert _cached(device, older.order_id) == (OrderStatus.NEW, older.version)
    assert _cached(device, closed.order_id) == (OrderStatus.NEW, closed.version)
    listener.changes.clear()

    report = device.anti_entropy.check()

    # The hub's open orders are lost, older and fine; closed is open only on the device.
    assert report == CheckReport(compared=3, differing=3, repaired=3)
    assert {o.order_id: _cached(device, o.order_id) for o in everything} == {
        o.order_id: _hub_state(hub, o.order_id) for o in everything
    }
    assert _cached(device, closed.order_id) == (OrderStatus.CANCELLED, closed.version + 1)
    assert _line_count(device, lost.order_id) == len(lost.lines)
    assert listener.changes == [frozenset({RecordKind.ORDER})]
    health = device.health.health()
    assert health.repaired_count == 3
    assert health.last_check_at is not None

    assert device.anti_entropy.check() == CheckReport(compared=3, differing=0, repaired=0)
    assert device.health.health().repaired_count == 3
    assert listener.changes == [frozenset({RecordKind.ORDER})]


def test_a_cache_that_agrees_with_the_hub_is_left_alone(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    placed = [hub.demo.place_order(channel) for channel in Channel]
    drain_feed(device)
    listener.changes.clear()

    assert device.anti_entropy.check() == CheckReport(compared=len(placed), differing=0, repaired=0)
    health = device.health.health()
    assert health.repaired_count == 0
    assert health.last_check_at is not None
    assert listener.changes == []


def test_an_order_with_a_pending_action_keeps_showing_it_and_the_hub_state_is_held(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    order = hub.demo.place_order(Channel.ELEME)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)  # not sent yet
    cancelled = hub.hub.intake.customer_cancels(order.order_id)  # the feed will not bring it here

    report = device.anti_entropy.check()

    assert report is not None
    assert report.differing == 1
    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert (shown.status, shown.has_pending) == (OrderStatus.ACCEPTED, True)
    with device.db.read() as session:
        held = order_repository.held_hub_data(session, order.order_id)
    assert held is not None
    assert (held["status"], held["version"]) == ("cancelled", cancelled.version)
    repaired = device.health.health().repaired_count
    assert repaired == report.repaired == 1

    again = device.anti_entropy.check()
    assert again is not None
    assert again.repaired == 0
    assert device.health.health().repaired_count == repaired
    assert _cached(device, order.order_id) == (OrderStatus.ACCEPTED, order.version)

    # When the hub answers the action, the person is told and the hub's state is shown.
    device.pusher.push()
    assert [notice.entity_id for notice in listener.rejections] == [order.order_id]
    assert _cached(device, order.order_id) == _hub_state(hub, order.order_id)


def test_with_the_hub_away_the_check_gives_up_and_changes_nothing(
    hub: EmbeddedHub, device: Device, listener: RecordingListener
) -> None:
    lost = hub.demo.place_order(Channel.MEITUAN)
    kept = hub.demo.place_order(Channel.ELEME)
    drain_feed(device)
    _forget(device, lost.order_id)
    listener.changes.clear()
    hub.go_offline()

    assert device.anti_entropy.check() is None

    assert _cached(device, lost.order_id) is None
    assert _cached(device, kept.order_id) == _hub_state(hub, kept.order_id)
    health = device.health.health()
    assert (health.repaired_count, health.last_check_at) == (0, None)
    assert listener.changes == []

    hub.go_online()
    assert device.anti_entropy.check() == CheckReport(compared=2, differing=1, repaired=1)
    assert _cached(device, lost.order_id) == _hub_state(hub, lost.order_id)


def test_a_lost_order_with_a_waiting_action_is_shown_again_and_counted_once(
    hub: EmbeddedHub, device: Device
) -> None:
    # As after a database recovery: the action was rescued, the cached order was not.
    order = hub.demo.place_order(Channel.MEITUAN)
    drain_feed(device)
    cashier = sign_in_as(device.sign_in, "cashier", "1111")
    device.order_actions.accept(cashier, order.order_id)
    _forget(device, order.order_id)

    first = device.anti_entropy.check()
    second = device.anti_entropy.check()

    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert shown.has_pending
    assert (first, second) == (
        CheckReport(compared=1, differing=1, repaired=1),
        CheckReport(compared=1, differing=0, repaired=0),
    )
    assert device.health.health().repaired_count == 1
