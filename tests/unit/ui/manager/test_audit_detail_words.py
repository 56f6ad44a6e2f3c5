"""An audit entry's detail in words: every key the services write, labelled and worded."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.domain.audit_chain import AuditAction
from app.domain.permissions import Permission
from ui.manager.audit_detail_words import detail_text

_HUB_MESSAGE = "The customer cancelled this order at 17:32."
_REFUSED_ACCEPT = {"command": "accept_order", "reason": "order_cancelled", "message": _HUB_MESSAGE}

_TEST_CATALOGUE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditWords</name>
    <message><source>{label}: {value}</source><translation>{label}：{value}</translation></message>
    <message><source>Action</source><translation>操作</translation></message>
    <message><source>Reason</source><translation>原因</translation></message>
    <message><source>Items matched</source><translation>匹配商品数</translation></message>
</context>
<context>
    <name>Labels</name>
    <message><source>Accept</source><translation>接单</translation></message>
    <message><source>Map items and accept</source>
        <translation>匹配商品并接单</translation></message>
    <message><source>The customer cancelled this order.</source>
        <translation>顾客已取消此订单。</translation></message>
</context>
</TS>
"""


@pytest.fixture(autouse=True)
def english_locale(qapp: QApplication) -> Iterator[None]:
    """Numbers and dates as en_US writes them, whatever the machine's locale."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The interface speaking zh_CN from a small catalogue of the words an accept needs."""
    source = tmp_path / "audit_zh_CN.ts"
    source.write_text(_TEST_CATALOGUE, encoding="utf-8")
    built = tmp_path / "audit_zh_CN.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(source), "-qm", str(built), "-silent"], check=True)
    translator = QTranslator()
    assert translator.load(str(built))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.mark.parametrize(
    ("detail", "words"),
    [
        ({"command": "accept_order"}, "Action: Accept"),
        ({"command": "mark_ready"}, "Action: Mark ready"),
        ({"command": "reject_order", "reason": "sold_out"}, "Action: Reject · Reason: Sold out"),
        (
            {"command": "answer_cancel_request", "agree": False, "reason": "已经出餐"},
            "Action: Answer cancel request · Reason: 已经出餐 · Agreed: No",
        ),
        (
            {"command": "answer_refund_request", "agree": True, "reason": ""},
            "Action: Answer refund request · Agreed: Yes",
        ),
        (
            {"command": "accept_exception_order", "lines": 2},
            "Action: Map items and accept · Items matched: 2",
        ),
        ({"command": "reassign_task"}, "Action: Reassign task"),
        ({"command": "clock_out"}, "Action: Clock out"),
        ({"command": "decide_shortage"}, "Action: Decide shortage"),
        ({"amount_cents": 1250}, "Amount: ¥12.50"),
    ],
)
def test_an_actions_command_reason_and_answer_are_worded(
    detail: dict[str, Any], words: str
) -> None:
    assert detail_text(detail, Permission.ACCEPT) == words


def test_a_hub_refusal_words_its_reason_code_and_leaves_the_hubs_message_out() -> None:
    text = detail_text(_REFUSED_ACCEPT, AuditAction.HUB_REFUSED)

    assert text == "Action: Accept · Reason: The customer cancelled this order."
    assert "17:32" not in text
    assert "order_cancelled" not in text
    unknown = detail_text(
        {"command": "hand_over", "reason": "brand_new_code", "message": "x"},
        AuditAction.HUB_REFUSED,
    )
    assert unknown == "Action: Hand over · Reason: The hub refused this action."


def test_a_shortage_decision_is_worded_its_refund_in_yuan() -> None:
    detail = {
        "shortage_id": "s-1",
        "order_id": "o-1",
        "decision": "partial_refund",
        "line": "米饭",
        "quantity_short": 1,
        "refund_cents": 300,
        "substitute_sku": "",
        "approved_by_name": "王店长",
    }
    assert detail_text(detail, Permission.REFUND) == (
        "Order: o-1 · Shortage: s-1 · Item: 米饭 · Short by: 1 · Decision: Partial refund"
        " · Refund: ¥3.00 · Approved by: 王店长"
    )
    substituted = detail_text({"decision": "substitute", "substitute_sku": "SKU-9"})
    assert substituted == "Decision: Substitute · Substitute: SKU-9"


