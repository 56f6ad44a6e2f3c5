"""Words of the audit viewer: actions, results, the action kinds to filter by, chain checks.

Kept beside the viewer (the counter's ui/labels.py is at its size limit); each text is English,
the source the zh_CN catalogue translates, as on the manager's other screens.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication

from app.domain.audit_chain import AuditAction, AuditResult, BreakKind, ChainBreak
from app.domain.permissions import Permission
from app.services.audit_trail import ChainCheck

_BREAKS_NAMED: Final = 5
"""A broken chain names this many breaks; the rest are counted."""


def audit_action_name(action: str) -> str:
    """What an entry records, in words (the stored name when it is not one we know)."""
    names: dict[str, str] = {
        AuditAction.SIGN_IN: QCoreApplication.translate("AuditWords", "Signed in"),
        AuditAction.SIGN_OUT: QCoreApplication.translate("AuditWords", "Signed out"),
        AuditAction.SWITCH_USER: QCoreApplication.translate("AuditWords", "Switched user"),
        AuditAction.LOCKOUT: QCoreApplication.translate("AuditWords", "Locked out"),
        AuditAction.UNLOCK: QCoreApplication.translate("AuditWords", "Unlocked"),
        AuditAction.OVERRIDE: QCoreApplication.translate("AuditWords", "Manager override"),
        AuditAction.SETTING_CHANGE: QCoreApplication.translate("AuditWords", "Setting changed"),
        AuditAction.EXPORT: QCoreApplication.translate("AuditWords", "Exported"),
        AuditAction.ENROL: QCoreApplication.translate("AuditWords", "Device enrolled"),
        AuditAction.REAUTH: QCoreApplication.translate("AuditWords", "PIN asked again"),
        AuditAction.HUB_REFUSED: QCoreApplication.translate("AuditWords", "Refused by the hub"),
        Permission.ACCEPT: QCoreApplication.translate("AuditWords", "Accepted"),
        Permission.REJECT: QCoreApplication.translate("AuditWords", "Rejected"),
        Permission.READY: QCoreApplication.translate("AuditWords", "Marked ready"),
        Permission.HAND_OVER: QCoreApplication.translate("AuditWords", "Handed over"),
        Permission.PICK: QCoreApplication.translate("AuditWords", "Picked"),
        Permission.REPORT_SHORTAGE: QCoreApplication.translate("AuditWords", "Shortage reported"),
        Permission.DECIDE_SHORTAGE: QCoreApplication.translate("AuditWords", "Shortage decided"),
        Permission.REFUND: QCoreApplication.translate("AuditWords", "Refunded"),
        Permission.CANCEL: QCoreApplication.translate("AuditWords", "Cancelled"),
        Permission.REPRINT: QCoreApplication.translate("AuditWords", "Reprinted"),
        Permission.REASSIGN: QCoreApplication.translate("AuditWords", "Reassigned"),
        Permission.SETTINGS: QCoreApplication.translate("AuditWords", "Settings"),
        Permission.PAUSE_CHANNEL: QCoreApplication.translate("AuditWords", "Channel paused"),
        Permission.MUTE_ALARM: QCoreApplication.translate("AuditWords", "Alarm muted"),
        Permission.UNLOCK: QCoreApplication.translate("AuditWords", "Unlocked"),
        Permission.EXPORT: QCoreApplication.translate("AuditWords", "Exported"),
    }
    return names.get(action, action)


def audit_result_name(result: AuditResult) -> str:
    """How the attempt ended, in words."""
    return {
        AuditResult.OK: QCoreApplication.translate("AuditWords", "Done"),
        AuditResult.REFUSED: QCoreApplication.translate("AuditWords", "Refused"),
        AuditResult.FAILED: QCoreApplication.translate("AuditWords", "Failed"),
    }[result]


def action_kinds() -> list[tuple[str, tuple[str, ...]]]:
    """The action filter's choices: a name, and the stored actions it stands for (() = all)."""
    a, p = AuditAction, Permission
    return [
        (QCoreApplication.translate("AuditWords", "All actions"), ()),
        (QCoreApplication.translate("AuditWords", "Accepted"), (p.ACCEPT,)),
        (QCoreApplication.translate("AuditWords", "Rejected"), (p.REJECT,)),
        (QCoreApplication.translate("AuditWords", "Refunded"), (p.REFUND,)),
        (QCoreApplication.translate("AuditWords", "Cancelled"), (p.CANCEL,)),
        (QCoreApplication.translate("AuditWords", "Overrides"), (a.OVERRIDE,)),
        (
            QCoreApplication.translate("AuditWords", "Refused by the hub"),
            (a.HUB_REFUSED,),
        ),
        (
            QCoreApplication.translate("AuditWords", "Sign-ins and lockouts"),
            (a.SIGN_IN, a.SIGN_OUT, a.SWITCH_USER, a.LOCKOUT, a.UNLOCK, a.REAUTH, p.UNLOCK),
        ),
        (
            QCoreApplication.translate("AuditWords", "Shortages"),
            (p.REPORT_SHORTAGE, p.DECIDE_SHORTAGE),
        ),
        (
            QCoreApplication.translate("AuditWords", "Reprints and reassignments"),
            (p.REPRINT, p.REASSIGN),
        ),
        (
            QCoreApplication.translate("AuditWords", "Settings, pauses, mutes"),
            (a.SETTING_CHANGE, p.SETTINGS, p.PAUSE_CHANNEL, p.MUTE_ALARM),
        ),
        (QCoreApplication.translate("AuditWords", "Exports"), (a.EXPORT, p.EXPORT)),
    ]


def chain_check_text(check: ChainCheck) -> str:
    """The answer to "Check the chain", in words."""
    if check.is_intact:
        text = QCoreApplication.translate("AuditWords", "Chain intact: {count} entries.").format(
            count=check.entries
        )
        if check.anchor is None:
            return (
                text
                + " "
                + QCoreApplication.translate("AuditWords", "Not yet confirmed by the hub.")
            )
        return (
            text
            + " "
            + QCoreApplication.translate("AuditWords", "Matches the hub up to entry {seq}.").format(
                seq=check.anchor.seq
            )
        )
    named = "; ".join(_break_text(b) for b in check.breaks[:_BREAKS_NAMED])
    more = len(check.breaks) - _BREAKS_NAMED
    if more > 0:
        named += "; " + QCoreApplication.translate("AuditWords", "and {count} more").format(
            count=more
        )
    return QCoreApplication.translate("AuditWords", "Chain broken: {breaks}.").format(breaks=named)


def _break_text(found: ChainBreak) -> str:
    return {
        BreakKind.MODIFIED: QCoreApplication.translate("AuditWords", "entry {seq} was changed"),
        BreakKind.REWRITTEN: QCoreApplication.translate("AuditWords", "entry {seq} was rewritten"),
        BreakKind.MISSING: QCoreApplication.translate("AuditWords", "entry {seq} is missing"),
        BreakKind.OUT_OF_ORDER: QCoreApplication.translate(
            "AuditWords", "entry {seq} is out of order"
        ),
        BreakKind.TRUNCATED: QCoreApplication.translate(
            "AuditWords", "entries from {seq} on were cut off"
        ),
    }[found.kind].format(seq=found.seq)
