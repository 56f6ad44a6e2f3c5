"""The store's catalogue as the hub published it: written by the feed, searched by managers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from local_db.models import Product


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One catalogue item."""

    sku: str
    name: str
    name_en: str
    barcode: str
    category: str
    unit_price_cents: int
    weighed: bool
    in_stock: bool


def replace_products(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or overwrite products whose version is newer than the stored one."""
    if not rows:
        return
    statement = sqlite_insert(Product)
    columns = [c.name for c in Product.__table__.columns if c.name != "sku"]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["sku"],
            set_={name: statement.excluded[name] for name in columns},
            where=Product.__table__.c.version < statement.excluded.version,
        ),
        list(rows),
    )


def get_product(session: Session, sku: str) -> ProductRow | None:
    """The product with this SKU, or None."""
    row = session.get(Product, sku)
    return None if row is None else _row(row)


def search(session: Session, text: str, limit: int = 20) -> list[ProductRow]:
    """Products whose barcode or SKU is `text` exactly, then those whose Chinese or English
    name holds it (case ignored), in stock first, by name."""
    wanted = text.strip()
    if not wanted:
        return []
    pattern = f"%{wanted}%"
    query = (
        select(Product)
        .where(
            or_(
                Product.barcode == wanted,
                Product.sku == wanted,
                Product.name.ilike(pattern),
                Product.name_en.ilike(pattern),
            )
        )
        .order_by(
            (Product.barcode == wanted).desc(),
            Product.in_stock.desc(),
            Product.name,
        )
        .limit(limit)
    )
    return [_row(row) for row in session.scalars(query)]


def _row(row: Product) -> ProductRow:
    return ProductRow(
        sku=row.sku,
        name=row.name,
        name_en=row.name_en,
        barcode=row.barcode,
        category=row.category,
        unit_price_cents=row.unit_price_cents,
        weighed=row.weighed,
        in_stock=row.in_stock,
    )
