"""Every cell of the permission matrix at the hub, over HTTP: each command from a person with
only one role is applied or refused from the hub's own staff table, whatever the device did."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.domain.permissions import Permission, permits
from app.domain.vocabulary import Channel, OrderStatus, Role, TaskStatus
from hub.embedded import EmbeddedHub
from hub.storage.tables import StaffRow
from sync.protocol import CommandResult, CommandResults

CASHIER, PICKER, BOSS = "staff-wangfang", "staff-liqiang", "staff-boss"
GONE = "staff-gone"
"""A manager who left the store (inactive): their PIN approves nothing any more."""
OTHER = "staff-zhaomin"
"""A second picker, off duty but while someone tries to end their shift (so tasks keep going
to the one picker the walk expects)."""
ONLY = {Role.CASHIER: CASHIER, Role.PICKER: PICKER, Role.MANAGER: BOSS}
"""One person per role, holding only that role (the demo's manager is also a cashier)."""

DEVICE_ONLY = {
    Permission.REPRINT: "tickets print on the device; the hub never sees them",
    Permission.SETTINGS: "printers, auto-accept and alarm volume are this device's",
    Permission.MUTE_ALARM: "the alarm rings on the device",
    Permission.UNLOCK: "a PIN lockout is kept on the device (app/services/sign_in.py)",
    Permission.EXPORT: "the day's CSV and the audit trail's CSV are written on the device",
}
"""Cells with no hub command: the device checks them alone (its own matrix test walks them)."""
EXPECTED_BESIDES_THE_MATRIX = {
    (Role.MANAGER, Permission.REPORT_SHORTAGE): "not_clocked_in",
}
"""Cells the matrix lets through but a task rule refuses: only a picker on duty works a task,
and a manager cannot clock in (clocking in is picking)."""


class Store:
    """The hub as a device of the store sees it, plus the channel side to make orders."""

    def __init__(self, embedded: EmbeddedHub, client: httpx.Client, auth: dict[str, str]):
        self.embedded = embedded
        self._client = client
        self._auth = auth

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

    def new_order(self) -> str:
        return self.embedded.demo.place_order(Channel.MEITUAN).order_id

    def exception_order(self) -> str:
        """An order the hub could not read in full (an unknown item): it waits to be mapped."""
        order = self.embedded.demo.place_order(Channel.MEITUAN, spoiled="unknown_sku")
        assert order.status is OrderStatus.EXCEPTION
        return order.order_id

    def accepted(self) -> str:
        order_id = self.new_order()
        assert self.send("accept_order", CASHIER, order_id=order_id).outcome == "applied"
        return order_id

    def ready(self) -> str:
        order_id = self.accepted()
        assert self.send("mark_ready", CASHIER, order_id=order_id).outcome == "applied"
        return order_id

    def requested(self, kind: str) -> str:
        order_id = self.accepted()
        if kind == "refund":
            self.send("mark_ready", CASHIER, order_id=order_id)
            self.send("hand_over", CASHIER, order_id=order_id, handed_to="rider")
        self.embedded.hub.intake.customer_requests(
            order_id, "refund" if kind == "refund" else "cancel"
        )
        return order_id

    def assigned_task(self) -> str:
        task_id = f"{self.accepted()}-pick"
        task = self.embedded.hub.admin.task(task_id)
        assert (task.status, task.assignee_staff_id) == (TaskStatus.ASSIGNED, PICKER)
        return task_id

    def started_task(self) -> str:
        task_id = self.assigned_task()
        assert self.send("start_task", PICKER, task_id=task_id).outcome == "applied"
        return task_id

    def shortage(self) -> tuple[str, str]:
        """(task id, shortage id) of a line the picker reported short, not decided yet."""
        task_id = self.started_task()
        reported = self.send(
            "report_shortage",
            PICKER,
            task_id=task_id,
            line_id=_first_line(self, task_id)["line_id"],
            quantity_found=0,
            reason="out_of_stock",
        )
        assert reported.outcome == "applied", reported.message
        [shortage] = self.embedded.hub.admin.shortages(
            self.embedded.hub.admin.task(task_id).order_id
        )
        return task_id, shortage.shortage_id

    def on_duty(self, staff_id: str) -> bool:
        return next(s.clocked_in for s in self.embedded.demo.staff() if s.staff_id == staff_id)


def _map_and_accept(store: Store, who: str) -> CommandResult:
    """Map every unread line of a fresh exception order to a catalogue item and accept it."""
    order_id = store.exception_order()
    exception = store.embedded.hub.admin.order(order_id).exception
    assert exception is not None
    mappings = [
        {"ref": line.ref, "sku": "FR002", "quantity": line.quantity or 1}
        for line in exception.unread_lines
    ]
    result = store.send("accept_exception_order", who, order_id=order_id, line_mappings=mappings)
    status = store.embedded.hub.admin.order(order_id).status
    assert status is (
        OrderStatus.ACCEPTED if result.outcome == "applied" else OrderStatus.EXCEPTION
    )
    return result


def _first_line(store: Store, task_id: str) -> dict[str, Any]:
    line = store.embedded.hub.admin.task(task_id).lines[0]
    return {"line_id": line.line_id, "scanned_code": line.barcode, "quantity": 1}


Command = Callable[[Store, str], CommandResult]


def _decide(store: Store, who: str, decision: str) -> CommandResult:
    """Decide a fresh shortage; the hub keeps the decision exactly when it applied it."""
    task_id, shortage_id = store.shortage()
    result = store.send(
        "decide_shortage", who, task_id=task_id, shortage_id=shortage_id, decision=decision
    )
    [kept] = [s for s in store.embedded.hub.admin.shortages() if s.shortage_id == shortage_id]
    assert kept.decision == (decision if result.outcome == "applied" else None)
    return result


def _deciding(decision: str) -> Command:
    def command(store: Store, who: str) -> CommandResult:
        return _decide(store, who, decision)

    return command


def _clock_the_other_picker_out(store: Store, who: str) -> CommandResult:
    """End another picker's shift; it ends exactly when the hub applied the command (and ends
    anyway afterwards, so tasks keep going to the one picker the walk expects)."""
    assert store.send("clock_in", OTHER).outcome == "applied"
    result = store.send("clock_out", who, target_staff_id=OTHER)
    assert store.on_duty(OTHER) is (result.outcome != "applied")
    assert store.send("clock_out", OTHER).outcome == "applied"
    return result


HUB_COMMANDS: dict[Permission, list[tuple[str, Command]]] = {
    Permission.ACCEPT: [
        ("accept_order", lambda s, who: s.send("accept_order", who, order_id=s.new_order()))
    ],
    Permission.MAP_ITEMS: [("accept_exception_order", _map_and_accept)],
    Permission.REJECT: [
        (
            "reject_order",
            lambda s, who: s.send("reject_order", who, order_id=s.new_order(), reason="sold_out"),
        )
    ],
    Permission.READY: [
        ("mark_ready", lambda s, who: s.send("mark_ready", who, order_id=s.accepted()))
    ],
    Permission.HAND_OVER: [
        (
            "hand_over",
            lambda s, who: s.send("hand_over", who, order_id=s.ready(), handed_to="rider"),
        )
    ],
    Permission.PICK: [
        ("clock_in", lambda s, who: s.send("clock_in", who)),
        ("start_task", lambda s, who: s.send("start_task", who, task_id=s.assigned_task())),
        (
            "pick_line",
            lambda s, who: s.send(
                "pick_line",
                who,
                task_id=(task_id := s.started_task()),
                **_first_line(s, task_id),
            ),
        ),
    ],
    Permission.REPORT_SHORTAGE: [
        (
            "report_shortage",
            lambda s, who: s.send(
                "report_shortage",
                who,
                task_id=(task_id := s.started_task()),
                line_id=_first_line(s, task_id)["line_id"],
                quantity_found=0,
                reason="out_of_stock",
            ),
        )
    ],
    Permission.DECIDE_SHORTAGE: [
        (f"decide_shortage {decision}", _deciding(decision))
        for decision in ("found", "partial_refund", "cancel_order")
    ],
    Permission.REFUND: [
        (
            "answer_refund_request",
            lambda s, who: s.send(
                "answer_refund_request", who, order_id=s.requested("refund"), agree=True
            ),
        )
    ],
    Permission.CANCEL: [
        (
            "answer_cancel_request",
            lambda s, who: s.send(
                "answer_cancel_request", who, order_id=s.requested("cancel"), agree=True
            ),
        )
    ],
    Permission.PAUSE_CHANNEL: [
        (
            "pause_channel",
            lambda s, who: s.send(
                "pause_channel",
                who,
                channel="meituan",
                paused_until=(datetime.now(UTC) + timedelta(minutes=15)).isoformat(),
            ),
        )
    ],
    Permission.REASSIGN: [
        (
            "reassign_task",
            lambda s, who: s.send(
                "reassign_task", who, task_id=s.assigned_task(), assignee_staff_id=PICKER
            ),
        ),
        ("clock_out of another picker", _clock_the_other_picker_out),
    ],
}
"""Each hub command a person sends, by the permission it needs."""


def _hire(hub_file: Path) -> None:
    """Administration, outside the device API: a manager-only person, one who left and a
    second picker off duty."""
    engine = create_engine(f"sqlite:///{hub_file}")
    try:
        with Session(engine) as session, session.begin():
            template = session.get(StaffRow, CASHIER)
            assert template is not None
            hired = (
                (BOSS, "赵总 Zhao", True, Role.MANAGER),
                (GONE, "钱经理 Qian", False, Role.MANAGER),
                (OTHER, "赵敏 Zhao Min", True, Role.PICKER),
            )
            for staff_id, name, active, role in hired:
                session.add(
                    StaffRow(
                        staff_id=staff_id,
                        store_id=template.store_id,
                        name=name,
                        roles=[role.value],
                        pin=dict(template.pin),
                        active=active,
                        clocked_in=False,
                        version=1,
                    )
                )
    finally:
        engine.dispose()


@pytest.fixture
def store(
    tmp_path: Path, embedded: EmbeddedHub, client: httpx.Client, auth: dict[str, str]
) -> Store:
    _hire(tmp_path / "hub.db")
    served = Store(embedded, client, auth)
    assert served.send("clock_in", PICKER).outcome == "applied"  # tasks go to the picker
    return served


def _outcome(result: CommandResult) -> str:
    return "applied" if result.outcome == "applied" else result.reason


def test_every_cell_of_the_matrix_is_enforced_at_the_hub(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(HUB_COMMANDS) | set(DEVICE_ONLY) == set(Permission)
    assert not set(HUB_COMMANDS) & set(DEVICE_ONLY)
    # A refund or cancel decision needs refund or cancel as well as decide_shortage; every role
    # that may decide holds both, so all decisions of a cell get the same answer.
    deciders = [r for r in Role if permits([r], Permission.DECIDE_SHORTAGE)]
    assert all(
        permits([r], Permission.REFUND) and permits([r], Permission.CANCEL) for r in deciders
    )
    walked = applied = refused = sent = 0
    for role, staff_id in ONLY.items():
        for permission, commands in HUB_COMMANDS.items():
            walked += 1
            expected = EXPECTED_BESIDES_THE_MATRIX.get(
                (role, permission),
                "applied" if permits([role], permission) else "not_permitted",
            )
            for name, command in commands:
                sent += 1
                result = command(store, staff_id)
                assert _outcome(result) == expected, (role, permission, name, result.message)
                applied += result.outcome == "applied"
                refused += result.reason == "not_permitted"
    total = len(ONLY) * len(Permission)
    device_only = len(ONLY) * len(DEVICE_ONLY)
    assert walked + device_only == total == 51
    others = sorted(p.value for p in DEVICE_ONLY)
    with capsys.disabled():
        print(
            f"\nhub matrix: {walked} of {total} cells walked over HTTP, every cell that has a"
            f" hub command ({sent} commands: {applied} applied, {refused} refused"
            f" not_permitted); {device_only} cells have no hub command and are walked on the"
            f" device: {others}"
        )


def test_a_managers_override_lets_a_cashier_agree_to_a_refund(store: Store) -> None:
    alone = store.send(
        "answer_refund_request", CASHIER, order_id=store.requested("refund"), agree=True
    )
    order_id = store.requested("refund")
    approved = store.send(
        "answer_refund_request", CASHIER, order_id=order_id, agree=True, approved_by=BOSS
    )

    assert (alone.outcome, alone.reason) == ("rejected", "not_permitted")
    assert "Ask a manager" in alone.message
    assert approved.outcome == "applied", approved.message
    order = store.embedded.hub.admin.order(order_id)
    assert order.request is not None
    assert order.request.answered_by == "王芳 Wang Fang"  # the cashier answered, approved


@pytest.mark.parametrize(
    ("approver", "words"),
    [
        (PICKER, "李强 Li Qiang is not an active manager here"),
        (CASHIER, "王芳 Wang Fang is not an active manager here"),
        (GONE, "钱经理 Qian is not an active manager here"),
        ("staff-nobody", "not staff of this store"),
    ],
)
def test_an_override_by_anyone_but_an_active_manager_is_refused(
    store: Store, approver: str, words: str
) -> None:
    order_id = store.requested("refund")
    result = store.send(
        "answer_refund_request", CASHIER, order_id=order_id, agree=True, approved_by=approver
    )

    assert (result.outcome, result.reason) == ("rejected", "not_permitted")
    assert words in result.message
    assert store.embedded.hub.admin.order(order_id).status.value == "refund_requested"


def test_an_override_does_not_let_a_cashier_pick(store: Store) -> None:
    task_id = store.assigned_task()
    clock_in = store.send("clock_in", CASHIER, approved_by=BOSS)
    start = store.send("start_task", CASHIER, task_id=task_id, approved_by=BOSS)

    assert [(r.outcome, r.reason) for r in (clock_in, start)] == [("rejected", "not_permitted")] * 2
    assert "does not let" in start.message
    assert store.embedded.hub.admin.task(task_id).status is TaskStatus.ASSIGNED
