"""The manager's decision on one shortage: found it, substitute, partial refund, cancel order.

The customer's own choice is highlighted and preselected; what the decision gives back (the
refund, or the substitute's price difference) is shown before the confirm button unlocks.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.permissions import Permission
from app.read_models import SignedInStaff
from app.services.input_checks import TEXT_LIMITS, InputField
from app.services.shortage_decisions import (
    DECISIONS,
    DecisionRefused,
    ShortageDecisions,
    ShortageQueueItem,
)
from ui.dialog_buttons import danger_buttons
from ui.labels import channel_name, order_title, out_of_stock_preference_name
from ui.manager.shortage_words import (
    decision_name,
    preferred_decision,
    preview_text,
    reason_name,
    refusal_text,
)
from ui.staff_session import authorise
from ui.theme import Tone, set_tone
from ui.value_formats import format_money

_SENSITIVE_PART: Final = {
    "partial_refund": Permission.REFUND,
    "cancel_order": Permission.CANCEL,
}
"""Decisions that move money or end the order: they ask the PIN again after an idle spell."""


class ShortageDecisionDialog(QDialog):
    """Choose and confirm a decision; on confirm it is queued for the hub and the dialog closes."""

    def __init__(
        self,
        service: ShortageDecisions,
        actor: SignedInStaff,
        item: ShortageQueueItem,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._actor = actor
        self.item = item
        self.setWindowTitle(self.tr("Shortage decision"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.title_label = QLabel(self._title(), self)
        self.title_label.setObjectName("dialogTitle")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.preference_label = QLabel(self._preference_text(), self)
        self.preference_label.setWordWrap(True)
        set_tone(self.preference_label, Tone.WARNING)
        layout.addWidget(self.preference_label)
        wanted = self._add_decision_buttons(layout)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search a substitute by name or barcode"))
        self.results = QListWidget(self)
        self.results.setMaximumHeight(160)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results)
        self.note_box = QLineEdit(self)
        self.note_box.setPlaceholderText(self.tr("Note for the customer (optional)"))
        self.note_box.setMaxLength(TEXT_LIMITS[InputField.NOTE])
        layout.addWidget(self.note_box)
        self.preview_label = QLabel(self)
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, Tone.ERROR)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons, self.confirm_button = danger_buttons(
            self, self.tr("Confirm decision"), self.tr("Back")
        )
        layout.addWidget(self.buttons)
        self.decision_group.buttonToggled.connect(self._on_decision_toggled)
        self.search_box.textChanged.connect(self._on_search_text_changed)
        self.results.currentItemChanged.connect(self._on_results_current_changed)
        if wanted is not None:
            self.decision_buttons[wanted].setChecked(True)
        self._refresh()

    def _add_decision_buttons(self, layout: QVBoxLayout) -> str | None:
        """One radio button per decision, the customer's choice starred; returns that choice."""
        self.decision_group = QButtonGroup(self)
        self.decision_buttons: dict[str, QRadioButton] = {}
        wanted = preferred_decision(self.item.preference)
        for decision in DECISIONS:
            text = decision_name(decision)
            if decision == wanted:
                text += self.tr("  ★ the customer's choice")
            button = QRadioButton(text, self)
            button.setProperty("decision", decision)
            self.decision_group.addButton(button)
            self.decision_buttons[decision] = button
            layout.addWidget(button)
        return wanted

    def decision(self) -> str | None:
        """The decision chosen, if any."""
        checked = self.decision_group.checkedButton()
        return None if checked is None else str(checked.property("decision"))

    def substitute_sku(self) -> str:
        """The substitute chosen in the search results ('' when none)."""
        current = self.results.currentItem()
        return "" if current is None else str(current.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        """Queue the decision; stay open and say why when it is refused."""
        decision = self.decision()
        if decision is None:
            return
        # The refund or the cancel is the sensitive part: after an idle spell, the PIN again.
        needs = _SENSITIVE_PART.get(decision, Permission.DECIDE_SHORTAGE)
        actor = authorise(self, needs, self._actor)
        if actor is None:
            return
        try:
            self._service.decide(
                actor,
                self.item.shortage_id,
                decision,
                substitute_sku=self.substitute_sku(),
                note=self.note_box.text().strip(),
            )
        except DecisionRefused as refused:
            self.error_label.setText(refusal_text(refused.code))
            self.error_label.show()
            return
        super().accept()

    def _title(self) -> str:
        item = self.item
        return (
            self.tr(
                "{order} · {line}: {short} of {quantity} missing ({reason}), by {picker}"
            ).format(
                order=order_title(item.daily_serial, item.channel),
                line=item.line_name,
                short=item.quantity_short,
                quantity=item.line_quantity,
                reason=reason_name(item.reason),
                picker=item.picker_name,
            )
            + "\n"
            + self.tr("The customer paid {paid} for the line.").format(
                paid=format_money(item.paid_cents)
            )
        )

    def _preference_text(self) -> str:
        return self.tr("Customer's wish when out of stock: {preference}").format(
            preference=out_of_stock_preference_name(self.item.preference)
        )

    @Slot()
    def _on_decision_toggled(self) -> None:
        self._refresh()

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.results.clear()
        for choice in self._service.search_substitutes(text):
            label = f"{choice.name}  {choice.name_en}  ·  {format_money(choice.unit_price_cents)}"
            if not choice.in_stock:
                label += self.tr("  (out of stock)")
            row = QListWidgetItem(label, self.results)
            row.setData(Qt.ItemDataRole.UserRole, choice.sku)
        self._refresh()

    @Slot()
    def _on_results_current_changed(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        """Show the substitute search only for a substitute, the preview, unlock confirm."""
        decision = self.decision()
        substituting = decision == "substitute"
        self.search_box.setVisible(substituting)
        self.results.setVisible(substituting)
        ready = decision is not None and (not substituting or bool(self.substitute_sku()))
        self.confirm_button.setEnabled(ready)
        if decision is None or not ready:
            self.preview_label.setText(
                self.tr("Choose a substitute to see the price difference.") if substituting else ""
            )
            return
        try:
            preview = self._service.preview(self.item.shortage_id, decision, self.substitute_sku())
        except DecisionRefused as refused:
            self.preview_label.setText(refusal_text(refused.code))
            self.confirm_button.setEnabled(False)
            return
        self.preview_label.setText(preview_text(preview, channel_name(self.item.channel)))
