"""The brand's own mini-program: its order payload in cents, its status and reason codes."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final

from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, FulfilmentMode, OutOfStockPreference
from hub.channels.adapter import ChannelAction, ChannelCodeTable, ChannelPush, IntakeContext
from hub.channels.order_draft import DraftPromotion, OrderDraft
from hub.channels.payload_reader import PayloadReader
from hub.channels.unified_order import ParsedLine, ParsedOrder, ParsedPromotion, build_order
from hub.clock import local_time
from sync.protocol import OrderData

CODES: Final = ChannelCodeTable(
    # The brand's order service uses the middleware-style numeric statuses.
    actions=MappingProxyType(
        {
            ChannelAction.ACCEPT: "20",
            ChannelAction.REJECT: "35",
            ChannelAction.READY: "70",
            ChannelAction.HAND_OVER: "90",
            ChannelAction.CANCEL: "110",
            ChannelAction.EXPIRE: "120",
            ChannelAction.SET_PICKUP_CODE: "25",
            ChannelAction.AGREE_CANCEL: "111",
            ChannelAction.DISAGREE_CANCEL: "112",
            ChannelAction.AGREE_REFUND: "131",
            ChannelAction.DISAGREE_REFUND: "132",
            ChannelAction.REPLY_REMINDER: "140",
            ChannelAction.PARTIAL_REFUND: "150",
            ChannelAction.SUBSTITUTE: "160",
        }
    ),
    reject_reasons=MappingProxyType(
        {
            RejectReason.SOLD_OUT: "ITEM_SOLD_OUT",
            RejectReason.TOO_BUSY: "STORE_BUSY",
            RejectReason.CLOSING: "STORE_CLOSING",
        }
    ),
    expiry_reason="STORE_NO_RESPONSE",
    stock_out_preferences=MappingProxyType(
        {
            OutOfStockPreference.CONTACT_ME: "CONTACT_ME",
            OutOfStockPreference.REFUND_ITEM: "REFUND_ITEM",
            OutOfStockPreference.CANCEL_ORDER: "CANCEL_ORDER",
            OutOfStockPreference.SUBSTITUTE_SIMILAR: "SUBSTITUTE",
        }
    ),
)
_PICKUP_TYPES: Final[Mapping[str, FulfilmentMode]] = MappingProxyType(
    {"SELF_PICKUP": FulfilmentMode.PICKUP, "DELIVERY": FulfilmentMode.DELIVERY}
)


class MiniProgramAdapter:
    """Mini-program payloads: amounts in cents, no daily serial (the hub numbers them)."""

    channel: Final = Channel.MINIPROGRAM
    display_name: Final = "Mini-program"
    codes: Final = CODES

    def order_number(self, placed_at: datetime, daily_serial: int, rng: random.Random) -> str:
        """An order number like MP20250301120305 0007 (time, then a per-day counter)."""
        del rng  # the brand's numbers carry no random part
        return f"MP{local_time(placed_at):%Y%m%d%H%M%S}{daily_serial:04d}"

    def render(self, draft: OrderDraft) -> dict[str, Any]:
        """The paid-order callback of the brand's order service."""
        pickup_type = "SELF_PICKUP" if draft.fulfilment is FulfilmentMode.PICKUP else "DELIVERY"
        return {
            "orderNo": draft.channel_order_no,
            "storeCode": draft.store_code,
            "createTime": int(draft.placed_at.timestamp() * 1000),
            "payStatus": "PAID",
            "pickupType": pickup_type,
            "items": [
                {
                    "skuId": line.product.sku,
                    "skuName": line.product.name,
                    "barcode": line.product.barcode,
                    "qty": line.quantity,
                    "salePrice": line.product.price_cents,
                    "weightG": line.product.portion_g,
                }
                for line in draft.lines
            ],
            "goodsAmount": draft.goods_cents,
            "couponAmount": draft.discount_cents,
            "coupons": [_coupon(promotion) for promotion in draft.promotions],
            "freightAmount": draft.delivery_fee_cents,
            "payAmount": draft.paid_cents,
            "buyer": {"nickName": draft.nickname, "mobile": draft.phone},
            "remark": draft.note,
            "stockoutPolicy": CODES.stock_out_preferences[draft.preference],
            "appointTime": None
            if draft.deliver_at is None
            else int(draft.deliver_at.timestamp() * 1000),
        }

    def normalise(self, raw: Mapping[str, Any], context: IntakeContext) -> OrderData:
        """The unified order for a mini-program callback; ChannelPayloadError if unusable."""
        payload = PayloadReader(raw, "miniprogram")
        if payload.text("payStatus") != "PAID":
            raise payload.fail("order is not paid")
        payload.integer("createTime", minimum=1)
        pickup_type = payload.text("pickupType")
        if pickup_type not in _PICKUP_TYPES:
            raise payload.fail(f"unknown pickupType {pickup_type!r}")
        buyer = PayloadReader(payload.value("buyer"), "miniprogram.buyer")
        parsed = ParsedOrder(
            channel=self.channel,
            store_code=payload.text("storeCode"),
            channel_order_no=payload.text("orderNo"),
            daily_serial=context.next_daily_serial,
            fulfilment=_PICKUP_TYPES[pickup_type],
            customer_name=buyer.text("nickName"),
            phone_reported=buyer.text("mobile"),
            preference=CODES.preference_of(payload.value("stockoutPolicy")),
            note=payload.optional_text("remark"),
            lines=tuple(_line(item) for item in payload.objects("items")),
            goods_cents=payload.integer("goodsAmount"),
            discount_cents=payload.integer("couponAmount"),
            promotions=tuple(
                _promotion(coupon)
                for coupon in (payload.objects("coupons") if payload.has("coupons") else [])
                if not coupon.has("freight") or not coupon.boolean("freight")
            ),
            delivery_fee_cents=payload.integer("freightAmount"),
            paid_cents=payload.integer("payAmount"),
            deliver_by=datetime.fromtimestamp(payload.integer("appointTime") / 1000, UTC)
            if payload.has("appointTime")
            else None,
        )
        return build_order(parsed, context)

    def status_push(
        self, action: ChannelAction, order: OrderData, reason: RejectReason | None, note: str
    ) -> ChannelPush:
        """The status callback to the brand's order service."""
        payload: dict[str, Any] = {
            "orderNo": order.channel_order_no,
            "status": int(CODES.actions[action]),
        }
        if action is ChannelAction.REJECT and reason is not None:
            payload |= {"reasonCode": CODES.reject_reasons[reason], "reasonText": note}
        elif action is ChannelAction.EXPIRE:
            payload |= {"reasonCode": CODES.expiry_reason}
        elif action is ChannelAction.REPLY_REMINDER:
            remind_id, _, content = note.partition("|")
            payload |= {"remindId": remind_id, "replyText": content}
        elif note:
            payload |= {"reasonText": note}
        if order.pickup_code:
            payload["pickupCode"] = order.pickup_code
        return ChannelPush(code=CODES.actions[action], payload=payload)


def _coupon(promotion: DraftPromotion) -> dict[str, Any]:
    """One promotion as the mini-program lists it: fen, and the items it covers (null: all)."""
    return {
        "name": promotion.label,
        "amount": promotion.cents,
        "freight": promotion.delivery,
        "skuIds": None if promotion.skus is None or promotion.delivery else list(promotion.skus),
    }


def _promotion(coupon: PayloadReader) -> ParsedPromotion:
    skus = tuple(coupon.strings("skuIds")) if coupon.has("skuIds") else None
    return ParsedPromotion(coupon.optional_text("name"), coupon.integer("amount"), skus)


def _line(item: PayloadReader) -> ParsedLine:
    return ParsedLine(
        sku=item.text("skuId"),
        name=item.text("skuName"),
        unit_price_cents=item.integer("salePrice"),
        quantity=item.integer("qty", minimum=1),
        unit_weight_g=item.integer("weightG", minimum=1) if item.has("weightG") else None,
    )


MINIPROGRAM: Final = MiniProgramAdapter()
