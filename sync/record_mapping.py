"""Maps validated wire records onto the cache's table rows (and back, for held records)."""

from __future__ import annotations

from typing import Any

from app.domain.privacy import mask_phone
from app.domain.staff_pin import Argon2Params, PinVerifier, seal_verifier
from sync.protocol import (
    DeviceHealthData,
    OrderData,
    ProductData,
    ShelfLocation,
    ShortageData,
    StaffData,
    StatusDetail,
    StoreSettingsData,
    TaskData,
)

_NO_LOCATION: dict[str, Any] = {
    "location_zone": None,
    "location_aisle": None,
    "location_shelf": None,
    "location_position": None,
}


def _location_columns(location: ShelfLocation | None) -> dict[str, Any]:
    if location is None:
        return _NO_LOCATION
    return {
        "location_zone": location.zone,
        "location_aisle": location.aisle,
        "location_shelf": location.shelf,
        "location_position": location.position,
    }


def order_rows(data: OrderData) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `orders` row and `order_lines` rows of one order.

    An exception order keeps what the hub could not read (`exception`), and may have no
    lines at all: the store maps them before accepting it.
    """
    customer = data.customer
    digits = "".join(filter(str.isdigit, customer.phone_masked))
    row = {
        "order_id": data.order_id,
        "channel": data.channel.value,
        "channel_order_no": data.channel_order_no,
        "daily_serial": data.daily_serial,
        "status": data.status.value,
        "resume_status": None if data.resume_status is None else data.resume_status.value,
        "status_reason": data.status_reason,
        "status_code": data.status_code,
        "status_detail": _detail(data.status_detail),
        "fulfilment": data.fulfilment.value,
        "customer_name": customer.name,
        # Masked again: a hub that put a full number there must not put it on every screen.
        "customer_phone_masked": mask_phone(customer.phone_masked),
        "customer_phone": customer.phone or None,
        "phone_last4": digits[-4:],
        "out_of_stock_preference": customer.out_of_stock_preference.value,
        "subtotal_cents": data.subtotal_cents,
        "discount_cents": data.discount_cents,
        "delivery_fee_cents": data.delivery_fee_cents,
        "total_cents": data.total_cents,
        "note": data.note,
        "placed_at": data.placed_at,
        "accept_by": data.accept_by,
        "expected_ready_at": data.expected_ready_at,
        "accepted_at": data.accepted_at,
        "ready_at": data.ready_at,
        "handed_over_at": data.handed_over_at,
        "closed_at": data.closed_at,
        "pickup_code": data.pickup_code,
        "rider": None if data.rider is None else data.rider.model_dump(mode="json"),
        "request": None if data.request is None else data.request.model_dump(mode="json"),
        "reminders": [reminder.model_dump(mode="json") for reminder in data.reminders],
        "scheduled_for": data.scheduled_for,
        "prepare_at": data.prepare_at,
        "handover": None if data.handover is None else data.handover.model_dump(mode="json"),
        "exception": None if data.exception is None else data.exception.model_dump(mode="json"),
        "version": data.version,
    }
    order_id = data.order_id
    lines = []
    for position, line in enumerate(data.lines):
        # Spelt out, not merged from `_location_columns`: this runs for every line of every
        # order of a feed page.
        location = line.location
        lines.append(
            {
                "order_id": order_id,
                "line_id": line.line_id,
                "position": position,
                "sku": line.sku,
                "name": line.name,
                "name_en": line.name_en,
                "barcode": line.barcode,
                "quantity": line.quantity,
                "unit_price_cents": line.unit_price_cents,
                "paid_cents": line.paid_cents,
                "weighed": line.weighed,
                "ordered_weight_g": line.ordered_weight_g,
                "category": line.category,
                "location_zone": None if location is None else location.zone,
                "location_aisle": None if location is None else location.aisle,
                "location_shelf": None if location is None else location.shelf,
                "location_position": None if location is None else location.position,
                "note": line.note,
            }
        )
    return row, lines


def _detail(detail: StatusDetail) -> dict[str, Any]:
    """The status detail as stored: only what differs from its defaults (most orders: none)."""
    if not detail.model_fields_set:
        return {}
    return detail.model_dump(mode="json", exclude_defaults=True)


def task_rows(data: TaskData) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `tasks` row and `task_lines` rows of one task."""
    row = {
        "task_id": data.task_id,
        "order_id": data.order_id,
        "kind": data.kind.value,
        "status": data.status.value,
        "assignee_staff_id": data.assignee_staff_id,
        "due_at": data.due_at,
        "bag_count": data.bag_count,
        "channel": None if data.channel is None else data.channel.value,
        "daily_serial": data.daily_serial,
        "out_of_stock_preference": data.out_of_stock_preference.value,
        "paused": data.paused,
        "handed_to": None if data.handed_to is None else data.handed_to.value,
        "status_reason": data.status_reason,
        "status_code": data.status_code,
        "status_detail": data.status_detail.model_dump(mode="json", exclude_defaults=True),
        "started_at": data.started_at,
        "done_at": data.done_at,
        "version": data.version,
    }
    lines = [
        {
            "task_id": data.task_id,
            "line_id": line.line_id,
            "sku": line.sku,
            "name": line.name,
            "barcode": line.barcode,
            "quantity": line.quantity,
            "picked_quantity": line.picked_quantity,
            "status": line.status.value,
            **_location_columns(line.location),
            "weighed": line.weighed,
            "ordered_weight_g": line.ordered_weight_g,
            "price_per_kg_cents": line.price_per_kg_cents,
            "actual_weight_g": line.actual_weight_g,
            "price_difference_cents": line.price_difference_cents,
            "paid_cents": line.paid_cents,
            "short_quantity": line.short_quantity,
            "short_reason": None if line.short_reason is None else line.short_reason.value,
            "shortage_decision": line.shortage_decision,
            "substitute_sku": line.substitute_sku,
            "substitute_name": line.substitute_name,
        }
        for line in data.lines
    ]
    return row, lines