def test_a_channel_pause_names_the_channel_and_the_time_it_ends() -> None:
    until = datetime(2024, 11, 21, 12, 30).astimezone().isoformat()
    assert detail_text({"channel": "meituan", "until": until}) == (
        "Channel: Meituan · Paused until: 12:30"
    )
    assert detail_text({"channel": "eleme", "until": None}) == (
        "Channel: Eleme · Paused until: Taking orders again"
    )


@pytest.mark.parametrize(
    ("action", "detail", "words"),
    [
        (AuditAction.SIGN_IN, {"reason": "wrong_pin"}, "Reason: Wrong PIN"),
        (AuditAction.SIGN_IN, {"reason": "locked"}, "Reason: Already locked out"),
        (AuditAction.LOCKOUT, {"failures": 5}, "Wrong PINs in a row: 5"),
        (AuditAction.SWITCH_USER, {"from_staff_id": "staff-1"}, "Switched from: staff-1"),
        (AuditAction.REAUTH, {"permission": "refund"}, "Approval for: agree to a refund"),
        (
            AuditAction.OVERRIDE,
            {"permission": "unlock", "for_staff_id": "staff-2", "reason": "not_permitted"},
            "Reason: Role does not allow it · Approval for: unlock a person"
            " · For staff member: staff-2",
        ),
    ],
)
def test_sign_ins_and_approvals_are_worded(action: str, detail: dict[str, Any], words: str) -> None:
    assert detail_text(detail, action) == words


def test_a_reprint_names_its_ticket_kind_and_keeps_the_reason_typed() -> None:
    detail = {"ticket_id": 7, "kind": "kitchen", "reason": "卡纸了"}
    assert detail_text(detail, Permission.REPRINT) == (
        "Kind: Kitchen ticket · Reason: 卡纸了 · Ticket: 7"
    )


def test_reassigning_and_ending_a_shift_are_worded() -> None:
    assert detail_text({"to": "staff-2"}, Permission.REASSIGN) == "Given to: staff-2"
    assert detail_text({"clock_out": "staff-2", "name": "李四"}, Permission.REASSIGN) == (
        "Shift ended for: staff-2 · Picker: 李四"
    )


@pytest.mark.parametrize(
    ("detail", "words"),
    [
        ({"key": "ui.language", "value": "zh_CN"}, "Setting: Interface language · Set to: Chinese"),
        (
            {"key": "printing.ticket_language", "value": "en"},
            "Setting: Ticket language · Set to: English",
        ),
        (
            {"key": "printing.setup", "value": {"printers": [{"name": "厨房"}]}},
            "Setting: Printers · Set to: a new setup",
        ),
        ({"key": "alarm.volume", "value": 80}, "Setting: Alarm volume · Set to: 80%"),
        (
            {"key": "alarm.muted_until", "value": None},
            "Setting: Alarm mute · Set to: Sound on again",
        ),
        (
            {"key": "auto_accept.meituan", "value": {"on": True, "staff_id": "s", "name": "n"}},
            "Setting: Auto-accept (Meituan) · Set to: On",
        ),
        (
            {"key": "auto_accept.eleme", "value": {"on": False}},
            "Setting: Auto-accept (Eleme) · Set to: Off",
        ),
        ({"key": "brand.new", "value": 3}, "Setting: brand.new · Set to: 3"),
    ],
)
def test_a_setting_change_names_the_setting_and_words_its_value(
    detail: dict[str, Any], words: str
) -> None:
    assert detail_text(detail, AuditAction.SETTING_CHANGE) == words


def test_a_mute_says_until_when() -> None:
    until = datetime(2024, 11, 21, 18, 5).astimezone().isoformat()
    detail = {"key": "alarm.muted_until", "value": {"until": until, "staff_id": "s", "name": "n"}}
    assert detail_text(detail, Permission.MUTE_ALARM).endswith("Set to: Muted until 18:05")


