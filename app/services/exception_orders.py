"""Map an exception order's unread lines to the catalogue and accept it, in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.action_permissions import ORDER_ACTION_PERMISSIONS
from app.domain.clock import Clock
from app.domain.order_lifecycle import OrderAction, TransitionRefused, next_status
from app.domain.vocabulary import OrderStatus
from app.read_models import ExceptionView, OrderDetail, SignedInStaff
from app.services import input_checks, outbox_commands, permission_gate
from app.services.input_checks import InputField
from app.services.order_action_writes import pickup_code_on_accept
from app.services.order_actions import ActionRefused
from app.services.order_views import order_detail
from local_db import order_repository, product_repository
from local_db.database import Database, is_storage_full
from local_db.order_repository import OrderSnapshot

ACTION = OrderAction.ACCEPT_EXCEPTION
COMMAND = "accept_exception_order"


@dataclass(frozen=True, slots=True)
class LineChoice:
    """A person's match of one unread line (`ref`) to a catalogue item, with how many."""

    ref: str
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """An item of this device's catalogue a line may be mapped to."""

    sku: str
    name: str
    name_en: str
    unit_price_cents: int
    in_stock: bool


class ExceptionOrders:
    """The counter's map-and-accept of exception orders; never touches the network.

    Refusals are `ActionRefused` with the action ACCEPT_EXCEPTION and, besides the codes of
    order_actions (not_permitted, unknown_order, wrong_status, storage_full), these:
    mapping_wrong_type (not a list of LineChoice), line_not_mapped (an unread line has no
    match), line_mapped_twice, unknown_line (a ref that is no unread line of the order),
    unknown_product (a SKU not in this device's catalogue), and the quantity's input codes
    (quantity_not_whole, quantity_out_of_range, quantity_not_a_number).
    """

    def __init__(
        self, db: Database, clock: Clock, on_queued: Callable[[], None] = lambda: None
    ) -> None:
        """`on_queued` is called after each committed action (the pusher is woken by it)."""
        self._db = db
        self._clock = clock
        self._on_queued = on_queued

    def accept_exception_order(
        self, actor: SignedInStaff, order_id: str, mappings: Sequence[LineChoice]
    ) -> OrderDetail:
        """Accept the exception order with every unread line mapped exactly once.

        Permission MAP_ITEMS (a cashier comes with a manager's override, `approved_by`). The
        order shows as accepted and waiting to sync; its `accept_exception_order` command
        and the audit entry commit with it. A channel that takes the store's pickup codes
        gets the day's next one in the same command, as on a plain accept.
        """
        if not input_checks.is_signed_in(actor):
            raise ActionRefused("not_permitted", ACTION)
        if input_checks.identifier(order_id) is None:
            raise ActionRefused("unknown_order", ACTION)
        choices = _checked_choices(mappings)
        permission = ORDER_ACTION_PERMISSIONS[ACTION]
        if not permission_gate.allows(actor, permission):
            self._refuse(actor, order_id)
        now = self._clock()
        try:
            with input_checks.refusing(lambda code: ActionRefused(code, ACTION)):
                updated = self._write(actor, order_id, choices, now)
        except OperationalError as error:
            if not is_storage_full(error):
                raise
            raise ActionRefused("storage_full", ACTION) from error
        self._on_queued()
        return order_detail(updated)

    def search_products(self, text: str, limit: int = 20) -> list[CatalogueItem]:
        """Catalogue items by barcode, SKU or part of a name (offline); `text` no item can
        match (too long, a control character, not a text) finds nothing."""
        try:
            wanted = input_checks.text(text, InputField.SEARCH)
        except input_checks.InputRefused:
            return []
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            return []
        with self._db.read() as session:
            rows = product_repository.search(session, wanted, limit)
        return [
            CatalogueItem(row.sku, row.name, row.name_en, row.unit_price_cents, row.in_stock)
            for row in rows
        ]

    def _refuse(self, actor: SignedInStaff, order_id: str) -> None:
        with self._db.read() as session:
            order = order_repository.get_order(session, order_id)
        permission_gate.refuse(
            self._db,
            self._clock,
            actor,
            ORDER_ACTION_PERMISSIONS[ACTION],
            subject=order_id,
            detail={"command": COMMAND},
        )
        raise ActionRefused("not_permitted", ACTION, None if order is None else _status(order))

    def _write(
        self, actor: SignedInStaff, order_id: str, choices: tuple[LineChoice, ...], now: datetime
    ) -> OrderSnapshot:
        permission = ORDER_ACTION_PERMISSIONS[ACTION]
        with self._db.write() as session:
            order = order_repository.get_order(session, order_id)
            if order is None:
                raise ActionRefused("unknown_order", ACTION)
            status = _accepted_status(actor, order)
            _check_against_order(session, order, choices)
            values: dict[str, Any] = {"status": status.value, "accepted_at": now}
            arguments: dict[str, Any] = {
                "order_id": order_id,
                "line_mappings": [
                    {"ref": c.ref, "sku": c.sku, "quantity": c.quantity} for c in choices
                ],
            }
            given = pickup_code_on_accept(session, order)
            if given is not None:
                values.update(given)
                arguments.update(given)
            outbox_commands.add_command(
                session,
                actor,
                command_type=COMMAND,
                entity_kind="order",
                entity_id=order_id,
                base_version=order.version,
                arguments=arguments,
                now=now,
            )
            permission_gate.record_done(
                session,
                self._clock,
                actor,
                permission,
                subject=order_id,
                detail={"command": COMMAND, "lines": len(choices)},
            )
            order_repository.update_order(session, order_id, **values)
            updated = order_repository.get_order(session, order_id)
        if updated is None:
            raise ActionRefused("unknown_order", ACTION)
        return updated


