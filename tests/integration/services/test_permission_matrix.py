"""Every cell of the permission matrix on the device: each service lets a role through or
refuses it with not_permitted, writing nothing but the refusal's audit entry (and no file)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.action_permissions import ORDER_ACTION_PERMISSIONS
from app.domain.audit_chain import AuditResult
from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import MATRIX, Permission, permits
from app.domain.sign_in_lockout import MAX_FAILURES
from app.domain.vocabulary import Channel, HandoverParty, Role, ShortageReason, TaskKind, TaskStatus
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup
from app.read_models import SignedInStaff
from app.services.alarm_preferences import AlarmPreferences
from app.services.audit_trail import AuditFilter, AuditTrail
from app.services.audit_trail import ExportRefused as AuditExportRefused
from app.services.channel_pauses import ChannelPauses, PauseRefused
from app.services.day_dashboard import DayDashboard
from app.services.day_export import ExportRefused
from app.services.device_preferences import DevicePreferences, SettingRefused
from app.services.exception_orders import ExceptionOrders, LineChoice
from app.services.order_actions import ActionRefused, OrderActions
from app.services.picking import Picking, PickingRefused
from app.services.print_journal import PrintJournal, PrintRefused
from app.services.print_settings import PrintSettings
from app.services.shortage_decisions import DecisionRefused, ShortageDecisions
from app.services.sign_in import NotAllowed, SignInService
from app.services.task_control import TaskControl, TaskControlRefused
from local_db import outbox_repository, sign_in_guard_repository
from local_db.audit_repository import AuditRow
from local_db.database import Database
from local_db.models import Base
from local_db.sign_in_guard_repository import GuardRow
from sync.feed_apply import apply_raw_records
from sync.protocol import ShelfLocation, ShortageData, TaskData, TaskLine
from tests.factories import BASE_TIME, TEST_PIN_PEPPER, order_record, staff_record
from tests.fakes import FrozenClock
from tests.unit.services.exception_records import exception_record, product_record

PEOPLE = {
    Role.CASHIER: SignedInStaff("s-cashier", "王芳 Wang Fang", frozenset({Role.CASHIER})),
    Role.PICKER: SignedInStaff("s-picker", "李强 Li Qiang", frozenset({Role.PICKER})),
    Role.MANAGER: SignedInStaff("s-manager", "陈静 Chen Jing", frozenset({Role.MANAGER})),
}
"""One person per role, holding only that role, so each cell tests one role alone."""

FLOOR = "s-floor"
"""A second picker on duty: whom a task is reassigned to and whose shift a manager ends."""
LOCKED = "s-locked"
"""A cashier locked out by wrong PINs, for the unlock cells."""
PIN = "1234"
"""Everyone's PIN in this seed."""

CODED = (
    ActionRefused,
    PickingRefused,
    PauseRefused,
    PrintRefused,
    SettingRefused,
    DecisionRefused,
    TaskControlRefused,
    ExportRefused,
)
"""Refusals carrying a code, which must be not_permitted."""
UNCODED = (NotAllowed, AuditExportRefused)
"""Refusals without a code: the sign-in service and the audit export raise them only when the
matrix refuses (a wrong PIN is SignInRefused, a disk error OSError)."""
REFUSALS = CODED + UNCODED


@dataclass(frozen=True, slots=True)
class Services:
    """The device's services over one cell's database."""

    db: Database
    orders: OrderActions
    picking: Picking
    pauses: ChannelPauses
    journal: PrintJournal
    settings: PrintSettings
    alarm: AlarmPreferences
    decisions: ShortageDecisions
    tasks: TaskControl
    sign_in: SignInService
    dashboard: DayDashboard
    trail: AuditTrail
    exceptions: ExceptionOrders
    out: Path
    """An empty folder for the exports: a refused export must leave it empty."""


Attempt = Callable[[Services, SignedInStaff], object]
UNLOCK_BY_PIN = "unlock by a manager's PIN at the sign-in screen"
"""Audited as the PIN check it is (override, for unlock), refused or not."""


def _pick(services: Services, who: SignedInStaff) -> object:
    services.picking.clock_in(who)
    services.picking.start(who, "o-pick-pick")
    return services.picking.count(who, "o-pick-pick", "l-1", 1)


