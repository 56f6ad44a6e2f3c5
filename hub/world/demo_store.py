"""The demo store: identity, settings and staff with well-known PINs, seeded once per database."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import Final

from sqlalchemy.orm import Session

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.staff_pin import ALGORITHM, make_pin_verifier
from app.domain.vocabulary import RecordKind, Role
from hub.clock import STORE_TIMEZONE_NAME
from hub.devices.staff_records import pin_verifier_data, staff_data
from hub.publishing import feed
from hub.storage.tables import StaffRow, StoreRow
from sync.protocol import ChannelSettings, PinVerifierData, StoreSettingsData

DEMO_STORE_CODE: Final = "DEMO01"
DEMO_STORE_ID: Final = "store-demo01"
DEMO_STORE_NAME: Final = "Storeside 演示店 (Demo Store)"


@dataclass(frozen=True, slots=True)
class DemoStaff:
    """A demo staff member and the PIN printed on the demo banner."""

    staff_id: str
    name: str
    roles: tuple[Role, ...]
    pin: str


DEMO_STAFF: Final = (
    DemoStaff("staff-wangfang", "王芳 Wang Fang", (Role.CASHIER,), "1111"),
    DemoStaff("staff-liqiang", "李强 Li Qiang", (Role.PICKER,), "2222"),
    DemoStaff("staff-chenjing", "陈静 Chen Jing", (Role.MANAGER, Role.CASHIER), "9999"),
)


def seed_demo_store(session: Session, seed: int) -> bool:
    """Create the demo store, its settings and staff unless present; return whether it did.

    Settings and staff enter the store's feed at once, so a new device sees them first.
    """
    if session.get(StoreRow, DEMO_STORE_ID) is not None:
        _renew_old_pins(session, seed)
        return False
    settings = demo_settings()
    store = StoreRow(
        store_id=DEMO_STORE_ID,
        code=DEMO_STORE_CODE,
        name=DEMO_STORE_NAME,
        last_seq=0,
        settings=settings.model_dump(mode="json"),
    )
    session.add(store)
    session.flush()
    feed.publish(
        session,
        DEMO_STORE_ID,
        RecordKind.STORE_SETTINGS,
        DEMO_STORE_ID,
        version=1,
        data=store.settings,
    )
    _seed_staff(session, seed)
    return True


def _seed_staff(session: Session, seed: int) -> None:
    for member in DEMO_STAFF:
        row = StaffRow(
            staff_id=member.staff_id,
            store_id=DEMO_STORE_ID,
            name=member.name,
            roles=[role.value for role in member.roles],
            pin=_pin_verifier(member.pin, _demo_salt(seed, member.staff_id)).model_dump(),
            active=True,
            clocked_in=False,
            version=1,
        )
        session.add(row)
        feed.publish(
            session,
            DEMO_STORE_ID,
            RecordKind.STAFF,
            row.staff_id,
            version=1,
            data=staff_data(row).model_dump(mode="json"),
        )


def _renew_old_pins(session: Session, seed: int) -> None:
    # A database seeded before decision 018 holds scrypt verifiers, which devices no longer
    # read: the demo staff get Argon2id ones at a new version, so every device is resent them.
    for member in DEMO_STAFF:
        row = session.get(StaffRow, member.staff_id)
        if row is None or row.pin.get("algorithm") == ALGORITHM:
            continue
        row.pin = _pin_verifier(member.pin, _demo_salt(seed, member.staff_id)).model_dump()
        row.version += 1
        feed.publish(
            session,
            DEMO_STORE_ID,
            RecordKind.STAFF,
            row.staff_id,
            version=row.version,
            data=staff_data(row).model_dump(mode="json"),
        )


def demo_settings() -> StoreSettingsData:
    """The demo store's settings: every channel on, with its own acceptance window."""
    return StoreSettingsData(
        store_id=DEMO_STORE_ID,
        name=DEMO_STORE_NAME,
        timezone=STORE_TIMEZONE_NAME,
        channels=[
            ChannelSettings(
                channel=rules.channel,
                enabled=True,
                accept_window_s=int(rules.accept_window.total_seconds()),
            )
            for rules in CHANNEL_RULES.values()
        ],
        version=1,
    )


def _demo_salt(seed: int, staff_id: str) -> bytes:
    # Derived rather than random so that a reseeded demo database is byte-for-byte repeatable.
    return hashlib.sha256(f"storeside-demo:{seed}:{staff_id}".encode()).digest()[:16]


@functools.lru_cache(maxsize=64)
def _pin_verifier(pin: str, salt: bytes) -> PinVerifierData:
    # Argon2id is slow by design; tests build many demo hubs from the same seed.
    return pin_verifier_data(make_pin_verifier(pin, salt))
