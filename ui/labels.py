"""Every word a person reads for a value of the domain vocabulary, through Qt translation.

Each text is a literal `QCoreApplication.translate("Labels", ...)` call so that lupdate finds it;
the tables are built at call time so that a translator installed later takes effect.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from app.domain.channel_rules import RejectReason
from app.domain.order_lifecycle import InboxTab, OrderAction
from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    OutOfStockPreference,
    RiderStatus,
    Role,
)
from app.services.order_search import SearchMatch
from ui.cashier.exception_words import mapping_refusals
from ui.refusal_words import hub_refusal_text, input_refusal_text


def channel_name(channel: Channel) -> str:
    """The channel as the counter calls it."""
    return {
        Channel.MEITUAN: QCoreApplication.translate("Labels", "Meituan"),
        Channel.ELEME: QCoreApplication.translate("Labels", "Eleme"),
        Channel.MINIPROGRAM: QCoreApplication.translate("Labels", "Mini-program"),
    }[channel]


def order_status_name(status: OrderStatus) -> str:
    """An order's status in words."""
    return {
        OrderStatus.NEW: QCoreApplication.translate("Labels", "New"),
        OrderStatus.ACCEPTED: QCoreApplication.translate("Labels", "Accepted"),
        OrderStatus.PREPARING: QCoreApplication.translate("Labels", "Preparing"),
        OrderStatus.READY: QCoreApplication.translate("Labels", "Ready"),
        OrderStatus.HANDED_OVER: QCoreApplication.translate("Labels", "Handed over"),
        OrderStatus.COMPLETED: QCoreApplication.translate("Labels", "Completed"),
        OrderStatus.REJECTED: QCoreApplication.translate("Labels", "Rejected"),
        OrderStatus.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
        OrderStatus.CANCEL_REQUESTED: QCoreApplication.translate("Labels", "Cancel requested"),
        OrderStatus.REFUND_REQUESTED: QCoreApplication.translate("Labels", "Refund requested"),
        OrderStatus.SHORTAGE_PENDING: QCoreApplication.translate("Labels", "Shortage reported"),
        OrderStatus.EXCEPTION: QCoreApplication.translate("Labels", "Needs checking"),
    }[status]


def inbox_tab_name(tab: InboxTab) -> str:
    """The title of an inbox tab (without its count)."""
    return {
        InboxTab.NEW: QCoreApplication.translate("Labels", "New"),
        InboxTab.SCHEDULED: QCoreApplication.translate("Labels", "Booked"),
        InboxTab.IN_PROGRESS: QCoreApplication.translate("Labels", "Preparing"),
        InboxTab.READY: QCoreApplication.translate("Labels", "Ready"),
        InboxTab.DONE: QCoreApplication.translate("Labels", "Done"),
        InboxTab.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
    }[tab]


def reject_reason_name(reason: RejectReason) -> str:
    """A reason the store gives for rejecting an order."""
    return {
        RejectReason.SOLD_OUT: QCoreApplication.translate("Labels", "Sold out"),
        RejectReason.TOO_BUSY: QCoreApplication.translate("Labels", "Too busy"),
        RejectReason.CLOSING: QCoreApplication.translate("Labels", "Store closing"),
        RejectReason.OUT_OF_RANGE: QCoreApplication.translate(
            "Labels", "Address out of delivery range"
        ),
        RejectReason.OTHER: QCoreApplication.translate("Labels", "Other reason"),
    }[reason]


def handover_party_name(party: HandoverParty) -> str:
    """To whom an order is handed."""
    return {
        HandoverParty.RIDER: QCoreApplication.translate("Labels", "Rider"),
        HandoverParty.CUSTOMER: QCoreApplication.translate("Labels", "Customer"),
    }[party]


def rider_status_name(status: RiderStatus) -> str:
    """Where the rider is."""
    return {
        RiderStatus.ASSIGNED: QCoreApplication.translate("Labels", "On the way to the store"),
        RiderStatus.AT_STORE: QCoreApplication.translate("Labels", "At the store"),
        RiderStatus.PICKED_UP: QCoreApplication.translate("Labels", "Picked up"),
        RiderStatus.DELIVERED: QCoreApplication.translate("Labels", "Delivered"),
    }[status]


