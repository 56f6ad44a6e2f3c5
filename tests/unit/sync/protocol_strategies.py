"""Hypothesis strategies for the wire models: values the wire takes, and values it refuses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from app.domain import wire_limits as limits
from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    Role,
    ShortageReason,
    TaskKind,
    TaskLineStatus,
    TaskStatus,
)

CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]
TEXT_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters=CONTROLS)


def texts(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Texts the wire takes: no control characters, no lone surrogates."""
    return st.text(TEXT_ALPHABET, min_size=min_size, max_size=min(max_size, 40))


IDS = texts(limits.CODE_MAX, min_size=1)
# Hypothesis takes naive bounds; the zone comes from `timezones`.
_FIRST, _LAST = datetime(2000, 1, 1), datetime(2100, 1, 1)  # noqa: DTZ001
MOMENTS = st.datetimes(min_value=_FIRST, max_value=_LAST, timezones=st.just(UTC))
CENTS = st.integers(0, limits.AMOUNT_MAX_CENTS)
QUANTITIES = st.integers(1, limits.QUANTITY_MAX)
GRAMS = st.integers(0, limits.WEIGHT_G_MAX)
VERSIONS = st.integers(1, 2**31)
HASHES = st.text("0123456789abcdef", min_size=64, max_size=64)


def _moment(value: datetime) -> str:
    return value.isoformat()


LOCATIONS = st.none() | st.fixed_dictionaries(
    {
        "zone": texts(limits.SHORT_TEXT_MAX),
        "aisle": st.integers(-5, 99),
        "shelf": st.integers(0, 9),
        "position": st.integers(0, 99),
    }
)
ORDER_LINES = st.fixed_dictionaries(
    {
        "line_id": IDS,
        "sku": IDS,
        "name": texts(limits.PRODUCT_NAME_MAX),
        "barcode": texts(limits.CODE_MAX),
        "quantity": QUANTITIES,
        "unit_price_cents": CENTS,
        "paid_cents": CENTS,
    },
    optional={
        "weighed": st.booleans(),
        "ordered_weight_g": st.none() | GRAMS,
        "location": LOCATIONS,
        "note": texts(limits.NOTE_MAX),
    },
)
CUSTOMERS = st.fixed_dictionaries(
    {"name": texts(limits.NAME_MAX), "phone_masked": texts(limits.PHONE_MAX)},
    optional={"phone": texts(limits.PHONE_MAX)},
)
EXCEPTIONS = st.fixed_dictionaries(
    {
        "problems": st.lists(
            st.fixed_dictionaries(
                {
                    "code": st.sampled_from(["unknown_item", "bad_line", "totals_mismatch"]),
                    "message": texts(limits.MESSAGE_MAX),
                },
                optional={"channel_sku": texts(limits.CODE_MAX), "quantity": st.integers(0, 9)},
            ),
            min_size=1,
            max_size=3,
        ),
        "unread_lines": st.lists(
            st.fixed_dictionaries(
                {"ref": IDS},
                optional={"name": texts(limits.PRODUCT_NAME_MAX), "quantity": QUANTITIES},
            ),
            max_size=3,
        ),
        "raw_payload_id": IDS,
        "received_at": MOMENTS.map(_moment),
    }
)


@st.composite
def order_data(draw: st.DrawFn) -> dict[str, Any]:
    """An order as the hub sends it: an exception order may come without lines."""
    status = draw(st.sampled_from(list(OrderStatus)))
    exception = (
        draw(EXCEPTIONS) if status is OrderStatus.EXCEPTION else draw(st.none() | EXCEPTIONS)
    )
    lines = draw(st.lists(ORDER_LINES, min_size=0 if exception else 1, max_size=4))
    return {
        "order_id": draw(IDS),
        "store_id": draw(IDS),
        "channel": draw(st.sampled_from(list(Channel))).value,
        "channel_order_no": draw(IDS),
        "daily_serial": draw(st.integers(1, 9999)),
        "status": status.value,
        "fulfilment": draw(st.sampled_from(list(FulfilmentMode))).value,
        "customer": draw(CUSTOMERS),
        "lines": lines,
        "subtotal_cents": draw(CENTS),
        "discount_cents": draw(CENTS),
        "delivery_fee_cents": draw(CENTS),
        "total_cents": draw(CENTS),
        "note": draw(texts(limits.NOTE_MAX)),
        "placed_at": _moment(draw(MOMENTS)),
        "accept_by": _moment(draw(MOMENTS)),
        "pickup_code": draw(st.none() | texts(limits.CODE_MAX)),
        "exception": exception,
        "version": draw(VERSIONS),
    }


