"""Which manager screens this window offers, given the services the device was built with.

Each screen's module is imported inside its builder: the tab is built when first opened, so a
counter where no manager works never loads QtCharts or the manager's queries.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.manager.manager_screen import ManagerTab
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from app.services.shortage_decisions import ShortageDecisions
    from app.services.task_control import TaskControl


def manager_tabs(services: ScreenServices, bridge: SyncBridge) -> list[ManagerTab]:
    """The manager's tabs this device's services allow, in the order a manager works them."""
    tabs: list[ManagerTab] = []
    if services.shortage_decisions is not None:
        decisions = services.shortage_decisions
        build_queue = partial(_shortages, decisions, services, bridge)
        tabs.append(
            ManagerTab(
                "shortages",
                QCoreApplication.translate("ManagerTabs", "Shortages"),
                build_queue,
                waiting=lambda: sum(1 for item in decisions.queue() if not item.pending_decision),
            )
        )
    if services.task_control is not None:
        build = partial(_tasks, services, services.task_control, bridge)
        tabs.append(
            ManagerTab("tasks", QCoreApplication.translate("ManagerTabs", "Tasks and staff"), build)
        )
    if services.day_dashboard is not None:
        tabs.append(
            ManagerTab(
                "dashboard",
                QCoreApplication.translate("ManagerTabs", "Day at a glance"),
                partial(_dashboard, services),
            )
        )
    tabs.append(
        ManagerTab(
            "sync_health",
            QCoreApplication.translate("ManagerTabs", "Sync health"),
            partial(_sync_health, services, bridge),
        )
    )
    if services.audit is not None:
        tabs.append(
            ManagerTab(
                "audit",
                QCoreApplication.translate("ManagerTabs", "Audit trail"),
                partial(_audit, services),
            )
        )
    return tabs


def _dashboard(services: ScreenServices, parent: QWidget) -> QWidget:
    from ui.manager.dashboard_view import build_dashboard_view  # noqa: PLC0415 -- QtCharts

    return build_dashboard_view(services, parent)


def _tasks(
    services: ScreenServices, control: TaskControl, bridge: SyncBridge, parent: QWidget
) -> QWidget:
    from ui.manager.tasks_view import TasksView  # noqa: PLC0415 -- built on first open

    return TasksView(services, control, bridge, parent)


def _sync_health(services: ScreenServices, bridge: SyncBridge, parent: QWidget) -> QWidget:
    from ui.manager.sync_health_view import SyncHealthView  # noqa: PLC0415 -- on first open

    return SyncHealthView(services, bridge, parent)


def _audit(services: ScreenServices, parent: QWidget) -> QWidget:
    from ui.manager.audit_view import AuditView  # noqa: PLC0415 -- built on first open

    return AuditView(services, parent)


def _shortages(
    decisions: ShortageDecisions, services: ScreenServices, bridge: SyncBridge, parent: QWidget
) -> QWidget:
    from ui.manager.shortage_queue import ShortageQueue  # noqa: PLC0415 -- on first open

    return ShortageQueue(decisions, services.clock, bridge, parent)