def _reprint(services: Services, who: SignedInStaff) -> object:
    [ticket] = services.journal.order_tickets("o-accepted")
    return services.journal.reprint(who, ticket.ticket_id, "顾客要发票 customer asked")


def _unlock_by_pin(services: Services, who: SignedInStaff) -> object:
    return services.sign_in.unlock_by_pin(who.staff_id, PIN, LOCKED)


def _decide(decision: str) -> Attempt:
    """A manager's decision on the seeded shortage (a refund or cancel needs those too)."""

    def attempt(services: Services, who: SignedInStaff) -> object:
        return services.decisions.decide(who, "sh-1", decision)

    return attempt


ATTEMPTS: dict[Permission, list[tuple[str, Attempt]]] = {
    Permission.ACCEPT: [("accept", lambda s, who: s.orders.accept(who, "o-new"))],
    Permission.MAP_ITEMS: [
        (
            "map an exception order's items and accept it",
            lambda s, who: s.exceptions.accept_exception_order(
                who, "o-exception", [LineChoice("1", "milk", 2)]
            ),
        )
    ],
    Permission.REJECT: [
        ("reject", lambda s, who: s.orders.reject(who, "o-new", RejectReason.SOLD_OUT))
    ],
    Permission.READY: [("mark ready", lambda s, who: s.orders.mark_ready(who, "o-accepted"))],
    Permission.HAND_OVER: [
        ("hand over", lambda s, who: s.orders.hand_over(who, "o-ready", HandoverParty.RIDER))
    ],
    Permission.PICK: [("clock in, start, count", _pick)],
    Permission.REPORT_SHORTAGE: [
        (
            "report shortage",
            lambda s, who: s.picking.report_shortage(
                who, "o-short-pick", "l-1", 0, ShortageReason.OUT_OF_STOCK
            ),
        )
    ],
    Permission.DECIDE_SHORTAGE: [
        (f"decide: {decision}", _decide(decision))
        for decision in ("found", "partial_refund", "cancel_order")
    ],
    Permission.REFUND: [
        (
            "agree to a refund request",
            lambda s, who: s.orders.answer_refund_request(who, "o-refund", agree=True),
        )
    ],
    Permission.CANCEL: [
        (
            "agree to a cancel request",
            lambda s, who: s.orders.answer_cancel_request(who, "o-cancel", agree=True),
        )
    ],
    Permission.REPRINT: [("reprint a receipt", _reprint)],
    Permission.SETTINGS: [
        ("printers", lambda s, who: s.settings.change(who, PrintSetup())),
        ("auto-accept", lambda s, who: s.alarm.set_auto_accept(Channel.MEITUAN, True, who)),
        ("alarm volume", lambda s, who: s.alarm.set_volume_percent(20, who)),
    ],
    Permission.PAUSE_CHANNEL: [
        ("busy mode", lambda s, who: s.pauses.pause(who, Channel.MEITUAN, 15)),
        ("reopen", lambda s, who: s.pauses.reopen(who, Channel.MEITUAN)),
    ],
    Permission.MUTE_ALARM: [("mute 10 min", lambda s, who: s.alarm.mute_for(10, who))],
    Permission.REASSIGN: [
        ("reassign a task", lambda s, who: s.tasks.reassign(who, "o-pick-pick", FLOOR)),
        ("clock someone else out", lambda s, who: s.tasks.clock_out(who, FLOOR)),
    ],
    Permission.UNLOCK: [
        ("unlock from the manager's list", lambda s, who: s.sign_in.unlock(who, LOCKED)),
        (UNLOCK_BY_PIN, _unlock_by_pin),
    ],
    Permission.EXPORT: [
        ("the day's CSV", lambda s, who: s.dashboard.export_csv(s.out / "day.csv", who)),
        (
            "the audit trail's CSV",
            lambda s, who: s.trail.export_csv(who, s.out / "audit.csv", AuditFilter()),
        ),
    ],
}
"""Each device entry point doing a matrix action, by the permission it needs."""


def _staff(seq: int, who: SignedInStaff) -> dict[str, Any]:
    record = staff_record(seq, who.staff_id, who.name, [r.value for r in who.roles], PIN)
    record["data"]["clocked_in"] = True  # on duty, so the task rules never stand in the way
    return record


