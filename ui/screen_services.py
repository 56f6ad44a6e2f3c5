"""The services the screens call, handed to the main window as one immutable bundle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.clock import Clock
from app.services.alarm_preferences import AlarmPreferences
from app.services.audit_trail import AuditTrail
from app.services.auto_accept import AutoAccept
from app.services.channel_pauses import ChannelPauses
from app.services.customer_contact import CustomerContact
from app.services.day_dashboard import DayDashboard
from app.services.day_summary import DaySummaries
from app.services.device_preferences import DevicePreferences
from app.services.exception_orders import ExceptionOrders
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.order_search import OrderSearch
from app.services.print_wiring import Printing
from app.services.shortage_decisions import ShortageDecisions
from app.services.sign_in import SignInService
from app.services.sync_health import SyncHealthQueries, SyncRepair
from app.services.task_control import TaskControl
from ui.handheld.layout_choice import LayoutSetting

if TYPE_CHECKING:
    from app.services.picking import Picking


@dataclass(frozen=True, slots=True, kw_only=True)
class ScreenServices:
    """Everything the screens need from app/; each call is one short local transaction."""

    order_actions: OrderActions
    order_queries: OrderQueries
    sign_in: SignInService
    notices: RejectionNotices
    health: SyncHealthQueries
    clock: Clock
    """Source of "now" for ages, countdowns and the status bar."""
    alarm_preferences: AlarmPreferences | None = None
    """Alarm volume, mute and auto-accept of this device; None: the window runs no alarm."""
    auto_accept: AutoAccept | None = None
    """Accepts new orders of the channels switched on here; None: never."""
    order_search: OrderSearch | None = None
    """The search box and the history by day; None: the screens offer neither."""
    day_summaries: DaySummaries | None = None
    """The day summary; None: the window offers none."""
    day_dashboard: DayDashboard | None = None
    """The manager's day at a glance and the day's CSV export; None: the window offers none."""
    printing: Printing | None = None
    """Tickets, the print journal and printers of this device; None: the screens offer none."""
    channel_pauses: ChannelPauses | None = None
    """Busy mode (pause a channel for some minutes); None: the screens offer none."""
    make_picking: Callable[[], Picking] | None = None
    """Makes the picking service of this device (the handheld screens), called when a picker
    first needs it: it loads the barcode parser, which a counter PC never pays for at start.
    None: no handheld screens."""
    layout: LayoutSetting = LayoutSetting.AUTO
    """The device's `ui.layout` preference as read at start (ui/handheld/layout_choice.py)."""
    task_control: TaskControl | None = None
    """The manager's tasks-and-staff actions (reassign, clock out); None: no such screen."""
    sync_repair: SyncRepair | None = None
    """Retry or dismiss a quarantined record on the sync health screen; None: read only."""
    shortage_decisions: ShortageDecisions | None = None
    """The manager's shortage queue and decisions; None: no such screen."""
    customer_contact: CustomerContact | None = None
    """Who may see a customer's full number, and its audited showing; None: masked only."""
    audit: AuditTrail | None = None
    """The audit trail viewer's reads, chain check and export; None: no such screen."""
    exception_orders: ExceptionOrders | None = None
    """Map an exception order's unread lines and accept it; None: the counter only rejects
    exception orders (it says a manager must map them elsewhere)."""
    preferences: DevicePreferences | None = None
    """The device's settings (the interface language); None: no language menu."""
