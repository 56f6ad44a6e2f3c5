"""The customer's full number: shown on request to whom must call, audited, never to others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.read_models import SignedInStaff
from app.services.audit_trail import AuditTrail
from app.services.customer_contact import REVEAL_PHONE, CustomerContact, PhoneRefused
from local_db.database import Database
from local_db.models import Task
from tests.unit.ui.conftest import FrozenClock, Seeder
from ui.cashier.order_detail_pane import OrderDetailPane

_FULL = "13812345678"


def _orders(seed: Seeder, db: Database) -> None:
    seed.orders(
        seed.order_row("pickup-ready", status="ready", fulfilment="pickup", customer_phone=_FULL),
        seed.order_row("delivery-new", serial=2, status="accepted", customer_phone=_FULL),
        seed.order_row("masked-only", serial=3, status="ready", fulfilment="pickup"),
    )
    with db.write() as session:
        session.add(
            Task(
                task_id="t-1",
                order_id="delivery-new",
                kind="pick",
                status="in_progress",
                assignee_staff_id=seed.picker.staff_id,
                out_of_stock_preference="contact_me",
                version=1,
            )
        )


@pytest.fixture
def contact(db: Database, clock: FrozenClock, seed: Seeder) -> CustomerContact:
    _orders(seed, db)
    return CustomerContact(db, clock)


def _pane(qtbot, contact: CustomerContact, services, order_id: str, viewer: SignedInStaff):
    pane = OrderDetailPane(services.clock, contact=contact)
    qtbot.addWidget(pane)
    pane.set_viewer(viewer)
    pane.show_order(services.order_queries.detail(order_id))
    return pane


def test_the_cashier_at_the_counter_reveals_the_number_and_it_is_audited(
    qtbot, contact: CustomerContact, services, db: Database, seed: Seeder
) -> None:
    pane = _pane(qtbot, contact, services, "pickup-ready", seed.cashier.signed_in())
    assert pane.phone_label is not None
    assert pane.phone_label.text() == "陈先生 · 138****5678"
    assert pane.show_phone_button is not None

    qtbot.mouseClick(pane.show_phone_button, Qt.MouseButton.LeftButton)

    assert pane.phone_label.text() == f"陈先生 · {_FULL}"
    assert not pane.show_phone_button.isEnabled()
    (entry,) = AuditTrail(db).entries(actions=(REVEAL_PHONE,))
    assert (entry.staff_id, entry.subject, entry.result) == (
        seed.cashier.staff_id,
        "pickup-ready",
        "ok",
    )
    everything = [repr(row) for row in AuditTrail(db).entries()]
    assert not any(_FULL in text for text in everything)  # the trail names the order only


@pytest.mark.parametrize(
    ("order_id", "who", "offered"),
    [
        ("delivery-new", "cashier", False),  # nobody is at the counter for it
        ("delivery-new", "picker", True),  # the picker's own task: may call about a shortage
        ("pickup-ready", "picker", False),  # not their task
        ("delivery-new", "manager", True),
        ("masked-only", "manager", False),  # the channel never sent the full number
    ],
)
def test_the_button_is_offered_only_to_whom_may_call(
    qtbot, contact: CustomerContact, services, seed: Seeder, order_id: str, who: str, offered: bool
) -> None:
    viewer = getattr(seed, who).signed_in()
    pane = _pane(qtbot, contact, services, order_id, viewer)
    assert (pane.show_phone_button is not None) is offered
    assert pane.phone_label is not None
    assert _FULL not in pane.phone_label.text()


def test_a_refused_reveal_is_audited_as_refused_and_shows_nothing(
    contact: CustomerContact, db: Database, seed: Seeder
) -> None:
    with pytest.raises(PhoneRefused):
        contact.reveal_phone(seed.cashier.signed_in(), "delivery-new")
    (entry,) = AuditTrail(db).entries(actions=(REVEAL_PHONE,))
    assert (entry.staff_id, entry.result) == (seed.cashier.staff_id, "refused")
