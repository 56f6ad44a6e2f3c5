"""The counter's side-flow actions on the order on show: requests, handover, codes, reminders.

Opens the dialog an action needs and carries it out through the screen's `act`, so every
action shares one way of reporting success or refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import Permission
from app.read_models import OrderDetail, SignedInStaff
from ui.cashier.disagree_dialog import DisagreeDialog
from ui.cashier.handover_dialog import HandoverDialog
from ui.labels import order_title
from ui.screen_services import ScreenServices
from ui.staff_session import authorise

Perform = Callable[[SignedInStaff, str], OrderDetail]
Act = Callable[[OrderAction, Perform], None]

HANDLED: Final = frozenset(
    {
        OrderAction.HAND_OVER,
        OrderAction.AGREE_CANCEL,
        OrderAction.DISAGREE_CANCEL,
        OrderAction.AGREE_REFUND,
        OrderAction.DISAGREE_REFUND,
        OrderAction.GIVE_PICKUP_CODE,
    }
)
"""The actions this handler carries out (the screen handles the others)."""


class SideFlowHandler(QObject):
    """Carries out side-flow actions for the screen that owns it."""

    def __init__(
        self,
        services: ScreenServices,
        screen: QWidget,
        *,
        act: Act,
        shown: Callable[[], OrderDetail | None],
        actor: Callable[[], SignedInStaff | None],
    ) -> None:
        super().__init__(screen)
        self._services = services
        self._screen = screen
        self._act = act
        self._shown = shown
        self._actor = actor
        self.disagree_dialog: DisagreeDialog | None = None
        self.handover_dialog: HandoverDialog | None = None

    def start(self, action: OrderAction) -> bool:
        """Begin `action` on the order on show; False when it is not one of HANDLED."""
        if action not in HANDLED:
            return False
        order, actions = self._shown(), self._services.order_actions
        if order is None:
            return True
        if action is OrderAction.HAND_OVER:
            self._open_handover(order)
        elif action in {OrderAction.DISAGREE_CANCEL, OrderAction.DISAGREE_REFUND}:
            self._open_disagree(
                order, "cancel" if action is OrderAction.DISAGREE_CANCEL else "refund"
            )
        elif action in {OrderAction.AGREE_CANCEL, OrderAction.AGREE_REFUND}:
            self._agree(action)
        else:
            self._act(action, actions.give_pickup_code)
        return True

    def _agree(self, action: OrderAction) -> None:
        # Money goes back to the customer: a cashier needs a manager's PIN, anyone idle
        # their own again; the approved person (with `approved_by`) does the action.
        cancel = action is OrderAction.AGREE_CANCEL
        permission = Permission.CANCEL if cancel else Permission.REFUND
        approved = authorise(self._screen, permission, self._actor())
        if approved is None:
            return
        actions = self._services.order_actions
        answer = actions.answer_cancel_request if cancel else actions.answer_refund_request
        self._act(action, lambda _actor, order_id: answer(approved, order_id, agree=True))

    def reply(self, reminder_id: str, reply: str) -> None:
        """Send `reply` to the customer's reminder on the order on show."""
        actions = self._services.order_actions
        self._act(
            OrderAction.REPLY_REMINDER,
            lambda a, o: actions.reply_reminder(a, o, reminder_id, reply),
        )

    def done_text(self, action: OrderAction, order: OrderDetail) -> str | None:
        """What the screen says once `action` is done, or None for the screen's own words."""
        title = order_title(order.daily_serial, order.channel)
        texts = {
            OrderAction.AGREE_CANCEL: self.tr("{order}: cancel request agreed; it is cancelled."),
            OrderAction.DISAGREE_CANCEL: self.tr("{order}: cancel request refused; it goes on."),
            OrderAction.AGREE_REFUND: self.tr("{order}: refund request agreed."),
            OrderAction.DISAGREE_REFUND: self.tr("{order}: refund request refused."),
            OrderAction.GIVE_PICKUP_CODE: self.tr("{order}: new pickup code {code}."),
            OrderAction.REPLY_REMINDER: self.tr("{order}: reply sent to the customer."),
            OrderAction.HAND_OVER: self.tr("{order} was handed over."),
        }
        text = texts.get(action)
        return None if text is None else text.format(order=title, code=order.pickup_code or "")

    def _open_handover(self, order: OrderDetail) -> None:
        actor = self._actor()
        if actor is None:
            return
        dialog = HandoverDialog(order, actor, self._screen)
        dialog.accepted.connect(self._on_handover_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.handover_dialog = dialog
        dialog.open()

    def _open_disagree(self, order: OrderDetail, kind: str) -> None:
        dialog = DisagreeDialog(order, kind, self._screen)
        dialog.accepted.connect(self._on_disagree_dialog_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.disagree_dialog = dialog
        dialog.open()

    def _still_shown(self, order_id: str) -> bool:
        # The dialogs are window-modal, but the order on show may still change under them.
        shown = self._shown()
        return shown is not None and shown.order_id == order_id

    @Slot()
    def _on_handover_dialog_accepted(self) -> None:
        dialog, self.handover_dialog = self.handover_dialog, None
        if dialog is None or not self._still_shown(dialog.order.order_id):
            return
        party, name = dialog.party(), dialog.to_name()
        actions = self._services.order_actions
        self._act(OrderAction.HAND_OVER, lambda a, o: actions.hand_over(a, o, party, name))

    @Slot()
    def _on_disagree_dialog_accepted(self) -> None:
        dialog, self.disagree_dialog = self.disagree_dialog, None
        if dialog is None or not self._still_shown(dialog.order.order_id):
            return
        reason, actions = dialog.reason(), self._services.order_actions
        if dialog.kind == "cancel":
            self._act(
                OrderAction.DISAGREE_CANCEL,
                lambda a, o: actions.answer_cancel_request(a, o, agree=False, reason=reason),
            )
        else:
            self._act(
                OrderAction.DISAGREE_REFUND,
                lambda a, o: actions.answer_refund_request(a, o, agree=False, reason=reason),
            )
