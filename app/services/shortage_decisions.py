"""The manager's shortage queue and decisions: found it, substitute, partial refund, cancel.

A decision is checked against the matrix, then queued for the hub with its audit entry in one
transaction. The queued command is the local change: until the hub answers, the queue shows
the shortage as decided-pending (and a refused decision shows it open again, with the notice
the pusher gives). The refund shown before confirming comes from the line's apportioned paid
amount (app/domain/shortage_refunds.py), as the hub will compute it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.clock import Clock
from app.domain.permissions import Permission
from app.domain.shortage_refunds import partial_refund_cents, substitute_refund_cents
from app.domain.vocabulary import (
    Channel,
    OrderStatus,
    OutOfStockPreference,
    RecordKind,
    ShortageReason,
)
from app.read_models import SignedInStaff
from app.services import input_checks, outbox_commands, permission_gate
from app.services.input_checks import InputField, InputRefused
from local_db import fulfilment_repository, outbox_repository, product_repository
from local_db.database import Database, is_storage_full
from local_db.fulfilment_repository import ShortageFacts

DECISIONS: Final = ("found", "substitute", "partial_refund", "cancel_order")
"""The four decisions, in the order the dialog offers them."""
_PERMISSIONS: Final = {
    "found": (Permission.DECIDE_SHORTAGE,),
    "substitute": (Permission.DECIDE_SHORTAGE,),
    "partial_refund": (Permission.DECIDE_SHORTAGE, Permission.REFUND),
    "cancel_order": (Permission.DECIDE_SHORTAGE, Permission.CANCEL),
}
"""What each decision asks of the person (the hub asks the same)."""


_CLOSED_ORDER: Final = frozenset({OrderStatus.CANCELLED.value, OrderStatus.REJECTED.value})


class DecisionRefused(Exception):
    """The decision was not queued; `code` is stable: not_permitted, unknown_shortage,
    already_decided, unknown_decision, unknown_substitute, storage_full, and a person's
    input the wire would not take (input_checks: note_too_long, substitute_control_character...)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"shortage decision refused: {code}")
        self.code = code


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortageQueueItem:
    """One shortage as the manager's queue shows it."""

    shortage_id: str
    order_id: str
    channel: Channel
    daily_serial: int
    line_name: str
    line_name_en: str
    line_quantity: int
    quantity_short: int
    reason: ShortageReason
    picker_name: str
    reported_at: datetime
    preference: OutOfStockPreference
    deadline: datetime | None
    """When the order must be ready: the rider's arrival when a rider is coming, else the
    order's expected ready time."""
    paid_cents: int
    """What the customer paid for the whole line after its share of the promotions."""
    unit_price_cents: int
    pending_decision: str | None
    """A decision of this device the hub has not answered yet."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SubstituteChoice:
    """A catalogue item a manager may substitute with."""

    sku: str
    name: str
    name_en: str
    barcode: str
    unit_price_cents: int
    in_stock: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionPreview:
    """What a decision means for the customer, shown before the manager confirms."""

    decision: str
    refund_cents: int
    """What goes back to the customer (0: nothing)."""
    paid_for_units_cents: int
    """What the customer paid for the short units."""
    substitute_cost_cents: int | None = None
    """The substitute's price for the short units (substitute only)."""
    needs_consent: bool = False
    """The channel asks the customer before a substitute is packed."""


