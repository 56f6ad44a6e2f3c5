"""Words of the audit viewer: actions, results, the action kinds to filter by, chain checks.

Kept beside the viewer (the counter's ui/labels.py is at its size limit); each text carries
English and Chinese, as the manager's screens do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from PySide6.QtCore import QCoreApplication

from app.domain.audit_chain import AuditAction, AuditResult, BreakKind, ChainBreak
from app.domain.permissions import Permission
from app.services.audit import ChainCheck

_BREAKS_NAMED: Final = 5
"""A broken chain names this many breaks; the rest are counted."""


def _t(text: str) -> str:
    return QCoreApplication.translate("AuditWords", text)


def audit_action_name(action: str) -> str:
    """What an entry records, in words (the stored name when it is not one we know)."""
    names: dict[str, str] = {
        AuditAction.SIGN_IN: _t("Signed in 登录"),
        AuditAction.SIGN_OUT: _t("Signed out 退出"),
        AuditAction.SWITCH_USER: _t("Switched user 切换用户"),
        AuditAction.LOCKOUT: _t("Locked out 锁定"),
        AuditAction.UNLOCK: _t("Unlocked 解锁"),
        AuditAction.OVERRIDE: _t("Manager override 店长授权"),
        AuditAction.SETTING_CHANGE: _t("Setting changed 修改设置"),
        AuditAction.EXPORT: _t("Exported 导出"),
        AuditAction.ENROL: _t("Device enrolled 设备注册"),
        AuditAction.REAUTH: _t("PIN asked again 重新验证"),
        AuditAction.HUB_REFUSED: _t("Refused by the hub 总部未执行"),
        Permission.ACCEPT: _t("Accepted 接单"),
        Permission.REJECT: _t("Rejected 拒单"),
        Permission.READY: _t("Marked ready 出餐"),
        Permission.HAND_OVER: _t("Handed over 交付"),
        Permission.PICK: _t("Picked 拣货"),
        Permission.REPORT_SHORTAGE: _t("Shortage reported 报缺货"),
        Permission.DECIDE_SHORTAGE: _t("Shortage decided 缺货处理"),
        Permission.REFUND: _t("Refunded 退款"),
        Permission.CANCEL: _t("Cancelled 取消订单"),
        Permission.REPRINT: _t("Reprinted 重打"),
        Permission.REASSIGN: _t("Reassigned 改派"),
        Permission.SETTINGS: _t("Settings 设置"),
        Permission.PAUSE_CHANNEL: _t("Channel paused 暂停渠道"),
        Permission.MUTE_ALARM: _t("Alarm muted 提醒静音"),
        Permission.UNLOCK: _t("Unlocked 解锁"),
        Permission.EXPORT: _t("Exported 导出"),
    }
    return names.get(action, action)


def audit_result_name(result: AuditResult) -> str:
    """How the attempt ended, in words."""
    return {
        AuditResult.OK: _t("Done 成功"),
        AuditResult.REFUSED: _t("Refused 拒绝"),
        AuditResult.FAILED: _t("Failed 失败"),
    }[result]


def action_kinds() -> list[tuple[str, tuple[str, ...]]]:
    """The action filter's choices: a name, and the stored actions it stands for (() = all)."""
    a, p = AuditAction, Permission
    return [
        (_t("All actions 全部"), ()),
        (_t("Accepted 接单"), (p.ACCEPT,)),
        (_t("Rejected 拒单"), (p.REJECT,)),
        (_t("Refunded 退款"), (p.REFUND,)),
        (_t("Cancelled 取消订单"), (p.CANCEL,)),
        (_t("Overrides 店长授权"), (a.OVERRIDE,)),
        (_t("Refused by the hub 总部未执行"), (a.HUB_REFUSED,)),
        (
            _t("Sign-ins and lockouts 登录与锁定"),
            (a.SIGN_IN, a.SIGN_OUT, a.SWITCH_USER, a.LOCKOUT, a.UNLOCK, a.REAUTH, p.UNLOCK),
        ),
        (_t("Shortages 缺货"), (p.REPORT_SHORTAGE, p.DECIDE_SHORTAGE)),
        (_t("Reprints and reassignments 重打与改派"), (p.REPRINT, p.REASSIGN)),
        (
            _t("Settings, pauses, mutes 设置"),
            (a.SETTING_CHANGE, p.SETTINGS, p.PAUSE_CHANNEL, p.MUTE_ALARM),
        ),
        (_t("Exports 导出"), (a.EXPORT, p.EXPORT)),
    ]


def detail_text(detail: Mapping[str, Any]) -> str:
    """An entry's small facts on one line: "reason: 缺货 · amount_cents: 300"."""
    return " · ".join(f"{key}: {value}" for key, value in sorted(detail.items()))


def chain_check_text(check: ChainCheck) -> str:
    """The answer to "Check the chain", in words."""
    if check.is_intact:
        text = _t("Chain intact: {count} entries. 记录链完整：{count} 条。").format(
            count=check.entries
        )
        if check.anchor is None:
            return text + " " + _t("Not yet confirmed by the hub. 尚未经总部确认。")
        return (
            text
            + " "
            + _t("Matches the hub up to entry {seq}. 与总部确认一致。").format(seq=check.anchor.seq)
        )
    named = "; ".join(_break_text(b) for b in check.breaks[:_BREAKS_NAMED])
    more = len(check.breaks) - _BREAKS_NAMED
    if more > 0:
        named += "; " + _t("and {count} more 另有 {count} 处").format(count=more)
    return _t("Chain broken 记录链被改动: {breaks}.").format(breaks=named)


def _break_text(found: ChainBreak) -> str:
    return {
        BreakKind.MODIFIED: _t("entry {seq} was changed 第 {seq} 条被修改"),
        BreakKind.REWRITTEN: _t("entry {seq} was rewritten 第 {seq} 条被重写"),
        BreakKind.MISSING: _t("entry {seq} is missing 第 {seq} 条缺失"),
        BreakKind.OUT_OF_ORDER: _t("entry {seq} is out of order 第 {seq} 条顺序错乱"),
        BreakKind.TRUNCATED: _t("entries from {seq} on were cut off 第 {seq} 条起被截断"),
    }[found.kind].format(seq=found.seq)
