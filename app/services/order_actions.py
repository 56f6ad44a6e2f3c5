"""The cashier's actions on an order: accept, reject, ready, hand over, answer the customer.

Each action checks the permission matrix (a refusal is audited and changes nothing), then the
order life cycle, applies the change to the cached order (shown as pending), queues its command
for the hub and records its audit entry, in one transaction (decision 019).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.action_permissions import ORDER_ACTION_PERMISSIONS, is_audited
from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.domain.clock import Clock
from app.domain.order_lifecycle import OrderAction
from app.domain.permissions import Permission
from app.domain.vocabulary import Channel, HandoverParty
from app.read_models import OrderDetail, SignedInStaff
from app.services import input_checks, permission_gate
from app.services.input_checks import InputField
from app.services.order_action_checks import (
    HOLDS_A_CODE,
    ActionRefused,
    check_reject_reason,
    check_reminder,
    next_status_for,
    refusing,
    status_of,
)
from app.services.order_action_writes import (
    TIMESTAMP_OF_ACTION,
    ActionStep,
    audit_detail,
    next_code,
    pickup_code_on_accept,
    queue_command,
    with_reply,
)
from app.services.order_views import order_detail
from local_db import order_repository
from local_db.database import Database, is_storage_full
from local_db.order_repository import OrderSnapshot

__all__ = ["ActionRefused", "OrderActions"]


class OrderActions:
    """Cashier use cases over the local cache; never touches the network."""

    def __init__(
        self, db: Database, clock: Clock, on_queued: Callable[[], None] = lambda: None
    ) -> None:
        """`on_queued` is called after each committed action (the pusher is woken by it)."""
        self._db = db
        self._clock = clock
        self._on_queued = on_queued

    def accept(self, actor: SignedInStaff, order_id: str) -> OrderDetail:
        """Accept a new order; a channel that wants one gets the day's next pickup code too."""
        step = ActionStep(OrderAction.ACCEPT, "accept_order", follow_up=pickup_code_on_accept)
        return self._act(actor, order_id, step)

    def reject(
        self, actor: SignedInStaff, order_id: str, reason: RejectReason, note: str = ""
    ) -> OrderDetail:
        """Reject a new order with one of its channel's reasons (`note`: at most REASON_MAX
        characters)."""
        chosen = input_checks.member(RejectReason, reason)
        if chosen is None:
            raise ActionRefused("reason_not_allowed", OrderAction.REJECT)
        with refusing(OrderAction.REJECT):
            text = input_checks.text(note, InputField.NOTE)
        step = ActionStep(
            OrderAction.REJECT,
            "reject_order",
            {"reason": chosen.value, "note": text},
            check=lambda order: check_reject_reason(order, chosen),
        )
        return self._act(actor, order_id, step)

    def mark_ready(self, actor: SignedInStaff, order_id: str) -> OrderDetail:
        """The order is ready to leave the store."""
        return self._act(actor, order_id, ActionStep(OrderAction.MARK_READY, "mark_ready"))

    def hand_over(
        self, actor: SignedInStaff, order_id: str, handed_to: HandoverParty, to_name: str = ""
    ) -> OrderDetail:
        """The order was handed to a rider or the customer (`to_name`: their name, if known,
        at most NAME_MAX characters)."""
        party = input_checks.member(HandoverParty, handed_to)
        if party is None:
            raise ActionRefused(f"{InputField.HANDED_TO}_wrong_type", OrderAction.HAND_OVER)
        with refusing(OrderAction.HAND_OVER):
            name = input_checks.text(to_name, InputField.NAME)
        arguments: dict[str, Any] = {"handed_to": party.value}
        if name:
            arguments["handed_to_name"] = name
        handover = {"by_staff_id": actor.staff_id, "by_name": actor.name, "to": party.value}
        step = ActionStep(
            OrderAction.HAND_OVER,
            "hand_over",
            arguments,
            local=lambda _order, _now: {"handover": {**handover, "to_name": name}},
        )
        return self._act(actor, order_id, step)

    def answer_cancel_request(
        self, actor: SignedInStaff, order_id: str, *, agree: bool, reason: str = ""
    ) -> OrderDetail:
        """Agree to the customer's cancel request, or disagree with a reason they will see."""
        action = OrderAction.AGREE_CANCEL if agree else OrderAction.DISAGREE_CANCEL
        return self._answer(
            actor,
            order_id,
            action,
            command_type="answer_cancel_request",
            agree=agree,
            reason=reason,
        )

    def answer_refund_request(
        self, actor: SignedInStaff, order_id: str, *, agree: bool, reason: str = ""
    ) -> OrderDetail:
        """Agree to the customer's refund request, or disagree with a reason they will see."""
        action = OrderAction.AGREE_REFUND if agree else OrderAction.DISAGREE_REFUND
        return self._answer(
            actor,
            order_id,
            action,
            command_type="answer_refund_request",
            agree=agree,
            reason=reason,
        )

    def reply_reminder(
        self, actor: SignedInStaff, order_id: str, reminder_id: str, reply: str
    ) -> OrderDetail:
        """Reply to the customer's "where is my order"; each reminder is answered once
        (`reply`: at most REASON_MAX characters, not empty)."""
        with refusing(OrderAction.REPLY_REMINDER):
            text = input_checks.text(reply, InputField.REPLY, required=True)
        if input_checks.identifier(reminder_id) is None:
            raise ActionRefused("unknown_reminder", OrderAction.REPLY_REMINDER)

        def replied(order: OrderSnapshot, now: datetime) -> dict[str, Any]:
            return {"reminders": with_reply(order, reminder_id, text, actor.name, now)}

        step = ActionStep(
            OrderAction.REPLY_REMINDER,
            "reply_reminder",
            {"reminder_id": reminder_id, "reply": text},
            moves=False,
            check=lambda order: check_reminder(order, reminder_id, text),
            local=replied,
        )
        return self._act(actor, order_id, step)

    def give_pickup_code(self, actor: SignedInStaff, order_id: str) -> OrderDetail:
        """Give an accepted order the day's next pickup code (again, when the hub refused one
        already taken by an order of another counter)."""

        def code_of(session: Session, order: OrderSnapshot) -> dict[str, Any]:
            status = status_of(order)
            if not CHANNEL_RULES[Channel(order.channel)].assigns_pickup_code:
                raise ActionRefused("no_pickup_codes", OrderAction.GIVE_PICKUP_CODE, status)
            if status not in HOLDS_A_CODE:
                raise ActionRefused("wrong_status", OrderAction.GIVE_PICKUP_CODE, status)
            return {"pickup_code": next_code(session, order)}

        step = ActionStep(
            OrderAction.GIVE_PICKUP_CODE, "set_pickup_code", moves=False, follow_up=code_of
        )
        return self._act(actor, order_id, step)

    def _answer(
        self,
        actor: SignedInStaff,
        order_id: str,
        action: OrderAction,
        *,
        command_type: str,
        agree: bool,
        reason: str,
    ) -> OrderDetail:
        with refusing(action):
            agree = input_checks.yes_or_no(agree)
            text = input_checks.text(reason, InputField.REASON)
        if not agree and not text:
            raise ActionRefused("reason_required", action)

        def answered(order: OrderSnapshot, now: datetime) -> dict[str, Any]:
            values: dict[str, Any] = {"resume_status": None}
            if order.request is not None:
                values["request"] = {
                    **order.request,
                    "answer": "agreed" if agree else "disagreed",
                    "answer_reason": text,
                    "answered_at": now.isoformat(),
                    "answered_by": actor.name,
                }
            if action is OrderAction.AGREE_CANCEL:
                values["closed_at"] = now
            return values

        step = ActionStep(action, command_type, {"agree": agree, "reason": text}, local=answered)
        return self._act(actor, order_id, step)

    def _act(self, actor: SignedInStaff, order_id: str, step: ActionStep) -> OrderDetail:
        if not input_checks.is_signed_in(actor):
            raise ActionRefused("not_permitted", step.action)
        if input_checks.identifier(order_id) is None:
            raise ActionRefused("unknown_order", step.action)
        permission = ORDER_ACTION_PERMISSIONS[step.action]
        if not permission_gate.allows(actor, permission):
            self._refuse(actor, order_id, step, permission)
        now = self._clock()
        try:
            with refusing(step.action):
                updated = self._write(actor, order_id, step, now)
        except OperationalError as error:
            if not is_storage_full(error):
                raise
            # Nothing was written: the person is told at once, and earlier actions are safe.
            raise ActionRefused("storage_full", step.action) from error
        self._on_queued()
        return order_detail(updated)

    def _refuse(
        self, actor: SignedInStaff, order_id: str, step: ActionStep, permission: Permission
    ) -> None:
        """Audit the matrix's refusal (nothing else is written) and raise not_permitted."""
        with self._db.read() as session:
            order = order_repository.get_order(session, order_id)
        permission_gate.refuse(
            self._db, self._clock, actor, permission, subject=order_id, detail=audit_detail(step)
        )
        status = None if order is None else status_of(order)
        raise ActionRefused("not_permitted", step.action, status)

    def _write(
        self, actor: SignedInStaff, order_id: str, step: ActionStep, now: datetime
    ) -> OrderSnapshot:
        permission = ORDER_ACTION_PERMISSIONS[step.action]
        with self._db.write() as session:
            order = order_repository.get_order(session, order_id)
            if order is None:
                raise ActionRefused("unknown_order", step.action)
            values: dict[str, Any] = {}
            if step.moves:
                roles = permission_gate.roles_for(actor, permission)
                status = next_status_for(roles, order.status, order.resume_status, step.action)
                values["status"] = status.value
                if timestamp := TIMESTAMP_OF_ACTION.get(step.action):
                    values[timestamp] = now
            step.check(order)
            values |= step.local(order, now)
            extra = step.follow_up(session, order)
            arguments = step.arguments
            if extra is not None:
                # The code travels in the action's own command (one action, one command): the
                # hub gives the order the code, or the day's next free one if it was taken.
                values |= extra
                arguments = {**arguments, **extra}
            queue_command(
                session,
                actor,
                order,
                command_type=step.command_type,
                arguments=arguments,
                now=now,
            )
            if is_audited(step.command_type, permission):
                permission_gate.record_done(
                    session,
                    self._clock,
                    actor,
                    permission,
                    subject=order_id,
                    detail=audit_detail(step),
                )
            if values:
                order_repository.update_order(session, order_id, **values)
            updated = order_repository.get_order(session, order_id)
        if updated is None:
            raise ActionRefused("unknown_order", step.action)
        return updated
