"""Orders arriving from channels: normalised, de-duplicated, bad payloads set aside."""

from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.vocabulary import Channel, FulfilmentMode
from hub.catalogue import Catalogue
from hub.channels import ADAPTERS, ChannelPayloadError, IntakeContext
from hub.order_draft import draft_order
from hub.order_records import find_by_channel_number, insert_order, next_daily_serial, order_of
from hub.tables import InboxRejectRow, StoreRow
from sync.protocol import OrderData

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InboxReject:
    """A channel payload set aside because it could not become an order."""

    channel: Channel
    store_id: str
    error: str
    raw: str
    received_at: datetime


def simulated_payload(
    session: Session,
    store: StoreRow,
    channel: Channel,
    *,
    now: datetime,
    rng: random.Random,
    catalogue: Catalogue,
    fulfilment: FulfilmentMode | None = None,
    deliver_at: datetime | None = None,
) -> dict[str, Any]:
    """A new paid order as `channel` would push it to the hub right now."""
    adapter = ADAPTERS[channel]
    serial = next_daily_serial(session, store.store_id, channel, now)
    draft = draft_order(
        rng,
        catalogue,
        store_code=store.code,
        channel=channel,
        channel_order_no=adapter.order_number(now, serial, rng),
        daily_serial=serial,
        placed_at=now,
        fulfilment=fulfilment,
        deliver_at=deliver_at,
    )
    return adapter.render(draft)


def take_in(
    session: Session,
    store: StoreRow,
    channel: Channel,
    raw: object,
    *,
    now: datetime,
    catalogue: Catalogue,
) -> OrderData | None:
    """Turn a channel payload into a stored new order, or set it aside and return None.

    A payload for an order the hub already has (a channel re-push) returns that order unchanged.
    """
    context = IntakeContext(
        store_id=store.store_id,
        store_code=store.code,
        received_at=now,
        next_daily_serial=next_daily_serial(session, store.store_id, channel, now),
        catalogue=catalogue,
    )
    try:
        if not isinstance(raw, dict):
            raise ChannelPayloadError(f"{channel.value}: payload is not a JSON object")
        order = ADAPTERS[channel].normalise(raw, context)
    except ChannelPayloadError as exc:
        _set_aside(session, store.store_id, channel, raw, error=str(exc), now=now)
        return None
    known = find_by_channel_number(session, channel, order.channel_order_no)
    if known is not None:
        return order_of(known)
    insert_order(session, order)
    return order


def inbox_rejects(session: Session) -> list[InboxReject]:
    """Every payload set aside, oldest first."""
    rows = session.scalars(select(InboxRejectRow).order_by(InboxRejectRow.reject_id))
    return [
        InboxReject(
            channel=Channel(row.channel),
            store_id=row.store_id,
            error=row.error,
            raw=row.raw,
            received_at=row.received_at,
        )
        for row in rows
    ]


def _set_aside(
    session: Session, store_id: str, channel: Channel, raw: object, *, error: str, now: datetime
) -> None:
    try:
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(raw)
    session.add(
        InboxRejectRow(
            store_id=store_id, channel=channel.value, error=error, raw=text, received_at=now
        )
    )
    logger.warning("Set aside a %s payload the hub cannot use: %s", channel.value, error)
