"""Orders arriving from channels: normalised, de-duplicated, unreadable ones exception orders."""

from __future__ import annotations

import json
import logging
import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.vocabulary import Channel, FulfilmentMode
from hub.catalogue import Catalogue
from hub.channels import ADAPTERS, ChannelPayloadError, IntakeContext
from hub.channels.exception_build import exception_order
from hub.channels.gleaner import Problems
from hub.channels.order_draft import draft_order
from hub.channels.salvage import NotAnOrder, salvage
from hub.orders.order_records import (
    find_by_channel_number,
    insert_order,
    next_daily_serial,
    order_of,
)
from hub.publishing.feed import note_channel_intake_reject
from hub.storage.tables import ChannelPayloadRow, InboxRejectRow, StoreRow
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
    """Turn a channel payload into a stored order: a new one when it reads in full, else an
    exception order (every problem listed, the raw payload kept). A payload that is no order
    of this store at all is set aside (counted in the store's `channel_intake` record) and
    None returned. A payload for an order the hub already has (a channel re-push) returns
    that order unchanged.
    """
    context = IntakeContext(
        store_id=store.store_id,
        store_code=store.code,
        received_at=now,
        next_daily_serial=next_daily_serial(session, store.store_id, channel, now),
        catalogue=catalogue,
    )
    if not isinstance(raw, dict):
        _set_aside(
            session, store.store_id, channel, raw, error="payload is not a JSON object", now=now
        )
        return None
    try:
        order = ADAPTERS[channel].normalise(raw, context)
    except ChannelPayloadError as exc:
        return _salvage(session, channel, raw, context, strict_error=str(exc))
    known = find_by_channel_number(session, channel, order.channel_order_no)
    if known is not None:
        return order_of(known)
    insert_order(session, order)
    return order


def _salvage(
    session: Session,
    channel: Channel,
    raw: dict[str, Any],
    context: IntakeContext,
    *,
    strict_error: str,
) -> OrderData | None:
    """The exception order of a payload the adapter could not read, or None (set aside)."""
    problems = Problems()
    now = context.received_at
    try:
        read = salvage(channel, raw, context.store_code, problems)
    except NotAnOrder as not_an_order:
        _set_aside(session, context.store_id, channel, raw, error=str(not_an_order), now=now)
        return None
    known = find_by_channel_number(session, channel, read.channel_order_no)
    if known is not None:
        return order_of(known)
    payload_id = f"payload-{uuid.uuid4().hex[:20]}"
    try:
        order = exception_order(read, problems, context, payload_id, strict_error)
    except (ValidationError, ValueError) as error:  # a gap in the salvage: keep the payload
        logger.exception("Could not build the exception order of a %s payload", channel.value)
        _set_aside(
            session,
            context.store_id,
            channel,
            raw,
            error=f"{strict_error} ({error.__class__.__name__})",
            now=now,
        )
        return None
    session.add(
        ChannelPayloadRow(
            payload_id=payload_id,
            store_id=context.store_id,
            channel=channel.value,
            channel_order_no=read.channel_order_no,
            raw=raw_text(raw),
            received_at=now,
        )
    )
    insert_order(session, order)
    assert order.exception is not None
    logger.warning(
        "Took in %s order %s as an exception order: %s",
        channel.value,
        read.channel_order_no,
        "; ".join(problem.message for problem in order.exception.problems),
    )
    return order


def raw_text(raw: object) -> str:
    """A payload as text to keep: JSON where it is JSON, lone surrogates escaped."""
    try:
        text = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return repr(raw)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(raw, ensure_ascii=True, sort_keys=True)
    return text


def raw_payload(session: Session, payload_id: str) -> str | None:
    """The raw payload kept for an exception order, or None."""
    row = session.get(ChannelPayloadRow, payload_id)
    return None if row is None else row.raw


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
    message = f"{channel.value}: {error}"
    session.add(
        InboxRejectRow(
            store_id=store_id,
            channel=channel.value,
            error=message,
            raw=raw_text(raw),
            received_at=now,
        )
    )
    note_channel_intake_reject(session, store_id, channel, message, now)
    logger.warning("Set aside a %s payload that is no order: %s", channel.value, error)