def fulfilment_name(mode: FulfilmentMode) -> str:
    """How the order leaves the store."""
    return {
        FulfilmentMode.DELIVERY: QCoreApplication.translate("Labels", "Delivery"),
        FulfilmentMode.PICKUP: QCoreApplication.translate("Labels", "Pickup"),
    }[mode]


def out_of_stock_preference_name(preference: OutOfStockPreference) -> str:
    """What the customer wants done when an item is missing."""
    return {
        OutOfStockPreference.CONTACT_ME: QCoreApplication.translate(
            "Labels", "Contact the customer"
        ),
        OutOfStockPreference.REFUND_ITEM: QCoreApplication.translate(
            "Labels", "Refund the missing item"
        ),
        OutOfStockPreference.CANCEL_ORDER: QCoreApplication.translate(
            "Labels", "Cancel the whole order"
        ),
        OutOfStockPreference.SUBSTITUTE_SIMILAR: QCoreApplication.translate(
            "Labels", "Substitute something similar"
        ),
    }[preference]


def role_name(role: Role) -> str:
    """A staff role."""
    return {
        Role.CASHIER: QCoreApplication.translate("Labels", "Cashier"),
        Role.PICKER: QCoreApplication.translate("Labels", "Picker"),
        Role.MANAGER: QCoreApplication.translate("Labels", "Manager"),
    }[role]


def roles_text(roles: Iterable[Role]) -> str:
    """Several roles in a fixed order (manager first), e.g. "Manager · Cashier"."""
    order = (Role.MANAGER, Role.CASHIER, Role.PICKER)
    held = set(roles)
    return QCoreApplication.translate("Labels", " · ").join(
        role_name(role) for role in order if role in held
    )


_ACTION_OF_COMMAND = {
    "accept_order": OrderAction.ACCEPT,
    "accept_exception_order": OrderAction.ACCEPT_EXCEPTION,
    "reject_order": OrderAction.REJECT,
    "mark_ready": OrderAction.MARK_READY,
    "hand_over": OrderAction.HAND_OVER,
}


def command_name(command_type: str) -> str:
    """A queued command (an outbox row's type) named as the action the person took."""
    action = _ACTION_OF_COMMAND.get(command_type)
    if (side := _side_command_name(command_type)) is not None:
        return side
    if action is None:
        return QCoreApplication.translate("Labels", "Action")
    return action_name(action)


def action_refusal_text(code: str, status: OrderStatus | None) -> str:
    """Why the app itself refused an action (an ActionRefused code), in words."""
    if (words := input_refusal_text(code)) is not None:
        return words
    if code == "wrong_status" and status is not None:
        return QCoreApplication.translate(
            "Labels", "The order has moved on: it is now “{status}”."
        ).format(status=order_status_name(status))
    texts = {
        "unknown_order": QCoreApplication.translate(
            "Labels", "This order is no longer on this device."
        ),
        "not_permitted": QCoreApplication.translate("Labels", "Your role does not allow this."),
        "wrong_status": QCoreApplication.translate(
            "Labels", "The order has moved on and this is no longer possible."
        ),
        "cannot_reject": QCoreApplication.translate(
            "Labels", "This channel does not allow the store to reject orders."
        ),
        "reason_not_allowed": QCoreApplication.translate(
            "Labels", "This channel does not accept that reason."
        ),
        "reason_required": QCoreApplication.translate(
            "Labels", "Say why you disagree: the customer is shown your reason."
        ),
        "no_pickup_codes": QCoreApplication.translate(
            "Labels", "This channel does not take pickup codes from the store."
        ),
        "unknown_reminder": QCoreApplication.translate(
            "Labels", "That reminder is no longer on this order."
        ),
        "already_replied": QCoreApplication.translate(
            "Labels", "Someone already replied to this reminder."
        ),
        **mapping_refusals(),
        "storage_full": QCoreApplication.translate(
            "Labels",
            "This computer's disk is full, so the action was not saved. Free some space "
            "(or call support), then try again. Earlier actions are safe.",
        ),
    }
    return texts.get(code, QCoreApplication.translate("Labels", "This is not possible now."))


