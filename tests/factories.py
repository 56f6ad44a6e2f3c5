"""Builders of valid wire records (as raw JSON dicts) for tests and benchmarks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain.staff_pin import Argon2Params, make_pin_verifier

BASE_TIME = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)

TEST_PIN_PEPPER = b"storeside-test-pin-pepper-32byte"
"""The device's PIN pepper in tests (the real one lives in the keyring, decision 018)."""

CHEAP_PIN_PARAMS = Argon2Params(time_cost=1, memory_kib=64)
"""Argon2id at its cheapest, so tests with many PIN checks stay quick; real cost in bench/."""


def order_data(
    order_id: str = "o-1",
    *,
    status: str = "new",
    version: int = 1,
    channel: str = "meituan",
    serial: int = 1,
    lines: int = 2,
    placed_at: datetime = BASE_TIME,
    **overrides: Any,
) -> dict[str, Any]:
    """A valid OrderData as JSON."""
    order_lines = [
        {
            "line_id": f"{order_id}-l{n}",
            "sku": f"SKU{n:03d}",
            "name": f"商品 {n}",
            "name_en": f"Item {n}",
            "barcode": "6901234567892",
            "quantity": 1 + n % 2,
            "unit_price_cents": 500 + n * 100,
            "paid_cents": (500 + n * 100) * (1 + n % 2),
            "category": "snacks",
            "location": {"zone": "A", "aisle": 1 + n % 4, "shelf": 2, "position": n},
        }
        for n in range(lines)
    ]
    subtotal = sum(line["paid_cents"] for line in order_lines)
    data: dict[str, Any] = {
        "order_id": order_id,
        "store_id": "store-1",
        "channel": channel,
        "channel_order_no": f"{channel.upper()}-{order_id}",
        "daily_serial": serial,
        "status": status,
        "fulfilment": "delivery",
        "customer": {"name": "张先生", "phone_masked": "138****5678"},
        "lines": order_lines,
        "subtotal_cents": subtotal,
        "discount_cents": 0,
        "delivery_fee_cents": 300,
        "total_cents": subtotal + 300,
        "placed_at": placed_at.isoformat(),
        "accept_by": (placed_at + timedelta(minutes=5)).isoformat(),
        "version": version,
    }
    data.update(overrides)
    return data


def order_record(seq: int, order_id: str = "o-1", **kwargs: Any) -> dict[str, Any]:
    """A feed record carrying `order_data(order_id, **kwargs)`."""
    data = order_data(order_id, **kwargs)
    return {"seq": seq, "kind": "order", "id": order_id, "version": data["version"], "data": data}


def staff_record(
    seq: int, staff_id: str, name: str, roles: list[str], pin: str, *, version: int = 1
) -> dict[str, Any]:
    """A feed record carrying a staff member whose PIN is `pin`."""
    verifier = make_pin_verifier(pin, staff_id.encode().ljust(16, b"."), CHEAP_PIN_PARAMS)
    data = {
        "staff_id": staff_id,
        "name": name,
        "roles": roles,
        "pin": {
            "algorithm": verifier.algorithm,
            "time_cost": verifier.params.time_cost,
            "memory_kib": verifier.params.memory_kib,
            "parallelism": verifier.params.parallelism,
            "salt_hex": verifier.salt_hex,
            "hash_hex": verifier.hash_hex,
        },
        "version": version,
    }
    return {"seq": seq, "kind": "staff", "id": staff_id, "version": version, "data": data}
