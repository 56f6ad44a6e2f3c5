"""Immutable views of cached data that the screens render; no database object leaves app/."""

from __future__ import annotations

from app.read_models.exception_orders import ExceptionProblemView, ExceptionView, UnreadLineView
from app.read_models.orders import (
    ChannelPauseView,
    CustomerRequestView,
    HandoverView,
    OrderDetail,
    OrderLineView,
    OrderSummary,
    ReminderView,
    RiderView,
)
from app.read_models.picking import (
    PickingNotice,
    ScanKind,
    ScanOutcome,
    TaskDetail,
    TaskLineView,
    TaskSummary,
)
from app.read_models.staff import SignedInStaff, StaffCard
from app.read_models.status_reasons import NO_REASON, StatusReason
from app.read_models.sync_health import QuarantinedView, SyncHealth

__all__ = [
    "NO_REASON",
    "ChannelPauseView",
    "CustomerRequestView",
    "ExceptionProblemView",
    "ExceptionView",
    "HandoverView",
    "OrderDetail",
    "OrderLineView",
    "OrderSummary",
    "PickingNotice",
    "QuarantinedView",
    "ReminderView",
    "RiderView",
    "ScanKind",
    "ScanOutcome",
    "SignedInStaff",
    "StaffCard",
    "StatusReason",
    "SyncHealth",
    "TaskDetail",
    "TaskLineView",
    "TaskSummary",
    "UnreadLineView",
]