def hub_rejection_text(reason: str, message: str) -> str:
    """Why the hub refused a command: our words for its code (never the hub's own message,
    which may be a schema dump; `message` is kept for the callers)."""
    texts = {
        "order_cancelled": QCoreApplication.translate(
            "Labels", "The customer cancelled this order."
        ),
        "transition_refused": QCoreApplication.translate(
            "Labels", "The order had already moved on at the hub."
        ),
        "not_permitted": QCoreApplication.translate(
            "Labels", "That person's role does not allow this."
        ),
        "unknown_order": QCoreApplication.translate("Labels", "The hub does not know this order."),
        "unknown_staff": QCoreApplication.translate(
            "Labels", "The hub does not know this staff member."
        ),
        "reason_not_allowed": QCoreApplication.translate(
            "Labels", "The channel does not accept that reject reason."
        ),
        "pickup_code_taken": QCoreApplication.translate(
            "Labels",
            "Another counter gave that pickup code to another order today. Open the order and"
            " press “New pickup code”.",
        ),
        "no_pickup_codes": QCoreApplication.translate(
            "Labels", "The channel does not take pickup codes from the store."
        ),
        "reminder_answered": QCoreApplication.translate(
            "Labels", "Someone else already replied to this reminder."
        ),
        "unknown_reminder": QCoreApplication.translate(
            "Labels", "The hub does not know this reminder."
        ),
        "pause_too_long": QCoreApplication.translate(
            "Labels", "The hub does not pause a channel for that long."
        ),
    }
    del message
    return texts[reason] if reason in texts else hub_refusal_text(reason)


def action_name(action: OrderAction) -> str:
    """An order action as a short imperative, e.g. "Accept"."""
    names = {
        OrderAction.ACCEPT: QCoreApplication.translate("Labels", "Accept"),
        OrderAction.ACCEPT_EXCEPTION: QCoreApplication.translate("Labels", "Map items and accept"),
        OrderAction.REJECT: QCoreApplication.translate("Labels", "Reject"),
        OrderAction.MARK_READY: QCoreApplication.translate("Labels", "Mark ready"),
        OrderAction.HAND_OVER: QCoreApplication.translate("Labels", "Hand over"),
        OrderAction.AGREE_CANCEL: QCoreApplication.translate("Labels", "Agree to cancel"),
        OrderAction.DISAGREE_CANCEL: QCoreApplication.translate("Labels", "Refuse to cancel"),
        OrderAction.AGREE_REFUND: QCoreApplication.translate("Labels", "Agree to refund"),
        OrderAction.DISAGREE_REFUND: QCoreApplication.translate("Labels", "Refuse the refund"),
        OrderAction.GIVE_PICKUP_CODE: QCoreApplication.translate("Labels", "New pickup code"),
        OrderAction.REPLY_REMINDER: QCoreApplication.translate("Labels", "Reply"),
    }
    return names.get(action, QCoreApplication.translate("Labels", "Action"))


def _side_command_name(command_type: str) -> str | None:
    return {
        "set_pickup_code": QCoreApplication.translate("Labels", "Give pickup code"),
        "answer_cancel_request": QCoreApplication.translate("Labels", "Answer cancel request"),
        "answer_refund_request": QCoreApplication.translate("Labels", "Answer refund request"),
        "reply_reminder": QCoreApplication.translate("Labels", "Reply to reminder"),
        "pause_channel": QCoreApplication.translate("Labels", "Busy mode"),
    }.get(command_type)


def request_kind_name(kind: str) -> str:
    """A customer's request: "Cancel request" or "Refund request"."""
    if kind == "refund":
        return QCoreApplication.translate("Labels", "Refund request")
    return QCoreApplication.translate("Labels", "Cancel request")


def request_answer_name(answer: str) -> str:
    """How a customer's request ended: agreed, refused, or agreed by the channel itself."""
    return {
        "agreed": QCoreApplication.translate("Labels", "Agreed"),
        "disagreed": QCoreApplication.translate("Labels", "Refused"),
        "auto_agreed": QCoreApplication.translate("Labels", "Agreed by the channel (no answer)"),
    }.get(answer, answer)


