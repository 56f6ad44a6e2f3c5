"""Words of the shortage screens: decisions, reasons, refusals and what a decision gives back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.vocabulary import OutOfStockPreference, ShortageReason
from app.read_models import OrderLineView
from app.services.shortage_decisions import DecisionPreview
from ui.refusal_words import input_refusal_text
from ui.value_formats import format_money

_CONTEXT = "Shortages"


def decision_name(decision: str) -> str:
    """A decision as the manager chooses it."""
    return {
        "found": QCoreApplication.translate(_CONTEXT, "Found it 已找到"),
        "substitute": QCoreApplication.translate(_CONTEXT, "Substitute 替换商品"),
        "partial_refund": QCoreApplication.translate(_CONTEXT, "Partial refund 部分退款"),
        "cancel_order": QCoreApplication.translate(_CONTEXT, "Cancel the order 取消订单"),
    }[decision]


def reason_name(reason: ShortageReason) -> str:
    """Why the picker reported the line short."""
    return {
        ShortageReason.OUT_OF_STOCK: QCoreApplication.translate(_CONTEXT, "Out of stock 缺货"),
        ShortageReason.DAMAGED: QCoreApplication.translate(_CONTEXT, "Damaged 破损"),
        ShortageReason.NOT_AT_LOCATION: QCoreApplication.translate(
            _CONTEXT, "Not at its place 货位无货"
        ),
        ShortageReason.EXPIRED: QCoreApplication.translate(_CONTEXT, "Expired 过期"),
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
    tr = QCoreApplication.translate
    paid = format_money(preview.paid_for_units_cents)
    if preview.decision == "partial_refund":
        return tr(
            _CONTEXT, "Refund to the customer: {refund} (what they paid for the missing units)"
        ).format(refund=format_money(preview.refund_cents))
    if preview.decision == "substitute" and preview.substitute_cost_cents is not None:
        cost = format_money(preview.substitute_cost_cents)
        if preview.refund_cents > 0:
            text = tr(
                _CONTEXT,
                "The substitute costs {cost}, the customer paid {paid}: refund the difference"
                " {refund}.",
            ).format(cost=cost, paid=paid, refund=format_money(preview.refund_cents))
        else:
            text = tr(
                _CONTEXT,
                "The substitute costs {cost}, the customer paid {paid}: a dearer substitute"
                " costs the customer nothing extra.",
            ).format(cost=cost, paid=paid)
        if preview.needs_consent:
            text += " " + tr(_CONTEXT, "{channel} asks the customer to agree first.").format(
                channel=channel_name
            )
        return text
    if preview.decision == "cancel_order":
        return tr(_CONTEXT, "The whole order is cancelled and refunded by the channel.")
    return tr(_CONTEXT, "Nothing is refunded: the picker picks the line again.")


def refusal_text(code: str) -> str:
    """Why a decision was not queued."""
    if (words := input_refusal_text(code)) is not None:
        return words
    tr = QCoreApplication.translate
    return {
        "not_permitted": tr(_CONTEXT, "Only a manager may make this decision."),
        "unknown_shortage": tr(_CONTEXT, "This shortage is not on this device any more."),
        "already_decided": tr(_CONTEXT, "This shortage has already been decided."),
        "unknown_decision": tr(_CONTEXT, "Choose a decision."),
        "unknown_substitute": tr(_CONTEXT, "Choose another item to substitute with."),
        "storage_full": tr(_CONTEXT, "The device's storage is full: nothing was saved."),
    }.get(code, tr(_CONTEXT, "This decision is not possible now."))


def line_shortage_text(line: OrderLineView) -> str:
    """The manager's decision on an order line, as the cashier's order detail shows it."""
    tr = QCoreApplication.translate
    if line.shortage_decision == "substitute":
        text = tr(_CONTEXT, "Substituted with {name} 已替换").format(name=line.substitute_name)
        if line.shortage_refund_cents:
            text += " · " + tr(_CONTEXT, "{refund} refunded").format(
                refund=format_money(line.shortage_refund_cents)
            )
        return text
    if line.shortage_decision == "partial_refund":
        return tr(_CONTEXT, "Short: {refund} refunded 缺货已退款").format(
            refund=format_money(line.shortage_refund_cents or 0)
        )
    if line.shortage_decision == "cancel_order":
        return tr(_CONTEXT, "Short: the order was cancelled 缺货取消")
    return tr(_CONTEXT, "Short, then found 缺货后找到")
