"""SQLAlchemy models of the device cache: orders, tasks, staff, store, sync, printing, audit.

Importing this package registers every table on `Base.metadata`, which Alembic's environment
and the schema checks read: a new model module is imported (and re-exported) here.
"""

from __future__ import annotations

from local_db.models.audit import AuditEntry
from local_db.models.base import NAMING_CONVENTION, Base, UtcDateTime
from local_db.models.orders import Order, OrderLine
from local_db.models.print_journal import PrintRevision, PrintTicket
from local_db.models.staff import SignInGuard, Staff
from local_db.models.store import DevicePreference, Product, StoreSettings
from local_db.models.sync_state import DeviceHealth, OutboxEntry, QuarantinedRecord, SyncState
from local_db.models.tasks import Shortage, Task, TaskLine, TaskNotice

__all__ = [
    "NAMING_CONVENTION",
    "AuditEntry",
    "Base",
    "DeviceHealth",
    "DevicePreference",
    "Order",
    "OrderLine",
    "OutboxEntry",
    "PrintRevision",
    "PrintTicket",
    "Product",
    "QuarantinedRecord",
    "Shortage",
    "SignInGuard",
    "Staff",
    "StoreSettings",
    "SyncState",
    "Task",
    "TaskLine",
    "TaskNotice",
    "UtcDateTime",
]