def _checked_choices(mappings: object) -> tuple[LineChoice, ...]:
    """The person's choices, each of the right kind with a whole quantity in range."""
    if not isinstance(mappings, Sequence) or isinstance(mappings, str):
        raise ActionRefused("mapping_wrong_type", ACTION)
    choices: list[LineChoice] = []
    for choice in mappings:
        if not isinstance(choice, LineChoice):
            raise ActionRefused("mapping_wrong_type", ACTION)
        if input_checks.identifier(choice.ref) is None:
            raise ActionRefused("unknown_line", ACTION)
        if input_checks.identifier(choice.sku) is None:
            raise ActionRefused("unknown_product", ACTION)
        with input_checks.refusing(lambda code: ActionRefused(code, ACTION)):
            quantity = input_checks.whole(choice.quantity, InputField.QUANTITY)
        choices.append(LineChoice(choice.ref, choice.sku, quantity))
    return tuple(choices)


def _accepted_status(actor: SignedInStaff, order: OrderSnapshot) -> OrderStatus:
    roles = permission_gate.roles_for(actor, ORDER_ACTION_PERMISSIONS[ACTION])
    try:
        return next_status(
            _status(order),
            ACTION,
            roles,
            None if order.resume_status is None else OrderStatus(order.resume_status),
        )
    except TransitionRefused as refused:
        code = "not_permitted" if refused.is_role_refusal else "wrong_status"
        raise ActionRefused(code, ACTION, refused.status) from refused


def _check_against_order(
    session: Session, order: OrderSnapshot, choices: tuple[LineChoice, ...]
) -> None:
    """Every unread line mapped exactly once, to an item of this device's catalogue."""
    status = _status(order)
    unread = (
        () if order.exception is None else ExceptionView.from_stored(order.exception).unread_lines
    )
    refs = {line.ref for line in unread}
    seen: set[str] = set()
    for choice in choices:
        if choice.ref not in refs:
            raise ActionRefused("unknown_line", ACTION, status)
        if choice.ref in seen:
            raise ActionRefused("line_mapped_twice", ACTION, status)
        seen.add(choice.ref)
        if product_repository.get_product(session, choice.sku) is None:
            raise ActionRefused("unknown_product", ACTION, status)
    if refs - seen:
        raise ActionRefused("line_not_mapped", ACTION, status)


def _status(order: OrderSnapshot) -> OrderStatus:
    return OrderStatus(order.status)