def _shortage(seq: int) -> dict[str, Any]:
    """A line of o-short reported short by the floor picker, waiting for a decision."""
    data = ShortageData(
        shortage_id="sh-1",
        order_id="o-short",
        task_id="o-short-pick",
        line_id="o-short-l0",
        quantity_short=1,
        reason=ShortageReason.OUT_OF_STOCK,
        reported_by=FLOOR,
        reported_at=BASE_TIME,
        version=1,
    )
    return {"seq": seq, "kind": "shortage", "id": "sh-1", "version": 1, "data": data.model_dump()}


def _task(seq: int, task_id: str, assignee: str, status: TaskStatus) -> dict[str, Any]:
    data = TaskData(
        task_id=task_id,
        order_id=task_id.removesuffix("-pick"),
        kind=TaskKind.PICK,
        status=status,
        assignee_staff_id=assignee,
        due_at=BASE_TIME + timedelta(minutes=20),
        daily_serial=seq,
        lines=[
            TaskLine(
                line_id="l-1",
                sku="milk",
                name="Milk",
                barcode="6901234567892",
                quantity=2,
                location=ShelfLocation(zone="A", aisle=1, shelf=1, position=1),
            )
        ],
        version=1,
    )
    return {"seq": seq, "kind": "task", "id": task_id, "version": 1, "data": data.model_dump()}


def _requested(seq: int, order_id: str, kind: str, resume: str) -> dict[str, Any]:
    request = {
        "kind": kind,
        "reason": "不想要了",
        "requested_at": BASE_TIME.isoformat(),
        "refund_cents": 500 if kind == "refund" else None,
    }
    return order_record(
        seq,
        order_id,
        channel="eleme",
        serial=seq,
        status=f"{kind}_requested",
        resume_status=resume,
        request=request,
    )


def _seed(db: Database, actor: SignedInStaff, boss: SignedInStaff) -> None:
    settings = {
        "store_id": "store-1",
        "name": "店",
        "channels": [{"channel": c.value, "accept_window_s": 300} for c in Channel],
        "version": 1,
    }
    records = [
        _staff(1, actor),
        _staff(2, boss),
        {"seq": 3, "kind": "store_settings", "id": "store-1", "version": 1, "data": settings},
        order_record(4, "o-new", serial=4),
        order_record(5, "o-accepted", serial=5, status="accepted"),
        order_record(6, "o-ready", serial=6, status="ready"),
        _requested(7, "o-refund", "refund", "completed"),
        _requested(8, "o-cancel", "cancel", "accepted"),
        order_record(9, "o-pick", serial=9, status="accepted"),
        order_record(10, "o-short", serial=10, status="preparing"),
        _task(11, "o-pick-pick", actor.staff_id, TaskStatus.ASSIGNED),
        _task(12, "o-short-pick", actor.staff_id, TaskStatus.IN_PROGRESS),
        _staff(13, SignedInStaff(FLOOR, "赵敏 Zhao Min", frozenset({Role.PICKER}))),
        _staff(14, SignedInStaff(LOCKED, "孙丽 Sun Li", frozenset({Role.CASHIER}))),
        _shortage(15),
        product_record(16, "milk", "牛奶 Milk"),
        exception_record(17, "o-exception", serial=17),
    ]
    locked = GuardRow(
        staff_id=LOCKED,
        failures=MAX_FAILURES,
        last_failure_at=BASE_TIME,
        locked_at=BASE_TIME,
        clock_high_water=BASE_TIME,
        locked_elapsed_s=0.0,
    )
    with db.write() as session:
        applied = apply_raw_records(session, records, BASE_TIME, pin_pepper=TEST_PIN_PEPPER)
        assert applied.quarantined == 0
        sign_in_guard_repository.save(session, locked)