class ShortageDecisions:
    """Reads the queue and queues decisions; never touches the network."""

    def __init__(
        self, db: Database, clock: Clock, on_queued: Callable[[], None] = lambda: None
    ) -> None:
        """`on_queued` is called after each committed decision (the pusher is woken by it)."""
        self._db = db
        self._clock = clock
        self._on_queued = on_queued

    def queue(self) -> list[ShortageQueueItem]:
        """Every open shortage, the one with the nearest deadline first (then the oldest)."""
        with self._db.read() as session:
            facts = fulfilment_repository.shortage_facts(session, open_only=True)
            pending = _pending_decisions(session)
        items = [_item(fact, pending.get(fact.shortage_id)) for fact in facts]
        far = datetime.max.replace(tzinfo=self._clock().tzinfo)
        return sorted(items, key=lambda item: (item.deadline or far, item.reported_at))

    def preview(self, shortage_id: str, decision: str, substitute_sku: str = "") -> DecisionPreview:
        """The refund or price difference `decision` would bring; raises DecisionRefused."""
        substitute_sku = _checked(shortage_id, decision, substitute_sku)
        with self._db.read() as session:
            fact = _open_fact(session, shortage_id)
            substitute = _substitute(session, decision, substitute_sku, fact)
        return _preview(fact, decision, substitute)

    def search_substitutes(self, text: str, limit: int = 20) -> list[SubstituteChoice]:
        """Catalogue items by barcode, SKU or part of a name (works offline); `text` no item
        can match (too long, a control character, not a text) finds nothing."""
        try:
            text = input_checks.text(text, InputField.SEARCH)
        except InputRefused:
            return []
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            return []
        with self._db.read() as session:
            rows = product_repository.search(session, text, limit)
        return [
            SubstituteChoice(
                sku=row.sku,
                name=row.name,
                name_en=row.name_en,
                barcode=row.barcode,
                unit_price_cents=row.unit_price_cents,
                in_stock=row.in_stock,
            )
            for row in rows
        ]

    def decide(
        self,
        actor: SignedInStaff,
        shortage_id: str,
        decision: str,
        *,
        substitute_sku: str = "",
        note: str = "",
    ) -> DecisionPreview:
        """Queue the decision for the hub with its audit entry; returns what it gives back.

        Raises DecisionRefused (see its codes); a refusal by the matrix is audited.
        """
        substitute_sku = _checked(shortage_id, decision, substitute_sku)
        with input_checks.refusing(DecisionRefused):
            note = input_checks.text(note, InputField.NOTE)
        if not input_checks.is_signed_in(actor):
            raise DecisionRefused("not_permitted")
        detail = {
            "shortage_id": shortage_id,
            "decision": decision,
            "substitute_sku": substitute_sku,
        }
        for permission in _PERMISSIONS[decision]:
            if not permission_gate.allows(actor, permission):
                permission_gate.refuse(
                    self._db, self._clock, actor, permission, subject=shortage_id, detail=detail
                )
                raise DecisionRefused("not_permitted")
        try:
            with input_checks.refusing(DecisionRefused), self._db.write() as session:
                preview = self._write(session, actor, shortage_id, decision, substitute_sku, note)
        except OperationalError as error:
            if not is_storage_full(error):
                raise
            raise DecisionRefused("storage_full") from error
        self._on_queued()
        return preview

    def _write(  # noqa: PLR0917 (one decision: who, which, what, with what, why)
        self,
        session: Session,
        actor: SignedInStaff,
        shortage_id: str,
        decision: str,
        substitute_sku: str,
        note: str,
    ) -> DecisionPreview:
        fact = _open_fact(session, shortage_id)
        if shortage_id in _pending_decisions(session):
            raise DecisionRefused("already_decided")
        substitute = _substitute(session, decision, substitute_sku, fact)
        preview = _preview(fact, decision, substitute)
        now = self._clock()
        outbox_commands.add_command(
            session,
            actor,
            command_type="decide_shortage",
            entity_kind=RecordKind.SHORTAGE.value,
            entity_id=shortage_id,
            base_version=None,
            arguments={
                "task_id": fact.task_id,
                "shortage_id": shortage_id,
                "decision": decision,
                "substitute_sku": substitute.sku if substitute else "",
                "note": note,
            },
            now=now,
        )
        permission_gate.record_done(
            session,
            self._clock,
            actor,
            _audited_as(decision),
            subject=f"{fact.channel} #{fact.daily_serial}",
            detail={
                "shortage_id": shortage_id,
                "order_id": fact.order_id,
                "decision": decision,
                "line": fact.line_name,
                "quantity_short": fact.quantity_short,
                "refund_cents": preview.refund_cents,
                "substitute_sku": substitute.sku if substitute else "",
            },
        )
        return preview


