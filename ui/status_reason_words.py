"""Why an order or a task stands where it does, in the interface language, from the hub's code.

Every code of app/domain/status_codes.py has its own words here (context "StatusReasons");
the hub's English words (`StatusReason.words`) are shown, as they are, only for a code this
program does not know (a newer hub) or for words that came without a code (an older hub).
What a person typed (the customer's reason, the store's note) is put in as typed, with
phone numbers masked as everywhere else on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from app.domain.channel_rules import RejectReason
from app.domain.privacy import mask_phones_in
from app.domain.status_codes import OrderStatusCode, TaskStatusCode
from app.read_models import StatusReason
from ui.labels import reject_reason_name

_Words = Callable[[StatusReason, bool], str | None]


def order_reason_text(why: StatusReason, *, with_detail: bool = True) -> str:
    """Why an order was closed or left the store, as words that complete "The order was …"
    ("cancelled by the customer"); `with_detail` puts in what the customer or the store typed.

    The hub's words as they are for a code unknown here; "" when the hub gave no reason.
    """
    text = _order_words(why, with_detail=with_detail)
    return mask_phones_in(why.words if text is None else text)


def order_reason_sentence(why: StatusReason) -> str:
    """`order_reason_text` as a sentence of its own ("This order was cancelled by the
    customer."), for a strip above the order; the hub's words as they are for an unknown code."""
    text = _order_words(why, with_detail=True)
    if text is None:
        return mask_phones_in(why.words)
    sentence = QCoreApplication.translate("StatusReasons", "This order was {reason}.")
    return mask_phones_in(sentence.format(reason=text))


def task_reason_text(why: StatusReason) -> str:
    """Why a task was cancelled, given to someone else or put back in the queue, as a sentence
    ("Reassigned to Li Qiang by Chen Jing."); the hub's words as they are for a code unknown
    here (its order's code included); "" when the hub gave no reason."""
    if why.code == TaskStatusCode.ORDER_CANCELLED and why.order_code:
        of_order = replace(why, code=why.order_code, order_code="")
        text = _order_words(of_order, with_detail=False)
        if text is None:
            return mask_phones_in(why.words)
        sentence = QCoreApplication.translate("StatusReasons", "The order was {reason}.")
        return sentence.format(reason=text)
    words = _TASK_WORDS.get(why.code)
    return mask_phones_in(why.words) if words is None else words(why)


def _order_words(why: StatusReason, *, with_detail: bool) -> str | None:
    """The words of a known order code, or None: the code (or a code in its detail, as the
    reject reason) is not one this program knows."""
    words = _ORDER_WORDS.get(why.code)
    return None if words is None else words(why, with_detail)


def _rejected(why: StatusReason, with_detail: bool) -> str | None:
    try:
        reason = RejectReason(why.reject_reason)
    except ValueError:
        return None  # a reason of a newer hub: its own words say it
    name = reject_reason_name(reason)
    if with_detail and why.text:
        return QCoreApplication.translate(
            "StatusReasons", "rejected by the store ({reason}): “{note}”"
        ).format(reason=name, note=why.text)
    return QCoreApplication.translate("StatusReasons", "rejected by the store ({reason})").format(
        reason=name
    )


def _cancel_agreed(why: StatusReason, with_detail: bool) -> str:
    if with_detail and why.text:
        return QCoreApplication.translate(
            "StatusReasons", "cancelled at the customer's request: “{reason}”"
        ).format(reason=why.text)
    return QCoreApplication.translate("StatusReasons", "cancelled at the customer's request")


def _cancel_auto_agreed(why: StatusReason, with_detail: bool) -> str:
    if with_detail and why.text:
        return QCoreApplication.translate(
            "StatusReasons",
            "cancelled at the customer's request, agreed by the channel: “{reason}”",
        ).format(reason=why.text)
    return QCoreApplication.translate(
        "StatusReasons", "cancelled at the customer's request, agreed by the channel"
    )


_ORDER_WORDS: dict[str, _Words] = {
    OrderStatusCode.CUSTOMER_CANCELLED: lambda _why, _detail: QCoreApplication.translate(
        "StatusReasons", "cancelled by the customer"
    ),
    OrderStatusCode.NOT_CONFIRMED_IN_TIME: lambda _why, _detail: QCoreApplication.translate(
        "StatusReasons", "cancelled because nobody accepted it in time"
    ),
    OrderStatusCode.REJECTED_BY_STORE: _rejected,
    OrderStatusCode.CANCEL_AGREED: _cancel_agreed,
    OrderStatusCode.CANCEL_AUTO_AGREED: _cancel_auto_agreed,
    OrderStatusCode.SHORTAGE_CANCELLED: lambda _why, _detail: QCoreApplication.translate(
        "StatusReasons", "cancelled by a manager because items were missing"
    ),
    OrderStatusCode.HANDED_TO_RIDER: lambda _why, _detail: QCoreApplication.translate(
        "StatusReasons", "handed to the rider"
    ),
    OrderStatusCode.PICKED_UP_BY_CUSTOMER: lambda _why, _detail: QCoreApplication.translate(
        "StatusReasons", "collected by the customer"
    ),
}


def _reassigned(why: StatusReason) -> str:
    if why.by_name:
        return QCoreApplication.translate(
            "StatusReasons", "Reassigned to {name} by {manager}."
        ).format(name=why.name, manager=why.by_name)
    return QCoreApplication.translate("StatusReasons", "Reassigned to {name}.").format(
        name=why.name
    )


def _clocked_out(why: StatusReason) -> str:
    if why.by_name:
        return QCoreApplication.translate(
            "StatusReasons", "{manager} ended {name}'s shift."
        ).format(name=why.name, manager=why.by_name)
    return QCoreApplication.translate("StatusReasons", "{name} clocked out.").format(name=why.name)


_TASK_WORDS: dict[str, Callable[[StatusReason], str]] = {
    TaskStatusCode.ORDER_CANCELLED: lambda _why: QCoreApplication.translate(
        "StatusReasons", "The order was cancelled."
    ),
    TaskStatusCode.ORDER_LEFT_STORE: lambda _why: QCoreApplication.translate(
        "StatusReasons", "The order already left the store."
    ),
    TaskStatusCode.REASSIGNED: _reassigned,
    TaskStatusCode.PICKER_CLOCKED_OUT: _clocked_out,
    TaskStatusCode.PICKER_LEFT_DUTY: lambda why: QCoreApplication.translate(
        "StatusReasons", "{name} is no longer on the store's staff."
    ).format(name=why.name),
}
