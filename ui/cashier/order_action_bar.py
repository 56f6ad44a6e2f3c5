"""The buttons under an order: only the actions the life cycle allows this person now."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.order_lifecycle import OrderAction
from app.domain.vocabulary import FulfilmentMode
from app.read_models import OrderSummary
from ui.labels import channel_name

_SECONDARY = frozenset(
    {OrderAction.REJECT, OrderAction.DISAGREE_CANCEL, OrderAction.DISAGREE_REFUND}
)
"""Shown after a gap on the right, as the less usual answer."""

_SETTLE_MS = 700
"""After an action the buttons rest this long, so a double tap cannot also hit the next one."""

OFFERED_ACTIONS = (
    OrderAction.ACCEPT,
    OrderAction.ACCEPT_EXCEPTION,
    OrderAction.MARK_READY,
    OrderAction.HAND_OVER,
    OrderAction.AGREE_CANCEL,
    OrderAction.AGREE_REFUND,
    OrderAction.GIVE_PICKUP_CODE,
    OrderAction.DISAGREE_CANCEL,
    OrderAction.DISAGREE_REFUND,
    OrderAction.REJECT,
)
"""The actions the counter offers, in button order (left to right)."""


class OrderActionBar(QWidget):
    """Accept / Mark ready / Hand over / Reject…, shown as the order and the person allow."""

    action_chosen = Signal(object)
    """OrderAction: the person pressed the button of this action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: OrderSummary | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.buttons: dict[OrderAction, QPushButton] = {}
        for action in OFFERED_ACTIONS:
            button = QPushButton(self)
            button.setProperty("variant", "danger" if action in _SECONDARY else "primary")
            button.setMinimumHeight(56)
            button.setProperty("action", action.value)
            button.clicked.connect(self._on_button_clicked)
            if action is OrderAction.DISAGREE_CANCEL:
                row.addStretch(1)
            row.addWidget(button)
            self.buttons[action] = button
        self.buttons[OrderAction.ACCEPT].setText(self.tr("Accept"))
        self.buttons[OrderAction.ACCEPT_EXCEPTION].setText(self.tr("Map items and accept…"))
        self.buttons[OrderAction.MARK_READY].setText(self.tr("Mark ready"))
        self.buttons[OrderAction.REJECT].setText(self.tr("Reject…"))
        self.buttons[OrderAction.AGREE_CANCEL].setText(self.tr("Agree to cancel"))
        self.buttons[OrderAction.DISAGREE_CANCEL].setText(self.tr("Refuse cancel…"))
        self.buttons[OrderAction.AGREE_REFUND].setText(self.tr("Agree to refund"))
        self.buttons[OrderAction.DISAGREE_REFUND].setText(self.tr("Refuse refund…"))
        self.buttons[OrderAction.GIVE_PICKUP_CODE].setText(self.tr("New pickup code"))
        column.addLayout(row)
        self.explanation = QLabel(self)
        self.explanation.setObjectName("Hint")
        self.explanation.setWordWrap(True)
        column.addWidget(self.explanation)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(_SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self.show_actions(None, frozenset())

    def show_actions(self, order: OrderSummary | None, actions: frozenset[OrderAction]) -> None:
        """Show the buttons of `actions` that the counter offers on `order`."""
        self._order = order
        for action, button in self.buttons.items():
            button.setVisible(order is not None and action in actions)
        self.explanation.clear()
        if order is None:
            return
        hand_over = self.buttons[OrderAction.HAND_OVER]
        if order.fulfilment is FulfilmentMode.DELIVERY:
            hand_over.setText(self.tr("Hand to rider"))
        else:
            hand_over.setText(self.tr("Hand to customer"))
        reject = self.buttons[OrderAction.REJECT]
        can_reject = CHANNEL_RULES[order.channel].can_reject
        reject.setEnabled(can_reject)
        if OrderAction.REJECT in actions and not can_reject:
            self.explanation.setText(
                self.tr("{channel} does not let the store reject orders.").format(
                    channel=channel_name(order.channel)
                )
            )
        elif not actions & set(OFFERED_ACTIONS):
            self.explanation.setText(self.tr("Nothing to do at the counter for this order now."))

    def settle(self) -> None:
        """Ignore presses for a moment (called after an action changed the buttons)."""
        self.setEnabled(False)
        self._settle.start()

    @Slot()
    def _on_settle_timeout(self) -> None:
        self.setEnabled(True)

    @Slot()
    def _on_button_clicked(self) -> None:
        sender = self.sender()
        value = sender.property("action") if sender is not None else None
        if self._order is not None and isinstance(value, str):
            self.action_chosen.emit(OrderAction(value))
