"""The cashier's actions on an order: accept, reject, mark ready, hand over.

Each action checks the person's roles and the order life cycle, applies the change to the
cached order (shown as pending), and queues the command for the hub, in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES, RejectReason
from app.domain.clock import Clock
from app.domain.order_lifecycle import OrderAction, TransitionRefused, next_status
from app.domain.vocabulary import Channel, HandoverParty, OrderStatus
from app.read_models import OrderDetail, SignedInStaff
from app.services.order_views import order_detail
from local_db import failpoints, order_repository, outbox_repository
from local_db.database import Database
from local_db.order_repository import OrderSnapshot


class ActionRefused(Exception):
    """The person may not do this now.

    `code` is stable (the screens translate it into words): unknown_order, not_permitted,
    wrong_status, cannot_reject, reason_not_allowed, storage_full (the disk is full: nothing
    was saved). `status` is the order's status then.
    """

    def __init__(self, code: str, action: OrderAction, status: OrderStatus | None = None) -> None:
        super().__init__(f"{action.value} refused: {code} (status {status})")
        self.code = code
        self.action = action
        self.status = status


_TIMESTAMP_OF_ACTION = {
    OrderAction.ACCEPT: "accepted_at",
    OrderAction.MARK_READY: "ready_at",
    OrderAction.HAND_OVER: "handed_over_at",
    OrderAction.REJECT: "closed_at",
}


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
        """Accept a new order."""
        return self._act(
            actor,
            order_id=order_id,
            action=OrderAction.ACCEPT,
            command_type="accept_order",
            arguments={},
        )

    def reject(
        self, actor: SignedInStaff, order_id: str, reason: RejectReason, note: str = ""
    ) -> OrderDetail:
        """Reject a new order with one of its channel's reasons."""
        return self._act(
            actor,
            order_id=order_id,
            action=OrderAction.REJECT,
            command_type="reject_order",
            arguments={"reason": reason.value, "note": note.strip()[:200]},
            check=lambda channel, status: _check_reject_reason(channel, reason, status),
        )

    def mark_ready(self, actor: SignedInStaff, order_id: str) -> OrderDetail:
        """The order is ready to leave the store."""
        return self._act(
            actor,
            order_id=order_id,
            action=OrderAction.MARK_READY,
            command_type="mark_ready",
            arguments={},
        )

    def hand_over(
        self, actor: SignedInStaff, order_id: str, handed_to: HandoverParty
    ) -> OrderDetail:
        """The order was handed to a rider or the customer."""
        return self._act(
            actor,
            order_id=order_id,
            action=OrderAction.HAND_OVER,
            command_type="hand_over",
            arguments={"handed_to": handed_to.value},
        )

    def _act(
        self,
        actor: SignedInStaff,
        *,
        order_id: str,
        action: OrderAction,
        command_type: str,
        arguments: dict[str, Any],
        check: Callable[[Channel, OrderStatus], None] = lambda _channel, _status: None,
    ) -> OrderDetail:
        now = self._clock()
        try:
            updated = self._write(
                actor,
                order_id=order_id,
                action=action,
                command_type=command_type,
                arguments=arguments,
                check=check,
                now=now,
            )
        except OperationalError as error:
            if "full" not in str(error.orig).lower():
                raise
            # Nothing was written: the person is told at once, and earlier actions are safe.
            raise ActionRefused("storage_full", action) from error
        self._on_queued()
        return order_detail(updated)

    def _write(
        self,
        actor: SignedInStaff,
        *,
        order_id: str,
        action: OrderAction,
        command_type: str,
        arguments: dict[str, Any],
        check: Callable[[Channel, OrderStatus], None],
        now: datetime,
    ) -> OrderSnapshot:
        with self._db.write() as session:
            order = order_repository.get_order(session, order_id)
            if order is None:
                raise ActionRefused("unknown_order", action)
            status = _next_status(actor, order.status, order.resume_status, action)
            check(Channel(order.channel), OrderStatus(order.status))
            _apply_locally(session, order_id, action, status, now)
            failpoints.hit(failpoints.BETWEEN_CHANGE_AND_OUTBOX)
            command_id = str(uuid.uuid4())
            outbox_repository.add_command(
                session,
                command_id=command_id,
                command_type=command_type,
                entity_kind="order",
                entity_id=order_id,
                staff_id=actor.staff_id,
                payload={
                    "command_id": command_id,
                    "type": command_type,
                    "order_id": order_id,
                    "staff_id": actor.staff_id,
                    "issued_at": now.isoformat(),
                    "base_version": order.version,
                    **arguments,
                },
                created_at=now,
            )
            updated = order_repository.get_order(session, order_id)
        if updated is None:
            raise ActionRefused("unknown_order", action)
        return updated


def _next_status(
    actor: SignedInStaff, status: str, resume_status: str | None, action: OrderAction
) -> OrderStatus:
    try:
        return next_status(
            OrderStatus(status),
            action,
            frozenset(actor.roles),
            None if resume_status is None else OrderStatus(resume_status),
        )
    except TransitionRefused as refused:
        code = "not_permitted" if refused.is_role_refusal else "wrong_status"
        raise ActionRefused(code, action, refused.status) from refused


def _check_reject_reason(channel: Channel, reason: RejectReason, status: OrderStatus) -> None:
    rules = CHANNEL_RULES[channel]
    if not rules.can_reject:
        raise ActionRefused("cannot_reject", OrderAction.REJECT, status)
    if reason not in rules.reject_reasons:
        raise ActionRefused("reason_not_allowed", OrderAction.REJECT, status)


def _apply_locally(
    session: Session, order_id: str, action: OrderAction, status: OrderStatus, now: datetime
) -> None:
    values: dict[str, Any] = {"status": status.value}
    if timestamp := _TIMESTAMP_OF_ACTION.get(action):
        values[timestamp] = now
    order_repository.update_order(session, order_id, **values)
