"""The store's catalogue in its change feed, so devices search substitutes offline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.vocabulary import RecordKind
from hub.catalogue import Catalogue, Product
from hub.publishing import feed
from hub.storage.tables import FeedRow
from sync.protocol import ProductData


def product_data(product: Product, version: int) -> ProductData:
    """The wire form of a product at `version`."""
    return ProductData(
        sku=product.sku,
        name=product.name,
        name_en=product.name_en,
        barcode=product.barcode,
        category=product.category,
        unit_price_cents=product.price_cents,
        weighed=product.weighed,
        location=product.location,
        version=version,
    )


def publish_catalogue(session: Session, store_id: str, catalogue: Catalogue) -> int:
    """Publish each product that is new or changed since the feed last carried it (a restart
    with the same catalogue publishes nothing); returns how many were published."""
    prefix = feed.entity_key(RecordKind.PRODUCT, "")
    rows = session.scalars(
        select(FeedRow).where(FeedRow.store_id == store_id, FeedRow.entity_key.startswith(prefix))
    )
    published = {row.entity_key.removeprefix(prefix): row.payload for row in rows}
    count = 0
    for product in catalogue.products:
        before = published.get(product.sku)
        version = 1 if before is None else int(before["version"])
        data = product_data(product, version).model_dump(mode="json")
        if before is not None and before["data"] == data:
            continue
        if before is not None:
            version += 1
            data["version"] = version
        feed.publish(session, store_id, RecordKind.PRODUCT, product.sku, version=version, data=data)
        count += 1
    return count
