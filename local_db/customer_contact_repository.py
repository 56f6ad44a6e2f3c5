"""What decides who may call an order's customer: its status, mode, number and task holders."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from local_db.models import Order, Task

_UNFINISHED_TASK = ("queued", "assigned", "in_progress")


@dataclass(frozen=True, slots=True)
class CustomerContactRow:
    """One order's customer number and the facts around it."""

    order_id: str
    status: str
    fulfilment: str
    phone: str | None
    """The full number; None when the channel sent only a masked one."""
    phone_masked: str
    task_assignees: frozenset[str]
    """Staff holding a pick or pack task of the order that is not finished."""


def contact_of(session: Session, order_id: str) -> CustomerContactRow | None:
    """The customer contact of `order_id`, or None when the device does not know the order."""
    order = session.get(Order, order_id)
    if order is None:
        return None
    assignees = session.scalars(
        select(Task.assignee_staff_id).where(
            Task.order_id == order_id,
            Task.status.in_(_UNFINISHED_TASK),
            Task.assignee_staff_id.is_not(None),
        )
    )
    return CustomerContactRow(
        order_id=order.order_id,
        status=order.status,
        fulfilment=order.fulfilment,
        phone=order.customer_phone,
        phone_masked=order.customer_phone_masked,
        task_assignees=frozenset(staff_id for staff_id in assignees if staff_id),
    )