def pause_refusal_text(code: str) -> str:
    """Why busy mode could not be changed (a PauseRefused code), in words."""
    if (words := input_refusal_text(code)) is not None:
        return words
    texts = {
        "not_permitted": QCoreApplication.translate("Labels", "Your role does not allow this."),
        "wrong_length": QCoreApplication.translate("Labels", "Choose 15, 30 or 60 minutes."),
        "not_synced": QCoreApplication.translate(
            "Labels", "The store's settings have not reached this device yet; try again soon."
        ),
        "unknown_channel": QCoreApplication.translate(
            "Labels", "This store does not sell on that channel."
        ),
        **mapping_refusals(),
        "storage_full": QCoreApplication.translate(
            "Labels", "This computer's disk is full, so the change was not saved."
        ),
    }
    return texts.get(code, QCoreApplication.translate("Labels", "This is not possible now."))


def order_title(serial: int, channel: Channel) -> str:
    """How the counter names an order: "#23 (Meituan)"."""
    return QCoreApplication.translate("Labels", "#{serial} ({channel})").format(
        serial=serial, channel=channel_name(channel)
    )


def serial_text(serial: int) -> str:
    """The daily serial number as the counter shouts it: "#23"."""
    return QCoreApplication.translate("Labels", "#{serial}").format(serial=serial)


def search_match_name(match: SearchMatch) -> str:
    """How a search result matched what was typed, e.g. "daily serial"."""
    return {
        SearchMatch.CHANNEL_ORDER_NO: QCoreApplication.translate("Labels", "order number"),
        SearchMatch.DAILY_SERIAL: QCoreApplication.translate("Labels", "daily serial"),
        SearchMatch.PHONE_LAST4: QCoreApplication.translate("Labels", "phone"),
        SearchMatch.PICKUP_CODE: QCoreApplication.translate("Labels", "pickup code"),
    }[match]


def print_refusal_text(code: str) -> str:
    """Why a print request was not done (PrintRefused codes)."""
    if (words := input_refusal_text(code)) is not None:
        return words
    texts = {
        "not_printing": QCoreApplication.translate(
            "Labels", "no printer is set up on this device (Printing → Printers…)"
        ),
        "unknown_order": QCoreApplication.translate("Labels", "the order is not on this device"),
        "not_accepted": QCoreApplication.translate(
            "Labels", "kitchen tickets print once the order is accepted"
        ),
        "no_printer": QCoreApplication.translate("Labels", "no printer is set up for this ticket"),
        "reason_required": QCoreApplication.translate("Labels", "a reprint needs a reason"),
        "unknown_ticket": QCoreApplication.translate("Labels", "that ticket is not in the journal"),
        "bad_bag_count": QCoreApplication.translate("Labels", "give a bag count from 1 to 20"),
        "not_permitted": QCoreApplication.translate(
            "Labels", "your role may not do this: ask a manager to approve it"
        ),
    }
    return texts.get(code, QCoreApplication.translate("Labels", "this is not possible now"))


def printer_problem_text(code: str) -> str:
    """What is wrong with a printer (PrinterUnavailable codes)."""
    texts = {
        "unreachable": QCoreApplication.translate("Labels", "cannot be reached"),
        "no_status": QCoreApplication.translate("Labels", "does not answer"),
        "offline": QCoreApplication.translate("Labels", "is offline (cover open or error)"),
        "paper_out": QCoreApplication.translate("Labels", "is out of paper"),
        "send_failed": QCoreApplication.translate("Labels", "stopped while printing"),
        "write_failed": QCoreApplication.translate("Labels", "cannot write to its folder"),
        "no_printer": QCoreApplication.translate("Labels", "is not set up"),
    }
    return texts.get(code, code)


def ticket_kind_name(kind: str) -> str:
    """A kind of ticket."""
    texts = {
        "kitchen": QCoreApplication.translate("Labels", "Kitchen ticket"),
        "receipt": QCoreApplication.translate("Labels", "Receipt"),
        "void": QCoreApplication.translate("Labels", "VOID"),
        "bag_label": QCoreApplication.translate("Labels", "Bag label"),
    }
    return texts.get(kind, kind)


def ticket_state_name(state: str) -> str:
    """Where a ticket of the print journal stands."""
    texts = {
        "queued": QCoreApplication.translate("Labels", "Queued"),
        "printing": QCoreApplication.translate("Labels", "Printing"),
        "printed": QCoreApplication.translate("Labels", "Printed"),
        "failed_waiting": QCoreApplication.translate("Labels", "Waiting for a printer"),
        "withdrawn": QCoreApplication.translate("Labels", "Withdrawn (order changed or cancelled)"),
    }
    return texts.get(state, state)
