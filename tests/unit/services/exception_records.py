"""Feed records of exception orders and catalogue items, for the exception-order tests."""

from __future__ import annotations

from typing import Any

from tests.factories import BASE_TIME, order_record


def exception_record(
    seq: int,
    order_id: str = "o-x",
    *,
    unread: tuple[tuple[str, str, str, int | None], ...] = (("1", "SKU-991", "神秘商品", 2),),
    problems: list[dict[str, Any]] | None = None,
    lines: int = 0,
    **kwargs: Any,
) -> dict[str, Any]:
    """An order record in status exception: `unread` lines (ref, channel sku, name,
    quantity) and one unknown_item problem per unread line unless `problems` is given."""
    if problems is None:
        problems = [
            {
                "code": "unknown_item",
                "message": f"Unknown item '{sku}' x{quantity}",
                "line_ref": ref,
                "channel_sku": sku,
                "quantity": quantity,
            }
            for ref, sku, _name, quantity in unread
        ]
    exception = {
        "problems": problems,
        "unread_lines": [
            {
                "ref": ref,
                "channel_sku": sku,
                "name": name,
                "quantity": quantity,
                "unit_price_cents": 1200,
            }
            for ref, sku, name, quantity in unread
        ],
        "raw_payload_id": f"raw-{order_id}",
        "received_at": BASE_TIME.isoformat(),
    }
    return order_record(
        seq, order_id, status="exception", lines=lines, exception=exception, **kwargs
    )


def product_record(seq: int, sku: str, name: str, *, price: int = 1200) -> dict[str, Any]:
    """A catalogue item of the store, as the feed carries it."""
    data = {
        "sku": sku,
        "name": name,
        "name_en": "",
        "barcode": f"69{seq:011d}",
        "category": "snacks",
        "unit_price_cents": price,
        "version": 1,
    }
    return {"seq": seq, "kind": "product", "id": sku, "version": 1, "data": data}