def _checked(shortage_id: object, decision: object, substitute_sku: object) -> str:
    """The substitute's SKU stripped, when the three name things the device can decide on;
    raises DecisionRefused."""
    if input_checks.identifier(shortage_id) is None:
        raise DecisionRefused("unknown_shortage")
    if not isinstance(decision, str) or decision not in _PERMISSIONS:
        raise DecisionRefused("unknown_decision")
    with input_checks.refusing(DecisionRefused):
        return input_checks.text(substitute_sku, InputField.SUBSTITUTE)


def _audited_as(decision: str) -> Permission:
    """The trail names a refund or a cancel as such, so a filter on refunds finds it."""
    if decision == "partial_refund":
        return Permission.REFUND
    if decision == "cancel_order":
        return Permission.CANCEL
    return Permission.DECIDE_SHORTAGE


def _open_fact(session: Session, shortage_id: str) -> ShortageFacts:
    facts = fulfilment_repository.shortage_facts(session, open_only=False, shortage_id=shortage_id)
    if not facts:
        raise DecisionRefused("unknown_shortage")
    if facts[0].decision is not None or facts[0].order_status in _CLOSED_ORDER:
        # A cancelled or rejected order's shortage is settled by the cancel: the hub would
        # refuse any decision on it.
        raise DecisionRefused("already_decided")
    return facts[0]


def _substitute(
    session: Session, decision: str, sku: str, fact: ShortageFacts
) -> product_repository.ProductRow | None:
    if decision != "substitute":
        return None
    product = product_repository.get_product(session, sku)
    if product is None or product.sku == fact.line_sku:
        raise DecisionRefused("unknown_substitute")
    return product


def _preview(
    fact: ShortageFacts, decision: str, substitute: product_repository.ProductRow | None
) -> DecisionPreview:
    paid = partial_refund_cents(
        fact.paid_cents, fact.line_quantity, fact.quantity_short, fact.units_settled_before
    )
    if decision == "partial_refund":
        return DecisionPreview(decision=decision, refund_cents=paid, paid_for_units_cents=paid)
    if substitute is not None:
        refund = substitute_refund_cents(
            fact.paid_cents,
            fact.line_quantity,
            fact.quantity_short,
            substitute.unit_price_cents,
            fact.units_settled_before,
        )
        return DecisionPreview(
            decision=decision,
            refund_cents=refund,
            paid_for_units_cents=paid,
            substitute_cost_cents=substitute.unit_price_cents * fact.quantity_short,
            needs_consent=CHANNEL_RULES[Channel(fact.channel)].substitution_needs_consent,
        )
    return DecisionPreview(decision=decision, refund_cents=0, paid_for_units_cents=paid)


def _pending_decisions(session: Session) -> dict[str, str]:
    """Shortage id → the decision of this device still waiting for the hub's answer."""
    payloads = outbox_repository.pending_payloads_of(session, RecordKind.SHORTAGE.value)
    return {
        str(payload["shortage_id"]): str(payload["decision"])
        for payload in payloads
        if payload.get("type") == "decide_shortage"
    }


def _item(fact: ShortageFacts, pending: str | None) -> ShortageQueueItem:
    return ShortageQueueItem(
        shortage_id=fact.shortage_id,
        order_id=fact.order_id,
        channel=Channel(fact.channel),
        daily_serial=fact.daily_serial,
        line_name=fact.line_name,
        line_name_en=fact.line_name_en,
        line_quantity=fact.line_quantity,
        quantity_short=fact.quantity_short,
        reason=ShortageReason(fact.reason),
        picker_name=fact.reporter_name,
        reported_at=fact.reported_at,
        preference=OutOfStockPreference(fact.out_of_stock_preference),
        deadline=_deadline(fact),
        paid_cents=fact.paid_cents,
        unit_price_cents=fact.unit_price_cents,
        pending_decision=pending,
    )


def _deadline(fact: ShortageFacts) -> datetime | None:
    rider_eta = (fact.rider or {}).get("eta")
    if rider_eta:
        return datetime.fromisoformat(str(rider_eta))
    return fact.expected_ready_at