def test_a_record_set_aside_says_what_was_done_with_it() -> None:
    retried = {"quarantine": "retried", "kind": "order", "entity_id": "o-9", "result": "applied"}
    assert detail_text(retried, Permission.SETTINGS) == (
        "Unreadable record: Tried again · Kind: Order · Record: o-9 · Outcome: Applied"
    )
    failing = {"quarantine": "retried", "kind": "task", "entity_id": "t-1", "result": "no id"}
    assert "Outcome: Still unreadable: no id" in detail_text(failing)
    assert "Kind: Picking task" in detail_text(failing)
    dismissed = {"quarantine": "dismissed", "kind": "staff", "entity_id": "x", "reason": "bad"}
    assert detail_text(dismissed) == (
        "Unreadable record: Dismissed · Kind: Staff member · Record: x · Reason: bad"
    )
    assert detail_text({"quarantine": "retry"}) == "Unreadable record: Try again"


def test_exports_name_what_which_day_and_how_many() -> None:
    day = {"day": "2024-11-21", "rows": 12, "kind": "day_csv"}
    assert detail_text(day, Permission.EXPORT) == (
        "Kind: The day's orders (CSV) · Day: Nov 21, 2024 · Orders: 12"
    )
    assert detail_text({"day": "today", "kind": "day_csv"}) == (
        "Kind: The day's orders (CSV) · Day: Today"
    )
    trail = {"what": "audit_trail", "entries": 1204}
    assert detail_text(trail, AuditAction.EXPORT) == "Contents: Audit trail · Entries: 1,204"


@pytest.mark.parametrize(
    "key",
    [
        "command", "reason", "agree", "lines", "amount_cents", "order_id", "shortage_id", "line",
        "quantity_short", "decision", "substitute_sku", "refund_cents", "channel", "until",
        "permission", "for_staff_id", "from_staff_id", "failures", "ticket_id", "to",
        "clock_out", "name", "key", "value", "quarantine", "entity_id", "result", "what",
        "kind", "day", "rows", "entries", "approved_by_name",
    ],
)  # fmt: skip
def test_every_key_the_services_write_gets_a_label(key: str) -> None:
    assert not detail_text({key: "x"}).startswith(f"{key}:")


def test_a_key_from_a_newer_version_is_shown_as_it_came() -> None:
    text = detail_text({"command": "accept_order", "tip_cents": 100, "a_flag": True})
    assert text == "Action: Accept · a_flag: True · tip_cents: 100"


@pytest.mark.parametrize(
    ("detail", "words"),
    [
        ({"agree": "maybe"}, "Agreed: maybe"),
        ({"decision": "pray"}, "Decision: pray"),
        ({"channel": "taobao"}, "Channel: taobao"),
        ({"refund_cents": "300"}, "Refund: 300"),
        ({"lines": True}, "Items matched: True"),
        ({"day": "yesterday"}, "Day: yesterday"),
        ({"command": "brew_tea"}, "Action: brew_tea"),
        ({"command": "reject_order", "reason": "moon"}, "Action: Reject · Reason: moon"),
        ({"quarantine": "burned"}, "Unreadable record: burned"),
        ({"key": "alarm.volume", "value": "loud"}, "Setting: Alarm volume · Set to: loud"),
    ],
)
def test_a_value_a_key_should_not_hold_is_shown_as_it_came(
    detail: dict[str, Any], words: str
) -> None:
    assert detail_text(detail) == words


@pytest.mark.usefixtures("chinese")
def test_in_chinese_an_accept_entrys_detail_has_no_latin_letters() -> None:
    texts = [
        detail_text({"command": "accept_order"}, Permission.ACCEPT),
        detail_text({"command": "accept_exception_order", "lines": 3}, Permission.MAP_ITEMS),
        detail_text(_REFUSED_ACCEPT, AuditAction.HUB_REFUSED),
    ]

    assert texts == [
        "操作：接单",
        "操作：匹配商品并接单 · 匹配商品数：3",
        "操作：接单 · 原因：顾客已取消此订单。",
    ]
    assert not any(re.search("[A-Za-z]", text) for text in texts)
