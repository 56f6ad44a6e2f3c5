"""Eleme-style takeout: its order message with item baskets, its status and reason codes."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final

from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, FulfilmentMode, OutOfStockPreference
from hub.channels.adapter import ChannelAction, ChannelCodeTable, ChannelPush, IntakeContext
from hub.channels.order_draft import DraftLine, DraftPromotion, OrderDraft
from hub.channels.payload_reader import PayloadReader
from hub.channels.unified_order import ParsedLine, ParsedOrder, ParsedPromotion, build_order
from hub.clock import local_time
from hub.money import yuan_from_cents
from sync.protocol import OrderData

CODES: Final = ChannelCodeTable(
    actions=MappingProxyType(
        {
            ChannelAction.ACCEPT: "eleme.order.confirmOrderLite",
            ChannelAction.REJECT: "eleme.order.cancelOrderLite",
            ChannelAction.READY: "eleme.order.mealComplete",
            ChannelAction.HAND_OVER: "eleme.order.deliveryBySelfLite",
            ChannelAction.CANCEL: "eleme.order.cancelOrderLite",
            ChannelAction.EXPIRE: "eleme.order.cancelOrderLite",
            ChannelAction.SET_PICKUP_CODE: "eleme.order.setPickupCode",
            ChannelAction.AGREE_CANCEL: "eleme.order.agreeRefundLite",
            ChannelAction.DISAGREE_CANCEL: "eleme.order.disagreeRefundLite",
            ChannelAction.AGREE_REFUND: "eleme.order.agreeRefundLite",
            ChannelAction.DISAGREE_REFUND: "eleme.order.disagreeRefundLite",
            ChannelAction.REPLY_REMINDER: "eleme.order.replyReminder",
            ChannelAction.PARTIAL_REFUND: "eleme.order.partRefund",
            ChannelAction.SUBSTITUTE: "eleme.order.replaceGoods",
        }
    ),
    reject_reasons=MappingProxyType(
        {
            RejectReason.SOLD_OUT: "foodSoldOut",
            RejectReason.TOO_BUSY: "restaurantTooBusy",
            RejectReason.CLOSING: "restaurantClosed",
            RejectReason.OTHER: "others",
        }
    ),
    expiry_reason="forceRejectOrder",
    stock_out_preferences=MappingProxyType(
        {
            OutOfStockPreference.CONTACT_ME: 1,
            OutOfStockPreference.REFUND_ITEM: 2,
            OutOfStockPreference.CANCEL_ORDER: 3,
            OutOfStockPreference.SUBSTITUTE_SIMILAR: 4,
        }
    ),
)
_ANSWERS: Final = frozenset(
    {
        ChannelAction.AGREE_CANCEL,
        ChannelAction.DISAGREE_CANCEL,
        ChannelAction.AGREE_REFUND,
        ChannelAction.DISAGREE_REFUND,
    }
)
_BASKET_SIZE: Final = 3
"""Eleme splits big orders into numbered baskets (1号篮子, 2号篮子...)."""


DELIVERY_ACTIVITY: Final = "deliver"
"""`activities` type of a delivery subsidy: already off `deliverFee`, no item's price."""


