"""Orders a channel sends that the hub cannot read in full: on the counter as exception orders,
rejected or mapped and accepted over HTTP, expired at their deadline; non-orders only counted."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.device import Device
from app.domain.channel_rules import CHANNEL_RULES
from app.domain.vocabulary import Channel, OrderStatus, TaskKind
from app.domain.wire_limits import NOTE_MAX
from hub.channels import ADAPTERS, ChannelAction
from hub.embedded import EmbeddedHub
from local_db import quarantine_repository
from sync.protocol import CommandResult, CommandResults, OrderData
from tests.devices import drain_feed, enrolled_device
from tests.fakes import RecordingListener
from tests.integration.hub.bad_payloads import BASKET, MISSING, SPOILS, UNKNOWN, payload, spoiled
from tests.integration.hub.conftest import DEADLINE_S, wait_until

CASHIER, PICKER, MANAGER = "staff-wangfang", "staff-liqiang", "staff-chenjing"
EXPECTED_CODE = {"unknown_sku": "unknown_item", "totals_off": "totals_mismatch"}
EXPECTED_CODE["missing_field"] = "missing_field"


class Counter:
    """An enrolled device's HTTP side: it sends commands as the app's pusher would."""

    def __init__(self, hub: EmbeddedHub, client: httpx.Client) -> None:
        self.hub = hub
        self._client = client
        response = client.post(
            "/v1/enrol",
            json={
                "store_code": hub.store_code,
                "enrolment_code": hub.new_enrolment_code(),
                "device_name": "counter",
            },
        )
        response.raise_for_status()
        self._auth = {"Authorization": f"Bearer {response.json()['device_token']}"}

    def send(self, kind: str, staff_id: str, **fields: Any) -> CommandResult:
        command = {
            "type": kind,
            "command_id": str(uuid.uuid4()),
            "staff_id": staff_id,
            "issued_at": datetime.now(UTC).isoformat(),
            **fields,
        }
        response = self._client.post(
            "/v1/commands", json={"commands": [command]}, headers=self._auth
        )
        response.raise_for_status()
        [result] = CommandResults.model_validate(response.json()).results
        return result

    def feed(self) -> list[dict[str, Any]]:
        response = self._client.get("/v1/feed", headers=self._auth, params={"limit": 1000})
        response.raise_for_status()
        records: list[dict[str, Any]] = response.json()["records"]
        return records


@pytest.fixture
def counter(hub: EmbeddedHub) -> Iterator[Counter]:
    with httpx.Client(base_url=hub.url, timeout=10.0) as client:
        yield Counter(hub, client)


@pytest.fixture
def device(hub: EmbeddedHub, tmp_path: Path, listener: RecordingListener) -> Iterator[Device]:
    built = enrolled_device(hub, tmp_path / "device", listener)
    try:
        drain_feed(built)  # up to date: the next pull brings only what arrives next
        yield built
    finally:
        built.stop()


def _take_in(hub: EmbeddedHub, channel: Channel, *how: str, serial: int = 7) -> OrderData:
    order = hub.demo.receive_channel_payload(
        channel, spoiled(channel, hub.hub.clock(), *how, serial=serial)
    )
    assert order is not None
    return order


def _mappings(order: OrderData, sku: str = "FR001") -> list[dict[str, Any]]:
    assert order.exception is not None
    return [
        {"ref": line.ref, "sku": sku, "quantity": line.quantity or 1}
        for line in order.exception.unread_lines
    ]


@pytest.mark.parametrize("how", list(SPOILS))
@pytest.mark.parametrize("channel", list(Channel))
def test_an_unreadable_order_is_on_the_counter_after_one_pull(
    hub: EmbeddedHub, device: Device, channel: Channel, how: str
) -> None:
    order = _take_in(hub, channel, how)

    device.puller.pull(wait=False)
    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert shown.status is OrderStatus.EXCEPTION
    with device.db.read() as session:
        assert quarantine_repository.count_quarantined(session) == 0
    exception = order.exception
    assert exception is not None
    assert [problem.code for problem in exception.problems] == [EXPECTED_CODE[how]]
    assert order.accept_by == exception.received_at + CHANNEL_RULES[channel].accept_window
    raw = hub.hub.admin.raw_payload(exception.raw_payload_id)
    assert order.channel_order_no in raw
    if how == "unknown_sku":
        [unread] = exception.unread_lines
        assert (unread.channel_sku, unread.quantity) == (UNKNOWN, 2)
        assert exception.problems[0].message == f"unknown item '{UNKNOWN}' x2"
        assert [line.sku for line in order.lines] == [sku for sku, _ in BASKET[1:]]
    else:
        assert exception.unread_lines == []
        assert [line.sku for line in order.lines] == [sku for sku, _ in BASKET]
    if how == "missing_field":
        assert exception.problems[0].field == MISSING[channel]


def test_an_exception_order_arriving_during_a_long_poll_ends_it(
    hub: EmbeddedHub, device: Device
) -> None:
    poll = threading.Thread(target=lambda: device.puller.pull(wait=True))
    poll.start()
    wait_until(lambda: hub.hub.devices.waiting_readers == 1)
    began = time.monotonic()
    order = _take_in(hub, Channel.ELEME, "unknown_sku")
    poll.join(DEADLINE_S)

    assert not poll.is_alive()
    assert time.monotonic() - began < 1.0  # woken by the order, not by the hold running out
    shown = device.order_queries.detail(order.order_id)
    assert shown is not None
    assert shown.status is OrderStatus.EXCEPTION


@pytest.mark.parametrize("channel", list(Channel))
def test_rejecting_an_exception_order_tells_the_channel(
    hub: EmbeddedHub, counter: Counter, channel: Channel
) -> None:
    order = _take_in(hub, channel, "unknown_sku")

    result = counter.send("reject_order", CASHIER, order_id=order.order_id, reason="sold_out")

    assert result.outcome == "applied", result.message
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.REJECTED
    [call] = hub.hub.admin.channel_calls(order.order_id)
    assert call.action is ChannelAction.REJECT
    assert call.channel_code == ADAPTERS[channel].codes.actions[ChannelAction.REJECT]
    sold_out = ADAPTERS[channel].codes.reject_reasons[CHANNEL_RULES[channel].reject_reasons[0]]
    assert sold_out in call.payload.values()


@pytest.mark.parametrize("channel", list(Channel))
def test_a_manager_maps_the_unread_lines_and_the_order_goes_to_picking(
    hub: EmbeddedHub, counter: Counter, channel: Channel
) -> None:
    assert counter.send("clock_in", PICKER).outcome == "applied"
    order = _take_in(hub, channel, "unknown_sku", "quantity_in_words")
    assert order.exception is not None
    assert [line.ref for line in order.exception.unread_lines] == ["1", "2"]

    mappings = [
        {"ref": "1", "sku": "FR001", "quantity": 2},
        {"ref": "2", "sku": "GR006", "quantity": 1},
    ]
    result = counter.send(
        "accept_exception_order", MANAGER, order_id=order.order_id, line_mappings=mappings
    )

    assert result.outcome == "applied", result.message
    accepted = hub.hub.admin.order(order.order_id)
    assert accepted.status is OrderStatus.ACCEPTED
    assert accepted.exception == order.exception  # the history stays on the order
    assert [(line.sku, line.quantity) for line in accepted.lines] == [
        ("FR001", 2),
        ("GR006", 1),
        ("VG005", 3),
    ]
    # Line 1's price was readable (the strawberries' 35.90); line 2's too (dumplings).
    assert [line.unit_price_cents for line in accepted.lines] == [3590, 1890, 450]
    assert accepted.subtotal_cents == sum(
        line.unit_price_cents * line.quantity for line in accepted.lines
    )
    assert (
        sum(line.paid_cents for line in accepted.lines)
        == accepted.subtotal_cents - accepted.discount_cents
    )
    assert (
        accepted.total_cents
        == accepted.subtotal_cents - accepted.discount_cents + accepted.delivery_fee_cents
    )
    [call] = hub.hub.admin.channel_calls(order.order_id)
    assert (call.action, call.channel_code) == (
        ChannelAction.ACCEPT,
        ADAPTERS[channel].codes.actions[ChannelAction.ACCEPT],
    )
    [task] = [t for t in hub.demo.tasks() if t.order_id == order.order_id]
    assert task.kind is TaskKind.PICK
    assert task.assignee_staff_id == PICKER
    assert [(line.sku, line.quantity) for line in task.lines] == [
        ("FR001", 2),
        ("GR006", 1),
        ("VG005", 3),
    ]


def test_a_cashier_maps_only_with_a_managers_approval(hub: EmbeddedHub, counter: Counter) -> None:
    order = _take_in(hub, Channel.MEITUAN, "unknown_sku")
    fields = {"order_id": order.order_id, "line_mappings": _mappings(order)}

    alone = counter.send("accept_exception_order", CASHIER, **fields)
    assert (alone.outcome, alone.reason) == ("rejected", "not_permitted")
    assert "Ask a manager" in alone.message
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.EXCEPTION
    assert hub.hub.admin.channel_calls(order.order_id) == []

    approved = counter.send("accept_exception_order", CASHIER, approved_by=MANAGER, **fields)
    assert approved.outcome == "applied", approved.message
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.ACCEPTED
    assert [c.action for c in hub.hub.admin.channel_calls(order.order_id)] == [ChannelAction.ACCEPT]


@pytest.mark.parametrize(
    ("mappings", "reason"),
    [
        ([], "line_unmapped"),
        ([{"ref": "9", "sku": "FR001", "quantity": 1}], "unknown_line_ref"),
        ([{"ref": "1", "sku": "FR001", "quantity": 1}] * 2, "line_mapped_twice"),
        ([{"ref": "1", "sku": "NOPE-1", "quantity": 1}], "unknown_item"),
    ],
)
def test_a_mapping_that_leaves_doubt_is_refused_in_words(
    hub: EmbeddedHub, counter: Counter, mappings: list[dict[str, Any]], reason: str
) -> None:
    order = _take_in(hub, Channel.ELEME, "unknown_sku")

    result = counter.send(
        "accept_exception_order", MANAGER, order_id=order.order_id, line_mappings=mappings
    )

    assert (result.outcome, result.reason) == ("rejected", reason)
    assert result.message.endswith(".")
    assert hub.hub.admin.order(order.order_id).status is OrderStatus.EXCEPTION


def test_accepting_an_exception_order_as_a_new_one_is_refused(
    hub: EmbeddedHub, counter: Counter
) -> None:
    order = _take_in(hub, Channel.MINIPROGRAM, "totals_off")

    result = counter.send("accept_order", CASHIER, order_id=order.order_id)

    assert (result.outcome, result.reason) == ("rejected", "transition_refused")
    assert "mapped" in result.message


@pytest.mark.parametrize("channel", list(Channel))
def test_an_exception_order_expires_at_its_channel_deadline(
    hub: EmbeddedHub, channel: Channel
) -> None:
    order = _take_in(hub, channel, "missing_field")

    assert hub.hub.timed.expire_overdue(order.accept_by - timedelta(seconds=1)) == []
    [expired] = hub.hub.timed.expire_overdue(order.accept_by + timedelta(seconds=1))

    assert expired.order_id == order.order_id
    assert expired.status is OrderStatus.CANCELLED
    [call] = hub.hub.admin.channel_calls(order.order_id)
    assert call.action is ChannelAction.EXPIRE
    assert ADAPTERS[channel].codes.expiry_reason in call.payload.values()


def test_the_customer_may_cancel_an_exception_order(hub: EmbeddedHub) -> None:
    order = _take_in(hub, Channel.MEITUAN, "unknown_sku")

    assert hub.hub.intake.customer_cancels(order.order_id).status is OrderStatus.CANCELLED


def test_payloads_that_are_no_order_stay_set_aside_and_are_counted_in_the_feed(
    hub: EmbeddedHub, counter: Counter
) -> None:
    now = hub.hub.clock()
    other_store = payload(Channel.ELEME, now)
    other_store["openId"] = "OTHER9"
    no_number = payload(Channel.MINIPROGRAM, now)
    del no_number["orderNo"]
    bad_number = payload(Channel.MEITUAN, now)
    bad_number["wm_order_id_view"] = "27\x00123"
    sent = [
        (Channel.MEITUAN, ["not", "an", "object"]),
        (Channel.ELEME, other_store),
        (Channel.MINIPROGRAM, no_number),
        (Channel.MEITUAN, bad_number),
    ]

    for channel, raw in sent:
        assert hub.demo.receive_channel_payload(channel, raw) is None

    assert hub.demo.orders() == []
    rejects = hub.hub.admin.channel_inbox_rejects()
    assert [r.channel for r in rejects] == [channel for channel, _ in sent]
    assert "not a JSON object" in rejects[0].error
    assert "OTHER9" in rejects[1].error
    assert "order number" in rejects[2].error
    [record] = [r for r in counter.feed() if r["kind"] == "channel_intake"]
    assert record["id"] == hub.hub.world.demo_store_id
    assert record["version"] == 4
    assert record["data"]["rejected_count"] == 4
    assert record["data"]["last_channel"] == "meituan"
    assert "order number" in record["data"]["last_reason"]


def test_a_re_push_of_an_exception_order_returns_it_unchanged(hub: EmbeddedHub) -> None:
    raw = spoiled(Channel.MEITUAN, hub.hub.clock(), "unknown_sku")

    first = hub.demo.receive_channel_payload(Channel.MEITUAN, raw)
    again = hub.demo.receive_channel_payload(Channel.MEITUAN, raw)

    assert first is not None
    assert again == first
    assert len(hub.demo.orders()) == 1


def test_a_long_note_is_cut_not_made_an_exception(hub: EmbeddedHub) -> None:
    raw = payload(Channel.ELEME, hub.hub.clock())
    raw["description"] = "少放辣\x1b[2J" + "很长" * 1_000_000

    order = hub.demo.receive_channel_payload(Channel.ELEME, raw)

    assert order is not None
    assert order.status is OrderStatus.NEW
    assert len(order.note) == NOTE_MAX
    assert order.note.startswith("少放辣 [2J")
    assert order.note.endswith("…")
