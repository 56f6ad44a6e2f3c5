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
    }[status]


def inbox_tab_name(tab: InboxTab) -> str:
    """The title of an inbox tab (without its count)."""
    return {
        InboxTab.NEW: QCoreApplication.translate("Labels", "New"),
        InboxTab.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
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
    "reject_order": OrderAction.REJECT,
    "mark_ready": OrderAction.MARK_READY,
    "hand_over": OrderAction.HAND_OVER,
}


def command_name(command_type: str) -> str:
    """A queued command (an outbox row's type) named as the action the person took."""
    action = _ACTION_OF_COMMAND.get(command_type)
    if action is None:
        return QCoreApplication.translate("Labels", "Action")
    return action_name(action)


def action_refusal_text(code: str, status: OrderStatus | None) -> str:
    """Why the app itself refused an action (an ActionRefused code), in words."""
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
        "storage_full": QCoreApplication.translate(
            "Labels",
            "This computer's disk is full, so the action was not saved. Free some space "
            "(or call support), then try again. Earlier actions are safe.",
        ),
    }
    return texts.get(code, QCoreApplication.translate("Labels", "This is not possible now."))


def hub_rejection_text(reason: str, message: str) -> str:
    """Why the hub refused a command: our words for a known code, else the hub's own message."""
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
    }
    if reason in texts:
        return texts[reason]
    if message.strip():
        return message.strip()
    return QCoreApplication.translate("Labels", "No reason was given.")


def action_name(action: OrderAction) -> str:
    """An order action as a short imperative, e.g. "Accept"."""
    names = {
        OrderAction.ACCEPT: QCoreApplication.translate("Labels", "Accept"),
        OrderAction.REJECT: QCoreApplication.translate("Labels", "Reject"),
        OrderAction.MARK_READY: QCoreApplication.translate("Labels", "Mark ready"),
        OrderAction.HAND_OVER: QCoreApplication.translate("Labels", "Hand over"),
    }
    return names.get(action, QCoreApplication.translate("Labels", "Action"))


def order_title(serial: int, channel: Channel) -> str:
    """How the counter names an order: "#23 (Meituan)"."""
    return QCoreApplication.translate("Labels", "#{serial} ({channel})").format(
        serial=serial, channel=channel_name(channel)
    )


def serial_text(serial: int) -> str:
    """The daily serial number as the counter shouts it: "#23"."""
    return QCoreApplication.translate("Labels", "#{serial}").format(serial=serial)
