"""Words of the shortage screens: decisions, reasons, refusals and what a decision gives back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.vocabulary import OutOfStockPreference, ShortageReason
from app.read_models import OrderLineView
from app.services.shortage_decisions import DecisionPreview
from ui.refusal_words import input_refusal_text
from ui.value_formats import format_money


def decision_name(decision: str) -> str:
    """A decision as the manager chooses it."""
    return {
        "found": QCoreApplication.translate("Shortages", "Found it"),
        "substitute": QCoreApplication.translate("Shortages", "Substitute"),
        "partial_refund": QCoreApplication.translate("Shortages", "Partial refund"),
        "cancel_order": QCoreApplication.translate("Shortages", "Cancel the order"),
    }[decision]


def reason_name(reason: ShortageReason) -> str:
    """Why the picker reported the line short."""
    return {
        ShortageReason.OUT_OF_STOCK: QCoreApplication.translate("Shortages", "Out of stock"),
        ShortageReason.DAMAGED: QCoreApplication.translate("Shortages", "Damaged"),
        ShortageReason.NOT_AT_LOCATION: QCoreApplication.translate("Shortages", "Not at its place"),
        ShortageReason.EXPIRED: QCoreApplication.translate("Shortages", "Expired"),
    }[reason]


def preferred_decision(preference: OutOfStockPreference) -> str | None:
    """The decision the customer asked for when ordering (None: they want a call first)."""
    return {
        OutOfStockPreference.REFUND_ITEM: "partial_refund",
        OutOfStockPreference.CANCEL_ORDER: "cancel_order",
        OutOfStockPreference.SUBSTITUTE_SIMILAR: "substitute",
        OutOfStockPreference.CONTACT_ME: None,
    }[preference]


def preview_text(preview: DecisionPreview, channel_name: str) -> str:
    """What the decision gives back to the customer, shown before confirming."""
    paid = format_money(preview.paid_for_units_cents)
    if preview.decision == "partial_refund":
        return QCoreApplication.translate(
            "Shortages", "Refund to the customer: {refund} (what they paid for the missing units)"
        ).format(refund=format_money(preview.refund_cents))
    if preview.decision == "substitute" and preview.substitute_cost_cents is not None:
        cost = format_money(preview.substitute_cost_cents)
        if preview.refund_cents > 0:
            text = QCoreApplication.translate(
                "Shortages",
                "The substitute costs {cost}, the customer paid {paid}: refund the difference"
                " {refund}.",
            ).format(cost=cost, paid=paid, refund=format_money(preview.refund_cents))
        else:
            text = QCoreApplication.translate(
                "Shortages",
                "The substitute costs {cost}, the customer paid {paid}: a dearer substitute"
                " costs the customer nothing extra.",
            ).format(cost=cost, paid=paid)
        if preview.needs_consent:
            text += " " + QCoreApplication.translate(
                "Shortages", "{channel} asks the customer to agree first."
            ).format(channel=channel_name)
        return text
    if preview.decision == "cancel_order":
        return QCoreApplication.translate(
            "Shortages", "The whole order is cancelled and refunded by the channel."
        )
    return QCoreApplication.translate(
        "Shortages", "Nothing is refunded: the picker picks the line again."
    )


def refusal_text(code: str) -> str:
    """Why a decision was not queued."""
    if (words := input_refusal_text(code)) is not None:
        return words
    return {
        "not_permitted": QCoreApplication.translate(
            "Shortages", "Only a manager may make this decision."
        ),
        "unknown_shortage": QCoreApplication.translate(
            "Shortages", "This shortage is not on this device any more."
        ),
        "already_decided": QCoreApplication.translate(
            "Shortages", "This shortage has already been decided."
        ),
        "unknown_decision": QCoreApplication.translate("Shortages", "Choose a decision."),
        "unknown_substitute": QCoreApplication.translate(
            "Shortages", "Choose another item to substitute with."
        ),
        "storage_full": QCoreApplication.translate(
            "Shortages", "The device's storage is full: nothing was saved."
        ),
    }.get(code, QCoreApplication.translate("Shortages", "This decision is not possible now."))


def line_shortage_text(line: OrderLineView) -> str:
    """The manager's decision on an order line, as the cashier's order detail shows it."""
    if line.shortage_decision == "substitute":
        text = QCoreApplication.translate("Shortages", "Substituted with {name}").format(
            name=line.substitute_name
        )
        if line.shortage_refund_cents:
            text += " · " + QCoreApplication.translate("Shortages", "{refund} refunded").format(
                refund=format_money(line.shortage_refund_cents)
            )
        return text
    if line.shortage_decision == "partial_refund":
        return QCoreApplication.translate("Shortages", "Short: {refund} refunded").format(
            refund=format_money(line.shortage_refund_cents or 0)
        )
    if line.shortage_decision == "cancel_order":
        return QCoreApplication.translate("Shortages", "Short: the order was cancelled")
    return QCoreApplication.translate("Shortages", "Short, then found")
