"""`decide_shortage` at the hub: the matrix from the sender's roles, the refund from the paid
amount (earlier refunds of the line counting), the channel's calls, and the catalogue feed."""

from __future__ import annotations

import uuid
from typing import Any

from app.domain.vocabulary import Channel, OrderStatus, ShortageReason, TaskLineStatus
from hub.channels import ChannelAction
from hub.composition import Hub
from hub.devices.enrolment import Device
from sync.protocol import COMMAND, CommandResult, ShortageData, TaskData
from tests.fakes import FrozenClock
from tests.unit.hub.conftest import CASHIER, MANAGER, PICKER, CommandFactory, send_command


def _short(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> tuple[TaskData, ShortageData]:
    """A started pick task whose first line was reported short, nothing of it found."""
    send_command(hub, device, clock, "clock_in", PICKER)
    order = hub.world.place_order(Channel.MEITUAN, store_id=hub.world.demo_store_id)
    hub.devices.apply_commands(device, [make_command("accept_order", order.order_id)])
    task_id = f"{order.order_id}-pick"
    send_command(hub, device, clock, "start_task", PICKER, task_id=task_id)
    line = hub.admin.task(task_id).lines[0]
    reported = send_command(
        hub,
        device,
        clock,
        "report_shortage",
        PICKER,
        task_id=task_id,
        line_id=line.line_id,
        quantity_found=0,
        reason=ShortageReason.OUT_OF_STOCK.value,
    )
    assert reported.outcome == "applied", reported.message
    return hub.admin.task(task_id), hub.admin.shortages(order.order_id)[-1]


def _decide(
    hub: Hub,
    device: Device,
    clock: FrozenClock,
    staff_id: str,
    shortage: ShortageData,
    **extra: Any,
) -> CommandResult:
    return send_command(
        hub,
        device,
        clock,
        "decide_shortage",
        staff_id,
        task_id=shortage.task_id,
        shortage_id=shortage.shortage_id,
        **extra,
    )


def test_a_cashier_may_not_refund_and_nothing_changes(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    _task, shortage = _short(hub, device, make_command, clock)

    result = _decide(hub, device, clock, CASHIER, shortage, decision="partial_refund")

    assert (result.outcome, result.reason) == ("rejected", "not_permitted")
    assert hub.admin.shortages(shortage.order_id)[-1].decision is None
    assert not [
        c
        for c in hub.admin.channel_calls(shortage.order_id)
        if c.action is ChannelAction.PARTIAL_REFUND
    ]


def test_a_manager_refunds_paid_per_unit_and_the_channel_is_called_once(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    task, shortage = _short(hub, device, make_command, clock)
    line = task.lines[0]

    result = _decide(hub, device, clock, MANAGER, shortage, decision="partial_refund")
    again = _decide(hub, device, clock, MANAGER, shortage, decision="partial_refund")

    assert result.outcome == "applied", result.message
    assert (again.outcome, again.reason) == ("rejected", "shortage_decided")
    expected = line.paid_cents * shortage.quantity_short // line.quantity
    calls = [
        c
        for c in hub.admin.channel_calls(shortage.order_id)
        if c.action is ChannelAction.PARTIAL_REFUND
    ]
    assert [c.payload["refund_cents"] for c in calls] == [expected]
    assert hub.admin.order(shortage.order_id).status is OrderStatus.PREPARING


def test_a_substitute_unknown_to_the_catalogue_is_refused(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    task, shortage = _short(hub, device, make_command, clock)

    unknown = _decide(
        hub, device, clock, MANAGER, shortage, decision="substitute", substitute_sku="NOPE1"
    )
    same = _decide(
        hub,
        device,
        clock,
        MANAGER,
        shortage,
        decision="substitute",
        substitute_sku=task.lines[0].sku,
    )

    assert unknown.reason == same.reason == "unknown_substitute"
    assert hub.admin.task(task.task_id).lines[0].status is TaskLineStatus.SHORT_PENDING


def test_a_cheaper_substitute_refunds_the_difference_a_dearer_one_nothing(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    task, shortage = _short(hub, device, make_command, clock)
    line = task.lines[0]
    paid = line.paid_cents * shortage.quantity_short // line.quantity
    cheapest = min(hub.catalogue.products, key=lambda p: p.price_cents)

    result = _decide(
        hub, device, clock, MANAGER, shortage, decision="substitute", substitute_sku=cheapest.sku
    )

    assert result.outcome == "applied", result.message
    decided = hub.admin.shortages(shortage.order_id)[-1]
    expected = max(paid - cheapest.price_cents * shortage.quantity_short, 0)
    assert decided.refund_cents == expected
    assert decided.substitute_name == cheapest.name
    [consent] = [
        c
        for c in hub.admin.channel_calls(shortage.order_id)
        if c.action is ChannelAction.SUBSTITUTE
    ]
    assert consent.payload["substitute_sku"] == cheapest.sku


def test_the_catalogue_is_in_the_feed_once_per_product(hub: Hub) -> None:
    records = hub.devices.read_feed(hub.world.demo_store_id, None, limit=1000).records
    products = [r for r in records if r["kind"] == "product"]
    assert sorted(r["id"] for r in products) == sorted(p.sku for p in hub.catalogue.products)
    assert all(r["version"] == 1 for r in products)


def test_a_managers_approval_does_not_make_a_cashier_the_decider(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    # Deciding a shortage is not a sensitive action a PIN can lend (app/domain/permissions.py):
    # the approval covers the refund, but the decision itself stays the manager's.
    _task, shortage = _short(hub, device, make_command, clock)

    result = _decide(
        hub, device, clock, CASHIER, shortage, decision="partial_refund", approved_by=MANAGER
    )

    assert (result.outcome, result.reason) == ("rejected", "not_permitted")
    assert "decide_shortage" in result.message
    assert hub.admin.shortages(shortage.order_id)[-1].decision is None


def _finish(hub: Hub, device: Device, clock: FrozenClock, task_id: str) -> list[CommandResult]:
    """The picker picks every open line, completes the pick and packs: the answers."""
    results = [
        send_command(
            hub,
            device,
            clock,
            "pick_line",
            PICKER,
            task_id=task_id,
            line_id=ln.line_id,
            quantity=ln.quantity,
        )
        for ln in hub.admin.task(task_id).lines
        if ln.status is TaskLineStatus.OPEN
    ]
    results.append(send_command(hub, device, clock, "complete_pick", PICKER, task_id=task_id))
    pack_id = task_id.removesuffix("-pick") + "-pack"
    results.append(
        send_command(hub, device, clock, "complete_pack", PICKER, task_id=pack_id, bag_count=1)
    )
    return results


def _command(clock: FrozenClock, kind: str, staff_id: str, **fields: Any) -> Any:
    return COMMAND.validate_python(
        {
            "type": kind,
            "command_id": uuid.uuid4(),
            "staff_id": staff_id,
            "issued_at": clock(),
            **fields,
        }
    )


def test_cancelling_while_the_customer_asks_to_cancel_agrees_and_the_outbox_goes_on(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    # The cancel used to raise TransitionRefused from cancel_requested: a 500, the device
    # retrying the batch for ever, every later command stuck behind it.
    _task, shortage = _short(hub, device, make_command, clock)
    hub.intake.customer_requests(shortage.order_id, "cancel", reason="too slow")

    decided, clocked_out = hub.devices.apply_commands(
        device,
        [
            _command(
                clock,
                "decide_shortage",
                MANAGER,
                task_id=shortage.task_id,
                shortage_id=shortage.shortage_id,
                decision="cancel_order",
            ),
            _command(clock, "clock_out", PICKER),
        ],
    )

    assert decided.outcome == "applied", decided.message
    assert clocked_out.outcome == "applied", clocked_out.message
    order = hub.admin.order(shortage.order_id)
    assert order.status is OrderStatus.CANCELLED
    assert order.request is not None
    assert order.request.answer == "agreed"
    actions = [c.action for c in hub.admin.channel_calls(shortage.order_id)]
    assert ChannelAction.AGREE_CANCEL in actions
    assert ChannelAction.CANCEL not in actions


def test_a_decision_during_a_refused_cancel_request_lets_the_order_become_ready(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    _task, shortage = _short(hub, device, make_command, clock)
    hub.intake.customer_requests(shortage.order_id, "cancel", reason="too slow")
    decided = _decide(hub, device, clock, MANAGER, shortage, decision="partial_refund")
    refused = send_command(
        hub,
        device,
        clock,
        "answer_cancel_request",
        CASHIER,
        order_id=shortage.order_id,
        agree=False,
        reason="already packing",
    )

    assert decided.outcome == refused.outcome == "applied", (decided.message, refused.message)
    assert hub.admin.order(shortage.order_id).status is OrderStatus.PREPARING
    answers = _finish(hub, device, clock, shortage.task_id)
    assert [a.outcome for a in answers] == ["applied"] * len(answers), [a.message for a in answers]
    assert hub.admin.order(shortage.order_id).status is OrderStatus.READY


def test_a_substitute_is_packed_in_place_of_the_missing_units(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    task, shortage = _short(hub, device, make_command, clock)
    substitute = next(p for p in hub.catalogue.products if p.sku != task.lines[0].sku)
    _decide(
        hub, device, clock, MANAGER, shortage, decision="substitute", substitute_sku=substitute.sku
    )

    answers = _finish(hub, device, clock, task.task_id)

    assert [a.outcome for a in answers] == ["applied"] * len(answers), [a.message for a in answers]
    pack = hub.admin.task(f"{shortage.order_id}-pack")
    [packed] = [ln for ln in pack.lines if ln.sku == substitute.sku]
    assert packed.quantity == shortage.quantity_short
    assert packed.barcode == substitute.barcode
    assert task.lines[0].sku not in {ln.sku for ln in pack.lines}  # none of it was found
    assert hub.admin.order(shortage.order_id).status is OrderStatus.READY


def test_the_shortages_of_an_order_the_customer_cancelled_are_closed_and_published(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    _task, shortage = _short(hub, device, make_command, clock)

    hub.intake.customer_cancels(shortage.order_id)

    [closed] = hub.admin.shortages(shortage.order_id)
    assert closed.decision == "cancel_order"
    assert closed.version == shortage.version + 1
    assert closed.refund_cents is None
    records = hub.devices.read_feed(hub.world.demo_store_id, None, limit=1000).records
    [record] = [r for r in records if r["kind"] == "shortage" and r["id"] == shortage.shortage_id]
    assert record["version"] == closed.version


def test_a_cancel_decision_on_one_line_closes_the_shortage_of_another(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    task, first = _short(hub, device, make_command, clock)
    other = task.lines[1]
    send_command(
        hub,
        device,
        clock,
        "report_shortage",
        PICKER,
        task_id=task.task_id,
        line_id=other.line_id,
        quantity_found=0,
        reason=ShortageReason.OUT_OF_STOCK.value,
    )

    result = _decide(hub, device, clock, MANAGER, first, decision="cancel_order")

    assert result.outcome == "applied", result.message
    assert [s.decision for s in hub.admin.shortages(first.order_id)] == ["cancel_order"] * 2


def test_a_later_refund_request_is_capped_at_what_shortages_have_not_given_back(
    hub: Hub, device: Device, make_command: CommandFactory, clock: FrozenClock
) -> None:
    _task, shortage = _short(hub, device, make_command, clock)
    decided = _decide(hub, device, clock, MANAGER, shortage, decision="partial_refund")
    assert decided.outcome == "applied"
    [refunded] = [
        c.payload["refund_cents"]
        for c in hub.admin.channel_calls(shortage.order_id)
        if c.action is ChannelAction.PARTIAL_REFUND
    ]
    total = hub.admin.order(shortage.order_id).total_cents
    results = hub.devices.apply_commands(
        device,
        [
            make_command("mark_ready", shortage.order_id),
            make_command("hand_over", shortage.order_id, handed_to="rider"),
        ],
    )
    assert [r.outcome for r in results] == ["applied", "applied"], [r.message for r in results]

    asked = hub.intake.customer_requests(
        shortage.order_id, "refund", reason="全退", refund_cents=total
    )

    assert refunded > 0
    assert asked.request is not None
    assert asked.request.refund_cents == total - refunded