class ElemeAdapter:
    """Eleme-style payloads: camelCase fields, yuan floats, items grouped in baskets."""

    channel: Final = Channel.ELEME
    display_name: Final = "Eleme"
    codes: Final = CODES

    def order_number(self, placed_at: datetime, daily_serial: int, rng: random.Random) -> str:
        """A 19-digit Eleme order id."""
        day = local_time(placed_at).strftime("%y%m%d")
        return f"30{day}{daily_serial:05d}{rng.randint(0, 999_999):06d}"

    def render(self, draft: OrderDraft) -> dict[str, Any]:
        """The order-created message, as Eleme pushes it."""
        baskets = [
            draft.lines[start : start + _BASKET_SIZE]
            for start in range(0, len(draft.lines), _BASKET_SIZE)
        ]
        activities = [_activity(promotion) for promotion in draft.promotions]
        return {
            "id": draft.channel_order_no,
            "openId": draft.store_code,
            "daySn": draft.daily_serial,
            "createdAt": local_time(draft.placed_at).isoformat(timespec="seconds"),
            "book": draft.deliver_at is not None,
            "deliverTime": None
            if draft.deliver_at is None
            else local_time(draft.deliver_at).isoformat(timespec="seconds"),
            "selfPickup": draft.fulfilment is FulfilmentMode.PICKUP,
            "consignee": f"{draft.surname}{draft.title}",
            "phoneList": [draft.phone],
            "description": draft.note,
            "stockOutHandle": CODES.stock_out_preferences[draft.preference],
            "groups": [
                {
                    "name": f"{number}号篮子",
                    "type": "normal",
                    "items": [_item(line) for line in basket],
                }
                for number, basket in enumerate(baskets, start=1)
            ],
            "originalPrice": yuan_from_cents(draft.goods_cents + draft.delivery_fee_cents),
            "deliverFee": yuan_from_cents(draft.delivery_fee_cents),
            "activities": activities,
            "totalPrice": yuan_from_cents(draft.paid_cents),
        }

    def normalise(self, raw: Mapping[str, Any], context: IntakeContext) -> OrderData:
        """The unified order for an Eleme message; ChannelPayloadError if it is unusable."""
        payload = PayloadReader(raw, "eleme")
        _parse_time(payload, "createdAt")
        phones = payload.strings("phoneList")
        if not phones:
            raise payload.fail("phoneList is empty")
        fee = payload.yuan("deliverFee")
        lines = tuple(
            _line(item) for group in payload.objects("groups") for item in group.objects("items")
        )
        promotions = tuple(
            _promotion(activity)
            for activity in payload.objects("activities")
            if not activity.has("type") or activity.text("type") != DELIVERY_ACTIVITY
        )
        parsed = ParsedOrder(
            channel=self.channel,
            store_code=payload.text("openId"),
            channel_order_no=payload.text("id"),
            daily_serial=payload.integer("daySn", minimum=1),
            fulfilment=FulfilmentMode.PICKUP
            if payload.boolean("selfPickup")
            else FulfilmentMode.DELIVERY,
            customer_name=payload.text("consignee"),
            phone_reported=phones[0],
            preference=CODES.preference_of(payload.value("stockOutHandle")),
            note=payload.optional_text("description"),
            lines=lines,
            goods_cents=payload.yuan("originalPrice") - fee,
            discount_cents=sum(promotion.cents for promotion in promotions),
            promotions=promotions,
            delivery_fee_cents=fee,
            paid_cents=payload.yuan("totalPrice"),
            deliver_by=_parse_time(payload, "deliverTime") if payload.has("deliverTime") else None,
        )
        return build_order(parsed, context)

    def status_push(
        self, action: ChannelAction, order: OrderData, reason: RejectReason | None, note: str
    ) -> ChannelPush:
        """The Eleme API call for `action`; cancellations carry Eleme's cancel type."""
        payload: dict[str, Any] = {"orderId": order.channel_order_no}
        if action is ChannelAction.REJECT and reason is not None:
            payload |= {"type": CODES.reject_reasons[reason], "remark": note}
        elif action is ChannelAction.EXPIRE:
            payload |= {"type": CODES.expiry_reason, "remark": "商户超时未接单"}
        elif action is ChannelAction.SET_PICKUP_CODE:
            payload |= {"pickupCode": order.pickup_code}
        elif action is ChannelAction.REPLY_REMINDER:
            payload |= {"remindId": note.partition("|")[0], "content": note.partition("|")[2]}
        elif action in _ANSWERS:
            payload |= {"reason": note}
        return ChannelPush(code=CODES.actions[action], payload=payload)


def _activity(promotion: DraftPromotion) -> dict[str, Any]:
    """One promotion as Eleme lists it: a negative amount; goods ones name their items."""
    activity: dict[str, Any] = {
        "name": promotion.label,
        "amount": -yuan_from_cents(promotion.cents),
        "type": DELIVERY_ACTIVITY if promotion.delivery else "goods",
    }
    if promotion.skus is not None and not promotion.delivery:
        activity["extendCodes"] = list(promotion.skus)
    return activity


def _promotion(activity: PayloadReader) -> ParsedPromotion:
    amount = activity.value("amount")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount > 0:
        raise activity.fail("activity amount must be a negative number of yuan")
    cents = PayloadReader({"amount": -amount}, "eleme.activity").yuan("amount")
    skus = tuple(activity.strings("extendCodes")) if activity.has("extendCodes") else None
    return ParsedPromotion(activity.optional_text("name"), cents, skus)


def _item(line: DraftLine) -> dict[str, Any]:
    product = line.product
    item: dict[str, Any] = {
        "id": int(product.barcode[-8:]),
        "extendCode": product.sku,
        "name": product.name,
        "price": yuan_from_cents(product.price_cents),
        "quantity": line.quantity,
        "total": yuan_from_cents(line.amount_cents),
    }
    if product.portion_g is not None:
        item["weight"] = product.portion_g / 1000
    return item


def _line(item: PayloadReader) -> ParsedLine:
    weight_g: int | None = None
    if item.has("weight"):
        kilos = item.value("weight")
        if isinstance(kilos, bool) or not isinstance(kilos, int | float) or kilos <= 0:
            raise item.fail("weight must be a positive number of kilograms")
        weight_g = round(kilos * 1000)
    return ParsedLine(
        sku=item.text("extendCode"),
        name=item.text("name"),
        unit_price_cents=item.yuan("price"),
        quantity=item.integer("quantity", minimum=1),
        unit_weight_g=weight_g,
    )


def _parse_time(payload: PayloadReader, key: str) -> datetime:
    text = payload.text(key)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise payload.fail(f"field {key!r} is not an ISO time: {text!r}") from None
    if moment.tzinfo is None:
        raise payload.fail(f"field {key!r} has no UTC offset")
    return moment.astimezone(UTC)


ELEME: Final = ElemeAdapter()
