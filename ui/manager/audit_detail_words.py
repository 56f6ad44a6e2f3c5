"""Words of an audit entry's detail: each fact the services record, labelled and worded.

The trail keeps the detail raw (codes, ids, cents), and the CSV export writes it so; this is
how the screen reads it, in the interface language. The hub's own message is left out, as
everywhere (ui/refusal_words.py: it may be a schema dump); the reason code, worded, says it.
A key this version does not know (written by a newer one) is shown as it came, "key: value",
so that nothing is hidden; so is a value a known key should not have.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from app.domain.audit_chain import AuditAction
from app.domain.channel_rules import RejectReason
from app.domain.permissions import Permission
from app.domain.vocabulary import Channel, RecordKind
from ui.labels import (
    channel_name,
    command_name,
    hub_rejection_text,
    reject_reason_name,
    ticket_kind_name,
)
from ui.manager.shortage_words import decision_name
from ui.notice_words import picking_command_name
from ui.staff_session import permission_text
from ui.value_formats import format_clock_time, format_money

_HIDDEN: Final = frozenset({"message"})
"""Keys never shown: the hub's own words (refusal_words' rule)."""
_SIGN_IN_ACTIONS: Final = frozenset(
    {AuditAction.SIGN_IN, AuditAction.SWITCH_USER, AuditAction.REAUTH, AuditAction.OVERRIDE}
)
_AUTO_ACCEPT_PREFIX: Final = "auto_accept."

_Worder = Callable[[Any, Mapping[str, Any], str], str]
"""Words for one key's value, given the whole detail and the entry's action."""


def detail_text(detail: Mapping[str, Any], action: str = "") -> str:
    """An entry's facts on one line, known keys first in a fixed order, then unknown ones:
    "Action: Reject · Reason: Sold out". `action` (the entry's stored action) tells how a
    reason reads: a hub's refusal code, a sign-in refusal, a reject reason or typed text."""
    labels = _labels()
    parts = [
        QCoreApplication.translate("AuditWords", "{label}: {value}").format(
            label=label, value=_value_text(key, detail, action)
        )
        for key, label in labels.items()
        if key in detail and detail[key] != ""
    ]
    unknown = sorted(key for key in detail if key not in labels and key not in _HIDDEN)
    parts += [f"{key}: {detail[key]}" for key in unknown]
    return " · ".join(parts)


def _labels() -> dict[str, str]:
    """Each known key's label, in the order facts are shown."""
    return {
        "quarantine": QCoreApplication.translate("AuditWords", "Unreadable record"),
        "kind": QCoreApplication.translate("AuditWords", "Kind"),
        "entity_id": QCoreApplication.translate("AuditWords", "Record"),
        "result": QCoreApplication.translate("AuditWords", "Outcome"),
        "command": QCoreApplication.translate("AuditWords", "Action"),
        "reason": QCoreApplication.translate("AuditWords", "Reason"),
        "agree": QCoreApplication.translate("AuditWords", "Agreed"),
        "lines": QCoreApplication.translate("AuditWords", "Items matched"),
        "amount_cents": QCoreApplication.translate("AuditWords", "Amount"),
        "order_id": QCoreApplication.translate("AuditWords", "Order"),
        "shortage_id": QCoreApplication.translate("AuditWords", "Shortage"),
        "line": QCoreApplication.translate("AuditWords", "Item"),
        "quantity_short": QCoreApplication.translate("AuditWords", "Short by"),
        "decision": QCoreApplication.translate("AuditWords", "Decision"),
        "substitute_sku": QCoreApplication.translate("AuditWords", "Substitute"),
        "refund_cents": QCoreApplication.translate("AuditWords", "Refund"),
        "channel": QCoreApplication.translate("AuditWords", "Channel"),
        "until": QCoreApplication.translate("AuditWords", "Paused until"),
        "permission": QCoreApplication.translate("AuditWords", "Approval for"),
        "for_staff_id": QCoreApplication.translate("AuditWords", "For staff member"),
        "from_staff_id": QCoreApplication.translate("AuditWords", "Switched from"),
        "failures": QCoreApplication.translate("AuditWords", "Wrong PINs in a row"),
        "ticket_id": QCoreApplication.translate("AuditWords", "Ticket"),
        "to": QCoreApplication.translate("AuditWords", "Given to"),
        "clock_out": QCoreApplication.translate("AuditWords", "Shift ended for"),
        "name": QCoreApplication.translate("AuditWords", "Picker"),
        "key": QCoreApplication.translate("AuditWords", "Setting"),
        "value": QCoreApplication.translate("AuditWords", "Set to"),
        "what": QCoreApplication.translate("AuditWords", "Contents"),
        "day": QCoreApplication.translate("AuditWords", "Day"),
        "rows": QCoreApplication.translate("AuditWords", "Orders"),
        "entries": QCoreApplication.translate("AuditWords", "Entries"),
        "approved_by_name": QCoreApplication.translate("AuditWords", "Approved by"),
    }


def _value_text(key: str, detail: Mapping[str, Any], action: str) -> str:
    """`key`'s value in words; as it came when it has no words or is not what the key holds."""
    value = detail[key]
    worder = _WORDERS.get(key)
    if worder is None:
        return str(value)
    try:
        return worder(value, detail, action)
    except (KeyError, ValueError, TypeError):
        return str(value)


def _command_text(command: Any, _detail: Mapping[str, Any], _action: str) -> str:
    """A queued command named as the action taken, by the counter's and pickers' words."""
    if (name := picking_command_name(command)) is not None:
        return name
    if command == "decide_shortage":
        return QCoreApplication.translate("AuditWords", "Decide shortage")
    name = command_name(command)
    # command_name answers its generic word for a type it does not know: show the type then.
    return str(command) if name == QCoreApplication.translate("Labels", "Action") else name


def _reason_text(reason: Any, detail: Mapping[str, Any], action: str) -> str:
    """A reason code worded by whoever gave it; a reason a person typed, as they typed it."""
    if action == AuditAction.HUB_REFUSED:
        return hub_rejection_text(str(reason), "")
    if action in _SIGN_IN_ACTIONS:
        words = {
            "wrong_pin": QCoreApplication.translate("AuditWords", "Wrong PIN"),
            "locked": QCoreApplication.translate("AuditWords", "Already locked out"),
            "not_permitted": QCoreApplication.translate("AuditWords", "Role does not allow it"),
        }
        return words.get(reason, str(reason))
    if detail.get("command") == "reject_order":
        return reject_reason_name(RejectReason(reason))
    return str(reason)


def _yes_no(value: Any, _detail: Mapping[str, Any], _action: str) -> str:
    if not isinstance(value, bool):
        raise TypeError(value)
    if value:
        return QCoreApplication.translate("AuditWords", "Yes")
    return QCoreApplication.translate("AuditWords", "No")


def _count(value: Any, _detail: Mapping[str, Any], _action: str) -> str:
    if type(value) is not int:
        raise TypeError(value)
    return QLocale().toString(value)


def _money(value: Any, _detail: Mapping[str, Any], _action: str) -> str:
    if type(value) is not int:
        raise TypeError(value)
    return format_money(value)


def _clock_text(stamp: Any) -> str:
    """An ISO moment as the wall-clock time ("14:03"): pauses and mutes last minutes."""
    moment = datetime.fromisoformat(stamp)
    return format_clock_time(moment, moment)


def _until_text(until: Any, _detail: Mapping[str, Any], _action: str) -> str:
    if until is None:
        return QCoreApplication.translate("AuditWords", "Taking orders again")
    return _clock_text(until)


def _day_text(day: Any, _detail: Mapping[str, Any], _action: str) -> str:
    if day == "today":
        return QCoreApplication.translate("AuditWords", "Today")
    shown = date.fromisoformat(day)
    # Translators: a QDate format pattern (MMM = month name, M = month number, d = day).
    pattern = QCoreApplication.translate("AuditWords", "MMM d, yyyy")
    return QLocale().toString(QDate(shown.year, shown.month, shown.day), pattern)


def _kind_text(kind: Any, _detail: Mapping[str, Any], _action: str) -> str:
    """A kind of record set aside, of ticket reprinted, or of file exported."""
    words = {
        RecordKind.ORDER: QCoreApplication.translate("AuditWords", "Order"),
        RecordKind.TASK: QCoreApplication.translate("AuditWords", "Picking task"),
        RecordKind.SHORTAGE: QCoreApplication.translate("AuditWords", "Shortage"),
        RecordKind.STAFF: QCoreApplication.translate("AuditWords", "Staff member"),
        RecordKind.STORE_SETTINGS: QCoreApplication.translate("AuditWords", "Store settings"),
        RecordKind.PRODUCT: QCoreApplication.translate("AuditWords", "Product"),
        RecordKind.DEVICE_HEALTH: QCoreApplication.translate("AuditWords", "Device health"),
        "day_csv": QCoreApplication.translate("AuditWords", "The day's orders (CSV)"),
    }
    return words.get(kind) or ticket_kind_name(str(kind))


def _quarantine_text(what: Any, _detail: Mapping[str, Any], _action: str) -> str:
    """What was done with a record set aside (or, refused, what was tried)."""
    return {
        "retried": QCoreApplication.translate("AuditWords", "Tried again"),
        "dismissed": QCoreApplication.translate("AuditWords", "Dismissed"),
        "retry": QCoreApplication.translate("AuditWords", "Try again"),
        "dismiss": QCoreApplication.translate("AuditWords", "Dismiss"),
    }[what]


def _result_text(result: Any, _detail: Mapping[str, Any], _action: str) -> str:
    """A retried record applied, or still unreadable with the problem found (the reason the
    sync health screen shows too; it names fields of the record, not a code to word)."""
    if result == "applied":
        return QCoreApplication.translate("AuditWords", "Applied")
    return QCoreApplication.translate("AuditWords", "Still unreadable: {reason}").format(
        reason=result
    )


def _what_text(what: Any, _detail: Mapping[str, Any], _action: str) -> str:
    return {"audit_trail": QCoreApplication.translate("AuditWords", "Audit trail")}[what]


def _permission_text(permission: Any, _detail: Mapping[str, Any], _action: str) -> str:
    return permission_text(Permission(permission))


def _channel_text(channel: Any, _detail: Mapping[str, Any], _action: str) -> str:
    return channel_name(Channel(channel))


def _decision_text(decision: Any, _detail: Mapping[str, Any], _action: str) -> str:
    return decision_name(decision)


def _setting_name(key: Any, _detail: Mapping[str, Any], _action: str) -> str:
    """A device preference's name (the keys DevicePreferences.set_by is given)."""
    if isinstance(key, str) and key.startswith(_AUTO_ACCEPT_PREFIX):
        channel = channel_name(Channel(key.removeprefix(_AUTO_ACCEPT_PREFIX)))
        return QCoreApplication.translate("AuditWords", "Auto-accept ({channel})").format(
            channel=channel
        )
    return {
        "ui.language": QCoreApplication.translate("AuditWords", "Interface language"),
        "printing.ticket_language": QCoreApplication.translate("AuditWords", "Ticket language"),
        "printing.setup": QCoreApplication.translate("AuditWords", "Printers"),
        "alarm.volume": QCoreApplication.translate("AuditWords", "Alarm volume"),
        "alarm.muted_until": QCoreApplication.translate("AuditWords", "Alarm mute"),
    }[key]


def _setting_value(value: Any, detail: Mapping[str, Any], _action: str) -> str:
    """A preference's new value, worded by its key; a key not known keeps its value raw."""
    key = str(detail.get("key", ""))
    if key.startswith(_AUTO_ACCEPT_PREFIX):
        if value["on"] is True:
            return QCoreApplication.translate("AuditWords", "On")
        return QCoreApplication.translate("AuditWords", "Off")
    worder = {
        "ui.language": _language_text,
        "printing.ticket_language": _language_text,
        "printing.setup": _setup_text,
        "alarm.volume": _volume_text,
        "alarm.muted_until": _mute_text,
    }.get(key)
    return str(value) if worder is None else worder(value)


def _language_text(language: Any) -> str:
    return {
        "zh_CN": QCoreApplication.translate("AuditWords", "Chinese"),
        "en": QCoreApplication.translate("AuditWords", "English"),
        "system": QCoreApplication.translate("AuditWords", "Same as the system"),
    }[language]


def _setup_text(_setup: Any) -> str:
    # The whole printer setup as JSON: the CSV export keeps it, the screen says what it was.
    return QCoreApplication.translate("AuditWords", "a new setup")


def _volume_text(percent: Any) -> str:
    if type(percent) is not int:
        raise TypeError(percent)
    return QCoreApplication.translate("AuditWords", "{percent}%").format(percent=percent)


def _mute_text(mute: Any) -> str:
    if mute is None:
        return QCoreApplication.translate("AuditWords", "Sound on again")
    return QCoreApplication.translate("AuditWords", "Muted until {time}").format(
        time=_clock_text(mute["until"])
    )


_WORDERS: Final[dict[str, _Worder]] = {
    "command": _command_text,
    "reason": _reason_text,
    "agree": _yes_no,
    "lines": _count,
    "amount_cents": _money,
    "quantity_short": _count,
    "decision": _decision_text,
    "refund_cents": _money,
    "channel": _channel_text,
    "until": _until_text,
    "permission": _permission_text,
    "failures": _count,
    "key": _setting_name,
    "value": _setting_value,
    "quarantine": _quarantine_text,
    "result": _result_text,
    "what": _what_text,
    "kind": _kind_text,
    "day": _day_text,
    "rows": _count,
    "entries": _count,
}
"""How each key's value is worded; a key not here (an id, a name, typed text) reads as it is."""
