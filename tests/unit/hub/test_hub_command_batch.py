"""Several commands in one request: applied in order, each on its own, stored together."""

from __future__ import annotations

import threading
import uuid

import pytest

from app.domain.vocabulary import Channel, OrderStatus
from hub.composition import Hub
from hub.devices.enrolment import Device
from hub.errors import CommandIdReused
from sync.protocol import RawFeedPage
from tests.polling import wait_until
from tests.unit.hub.conftest import CommandFactory

WAIT_LIMIT_S = 5.0


def _orders_in_feed(hub: Hub, after: str | None = None) -> dict[str, tuple[int, str]]:
    page = hub.devices.read_feed(hub.world.demo_store_id, after, limit=1000)
    return {
        r["id"]: (r["version"], r["data"]["status"]) for r in page.records if r["kind"] == "order"
    }


def test_a_reused_id_third_in_the_batch_keeps_the_first_two_applied_and_in_the_feed(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    first, second, third = (
        hub.world.place_order(channel, store_id=hub.world.demo_store_id) for channel in Channel
    )
    reused_id = uuid.uuid4()
    hub.devices.apply_commands(
        device, [make_command("accept_order", third.order_id, command_id=reused_id)]
    )
    cursor = hub.devices.read_feed(hub.world.demo_store_id, limit=1000).cursor
    batch = [
        make_command("accept_order", first.order_id),
        make_command("accept_order", second.order_id),
        make_command("mark_ready", third.order_id, command_id=reused_id),
        make_command("mark_ready", first.order_id),
    ]

    with pytest.raises(CommandIdReused) as raised:
        hub.devices.apply_commands(device, batch)

    assert raised.value.command_id == str(reused_id)
    assert _orders_in_feed(hub, cursor) == {
        first.order_id: (2, "accepted"),
        second.order_id: (2, "accepted"),
    }
    assert hub.admin.order(first.order_id).status is OrderStatus.ACCEPTED
    assert hub.admin.order(third.order_id).status is OrderStatus.ACCEPTED
    assert [call.action for call in hub.admin.channel_calls(third.order_id)] == ["accept"]
    logged = {entry.command_id for entry in hub.admin.command_log(hub.world.demo_store_id)}
    assert {str(batch[0].command_id), str(batch[1].command_id)} <= logged
    assert str(batch[3].command_id) not in logged


def test_a_long_poll_is_woken_by_the_commands_kept_before_a_reused_id(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.ELEME, store_id=hub.world.demo_store_id)
    reused = make_command("accept_order", order.order_id)
    hub.devices.apply_commands(device, [reused])
    cursor = hub.devices.read_feed(hub.world.demo_store_id, limit=1000).cursor
    ready = make_command("mark_ready", order.order_id)
    clash = make_command(
        "hand_over", order.order_id, command_id=reused.command_id, handed_to="rider"
    )
    pages: list[RawFeedPage] = []
    reader = threading.Thread(
        target=lambda: pages.append(
            hub.devices.read_feed(hub.world.demo_store_id, cursor, wait_s=20)
        )
    )
    reader.start()
    wait_until(lambda: hub.devices.waiting_readers == 1, WAIT_LIMIT_S, "the reader to wait")

    with pytest.raises(CommandIdReused):
        hub.devices.apply_commands(device, [ready, clash])
    reader.join(WAIT_LIMIT_S)

    assert not reader.is_alive()
    assert [(r["id"], r["version"]) for r in pages[0].records] == [(order.order_id, 3)]


def test_commands_on_one_order_each_see_the_one_before(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    cursor = hub.devices.read_feed(hub.world.demo_store_id, limit=1000).cursor

    results = hub.devices.apply_commands(
        device,
        [
            make_command("accept_order", order.order_id),
            make_command("accept_order", order.order_id),
            make_command("mark_ready", order.order_id),
            make_command("hand_over", order.order_id, handed_to="rider"),
        ],
    )

    assert [(r.outcome, r.reason) for r in results] == [
        ("applied", ""),
        ("rejected", "transition_refused"),
        ("applied", ""),
        ("applied", ""),
    ]
    currents = [r.current for r in results]
    assert [c.version if c else None for c in currents] == [2, 2, 3, 4]
    seqs = [c.seq if c else 0 for c in currents]
    assert seqs[0] == seqs[1] < seqs[2] < seqs[3]
    assert _orders_in_feed(hub, cursor) == {order.order_id: (4, "handed_over")}
    assert hub.admin.order(order.order_id).version == 4
    actions = [call.action for call in hub.admin.channel_calls(order.order_id)]
    assert actions == ["accept", "ready", "hand_over"]


def test_the_same_command_twice_in_a_batch_is_applied_once(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    order = hub.world.place_order(Channel.MINIPROGRAM, store_id=hub.world.demo_store_id)
    accept = make_command("accept_order", order.order_id)

    first, again = hub.devices.apply_commands(device, [accept, accept])

    assert (first.outcome, again.outcome) == ("applied", "duplicate")
    assert again.message == first.message
    assert again.current == first.current
    [entry] = [
        e
        for e in hub.admin.command_log(hub.world.demo_store_id)
        if e.command_id == str(accept.command_id)
    ]
    assert entry.executions == 1
    assert len(hub.admin.channel_calls(order.order_id)) == 1


def test_with_dedupe_off_the_same_command_twice_in_a_batch_executes_twice(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    hub.state.dedupe_enabled = False
    order = hub.world.place_order(Channel.MINIPROGRAM, store_id=hub.world.demo_store_id)
    accept = make_command("accept_order", order.order_id)
    hub.devices.apply_commands(device, [accept])

    again, third = hub.devices.apply_commands(device, [accept, accept])

    assert (again.reason, third.reason) == ("transition_refused", "transition_refused")
    [entry] = [
        e
        for e in hub.admin.command_log(hub.world.demo_store_id)
        if e.command_id == str(accept.command_id)
    ]
    assert (entry.executions, entry.outcome) == (3, "rejected")


def test_a_pickup_code_taken_in_an_earlier_request_is_not_given_again_after_a_takeout_accept(
    hub: Hub, device: Device, make_command: CommandFactory
) -> None:
    store_id = hub.world.demo_store_id
    first, second = (
        hub.world.place_order(Channel.MINIPROGRAM, store_id=store_id) for _ in range(2)
    )
    takeout = hub.world.place_order(Channel.MEITUAN, store_id=store_id)
    hub.devices.apply_commands(
        device, [make_command("accept_order", first.order_id, pickup_code="1")]
    )

    # The takeout accept comes first: the codes it reads are not the mini-program's.
    _, accepted = hub.devices.apply_commands(
        device,
        [
            make_command("accept_order", takeout.order_id),
            make_command("accept_order", second.order_id, pickup_code="1"),
        ],
    )

    assert accepted.outcome == "applied"
    assert hub.admin.order(first.order_id).pickup_code == "1"
    given = hub.admin.order(second.order_id).pickup_code
    assert given is not None
    assert given != "1"
    assert "Pickup code 1 was taken" in accepted.message
