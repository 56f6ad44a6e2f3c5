"""Fixtures of the UI tests: a real cache in a temp file, seeded directly, and a frozen clock."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.staff_pin import make_pin_verifier, seal_verifier
from app.domain.sync_events import RejectionNotice
from app.domain.vocabulary import Channel, Role
from app.read_models import SignedInStaff
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.sign_in import SignInService
from app.services.sync_health import SyncHealthQueries
from local_db import order_repository, outbox_repository, staff_repository
from local_db.database import Database
from local_db.models import Order, OrderLine
from local_db.outbox_repository import REJECTED
from tests.factories import CHEAP_PIN_PARAMS, TEST_PIN_PEPPER
from ui.languages import Language, install_language, translations_dir
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark this folder's tests to ignore the offscreen platform's one harmless warning."""
    # The offscreen QPA plugin warns on every top-level window that has size constraints;
    # it cannot apply size hints because there is no window system, which changes nothing here.
    marker = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(marker)


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The application speaking zh_CN for one test, English again afterwards."""
    assert (translations_dir() / "storeside_zh_CN.qm").exists(), "run `make` to build the .qm"
    translators = install_language(qapp, Language.CHINESE)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
"""Noon in Shanghai: the frozen clock's start."""


class FrozenClock:
    """A clock that only moves when told to."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward by `timedelta(**delta)`."""
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class DemoPerson:
    """A seeded staff member and their PIN."""

    staff_id: str
    name: str
    roles: tuple[Role, ...]
    pin: str

    def signed_in(self) -> SignedInStaff:
        return SignedInStaff(self.staff_id, self.name, frozenset(self.roles))


CASHIER = DemoPerson("staff-cashier", "李娜", (Role.CASHIER,), "1234")
MANAGER = DemoPerson("staff-manager", "王伟", (Role.MANAGER, Role.CASHIER), "5678")
PICKER = DemoPerson("staff-picker", "Zhao Min", (Role.PICKER,), "2468")


def _columns(model: type[Order] | type[OrderLine]) -> list[str]:
    return [column.name for column in model.__table__.columns]


def staff_row(person: DemoPerson, *, version: int = 1) -> dict[str, Any]:
    """A Staff row for `person`."""
    verifier = seal_verifier(
        make_pin_verifier(person.pin, params=CHEAP_PIN_PARAMS), TEST_PIN_PEPPER
    )
    return {
        "staff_id": person.staff_id,
        "name": person.name,
        "roles": [role.value for role in person.roles],
        "pin_algorithm": verifier.algorithm,
        "pin_salt_hex": verifier.salt_hex,
        "pin_hash_hex": verifier.stored_text(),
        "active": True,
        "clocked_in": True,
        "version": version,
    }


def order_row(
    order_id: str,
    *,
    channel: Channel = Channel.MEITUAN,
    serial: int = 1,
    status: str = "new",
    placed_ago: timedelta = timedelta(minutes=2),
    fulfilment: str = "delivery",
    now: datetime = NOW,
    **overrides: Any,
) -> dict[str, Any]:
    """An Order row; the accept deadline follows the channel's rules."""
    placed_at = now - placed_ago
    row: dict[str, Any] = dict.fromkeys(_columns(Order))
    row |= {
        "order_id": order_id,
        "channel": channel.value,
        "channel_order_no": f"{channel.value[:2].upper()}{serial:08d}",
        "daily_serial": serial,
        "status": status,
        "resume_status": None,
        "status_reason": "",
        "status_code": "",
        "status_detail": {},
        "fulfilment": fulfilment,
        "customer_name": "陈先生",
        "customer_phone_masked": "138****5678",
        "phone_last4": "5678",
        "out_of_stock_preference": "contact_me",
        "subtotal_cents": 5600,
        "discount_cents": 600,
        "delivery_fee_cents": 300,
        "total_cents": 5300,
        "note": "",
        "placed_at": placed_at,
        "accept_by": placed_at + CHANNEL_RULES[channel].accept_window,
        "expected_ready_at": None,
        "accepted_at": None,
        "ready_at": None,
        "handed_over_at": None,
        "closed_at": None,
        "pickup_code": None,
        "rider": None,
        "version": 1,
    }
    row.update(overrides)
    return row


def line_row(
    order_id: str, position: int, name: str, quantity: int, paid_cents: int, **overrides: Any
) -> dict[str, Any]:
    """An OrderLine row (every column present: bulk writes want whole rows)."""
    row: dict[str, Any] = dict.fromkeys(_columns(OrderLine))
    row |= {
        "order_id": order_id,
        "line_id": f"{order_id}-L{position}",
        "position": position,
        "sku": f"SKU{position:04d}",
        "name": name,
        "name_en": "",
        "barcode": f"69{position:011d}",
        "quantity": quantity,
        "unit_price_cents": paid_cents // max(quantity, 1),
        "paid_cents": paid_cents,
        "weighed": False,
        "ordered_weight_g": None,
        "category": "",
        "note": "",
    }
    row.update(overrides)
    return row


class Seeder:
    """Writes rows straight into the cache, as the feed puller would; knows the seeded people."""

    cashier = CASHIER
    manager = MANAGER
    picker = PICKER
    order_row = staticmethod(order_row)
    line_row = staticmethod(line_row)

    def __init__(self, db: Database) -> None:
        self._db = db

    def orders(self, *orders: dict[str, Any], lines: list[dict[str, Any]] | None = None) -> None:
        """Insert or overwrite orders; each gets two lines unless `lines` is given."""
        if lines is None:
            lines = [
                row
                for order in orders
                for row in (
                    line_row(order["order_id"], 1, "宫保鸡丁", 1, 3200),
                    line_row(order["order_id"], 2, "米饭", 2, 400),
                )
            ]
        with self._db.write() as session:
            order_repository.replace_orders(session, list(orders), lines)

    def staff(self, *people: DemoPerson) -> None:
        """Insert staff members with their PIN verifiers."""
        with self._db.write() as session:
            staff_repository.replace_staff(session, [staff_row(person) for person in people])

    def rejected_command(
        self, order_id: str, *, staff_id: str, reason: str, message: str = ""
    ) -> RejectionNotice:
        """An accept command of `staff_id` that the hub refused; returns its notice."""
        with self._db.write() as session:
            seq = outbox_repository.add_command(
                session,
                command_id=str(uuid.uuid4()),
                command_type="accept_order",
                entity_kind="order",
                entity_id=order_id,
                staff_id=staff_id,
                payload={"type": "accept_order", "order_id": order_id},
                created_at=NOW,
            )
            outbox_repository.complete(
                session, seq, state=REJECTED, at=NOW, reason=reason, message=message
            )
        return RejectionNotice(
            seq=seq,
            command_type="accept_order",
            entity_kind="order",
            entity_id=order_id,
            staff_id=staff_id,
            reason=reason,
            message=message,
            at=NOW,
        )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "cache.db")
    yield database
    database.close()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def seed(db: Database) -> Seeder:
    return Seeder(db)


@pytest.fixture
def services(db: Database, clock: FrozenClock) -> ScreenServices:
    return ScreenServices(
        order_actions=OrderActions(db, clock),
        order_queries=OrderQueries(db, clock=clock),
        sign_in=SignInService(db, pin_pepper=TEST_PIN_PEPPER, clock=clock),
        notices=RejectionNotices(db),
        health=SyncHealthQueries(db),
        clock=clock,
    )


@pytest.fixture
def bridge(qapp: Any) -> SyncBridge:
    return SyncBridge()
