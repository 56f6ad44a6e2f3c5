"""Building the unified OrderData from the fields an adapter read out of a channel payload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from pydantic import ValidationError

from app.domain.channel_rules import CHANNEL_RULES
from app.domain.privacy import phone_forms
from app.domain.vocabulary import Channel, FulfilmentMode, OrderStatus, OutOfStockPreference
from app.domain.wire_limits import NAME_MAX, NOTE_MAX, PHONE_MAX, PRODUCT_NAME_MAX
from hub.catalogue import Product
from hub.channels.adapter import ChannelPayloadError, IntakeContext, unified_order_id
from hub.money import Promotion, apportion_promotions, paid_amounts
from hub.wire_text import fit_text
from sync.protocol import Customer, OrderData, OrderLine

DEFAULT_PREPARATION: Final = timedelta(minutes=15)
"""When the store is expected to have an ASAP order ready, counted from placement."""
RIDER_MARGIN: Final = timedelta(minutes=20)
"""How long before a booked delivery time the order must be ready for the rider."""


@dataclass(frozen=True, slots=True)
class ParsedLine:
    """One item as a channel described it."""

    sku: str
    name: str
    unit_price_cents: int
    quantity: int
    unit_weight_g: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedOrder:
    """Everything an adapter read from a payload, in unified units (cents, UTC)."""

    channel: Channel
    store_code: str
    channel_order_no: str
    daily_serial: int
    fulfilment: FulfilmentMode
    customer_name: str
    phone_reported: str
    """The customer's number as the channel sent it: a privacy number in full, or masked."""
    preference: OutOfStockPreference
    note: str
    lines: tuple[ParsedLine, ...]
    goods_cents: int
    discount_cents: int
    delivery_fee_cents: int
    paid_cents: int
    deliver_by: datetime | None = None
    promotions: tuple[ParsedPromotion, ...] = ()
    """The promotions on goods one by one, when the channel itemises them (their sum is
    `discount_cents`); none: the discount is spread over every line."""


@dataclass(frozen=True, slots=True)
class ParsedPromotion:
    """One promotion on goods as a channel described it."""

    label: str
    cents: int
    skus: tuple[str, ...] | None = None
    """The SKUs it covers; None: the whole order."""


def build_order(parsed: ParsedOrder, context: IntakeContext) -> OrderData:
    """The new unified order for `parsed`, with discounts apportioned to lines.

    Raises ChannelPayloadError when the amounts do not add up, an item is unknown to the
    catalogue, or the result breaks the wire schema.
    """
    amounts = [line.unit_price_cents * line.quantity for line in parsed.lines]
    _check_order(parsed, context, sum(amounts))
    order_id = unified_order_id(parsed.channel, parsed.channel_order_no)
    paid = _paid_per_line(parsed, amounts)
    times = order_times(parsed.channel, context.received_at, parsed.deliver_by)
    try:
        lines = [
            _unified_line(f"{order_id}-L{index}", line, line_paid, context)
            for index, (line, line_paid) in enumerate(zip(parsed.lines, paid, strict=True), start=1)
        ]
        return OrderData(
            order_id=order_id,
            store_id=context.store_id,
            channel=parsed.channel,
            channel_order_no=parsed.channel_order_no,
            daily_serial=parsed.daily_serial,
            status=OrderStatus.NEW,
            fulfilment=parsed.fulfilment,
            customer=_customer(parsed),
            lines=lines,
            subtotal_cents=parsed.goods_cents,
            discount_cents=parsed.discount_cents,
            delivery_fee_cents=parsed.delivery_fee_cents,
            total_cents=parsed.paid_cents,
            note=fit_text(parsed.note, NOTE_MAX),
            pickup_code=pickup_code_of(parsed.channel, parsed.fulfilment, parsed.daily_serial),
            version=1,
            **times,
        )
    except ValidationError as exc:
        raise ChannelPayloadError(f"{parsed.channel_order_no}: {exc}") from None


def _paid_per_line(parsed: ParsedOrder, amounts: list[int]) -> list[int]:
    """What the customer paid per line: each promotion spread over the lines it covers."""
    if not parsed.promotions:
        return paid_amounts(amounts, parsed.discount_cents)
    number = parsed.channel_order_no
    if sum(promotion.cents for promotion in parsed.promotions) != parsed.discount_cents:
        raise ChannelPayloadError(f"{number}: the promotions do not add up to the discount")
    skus = [line.sku for line in parsed.lines]
    promotions = []
    for promotion in parsed.promotions:
        covers = frozenset(
            index
            for index, sku in enumerate(skus)
            if promotion.skus is None or sku in promotion.skus
        )
        if not covers:
            raise ChannelPayloadError(f"{number}: {promotion.label} covers no item of the order")
        promotions.append(Promotion(promotion.label, promotion.cents, covers))
    try:
        return apportion_promotions(amounts, promotions)
    except ValueError as error:
        raise ChannelPayloadError(f"{number}: {error}") from None