TASK_LINES = st.fixed_dictionaries(
    {
        "line_id": IDS,
        "sku": IDS,
        "name": texts(limits.PRODUCT_NAME_MAX),
        "barcode": texts(limits.CODE_MAX),
        "quantity": QUANTITIES,
    },
    optional={
        "picked_quantity": st.integers(0, limits.QUANTITY_MAX),
        "status": st.sampled_from([s.value for s in TaskLineStatus]),
        "weighed": st.booleans(),
        "actual_weight_g": st.none() | GRAMS,
        "price_difference_cents": st.integers(-limits.AMOUNT_MAX_CENTS, limits.AMOUNT_MAX_CENTS),
        "short_reason": st.none() | st.sampled_from([r.value for r in ShortageReason]),
        "substitute_sku": texts(limits.CODE_MAX),
    },
)
TASK_DATA = st.fixed_dictionaries(
    {
        "task_id": IDS,
        "order_id": IDS,
        "kind": st.sampled_from([k.value for k in TaskKind]),
        "status": st.sampled_from([s.value for s in TaskStatus]),
        "lines": st.lists(TASK_LINES, max_size=4),
        "version": VERSIONS,
    },
    optional={
        "assignee_staff_id": st.none() | IDS,
        "bag_count": st.none() | st.integers(0, 99),
        "paused": st.booleans(),
        "status_reason": texts(limits.MESSAGE_MAX),
        "due_at": st.none() | MOMENTS.map(_moment),
    },
)
OTHER_DATA: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "shortage": st.fixed_dictionaries(
        {
            "shortage_id": IDS,
            "order_id": IDS,
            "task_id": IDS,
            "line_id": IDS,
            "quantity_short": QUANTITIES,
            "reason": st.sampled_from([r.value for r in ShortageReason]),
            "reported_by": IDS,
            "reported_at": MOMENTS.map(_moment),
            "version": VERSIONS,
        },
        optional={"refund_cents": st.none() | CENTS, "substitute_sku": texts(limits.CODE_MAX)},
    ),
    "product": st.fixed_dictionaries(
        {
            "sku": IDS,
            "name": texts(limits.PRODUCT_NAME_MAX),
            "barcode": texts(limits.CODE_MAX),
            "unit_price_cents": CENTS,
            "version": VERSIONS,
        },
        optional={"in_stock": st.booleans(), "location": LOCATIONS},
    ),
    "staff": st.fixed_dictionaries(
        {
            "staff_id": IDS,
            "name": texts(limits.NAME_MAX),
            "roles": st.lists(st.sampled_from([r.value for r in Role]), min_size=1, max_size=3),
            "pin": st.fixed_dictionaries(
                {"algorithm": texts(limits.CODE_MAX), "salt_hex": HASHES, "hash_hex": HASHES}
            ),
            "version": VERSIONS,
        },
        optional={"active": st.booleans(), "clocked_in": st.booleans()},
    ),
    "store_settings": st.fixed_dictionaries(
        {
            "store_id": IDS,
            "name": texts(limits.SHORT_TEXT_MAX),
            "channels": st.lists(
                st.fixed_dictionaries(
                    {
                        "channel": st.sampled_from([c.value for c in Channel]),
                        "accept_window_s": st.integers(30, 3600),
                    },
                    optional={"paused_until": st.none() | MOMENTS.map(_moment)},
                ),
                max_size=3,
            ),
            "version": VERSIONS,
        }
    ),
    "device_health": st.fixed_dictionaries(
        {
            "device_id": IDS,
            "device_name": texts(limits.NAME_MAX),
            "pending_count": st.integers(0, 10**6),
            "reported_at": MOMENTS.map(_moment),
            "version": VERSIONS,
        },
        optional={"rejected_count": st.integers(0, 999), "last_pull_at": MOMENTS.map(_moment)},
    ),
    "channel_intake": st.fixed_dictionaries(
        {"store_id": IDS, "rejected_count": st.integers(0, 10**6), "version": VERSIONS},
        optional={
            "last_channel": st.none() | st.sampled_from([c.value for c in Channel]),
            "last_reason": texts(limits.MESSAGE_MAX),
        },
    ),
}
DATA_OF_KIND: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "order": order_data(),
    "task": TASK_DATA,
    **OTHER_DATA,
}