@pytest.fixture
def cells(tmp_path: Path) -> Iterator[Callable[[SignedInStaff], Services]]:
    """Services over a fresh, seeded database for each cell (closed at the end)."""
    opened: list[Database] = []

    def make(actor: SignedInStaff) -> Services:
        db = Database(tmp_path / f"cell-{len(opened)}.db")
        opened.append(db)
        boss = SignedInStaff("s-boss", "赵总 Zhao", frozenset({Role.MANAGER}))
        _seed(db, actor, boss)
        clock = FrozenClock(BASE_TIME + timedelta(minutes=1))
        preferences = DevicePreferences(db, clock)
        settings = PrintSettings(preferences, clock)
        pdf = PrinterConfig(
            printer_id="pdf", name="PDF", kind=PrinterKind.PDF, folder=str(tmp_path / "pdf")
        )
        settings.save(PrintSetup(printers=(pdf,), counter_printer_id="pdf"))
        journal = PrintJournal(db, clock, settings)
        journal.print_receipt(boss.staff_id, "o-accepted")
        out = tmp_path / f"exports-{len(opened)}"
        out.mkdir()
        return Services(
            db=db,
            orders=OrderActions(db, clock),
            picking=Picking(db, clock),
            pauses=ChannelPauses(db, clock),
            journal=journal,
            settings=settings,
            alarm=AlarmPreferences(preferences, clock),
            decisions=ShortageDecisions(db, clock),
            tasks=TaskControl(db, clock),
            sign_in=SignInService(db, pin_pepper=TEST_PIN_PEPPER, clock=clock),
            dashboard=DayDashboard(db, clock),
            trail=AuditTrail(db, clock),
            exceptions=ExceptionOrders(db, clock),
            out=out,
        )

    yield make
    for db in opened:
        db.close()


def _dump(db: Database) -> dict[str, list[str]]:
    """Every row of every table but the audit trail: what a refusal must leave untouched."""
    with db.read() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
            for table in Base.metadata.sorted_tables
            if table.name != "audit_entries"
        }


def _trail(db: Database) -> list[AuditRow]:
    return list(reversed(AuditTrail(db).entries(limit=100)))


def _audit_name(permission: Permission, attempt: str) -> str:
    """The action a refusal is audited as: the permission's name, but for two."""
    if attempt == UNLOCK_BY_PIN:
        return "override"
    return "setting_change" if permission is Permission.SETTINGS else permission.value


def _code(refusal: Exception) -> str:
    return "not_permitted" if isinstance(refusal, UNCODED) else str(getattr(refusal, "code", ""))


