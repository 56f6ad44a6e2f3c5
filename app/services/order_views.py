"""Turns stored order snapshots into the read models the screens render."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal, TypedDict, cast

from app.domain.vocabulary import (
    Channel,
    FulfilmentMode,
    HandoverParty,
    OrderStatus,
    OutOfStockPreference,
    RiderStatus,
)
from app.read_models import (
    CustomerRequestView,
    ExceptionView,
    HandoverView,
    OrderDetail,
    OrderLineView,
    OrderSummary,
    ReminderView,
    RiderView,
    StatusReason,
)
from local_db.fulfilment_repository import LineShortageOutcome
from local_db.order_repository import OrderSnapshot


def order_summary(snapshot: OrderSnapshot) -> OrderSummary:
    """The inbox row of a stored order."""
    return OrderSummary(**_summary_fields(snapshot))


def order_detail(
    snapshot: OrderSnapshot, shortages: Mapping[str, LineShortageOutcome] | None = None
) -> OrderDetail:
    """The detail view of a stored order (with its lines and their shortage decisions)."""
    shortages = shortages or {}
    rider = snapshot.rider
    return OrderDetail(
        **_summary_fields(snapshot),
        status_reason=snapshot.status_reason,
        why=StatusReason.stored(
            snapshot.status_code, snapshot.status_detail, snapshot.status_reason
        ),
        customer_phone_masked=snapshot.customer_phone_masked,
        out_of_stock_preference=OutOfStockPreference(snapshot.out_of_stock_preference),
        lines=tuple(
            OrderLineView(
                line_id=line.line_id,
                name=line.name,
                name_en=line.name_en,
                quantity=line.quantity,
                unit_price_cents=line.unit_price_cents,
                paid_cents=line.paid_cents,
                weighed=line.weighed,
                ordered_weight_g=line.ordered_weight_g,
                note=line.note,
                **_shortage_fields(shortages.get(line.line_id)),
            )
            for line in snapshot.lines
        ),
        subtotal_cents=snapshot.subtotal_cents,
        discount_cents=snapshot.discount_cents,
        delivery_fee_cents=snapshot.delivery_fee_cents,
        note=snapshot.note,
        expected_ready_at=snapshot.expected_ready_at,
        accepted_at=snapshot.accepted_at,
        ready_at=snapshot.ready_at,
        handed_over_at=snapshot.handed_over_at,
        closed_at=snapshot.closed_at,
        rider=None
        if rider is None
        else RiderView(
            name=str(rider["name"]),
            phone_masked=str(rider["phone_masked"]),
            status=RiderStatus(rider["status"]),
            eta=None if rider.get("eta") is None else datetime.fromisoformat(str(rider["eta"])),
        ),
        version=snapshot.version,
        request=None if snapshot.request is None else _request(snapshot.request),
        reminders=tuple(_reminder(reminder) for reminder in snapshot.reminders),
        handover=None if snapshot.handover is None else _handover(snapshot.handover),
    )


def _moment(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def _request(data: dict[str, Any]) -> CustomerRequestView:
    requested_at = _moment(data["requested_at"])
    assert requested_at is not None  # the wire schema requires it
    refund = data.get("refund_cents")
    return CustomerRequestView(
        kind=cast(Literal["cancel", "refund"], data["kind"]),
        reason=str(data.get("reason", "")),
        requested_at=requested_at,
        respond_by=_moment(data.get("respond_by")),
        refund_cents=None if refund is None else int(refund),
        answer=cast(Literal["agreed", "disagreed", "auto_agreed"] | None, data.get("answer")),
        answer_reason=str(data.get("answer_reason", "")),
        answered_at=_moment(data.get("answered_at")),
        answered_by=str(data.get("answered_by", "")),
    )


def _reminder(data: dict[str, Any]) -> ReminderView:
    asked_at = _moment(data["asked_at"])
    assert asked_at is not None  # the wire schema requires it
    return ReminderView(
        reminder_id=str(data["reminder_id"]),
        asked_at=asked_at,
        reply=str(data.get("reply", "")),
        replied_at=_moment(data.get("replied_at")),
        replied_by=str(data.get("replied_by", "")),
    )


def _handover(data: dict[str, Any]) -> HandoverView:
    return HandoverView(
        by_name=str(data.get("by_name", "")),
        to=HandoverParty(data["to"]),
        to_name=str(data.get("to_name", "")),
    )


class _SummaryFields(TypedDict):
    order_id: str
    channel: Channel
    channel_order_no: str
    daily_serial: int
    status: OrderStatus
    resume_status: OrderStatus | None
    fulfilment: FulfilmentMode
    customer_name: str
    placed_at: datetime
    accept_by: datetime
    item_count: int
    total_cents: int
    pickup_code: str | None
    has_pending: bool
    scheduled_for: datetime | None
    prepare_at: datetime | None
    exception: ExceptionView | None


def _summary_fields(snapshot: OrderSnapshot) -> _SummaryFields:
    return {
        "order_id": snapshot.order_id,
        "channel": Channel(snapshot.channel),
        "channel_order_no": snapshot.channel_order_no,
        "daily_serial": snapshot.daily_serial,
        "status": OrderStatus(snapshot.status),
        "resume_status": None
        if snapshot.resume_status is None
        else OrderStatus(snapshot.resume_status),
        "fulfilment": FulfilmentMode(snapshot.fulfilment),
        "customer_name": snapshot.customer_name,
        "placed_at": snapshot.placed_at,
        "accept_by": snapshot.accept_by,
        "item_count": snapshot.item_count,
        "total_cents": snapshot.total_cents,
        "pickup_code": snapshot.pickup_code,
        "has_pending": snapshot.has_pending,
        "scheduled_for": snapshot.scheduled_for,
        "prepare_at": snapshot.prepare_at,
        "exception": None
        if snapshot.exception is None
        else ExceptionView.from_stored(snapshot.exception),
    }


def _shortage_fields(outcome: LineShortageOutcome | None) -> dict[str, Any]:
    """A line's shortage decision for its view (nothing when none was decided)."""
    if outcome is None:
        return {}
    return {
        "shortage_decision": outcome.decision,
        "shortage_refund_cents": outcome.refund_cents,
        "substitute_name": outcome.substitute_name,
    }
