"""The shared words of the order platform: channels, roles, statuses and kinds of record."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """A sales channel whose orders the hub aggregates."""

    MEITUAN = "meituan"
    ELEME = "eleme"
    MINIPROGRAM = "miniprogram"


class Role(StrEnum):
    """A staff role; one person may hold several."""

    CASHIER = "cashier"
    PICKER = "picker"
    MANAGER = "manager"


class Actor(StrEnum):
    """Who, besides store staff, may move an order: the hub on a channel's behalf."""

    CHANNEL = "channel"
    HUB = "hub"


class OrderStatus(StrEnum):
    """Order life cycle of DESIGN.md §5."""

    NEW = "new"
    ACCEPTED = "accepted"
    PREPARING = "preparing"
    READY = "ready"
    HANDED_OVER = "handed_over"
    COMPLETED = "completed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    CANCEL_REQUESTED = "cancel_requested"
    REFUND_REQUESTED = "refund_requested"
    SHORTAGE_PENDING = "shortage_pending"
    EXCEPTION = "exception"
    """The hub could not read the channel's order in full: the store maps it or rejects it."""


class TaskKind(StrEnum):
    """A fulfilment task: pick the lines, then pack them."""

    PICK = "pick"
    PACK = "pack"


class TaskStatus(StrEnum):
    """Task life cycle of DESIGN.md §5."""

    QUEUED = "queued"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskLineStatus(StrEnum):
    """Where one line of a pick task stands."""

    OPEN = "open"
    PICKED = "picked"
    SHORT_PENDING = "short_pending"
    SHORT_RESOLVED = "short_resolved"


class ShortageReason(StrEnum):
    """Why a picker could not find a line."""

    OUT_OF_STOCK = "out_of_stock"
    DAMAGED = "damaged"
    NOT_AT_LOCATION = "not_at_location"
    EXPIRED = "expired"


class OutOfStockPreference(StrEnum):
    """What the customer asked the store to do when an item is missing."""

    CONTACT_ME = "contact_me"
    REFUND_ITEM = "refund_item"
    CANCEL_ORDER = "cancel_order"
    SUBSTITUTE_SIMILAR = "substitute_similar"


class FulfilmentMode(StrEnum):
    """How the order leaves the store."""

    DELIVERY = "delivery"
    PICKUP = "pickup"


class HandoverParty(StrEnum):
    """To whom the store hands an order."""

    RIDER = "rider"
    CUSTOMER = "customer"


class RiderStatus(StrEnum):
    """Rider progress reported back by a delivery channel."""

    ASSIGNED = "assigned"
    AT_STORE = "at_store"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"


class RecordKind(StrEnum):
    """Kinds of record in the store's change feed."""

    ORDER = "order"
    TASK = "task"
    SHORTAGE = "shortage"
    STAFF = "staff"
    STORE_SETTINGS = "store_settings"
    PRODUCT = "product"
    """An item of the store's catalogue (substitutes are searched among them)."""
    DEVICE_HEALTH = "device_health"
    """A device's own sync health, reported by it for the manager's screen."""
