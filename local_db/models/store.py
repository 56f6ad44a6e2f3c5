"""What the hub publishes of the store (settings, catalogue) and this device's preferences."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from local_db.models.base import Base


class StoreSettings(Base):
    """The store's settings as the hub last sent them."""

    __tablename__ = "store_settings"

    store_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]
    version: Mapped[int]


class Product(Base):
    """An item of the store's catalogue, as the hub publishes it (0008): substitutes are
    searched here, offline too."""

    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    name_en: Mapped[str] = mapped_column(String(120), default="")
    barcode: Mapped[str] = mapped_column(String(32), index=True)
    category: Mapped[str] = mapped_column(String(40), default="")
    unit_price_cents: Mapped[int]
    weighed: Mapped[bool] = mapped_column(default=False)
    location_zone: Mapped[str | None] = mapped_column(String(16))
    location_aisle: Mapped[int | None]
    location_shelf: Mapped[int | None]
    location_position: Mapped[int | None]
    in_stock: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int]


class DevicePreference(Base):
    """One setting a person changed on this device (alarm volume, auto-accept, printers...)."""

    __tablename__ = "device_preferences"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    """JSON; `{"v": <value>}` so that any JSON value (a number, a list) can be kept."""
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    """The staff id of who changed it ("" when the program did)."""