def test_every_cell_of_the_matrix_is_enforced_on_the_device(
    cells: Callable[[SignedInStaff], Services], capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(ATTEMPTS) == set(Permission)
    # A refund or cancel decision needs refund or cancel as well as decide_shortage; every role
    # that may decide holds both, so all decisions of a cell get the same answer.
    deciders = [r for r in Role if permits([r], Permission.DECIDE_SHORTAGE)]
    assert all(
        permits([r], Permission.REFUND) and permits([r], Permission.CANCEL) for r in deciders
    )
    walked = allowed = refused = calls = 0
    for role, who in PEOPLE.items():
        for permission, attempts in ATTEMPTS.items():
            walked += 1
            for name, attempt in attempts:
                calls += 1
                services = cells(who)
                before, trail_before = _dump(services.db), len(_trail(services.db))
                cell = (role, permission, name)
                if permits({role}, permission):
                    attempt(services, who)  # raises if anything refuses it
                    written = _trail(services.db)[trail_before:]
                    assert all(e.result == AuditResult.OK.value for e in written), cell
                    # Something a person would notice happened: a row changed or an entry.
                    assert written or _dump(services.db) != before, cell
                    if permission is Permission.EXPORT:
                        assert any(services.out.iterdir()), cell
                    allowed += 1
                    continue
                with pytest.raises(REFUSALS) as refusal:
                    attempt(services, who)
                assert _code(refusal.value) == "not_permitted", cell
                assert _dump(services.db) == before, cell
                assert not any(services.out.iterdir()), cell
                [entry] = _trail(services.db)[trail_before:]
                assert (entry.action, entry.result) == (
                    _audit_name(permission, name),
                    AuditResult.REFUSED.value,
                ), cell
                assert entry.staff_id == who.staff_id
                refused += 1
    cells_total = len(PEOPLE) * len(Permission)
    assert walked == cells_total == 51
    with capsys.disabled():
        print(
            f"\ndevice matrix: {walked} of {cells_total} cells walked through the services"
            f" ({calls} calls: {allowed} let through, {refused} refused with not_permitted,"
            " each refusal leaving only its audit entry)"
        )


def test_a_change_and_its_audit_entry_commit_together(
    cells: Callable[[SignedInStaff], Services],
) -> None:
    manager = PEOPLE[Role.MANAGER]
    services = cells(manager)

    services.orders.answer_refund_request(manager, "o-refund", agree=True)
    services.pauses.pause(manager, Channel.MEITUAN, 15)
    services.alarm.mute_for(10, manager)

    entries = [(e.action, e.subject, e.result) for e in _trail(services.db)]
    assert entries == [
        ("refund", "o-refund", "ok"),
        ("pause_channel", "meituan", "ok"),
        ("mute_alarm", "alarm.muted_until", "ok"),
    ]
    assert AuditTrail(services.db).verify(None) == []


def test_a_single_scan_does_not_flood_the_trail_but_completing_is_recorded(
    cells: Callable[[SignedInStaff], Services],
) -> None:
    picker = PEOPLE[Role.PICKER]
    services = cells(picker)

    _pick(services, picker)
    services.picking.count(picker, "o-pick-pick", "l-1", 1)
    services.picking.complete_pick(picker, "o-pick-pick")

    assert [(e.action, e.detail_values()) for e in _trail(services.db)] == [
        ("pick", {"command": "complete_pick"})
    ]


def test_a_managers_override_lets_a_cashier_agree_to_a_refund(
    cells: Callable[[SignedInStaff], Services],
) -> None:
    cashier = PEOPLE[Role.CASHIER]
    services = cells(cashier)
    boss = SignedInStaff("s-boss", "赵总 Zhao", frozenset({Role.MANAGER}))

    with pytest.raises(ActionRefused):
        services.orders.answer_refund_request(cashier, "o-refund", agree=True)
    shown = services.orders.answer_refund_request(cashier.approved(boss), "o-refund", agree=True)

    assert shown.status.value == "completed"
    with services.db.read() as session:
        [payload] = outbox_repository.pending_payloads_of(session, "order")
    assert (payload["staff_id"], payload["approved_by"]) == ("s-cashier", "s-boss")
    refused, done = _trail(services.db)
    assert (refused.result, refused.approved_by) == ("refused", "")
    assert (done.action, done.result, done.staff_id, done.approved_by) == (
        "refund",
        "ok",
        "s-cashier",
        "s-boss",
    )
    assert done.detail_values()["approved_by_name"] == "赵总 Zhao"


def test_an_override_does_not_let_a_cashier_pick_nor_a_cashier_approve_a_refund(
    cells: Callable[[SignedInStaff], Services],
) -> None:
    cashier = PEOPLE[Role.CASHIER]
    services = cells(cashier)
    boss = SignedInStaff("s-boss", "赵总 Zhao", frozenset({Role.MANAGER}))
    colleague = SignedInStaff("s-c2", "Other cashier", frozenset({Role.CASHIER}))

    with pytest.raises(PickingRefused) as picking:
        services.picking.clock_in(cashier.approved(boss))
    with pytest.raises(ActionRefused) as refund:
        services.orders.answer_refund_request(cashier.approved(colleague), "o-refund", agree=True)

    assert (picking.value.code, refund.value.code) == ("not_permitted", "not_permitted")
    assert [e.result for e in _trail(services.db)] == ["refused", "refused"]


def test_order_actions_all_have_a_permission() -> None:
    """Every action a person takes through OrderActions is under the matrix."""
    person_actions = {
        OrderAction.ACCEPT,
        OrderAction.REJECT,
        OrderAction.MARK_READY,
        OrderAction.HAND_OVER,
        OrderAction.AGREE_CANCEL,
        OrderAction.DISAGREE_CANCEL,
        OrderAction.AGREE_REFUND,
        OrderAction.DISAGREE_REFUND,
        OrderAction.REPLY_REMINDER,
        OrderAction.GIVE_PICKUP_CODE,
    }
    assert person_actions <= set(ORDER_ACTION_PERMISSIONS)
    assert set(MATRIX) == set(Role)