def _customer(parsed: ParsedOrder) -> Customer:
    try:
        return customer_of(parsed.customer_name, parsed.phone_reported, parsed.preference)
    except ValidationError as exc:
        raise ChannelPayloadError(f"{parsed.channel_order_no}: {exc}") from None


def customer_of(name: str, phone_reported: str, preference: OutOfStockPreference) -> Customer:
    """The customer as the store may see them, their texts cut to the wire's limits."""
    phone, masked = phone_forms(fit_text(phone_reported, PHONE_MAX))
    return Customer(
        name=fit_text(name, NAME_MAX),
        phone=fit_text(phone, PHONE_MAX),
        phone_masked=fit_text(masked, PHONE_MAX),
        out_of_stock_preference=preference,
    )


def order_times(
    channel: Channel, placed_at: datetime, deliver_by: datetime | None
) -> dict[str, datetime | None]:
    """An order's times: placed, accept-by, expected ready and, for a booked order, when it is
    for and when the store should start on it (its acceptance window opens then)."""
    expected_ready = _expected_ready(deliver_by, placed_at)
    window = CHANNEL_RULES[channel].accept_window
    prepare_at = _prepare_at(deliver_by, placed_at, expected_ready, window)
    return {
        "placed_at": placed_at,
        "accept_by": (prepare_at or placed_at) + window,
        "expected_ready_at": expected_ready,
        "scheduled_for": None if prepare_at is None else deliver_by,
        "prepare_at": prepare_at,
    }


def _check_order(parsed: ParsedOrder, context: IntakeContext, line_total: int) -> None:
    number = parsed.channel_order_no
    if parsed.store_code != context.store_code:
        raise ChannelPayloadError(
            f"{number}: order for store {parsed.store_code!r}, not {context.store_code!r}"
        )
    if not parsed.lines:
        raise ChannelPayloadError(f"{number}: order has no items")
    if line_total != parsed.goods_cents:
        raise ChannelPayloadError(
            f"{number}: items add up to {line_total} cents, order says {parsed.goods_cents}"
        )
    if parsed.discount_cents > parsed.goods_cents:
        raise ChannelPayloadError(f"{number}: discount exceeds the goods total")
    expected = parsed.goods_cents - parsed.discount_cents + parsed.delivery_fee_cents
    if expected != parsed.paid_cents:
        raise ChannelPayloadError(
            f"{number}: paid {parsed.paid_cents} cents, but goods − discount + delivery fee"
            f" is {expected}"
        )


def _unified_line(
    line_id: str, line: ParsedLine, paid_cents: int, context: IntakeContext
) -> OrderLine:
    product = context.catalogue.find(line.sku)
    if product is None:
        raise ChannelPayloadError(f"unknown item code {line.sku!r}")
    return catalogue_line(line_id, product, line, paid_cents)


def catalogue_line(line_id: str, product: Product, line: ParsedLine, paid_cents: int) -> OrderLine:
    """The order line of `product` as the channel described it (name, price, quantity)."""
    unit_weight = line.unit_weight_g or product.portion_g
    return OrderLine(
        line_id=line_id,
        sku=product.sku,
        name=fit_text(line.name, PRODUCT_NAME_MAX) or product.name,
        name_en=product.name_en,
        barcode=product.barcode,
        quantity=line.quantity,
        unit_price_cents=line.unit_price_cents,
        paid_cents=paid_cents,
        weighed=product.weighed,
        # For weighed goods the line's total target weight: what the picker puts on the scale.
        ordered_weight_g=unit_weight * line.quantity if product.weighed and unit_weight else None,
        category=product.category,
        location=product.location,
    )


def _expected_ready(deliver_by: datetime | None, placed_at: datetime) -> datetime:
    if deliver_by is not None and deliver_by - RIDER_MARGIN > placed_at:
        return deliver_by - RIDER_MARGIN
    return placed_at + DEFAULT_PREPARATION


def _prepare_at(
    deliver_by: datetime | None, placed_at: datetime, expected_ready: datetime, window: timedelta
) -> datetime | None:
    """When the store should start on a booked order; None when it is due at once anyway."""
    if deliver_by is None:
        return None
    start = expected_ready - DEFAULT_PREPARATION
    return start if start > placed_at + window else None


def pickup_code_of(channel: Channel, fulfilment: FulfilmentMode, daily_serial: int) -> str | None:
    """The pickup code an order has from the start, if any."""
    # Takeout platforms tell pickup customers the daily serial; the brand's own channel has
    # the store assign a code on acceptance instead.
    rules = CHANNEL_RULES[channel]
    if fulfilment is FulfilmentMode.PICKUP and not rules.assigns_pickup_code:
        return str(daily_serial)
    return None