def shortage_row(data: ShortageData) -> dict[str, Any]:
    """The `shortages` row of one shortage."""
    return {
        "shortage_id": data.shortage_id,
        "order_id": data.order_id,
        "task_id": data.task_id,
        "line_id": data.line_id,
        "quantity_short": data.quantity_short,
        "reason": data.reason.value,
        "reported_by": data.reported_by,
        "reported_at": data.reported_at,
        "decision": data.decision,
        "refund_cents": data.refund_cents,
        "substitute_sku": data.substitute_sku,
        "substitute_name": data.substitute_name,
        "decided_at": data.decided_at,
        "version": data.version,
    }


def staff_row(data: StaffData, pin_pepper: bytes) -> dict[str, Any]:
    """The `staff` row of one staff member, the hub's PIN hash sealed with the pepper."""
    pin = data.pin
    params = Argon2Params(pin.time_cost, pin.memory_kib, pin.parallelism, len(pin.hash_hex) // 2)
    verifier = PinVerifier(pin.algorithm, params, pin.salt_hex, pin.hash_hex)
    sealed = seal_verifier(verifier, pin_pepper)
    return {
        **staff_details_row(data),
        "pin_algorithm": sealed.algorithm,
        "pin_salt_hex": sealed.salt_hex,
        "pin_hash_hex": sealed.stored_text(),
        "version": data.version,
    }


def staff_details_row(data: StaffData) -> dict[str, Any]:
    """Who the person is, without the PIN: for a path that holds no pepper."""
    return {
        "staff_id": data.staff_id,
        "name": data.name,
        "roles": [role.value for role in data.roles],
        "active": data.active,
        "clocked_in": data.clocked_in,
    }


def store_settings_row(data: StoreSettingsData) -> dict[str, Any]:
    """The `store_settings` row."""
    return {
        "store_id": data.store_id,
        "data": data.model_dump(mode="json"),
        "version": data.version,
    }


def device_health_row(data: DeviceHealthData) -> dict[str, Any]:
    """The `device_health` row of one device's reported sync health."""
    return data.model_dump(mode="python")


def product_row(data: ProductData) -> dict[str, Any]:
    """The `products` row of one catalogue item."""
    return {
        "sku": data.sku,
        "name": data.name,
        "name_en": data.name_en,
        "barcode": data.barcode,
        "category": data.category,
        "unit_price_cents": data.unit_price_cents,
        "weighed": data.weighed,
        **_location_columns(data.location),
        "in_stock": data.in_stock,
        "version": data.version,
    }