_REASONS = texts(limits.REASON_MAX)
_BASE = {
    "command_id": st.uuids().map(str),
    "staff_id": IDS,
    "issued_at": MOMENTS.map(_moment),
}
_BASE_OPTIONAL = {"base_version": st.none() | st.integers(0, 2**31), "approved_by": st.none() | IDS}
_PICKUP = st.text(
    "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ-", min_size=1, max_size=limits.PICKUP_CODE_MAX
)
_MAPPINGS = st.lists(
    st.fixed_dictionaries({"ref": IDS, "sku": IDS, "quantity": QUANTITIES}), max_size=4
)
_ORDER = {"order_id": IDS}
_TASK = {"task_id": IDS}
COMMAND_FIELDS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "accept_order": (_ORDER, {"pickup_code": st.none() | _PICKUP}),
    "accept_exception_order": (
        {**_ORDER, "line_mappings": _MAPPINGS},
        {"pickup_code": st.none() | _PICKUP},
    ),
    "reject_order": (
        {**_ORDER, "reason": st.sampled_from([r.value for r in RejectReason])},
        {"note": _REASONS},
    ),
    "mark_ready": (_ORDER, {}),
    "hand_over": (
        {**_ORDER, "handed_to": st.sampled_from([p.value for p in HandoverParty])},
        {"handed_to_name": texts(limits.NAME_MAX)},
    ),
    "set_pickup_code": ({**_ORDER, "pickup_code": _PICKUP}, {}),
    "answer_cancel_request": ({**_ORDER, "agree": st.just(True)}, {"reason": _REASONS}),
    "answer_refund_request": (
        {
            **_ORDER,
            "agree": st.just(False),
            "reason": texts(limits.REASON_MAX, 1).filter(str.strip),
        },
        {},
    ),
    "reply_reminder": ({**_ORDER, "reminder_id": IDS, "reply": texts(limits.REASON_MAX, 1)}, {}),
    "pause_channel": (
        {
            "channel": st.sampled_from([c.value for c in Channel]),
            "paused_until": st.none() | MOMENTS.map(_moment),
        },
        {},
    ),
    "clock_in": ({}, {}),
    "clock_out": ({}, {"target_staff_id": st.none() | IDS}),
    "start_task": (_TASK, {}),
    "pick_line": (
        {**_TASK, "line_id": IDS, "quantity": QUANTITIES},
        {
            "scanned_code": texts(limits.CODE_MAX),
            "actual_weight_g": st.none() | GRAMS,
            "price_difference_cents": st.integers(
                -limits.AMOUNT_MAX_CENTS, limits.AMOUNT_MAX_CENTS
            ),
        },
    ),
    "report_shortage": (
        {
            **_TASK,
            "line_id": IDS,
            "quantity_found": st.integers(0, limits.QUANTITY_MAX),
            "reason": st.sampled_from([r.value for r in ShortageReason]),
        },
        {},
    ),
    "pause_task": (_TASK, {}),
    "resume_task": (_TASK, {}),
    "complete_pick": (_TASK, {}),
    "complete_pack": (
        {**_TASK, "bag_count": st.integers(1, limits.BAGS_MAX)},
        {"handed_to": st.none() | st.sampled_from([p.value for p in HandoverParty])},
    ),
    "reassign_task": ({**_TASK, "assignee_staff_id": IDS}, {}),
    "decide_shortage": (
        {
            **_TASK,
            "shortage_id": IDS,
            "decision": st.sampled_from(["found", "substitute", "partial_refund", "cancel_order"]),
        },
        {"substitute_sku": texts(limits.CODE_MAX), "note": _REASONS},
    ),
}


def command(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A command of `kind` as a device queues it."""
    required, optional = COMMAND_FIELDS[kind]
    return st.fixed_dictionaries(
        {**_BASE, "type": st.just(kind), **required}, optional={**_BASE_OPTIONAL, **optional}
    )


def too_long(max_length: int) -> st.SearchStrategy[str]:
    """Texts one to thirty characters over `max_length`."""
    return st.integers(1, 30).flatmap(
        lambda extra: st.text(TEXT_ALPHABET, min_size=1, max_size=1).map(
            lambda char: char * (max_length + extra)
        )
    )


def _spoiled(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(texts(10), inner, texts(10)).map("".join)


WITH_CONTROL = _spoiled(st.sampled_from(CONTROLS))
WITH_LONE_SURROGATE = _spoiled(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
BAD_QUANTITIES = st.sampled_from([1.5, 2.0, True, False, "2", None, 0, -1, limits.QUANTITY_MAX + 1])
BAD_VERSIONS = st.sampled_from([0, -1, 1.5, True, "2", None])
BAD_CENTS = (
    st.integers(max_value=-1)
    | st.integers(min_value=limits.AMOUNT_MAX_CENTS + 1)
    | st.sampled_from([True, 1.0, "5", None])
)


def bad_text(max_length: int) -> st.SearchStrategy[str]:
    """Texts the wire refuses for a field of at most `max_length` characters."""
    return too_long(max_length) | WITH_CONTROL | WITH_LONE_SURROGATE
