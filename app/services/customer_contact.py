"""Showing a customer's full phone number to the one person who must call them, audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from app.domain.audit_chain import AuditResult
from app.domain.clock import Clock, utc_now
from app.domain.privacy import OrderContactFacts, may_see_phone
from app.domain.vocabulary import FulfilmentMode, OrderStatus, Role
from app.read_models import SignedInStaff
from app.services import audit, input_checks
from local_db import customer_contact_repository
from local_db.customer_contact_repository import CustomerContactRow
from local_db.database import Database

REVEAL_PHONE: Final = "reveal_phone"
"""The audit action of a full number shown on screen."""


class PhoneRefused(Exception):
    """The full number is not shown: this person may not see it, or the device does not have it."""


@dataclass(frozen=True, slots=True)
class CustomerPhone:
    """An order's customer number as the detail pane shows it before anyone asks for more."""

    order_id: str
    masked: str
    may_reveal: bool
    """Whether a "Show number" button is offered: the person may see it and the device has it."""


class CustomerContact:
    """Who may see an order's full customer number, and the audited showing of it."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def phone_of(self, staff: SignedInStaff | None, order_id: str) -> CustomerPhone:
        """The masked number of `order_id` and whether `staff` may reveal it (nothing recorded)."""
        with self._db.read() as session:
            row = customer_contact_repository.contact_of(session, order_id)
        if row is None:
            return CustomerPhone(order_id, "", may_reveal=False)
        allowed = staff is not None and bool(row.phone) and _allowed(staff, row)
        return CustomerPhone(order_id, row.phone_masked, may_reveal=allowed)

    def reveal_phone(self, staff: SignedInStaff, order_id: str) -> str:
        """The full number of `order_id`'s customer, for `staff` to call; the showing is audited.

        Raises PhoneRefused when `staff` may not see it now (the refusal is audited too) or
        the channel never sent it. The audit entry names the order, never the number.
        """
        if not input_checks.is_signed_in(staff) or input_checks.identifier(order_id) is None:
            raise PhoneRefused(str(order_id))
        with self._db.write() as session:
            row = customer_contact_repository.contact_of(session, order_id)
            allowed = row is not None and bool(row.phone) and _allowed(staff, row)
            audit.record(
                session,
                self._clock,
                action=REVEAL_PHONE,
                subject=order_id,
                actor=staff,
                result=AuditResult.OK if allowed else AuditResult.REFUSED,
            )
        if row is None or not row.phone or not allowed:
            raise PhoneRefused(order_id)
        return row.phone


def _allowed(staff: SignedInStaff, row: CustomerContactRow) -> bool:
    roles: frozenset[Role] = staff.roles
    if staff.approved_by is not None:
        # A manager who approved at this person's side may let them call the customer.
        roles = roles | staff.approved_by.roles
    facts = OrderContactFacts(
        status=OrderStatus(row.status),
        fulfilment=FulfilmentMode(row.fulfilment),
        task_assignees=row.task_assignees,
    )
    return may_see_phone(roles, staff.staff_id, facts)
